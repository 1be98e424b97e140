//! Memorizing some of the neurons of a network: [`memorize_part`], [`memorize_part_until`].

use super::hash::{network_sha256, scores_sha256};
use super::part::{MemorizePart, PartNeuron};
use crate::Error;
use rsnn_neuron::Network;
use rsnn_optim::{MemorizeConfig, memorize_neurons};
use rsnn_signal::Score;
use std::time::Instant;

/// Memorizes `memories` in the neurons `neurons` of `network` only, as
/// [`rsnn_optim::memorize_network`] does for every neuron: the same problem per neuron, solved
/// by the same function with the same configuration ([`rsnn_optim::memorize_neurons`]), so each
/// neuron gets exactly the weights and report (up to the `seconds` it took) that memorizing the
/// whole network gives it. The network is not changed; the part holds the weights each neuron
/// has afterwards (the kept ones for a neuron not memorized) and the hashes that
/// [`super::merge_parts`] checks.
///
/// `neurons` may be in any order and hold repeats; the part lists each neuron once, sorted.
/// They are solved in parallel on the rayon thread pool; `progress(done, total)` is called
/// after each (from any thread). [`memorize_part_until`] can also be stopped.
///
/// # Errors
/// As [`rsnn_optim::memorize_network`], and [`rsnn_optim::OptimError::UnknownNeuron`] for a
/// neuron the network does not have.
pub fn memorize_part<F>(
    network: &Network,
    neurons: &[usize],
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
) -> Result<MemorizePart, Error>
where
    F: Fn(usize, usize) + Sync,
{
    memorize_part_until(network, neurons, memories, config, progress, || false)
}

/// [`memorize_part`] that can be stopped: `stop()` is called before each neuron starts (from
/// any thread); once it returns true no other neuron starts and the call returns
/// [`rsnn_optim::OptimError::Cancelled`] (as [`Error::Optim`]). With a `stop` that never
/// returns true, the part of [`memorize_part`].
///
/// # Errors
/// As [`memorize_part`], and [`rsnn_optim::OptimError::Cancelled`].
pub fn memorize_part_until<F, S>(
    network: &Network,
    neurons: &[usize],
    memories: &[Score],
    config: &MemorizeConfig,
    progress: F,
    stop: S,
) -> Result<MemorizePart, Error>
where
    F: Fn(usize, usize) + Sync,
    S: Fn() -> bool + Sync,
{
    let started = Instant::now();
    let mut ids = neurons.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let results = memorize_neurons(network, &ids, memories, config, progress, stop)?;
    let neurons = results
        .into_iter()
        .zip(&ids)
        .map(|(r, &id)| PartNeuron {
            weights: r
                .weights
                .unwrap_or_else(|| network.weights(id).unwrap_or_default()),
            report: r.report,
        })
        .collect();
    Ok(MemorizePart {
        network_sha256: network_sha256(network),
        scores_sha256: scores_sha256(memories),
        num_neurons: network.num_neurons(),
        memories: memories.len(),
        config: config.clone(),
        neurons,
        seconds: started.elapsed().as_secs_f64(),
    })
}
