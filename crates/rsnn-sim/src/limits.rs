//! The limits of the simulation layer (see docs/guide.md, section "Limits").
//!
//! Every size a configuration or a file sets is checked against them before anything is
//! allocated or simulated; a [`LimitExceeded`] error names the parameter, its value, the size
//! it implies and the limit.

use rsnn_signal::{LimitExceeded, SignalError, compact};
use serde::{Deserialize, Serialize};

/// The default limit on the simulated neuron-time `(end - start) * neurons`: each neuron
/// fires at most once per refractory period, so this bounds the spikes a run can record
/// (1e9: up to 8 GB of spike times in the worst case, far less in practice). Raise it with
/// [`SimLimits::max_neuron_time`] in [`SimulationConfig::limits`](crate::SimulationConfig).
pub const MAX_NEURON_TIME: f64 = 1e9;

/// The largest number of spikes of a history built by
/// [`history_from_score`](crate::history_from_score): `periods * spikes of the score`.
pub const MAX_HISTORY_SPIKES: f64 = 1e7;

/// The largest number of spikes [`Prompt::from_score`](crate::Prompt::from_score) replays:
/// `(window length / period + 1) * spikes per period of the prompted channels`.
pub const MAX_PROMPT_SPIKES: f64 = 1e7;

/// The largest dimension of the dense jitter map of the stability analysis with the dense
/// eigensolver (one row and one column per spike of the score and period of its state):
/// 20,000 take 3.2 GB for the matrix and as much again for the eigensolver. Raise it with
/// [`StabilityOptions::max_dense_dimension`](crate::stability::StabilityOptions); the Krylov
/// method does not build the matrix.
pub const MAX_STABILITY_SPIKES: f64 = 20_000.0;

/// The largest size of the sparse jitter map of the stability analysis: the weights it stores
/// (16 bytes each) and the entries of its state. 2.5e8 weights take 4 GB. Raise it with
/// [`JitterMap::new_within`](crate::stability::JitterMap::new_within).
pub const MAX_MAP_TERMS: f64 = 2.5e8;

/// The largest number of periods the kernel horizon spans in the stability analysis
/// (`horizon / period`, each a term of every lag sum): a huge `tau` or a tiny period exceeds it.
pub const MAX_HORIZON_PERIODS: f64 = 1e5;

/// Limits of one simulation run that a user may raise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimLimits {
    /// The largest simulated neuron-time `(end - start) * neurons` (default
    /// [`MAX_NEURON_TIME`]).
    pub max_neuron_time: f64,
}

impl Default for SimLimits {
    fn default() -> Self {
        Self {
            max_neuron_time: MAX_NEURON_TIME,
        }
    }
}

impl SimLimits {
    /// Whether these are the defaults (then they are not written to files).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Checks the span `[start, end)` of a run of `neurons` neurons.
    ///
    /// # Errors
    /// [`SignalError::Limit`] naming `end` (the span), with the neuron count as context.
    pub fn check_span(&self, start: f64, end: f64, neurons: usize) -> Result<(), SignalError> {
        let span = end - start;
        let size = span * neurons.max(1) as f64;
        LimitExceeded::check(size, self.max_neuron_time, |size| {
            LimitExceeded::new("end", end, size, "neuron-time units", self.max_neuron_time)
                .context(format!(
                    "a span of {} from {} with {neurons} neurons",
                    compact(span),
                    compact(start)
                ))
                .raise("raise `limits.max_neuron_time` of the simulation config")
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bounded_by_neuron_time() {
        let limits = SimLimits::default();
        assert!(limits.check_span(0.0, 1e6, 200).is_ok());
        let e = limits.check_span(0.0, 1e15, 200).unwrap_err();
        assert!(
            e.to_string()
                .contains("`end` = 1e15 gives 2e17 neuron-time units"),
            "{e}"
        );
        let e = limits.check_span(-1e308, 1e308, 1).unwrap_err();
        assert!(e.to_string().contains("inf"), "{e}");
    }
}
