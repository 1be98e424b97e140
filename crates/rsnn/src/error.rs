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
    /// [`crate::parts::merge_parts`] was given no part.
    #[error("no part to merge")]
    NoParts,
    /// A part of a memorization that is malformed or does not fit the network's inputs.
    #[error("{}: invalid part: {reason}", .path.display())]
    PartInvalid {
        /// The part's file.
        path: std::path::PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A part memorized from another network (weights aside) than the one given.
    #[error(
        "{}: memorized from another network (a part of a network of {part_neurons} neurons, \
         topology SHA-256 {}...; the network given has {neurons} neurons, SHA-256 {}...): \
         the sources, delays, kernel or threshold differ",
        .path.display(), crate::parts::short(.found), crate::parts::short(.expected)
    )]
    PartNetwork {
        /// The part's file.
        path: std::path::PathBuf,
        /// The number of neurons of the part's network.
        part_neurons: usize,
        /// The number of neurons of the network given.
        neurons: usize,
        /// The part's network hash.
        found: String,
        /// The hash of the network given.
        expected: String,
    },
    /// A part memorized from other scores than the reference part.
    #[error(
        "{}: memorized from other scores than {} (scores SHA-256 {}... and {}...): \
         memorize every part with the same score files in the same order",
        .path.display(), .reference.display(), crate::parts::short(.found),
        crate::parts::short(.expected)
    )]
    PartScores {
        /// The part's file.
        path: std::path::PathBuf,
        /// The part it is compared with.
        reference: std::path::PathBuf,
        /// The part's scores hash.
        found: String,
        /// The reference's scores hash.
        expected: String,
    },
    /// A part memorized with other parameters than the reference part.
    #[error(
        "{}: memorized with other parameters than {}: {}",
        .path.display(), .reference.display(), .fields.join("; ")
    )]
    PartSettings {
        /// The part's file.
        path: std::path::PathBuf,
        /// The part it is compared with.
        reference: std::path::PathBuf,
        /// Each parameter that differs, with both values.
        fields: Vec<String>,
    },
    /// Two parts that hold the same neurons.
    #[error(
        "{} and {} both hold neurons {}: every neuron must be in exactly one part",
        .path.display(), .other.display(), crate::parts::ranges(.neurons)
    )]
    PartOverlap {
        /// The later part.
        path: std::path::PathBuf,
        /// The earlier part.
        other: std::path::PathBuf,
        /// The neurons both hold.
        neurons: Vec<usize>,
    },
    /// Neurons that no part holds.
    #[error(
        "no part holds neurons {} (of the {total} of the network): memorize them as one more part",
        crate::parts::ranges(.neurons)
    )]
    PartsMissing {
        /// The neurons missing.
        neurons: Vec<usize>,
        /// The number of neurons of the network.
        total: usize,
    },
    /// A [`crate::pipeline::Progress`] asked to stop before a step.
    #[error("cancelled before the {stage} step")]
    Cancelled {
        /// The step that was not started.
        stage: &'static str,
    },
}

impl Error {
    /// Whether the error is a stop asked for by the caller rather than a failure:
    /// [`Error::Cancelled`] (before a step), [`rsnn_optim::OptimError::Cancelled`] (during a
    /// memorization) or [`rsnn_sim::SimError::Cancelled`] (during a stability analysis).
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            Self::Cancelled { .. }
                | Self::Optim(rsnn_optim::OptimError::Cancelled { .. })
                | Self::Sim(rsnn_sim::SimError::Cancelled { .. })
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<super::Error>();
    }

    #[test]
    fn cancelled_errors_of_every_layer_are_cancelled() {
        use super::Error;
        let before = Error::Cancelled { stage: "memorize" };
        assert_eq!(before.to_string(), "cancelled before the memorize step");
        let optim: Error = rsnn_optim::OptimError::Cancelled { done: 1, total: 4 }.into();
        let sim: Error = rsnn_sim::SimError::Cancelled {
            step: "Krylov iteration",
        }
        .into();
        assert!(before.is_cancelled() && optim.is_cancelled() && sim.is_cancelled());
        assert!(!Error::NoParts.is_cancelled());
    }
}
