//! The error type of the facade: any error of the layers.

/// An error of any rsnn layer, or of a recipe's parameters.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Spike trains, kernels, samplers, similarity, files.
    #[error(transparent)]
    Signal(#[from] rsnn_signal::SignalError),
    /// Neurons, networks, potentials.
    #[error(transparent)]
    Neuron(#[from] rsnn_neuron::NeuronError),
    /// Memorization.
    #[error(transparent)]
    Optim(#[from] rsnn_optim::OptimError),
    /// Simulation and stability analysis.
    #[error(transparent)]
    Sim(#[from] rsnn_sim::SimError),
    /// A recipe parameter is out of range.
    #[error("invalid parameter `{name}` = {}: {reason}", rsnn_signal::compact(*.value))]
    InvalidParameter {
        /// Name of the parameter.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// Memorization gave weights to none of the neurons.
    #[error(
        "none of the {neurons} neurons could be memorized: relax the template (e.g. a larger \
         weight bound)"
    )]
    NothingMemorized {
        /// Number of neurons.
        neurons: usize,
    },
    /// A file of a kind that no rsnn type reads.
    #[error("{}: unknown file kind `{kind}` (known: {})", .path.display(), crate::io::KINDS.join(", "))]
    UnknownKind {
        /// The file.
        path: std::path::PathBuf,
        /// Its kind.
        kind: String,
    },
    /// A [`crate::pipeline::Progress`] asked to stop before a step.
    #[error("cancelled before the {stage} step")]
    Cancelled {
        /// The step that was not started.
        stage: &'static str,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<super::Error>();
    }
}
