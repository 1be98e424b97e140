//! Memorizing a whole network, or some of its neurons: one independent problem per neuron,
//! solved in parallel (rayon), with progress and a stop check before each neuron.

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
/// configuration. Used by [`memorize_network`] and [`memorize_neurons`].
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
/// [`memorize_network_until`] can also be stopped.
///
/// # Errors
/// An invalid configuration, a silent level not below the network's threshold, no memory, a
/// memory without one channel per neuron, or a backend error (not an infeasibility).
pub fn memorize_network<F>(
    network: &mut Network,
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
) -> Result<NetworkReport, OptimError>
where
    F: Fn(usize, usize) + Sync,
{
    memorize_network_until(network, memories, config, progress, || false)
}

/// [`memorize_network`] that can be stopped: `stop()` is called before each neuron starts
/// (from any thread), and once it returns true no other neuron starts. The neurons already
/// being solved finish, then the call returns [`OptimError::Cancelled`] and `network` is
/// unchanged: weights are set only once every neuron is done. With a `stop` that never returns
/// true, the result is that of [`memorize_network`].
///
/// # Errors
/// As [`memorize_network`], and [`OptimError::Cancelled`].
pub fn memorize_network_until<F, S>(
    network: &mut Network,
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
    stop: S,
) -> Result<NetworkReport, OptimError>
where
    F: Fn(usize, usize) + Sync,
    S: Fn() -> bool + Sync,
{
    let started = Instant::now();
    let ids: Vec<usize> = (0..network.num_neurons()).collect();
    let results = memorize_neurons(network, &ids, memories, config, progress, stop)?;
    let mut reports = Vec::with_capacity(results.len());
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

/// Memorizes `memories` in the neurons `ids` of `network` (in any order, repeats allowed)
/// without changing the network: the result of each, in the order of `ids`, as
/// [`memorize_network`] computes it for every neuron (the same checks, the same problem
/// solved by the same function), so a neuron gets the same weights and report (up to the
/// `seconds` it took) whichever neurons are memorized with it. [`NeuronResult::weights`] is
/// None for a neuron not memorized.
///
/// The neurons are solved in parallel on the rayon thread pool; `progress(done, ids.len())`
/// is called after each and `stop()` before each (both from any thread): once `stop()` returns
/// true no other neuron starts, the ones being solved finish, and the call returns
/// [`OptimError::Cancelled`]. Pass `|| false` to run to the end.
///
/// # Errors
/// As [`memorize_network`]; [`OptimError::UnknownNeuron`] for an id the network does not have
/// (after the checks of [`validate_inputs`]); [`OptimError::Cancelled`].
pub fn memorize_neurons<F, S>(
    network: &Network,
    ids: &[usize],
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
    stop: S,
) -> Result<Vec<NeuronResult>, OptimError>
where
    F: Fn(usize, usize) + Sync,
    S: Fn() -> bool + Sync,
{
    let config = validate_inputs(network, memories, config)?;
    let count = network.num_neurons();
    if let Some(&id) = ids.iter().find(|&&id| id >= count) {
        return Err(OptimError::UnknownNeuron { id, count });
    }
    let backend = config.backend.backend()?;
    let total = ids.len();
    let done = AtomicUsize::new(0);
    ids.par_iter()
        .map(|&id| {
            if stop() {
                let done = done.load(Ordering::Relaxed);
                return Err(OptimError::Cancelled { done, total });
            }
            let r = memorize_neuron_with(network, id, memories, &config, backend.as_ref());
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            r
        })
        .collect()
}
