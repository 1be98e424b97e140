//! The error type of `rsnn-optim`.

use crate::backend::BackendKind;
use crate::config::Objective;

/// Everything that can go wrong in `rsnn-optim`.
///
/// An infeasible neuron is not an error: it is an outcome, reported in
/// [`NeuronReport`](crate::NeuronReport).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OptimError {
    /// A configuration parameter is out of its valid range.
    #[error("invalid parameter `{name}` = {}: {reason}", rsnn_signal::compact(*.value))]
    InvalidParameter {
        /// Name of the parameter (the field of [`MemorizeConfig`](crate::MemorizeConfig)).
        name: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// The silent level of the configuration is not below the network's nominal threshold.
    #[error(
        "invalid parameter `silent_level` = {silent_level}: must be below the network's threshold {threshold}"
    )]
    SilentLevelNotBelowThreshold {
        /// The silent level of the configuration.
        silent_level: f64,
        /// The nominal threshold of the network.
        threshold: f64,
    },
    /// The requested backend was not compiled into this build.
    #[error("backend `{backend}` is not compiled in (enable the cargo feature `{backend}`)")]
    BackendUnavailable {
        /// The requested backend.
        backend: BackendKind,
    },
    /// A parameter given by name is unknown or not available in this build.
    #[error("invalid parameter `{name}` = \"{value}\": {reason}")]
    InvalidChoice {
        /// Name of the parameter.
        name: &'static str,
        /// The value given.
        value: String,
        /// Why it cannot be used.
        reason: &'static str,
    },
    /// The backend cannot express the requested objective.
    #[error(
        "backend `{backend}` does not support the {} objective",
        .objective.description()
    )]
    Unsupported {
        /// The backend.
        backend: BackendKind,
        /// The objective it cannot express.
        objective: Objective,
    },
    /// A backend failed to set up or run the problem (not an infeasibility).
    #[error("backend `{backend}` failed: {message}")]
    Backend {
        /// The backend.
        backend: BackendKind,
        /// The backend's own description of the failure.
        message: String,
    },
    /// A row of a problem refers to a variable that does not exist, or a number is not finite.
    #[error("invalid problem: {what} (variable {index} of {num_vars})")]
    InvalidProblem {
        /// What is wrong.
        what: &'static str,
        /// The offending variable index.
        index: usize,
        /// The number of variables of the problem.
        num_vars: usize,
    },
    /// No memory (score) was given.
    #[error("at least one memory (score) is needed")]
    NoMemories,
    /// A memory does not have one channel per neuron.
    #[error("memory {memory} has {found} channels, but the network has {expected} neurons")]
    ChannelMismatch {
        /// Index of the memory.
        memory: usize,
        /// The number of neurons of the network.
        expected: usize,
        /// The number of channels of the memory.
        found: usize,
    },
    /// A neuron index is out of range.
    #[error("neuron {id} does not exist (the network has {count} neurons)")]
    UnknownNeuron {
        /// The requested neuron.
        id: usize,
        /// The number of neurons.
        count: usize,
    },
    /// The stop check of [`memorize_network_until`](crate::memorize_network_until) or
    /// [`memorize_neurons`](crate::memorize_neurons) asked to stop before every neuron was
    /// solved; nothing was changed.
    #[error("memorization cancelled after {done} of {total} neurons")]
    Cancelled {
        /// The neurons solved when the stop was seen (those being solved then finish too, but
        /// their results are discarded).
        done: usize,
        /// The neurons to memorize.
        total: usize,
    },
    /// An error of the neuron layer.
    #[error(transparent)]
    Neuron(#[from] rsnn_neuron::NeuronError),
    /// An error of the signal layer.
    #[error(transparent)]
    Signal(#[from] rsnn_signal::SignalError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<OptimError>();
    }

    #[test]
    fn messages_name_field_and_value() {
        let e = OptimError::InvalidParameter {
            name: "weight_bound",
            value: -1.0,
            reason: "must be finite and positive",
        };
        assert_eq!(
            e.to_string(),
            "invalid parameter `weight_bound` = -1: must be finite and positive"
        );
    }
}
