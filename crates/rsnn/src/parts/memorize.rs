//! Memorizing some of the neurons of a network: [`memorize_part`].

use super::hash::{network_sha256, scores_sha256};
use super::part::{MemorizePart, PartNeuron};
use crate::Error;
use rayon::prelude::*;
use rsnn_neuron::Network;
use rsnn_optim::{MemorizeConfig, NeuronResult, OptimError, memorize_neuron_with};
use rsnn_signal::Score;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Memorizes `memories` in the neurons `neurons` of `network` only, as
/// [`rsnn_optim::memorize_network`] does for every neuron: the same problem per neuron, solved
/// by the same function with the same configuration, so each neuron gets exactly the weights
/// and report (up to the `seconds` it took) that memorizing the whole network gives it. The
/// network is not changed; the part holds the weights each neuron has afterwards (the kept
/// ones for a neuron not memorized) and the hashes that [`super::merge_parts`] checks.
///
/// `neurons` may be in any order and hold repeats; the part lists each neuron once, sorted.
/// They are solved in parallel on the rayon thread pool; `progress(done, total)` is called
/// after each (from any thread).
///
/// # Errors
/// As [`rsnn_optim::memorize_network`], and [`OptimError::UnknownNeuron`] for a neuron the
/// network does not have.
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
    let started = Instant::now();
    let valid = rsnn_optim::validate_inputs(network, memories, config)?;
    let total = network.num_neurons();
    let mut ids = neurons.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if let Some(&id) = ids.iter().find(|&&id| id >= total) {
        return Err(OptimError::UnknownNeuron { id, count: total }.into());
    }
    let backend = valid.backend.backend()?;
    let done = AtomicUsize::new(0);
    let results: Vec<NeuronResult> = ids
        .par_iter()
        .map(|&id| {
            let r = memorize_neuron_with(network, id, memories, &valid, backend.as_ref());
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, ids.len());
            r
        })
        .collect::<Result<_, _>>()?;
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
        num_neurons: total,
        memories: memories.len(),
        config: config.clone(),
        neurons,
        seconds: started.elapsed().as_secs_f64(),
    })
}
