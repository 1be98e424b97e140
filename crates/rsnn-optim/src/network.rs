//! Memorizing a whole network: one independent problem per neuron, solved in parallel (rayon).

use crate::generation::{NeuronResult, memorize_neuron_with};
use crate::measure::check_threshold;
use crate::report::NetworkReport;
use crate::{MemorizeConfig, OptimError, ValidConfig};
use rayon::prelude::*;
use rsnn_neuron::Network;
use rsnn_signal::Score;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Checks what every memorization of `network` needs before any neuron is solved: a valid
/// configuration, a silent level below the network's threshold, at least one memory, one
/// channel per neuron in each memory, and a grid that fits each period. Returns the validated
/// configuration. Used by [`memorize_network`] and by the facade's partial memorization.
///
/// # Errors
/// The first of these checks that fails.
pub fn validate_inputs(
    network: &Network,
    memories: &[Score],
    config: &MemorizeConfig,
) -> Result<ValidConfig, OptimError> {
    let config = config.validate()?;
    check_threshold(&config, network)?;
    if memories.is_empty() {
        return Err(OptimError::NoMemories);
    }
    let total = network.num_neurons();
    for (memory, score) in memories.iter().enumerate() {
        crate::limits::check_grid(&config.mode, score.period())?;
        if score.num_channels() != total {
            return Err(OptimError::ChannelMismatch {
                memory,
                expected: total,
                found: score.num_channels(),
            });
        }
    }
    Ok(config)
}

/// Memorizes `memories` (each a score with one channel per neuron, each with its own period)
/// in `network`: every neuron gets the weights solving its problem for the union of the
/// memories' templates, with the firing equalities at the network's nominal threshold
/// ([`Network::threshold`]). Neurons whose problem is infeasible (or whose solve fails) keep their
/// weights and are listed in the report; nothing is ever set to NaN.
///
/// Neurons are solved in parallel on the rayon thread pool; the results do not depend on the
/// number of threads. `progress(done, total)` is called after each neuron (from any thread).
///
/// # Errors
/// An invalid configuration, a silent level not below the network's threshold, no memory, a memory without one channel per neuron, or a backend
/// error (not an infeasibility).
pub fn memorize_network<F>(
    network: &mut Network,
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
) -> Result<NetworkReport, OptimError>
where
    F: Fn(usize, usize) + Sync,
{
    let started = Instant::now();
    let config = validate_inputs(network, memories, config)?;
    let total = network.num_neurons();
    let backend = config.backend.backend()?;
    let done = AtomicUsize::new(0);
    let shared: &Network = network;
    let results: Vec<NeuronResult> = (0..total)
        .into_par_iter()
        .map(|id| {
            let r = memorize_neuron_with(shared, id, memories, &config, backend.as_ref());
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            r
        })
        .collect::<Result<_, _>>()?;
    let mut reports = Vec::with_capacity(total);
    for (id, result) in results.into_iter().enumerate() {
        if let Some(w) = result.weights {
            network.set_weights(id, &w)?;
        }
        reports.push(result.report);
    }
    Ok(NetworkReport {
        neurons: reports,
        seconds: started.elapsed().as_secs_f64(),
    })
}
