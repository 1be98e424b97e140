//! The error type of `rsnn-sim`.

use rsnn_neuron::NeuronError;
use rsnn_signal::{SignalError, compact};

/// Everything that can go wrong in `rsnn-sim`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// An error from `rsnn-signal` (spike trains, scores, files).
    #[error(transparent)]
    Signal(#[from] SignalError),
    /// An error from `rsnn-neuron` (networks).
    #[error(transparent)]
    Neuron(#[from] NeuronError),
    /// A numeric parameter is out of its valid range.
    #[error("invalid parameter `{name}` = {}: {reason}", compact(*.value))]
    InvalidParameter {
        /// Name of the parameter.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// Something that must have one entry per neuron has another count.
    #[error("`{what}` has {found} entries, but the network has {expected} neurons")]
    NeuronCount {
        /// What was counted (for instance `"history"`).
        what: &'static str,
        /// Number of neurons of the network.
        expected: usize,
        /// Number of entries found.
        found: usize,
    },
    /// A neuron id is out of range.
    #[error("neuron {neuron} does not exist (the network has {num_neurons} neurons)")]
    UnknownNeuron {
        /// The offending id.
        neuron: usize,
        /// Number of neurons.
        num_neurons: usize,
    },
    /// A history spike is not before the start of the simulation.
    #[error(
        "neuron {neuron}: history spike at {} is not before the start {}",
        compact(*.time), compact(*.start)
    )]
    HistoryNotBeforeStart {
        /// The neuron.
        neuron: usize,
        /// The offending spike time.
        time: f64,
        /// The start of the simulation.
        start: f64,
    },
    /// A prompt's window is empty, starts before the simulation or is not finite.
    #[error(
        "prompt of neuron {neuron}: window [{}, {}) is invalid: {reason}",
        compact(*.window_start), compact(*.window_end)
    )]
    InvalidPromptWindow {
        /// The prompted neuron.
        neuron: usize,
        /// Start of the window.
        window_start: f64,
        /// End of the window.
        window_end: f64,
        /// What the window must satisfy.
        reason: &'static str,
    },
    /// A replayed spike lies outside its prompt window.
    #[error(
        "prompt of neuron {neuron}: spike at {} is outside the window [{}, {})",
        compact(*.time), compact(*.window_start), compact(*.window_end)
    )]
    PromptSpikeOutsideWindow {
        /// The prompted neuron.
        neuron: usize,
        /// The offending spike time.
        time: f64,
        /// Start of the window.
        window_start: f64,
        /// End of the window.
        window_end: f64,
    },
    /// Two prompt windows of one neuron overlap.
    #[error(
        "neuron {neuron}: prompt windows starting at {} and {} overlap",
        compact(*.first), compact(*.second)
    )]
    OverlappingPrompts {
        /// The prompted neuron.
        neuron: usize,
        /// Start of the earlier window.
        first: f64,
        /// Start of the later window.
        second: f64,
    },
    /// A recorded spike lies outside the recording's time span.
    #[error(
        "neuron {neuron}: recorded spike at {} is outside [{}, {})",
        compact(*.time), compact(*.start), compact(*.end)
    )]
    SpikeOutsideRecording {
        /// The neuron.
        neuron: usize,
        /// The offending spike time.
        time: f64,
        /// Start of the recording.
        start: f64,
        /// End of the recording.
        end: f64,
    },
    /// A prescribed spike of the stability analysis has a zero (or negligible) slope
    /// denominator `z'(s_m)`, so its jitter update is undefined.
    #[error(
        "spike {spike} (neuron {neuron} at {}): the slope {} is too small for the jitter map (a \
         neuron that was not memorized can be clamped to the score)",
        compact(*.time), compact(*.slope)
    )]
    ZeroSlope {
        /// Index of the spike in the time-sorted list of all spikes of one period.
        spike: usize,
        /// The neuron that fires it.
        neuron: usize,
        /// Its time in `[0, period)`.
        time: f64,
        /// The slope `sum_j r_{m,j}`.
        slope: f64,
    },
    /// The eigenvalue solver did not converge.
    #[error("the eigenvalue solver did not converge on the {size}x{size} jitter map")]
    EigenNoConvergence {
        /// The dimension of the map.
        size: usize,
    },
    /// The Krylov eigensolver did not converge on the wanted eigenvalues within its restarts.
    #[error(
        "the Krylov eigensolver found {converged} of the {requested} largest eigenvalues of the \
         {size}x{size} jitter map within {restarts} restarts"
    )]
    KrylovNoConvergence {
        /// The dimension of the map.
        size: usize,
        /// The eigenvalues asked for.
        requested: usize,
        /// The eigenvalues that converged.
        converged: usize,
        /// The restarts allowed.
        restarts: usize,
    },
    /// The stop check of a stability analysis
    /// ([`analyze_until`](crate::stability::analyze_until)) asked to stop.
    #[error("stability analysis cancelled during the {step}")]
    Cancelled {
        /// What was under way: the construction of the jitter map, of its dense matrix, or
        /// the Krylov iteration.
        step: &'static str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<SimError>();
    }

    #[test]
    fn messages_name_the_field() {
        let e = SimError::InvalidParameter {
            name: "sigma",
            value: -1.0,
            reason: "must be finite and >= 0",
        };
        assert_eq!(
            e.to_string(),
            "invalid parameter `sigma` = -1: must be finite and >= 0"
        );
    }
}
