//! The arrivals a neuron sees when its sources repeat their periodic trains.

use crate::limits::MAX_PERIODIC_ARRIVALS;
use crate::{Neuron, NeuronError};
use rsnn_signal::{AlphaKernel, LimitExceeded, Score, SignalError, compact};

/// One arrival of a periodically repeated source spike at a neuron.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodicArrival {
    /// The arrival time (source spike time, of any period copy, plus the delay).
    pub time: f64,
    /// The input it arrives through (index into `neuron.inputs`).
    pub input: usize,
}

/// All arrivals that influence the potential of `neuron` on `[start, end)` when every source
/// `sources.channel(input.source)` repeats with its period: every copy arriving in
/// `(start - H, end)`, where `H = kernel.horizon(tolerance)` is the time after which the kernel
/// stays below `tolerance` (relative to its peak 1). Sorted by time, ties by input index.
///
/// # Errors
/// [`NeuronError::InvalidParameter`] for non-finite or inverted window ends,
/// [`SignalError::Limit`] naming `tau` for more than [`MAX_PERIODIC_ARRIVALS`] arrivals,
/// [`NeuronError::Signal`] for a bad `tolerance`, and [`NeuronError::MissingSourceTrain`] when
/// an input's source has no channel in `sources`.
pub fn periodic_arrivals(
    neuron: &Neuron,
    sources: &Score,
    kernel: AlphaKernel,
    start: f64,
    end: f64,
    tolerance: f64,
) -> Result<Vec<PeriodicArrival>, NeuronError> {
    if !start.is_finite() {
        return Err(NeuronError::InvalidParameter {
            name: "start",
            value: start,
            reason: "must be finite",
        });
    }
    if !(end.is_finite() && end >= start) {
        return Err(NeuronError::InvalidParameter {
            name: "end",
            value: end,
            reason: "must be finite and >= start",
        });
    }
    let horizon = kernel.horizon(tolerance)?;
    check_replay_size(neuron, sources, kernel, horizon, end - start)?;
    let mut out = Vec::new();
    for (input, x) in neuron.inputs.iter().enumerate() {
        let train = sources
            .channel(x.source)
            .ok_or(NeuronError::MissingSourceTrain {
                input,
                source_id: x.source,
                num_channels: sources.num_channels(),
            })?;
        let lo = start - horizon - x.delay;
        let hi = end - x.delay;
        out.extend(
            train
                .unrolled(lo, hi)
                .into_iter()
                .map(|s| s + x.delay)
                .filter(|&a| a > start - horizon && a < end)
                .map(|time| PeriodicArrival { time, input }),
        );
    }
    out.sort_by(|a, b| a.time.total_cmp(&b.time).then(a.input.cmp(&b.input)));
    Ok(out)
}

/// Refuses a replay that would collect more than [`MAX_PERIODIC_ARRIVALS`] arrivals.
fn check_replay_size(
    neuron: &Neuron,
    sources: &Score,
    kernel: AlphaKernel,
    horizon: f64,
    window: f64,
) -> Result<(), NeuronError> {
    let period = sources.period();
    let copies = (window + horizon) / period + 2.0;
    let spikes: f64 = neuron
        .inputs
        .iter()
        .map(|x| sources.channel(x.source).map_or(0, |c| c.times().len()) as f64)
        .sum();
    LimitExceeded::check(spikes * copies, MAX_PERIODIC_ARRIVALS, |size| {
        LimitExceeded::new(
            "tau",
            kernel.tau(),
            size,
            "periodic arrivals",
            MAX_PERIODIC_ARRIVALS,
        )
        .context(format!(
            "kernel horizon {}, period {}, window {}, {} input spikes per period",
            compact(horizon),
            compact(period),
            compact(window),
            compact(spikes)
        ))
    })
    .map_err(SignalError::from)?;
    Ok(())
}

/// The `(time, weight)` pairs of periodic arrivals, with the neuron's current weights (ready for
/// [`Arrivals::new`](crate::Arrivals::new)).
pub fn weighted(neuron: &Neuron, arrivals: &[PeriodicArrival]) -> Vec<(f64, f64)> {
    arrivals
        .iter()
        .filter_map(|a| neuron.inputs.get(a.input).map(|x| (a.time, x.weight)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Input;

    #[test]
    fn errors_name_the_problem() {
        let neuron = Neuron {
            inputs: vec![Input {
                source: 3,
                delay: 1.0,
                weight: 1.0,
            }],
        };
        let score = Score::new(10.0, vec![vec![1.0]]).unwrap();
        let k = AlphaKernel::default();
        assert!(matches!(
            periodic_arrivals(&neuron, &score, k, 0.0, 10.0, 1e-12),
            Err(NeuronError::MissingSourceTrain { source_id: 3, .. })
        ));
        let ok = Neuron::default();
        assert!(periodic_arrivals(&ok, &score, k, 0.0, f64::NAN, 1e-12).is_err());
        assert!(periodic_arrivals(&ok, &score, k, 5.0, 1.0, 1e-12).is_err());
        assert!(periodic_arrivals(&ok, &score, k, 0.0, 1.0, 0.0).is_err());
    }
}
