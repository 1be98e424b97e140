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
    #[error("invalid parameter `{name}` = {value}: {reason}")]
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
    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<super::Error>();
    }
}
