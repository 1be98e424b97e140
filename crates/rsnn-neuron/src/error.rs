//! The error type of `rsnn-neuron`.

use rsnn_signal::{SignalError, compact};

/// Everything that can go wrong in `rsnn-neuron`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NeuronError {
    /// An error from `rsnn-signal` (spike trains, kernel, files).
    #[error(transparent)]
    Signal(#[from] SignalError),
    /// An input names a source neuron that does not exist.
    #[error(
        "neuron {neuron}, input {input}: source {source_id} does not exist (the network has {num_neurons} neurons)"
    )]
    UnknownSource {
        /// The neuron owning the input.
        neuron: usize,
        /// Index of the input in the neuron.
        input: usize,
        /// The offending source id.
        source_id: usize,
        /// Number of neurons (valid sources are `0..num_neurons`).
        num_neurons: usize,
    },
    /// An input has a negative or non-finite delay.
    #[error(
        "neuron {neuron}, input {input}: delay {} must be finite, >= 0 and <= {}",
        compact(*.value), compact(crate::limits::MAX_DELAY)
    )]
    InvalidDelay {
        /// The neuron owning the input.
        neuron: usize,
        /// Index of the input in the neuron.
        input: usize,
        /// The offending delay.
        value: f64,
    },
    /// An input has a non-finite weight.
    #[error(
        "neuron {neuron}, input {input}: weight {} is not finite or exceeds {} in magnitude \
         (potentials would overflow)",
        compact(*.value), compact(crate::limits::MAX_ABS_WEIGHT)
    )]
    InvalidWeight {
        /// The neuron owning the input.
        neuron: usize,
        /// Index of the input in the neuron.
        input: usize,
        /// The offending weight.
        value: f64,
    },
    /// A neuron id is out of range.
    #[error("neuron {neuron} does not exist (the network has {num_neurons} neurons)")]
    UnknownNeuron {
        /// The offending id.
        neuron: usize,
        /// Number of neurons.
        num_neurons: usize,
    },
    /// A weight vector does not have one entry per input.
    #[error("neuron {neuron}: {found} weights given, but the neuron has {expected} inputs")]
    WeightCount {
        /// The neuron.
        neuron: usize,
        /// Number of inputs of the neuron.
        expected: usize,
        /// Number of weights given.
        found: usize,
    },
    /// An arrival has a non-finite time or weight.
    #[error(
        "arrival {index}: time {} and weight {} must be finite",
        compact(*.time), compact(*.weight)
    )]
    InvalidArrival {
        /// Index of the arrival in the given list.
        index: usize,
        /// Its time.
        time: f64,
        /// Its weight.
        weight: f64,
    },
    /// An input's source has no train in the score of sources.
    #[error(
        "input {input}: source {source_id} has no train in the score (it has {num_channels} channels)"
    )]
    MissingSourceTrain {
        /// Index of the input in the neuron.
        input: usize,
        /// The source id.
        source_id: usize,
        /// Number of channels in the score.
        num_channels: usize,
    },
    /// The nominal threshold of a network is not finite and positive.
    #[error(
        "invalid `threshold` = {}: the nominal threshold must be finite and > 0",
        compact(*.value)
    )]
    InvalidThreshold {
        /// The offending threshold.
        value: f64,
    },
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<NeuronError>();
    }

    #[test]
    fn messages_name_the_location() {
        let e = NeuronError::UnknownSource {
            neuron: 2,
            input: 7,
            source_id: 9,
            num_neurons: 3,
        };
        assert_eq!(
            e.to_string(),
            "neuron 2, input 7: source 9 does not exist (the network has 3 neurons)"
        );
    }
}
