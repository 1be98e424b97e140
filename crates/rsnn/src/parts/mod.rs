//! Memorization across machines: each machine memorizes some of the neurons
//! ([`memorize_part`], or [`memorize_part_until`] with a stop check) into a [`MemorizePart`] (file kind `memorize-part`), and
//! [`merge_parts`] assembles the parts into the memorized network and its report.
//!
//! The neurons of a network are independent problems (docs/model.md §5), so a part holds
//! exactly what memorizing the whole network gives its neurons, and the merge of parts that
//! cover every neuron once is the network a single run writes, weight for weight. A part
//! records the SHA-256 of the network without its weights and of the scores
//! ([`network_sha256`], [`scores_sha256`]: canonical byte encodings, independent of platform
//! and file encoding), the number of neurons and the parameters, so that the merge refuses
//! parts of another network, of other scores or with other parameters, parts that overlap, and
//! neurons no part holds.
//!
//! A neuron that could not be memorized (infeasible, failed) is in its part with the weights it
//! had in the input network and its report, as a single run leaves it; whether such a
//! memorization is accepted is the caller's choice (the `rsnn` command refuses it, when
//! memorizing a part as when merging, without `--allow-infeasible`).
//!
//! ```
//! use rand::SeedableRng;
//! use rand_chacha::ChaCha8Rng;
//! use rsnn::parts::{memorize_part, merge_parts};
//! use rsnn::prelude::*;
//!
//! let mut rng = ChaCha8Rng::seed_from_u64(7);
//! let score = ScoreSampler::new(20.0, 0.2)?.sample_score(&mut rng, 30)?;
//! let topology = TopologyConfig {
//!     num_neurons: 30,
//!     topology: Topology::FixedInDegree { k: 200 },
//!     ..Default::default()
//! };
//! let network = topology.sample(AlphaKernel::default(), &mut rng)?;
//! let config = MemorizeConfig { weight_bound: 0.5, ..Default::default() };
//! let scores = std::slice::from_ref(&score);
//! // Two machines, each with half of the neurons.
//! let first: Vec<usize> = (0..15).collect();
//! let second: Vec<usize> = (15..30).collect();
//! let a = memorize_part(&network, &first, scores, &config, |_, _| {})?;
//! let b = memorize_part(&network, &second, scores, &config, |_, _| {})?;
//! let merged = merge_parts(&network, &[("a.json".into(), a), ("b.json".into(), b)])?;
//! // The same network as one run on one machine.
//! let mut whole = network.clone();
//! let report = memorize_network(&mut whole, scores, &config, |_, _| {})?;
//! assert!(report.all_memorized() && merged.record.report.all_memorized());
//! assert_eq!(merged.network, whole);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod hash;
mod memorize;
mod merge;
mod part;
#[cfg(test)]
mod v1_tests;

pub use hash::{network_sha256, scores_sha256};
pub use memorize::{memorize_part, memorize_part_until};
pub use merge::{Merged, merge_parts};
pub use part::{MemorizePart, PartNeuron};

/// The most ranges [`ranges`] writes before `...`.
const MAX_RANGES: usize = 8;

/// Sorted neuron indices as ranges: `0-4, 9, 12-13` (at most [`MAX_RANGES`], then `...`).
pub(crate) fn ranges(neurons: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &id in neurons {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => runs.push((id, id)),
        }
    }
    let mut text: Vec<String> = runs
        .iter()
        .take(MAX_RANGES)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if runs.len() > MAX_RANGES {
        text.push("...".to_string());
    }
    text.join(", ")
}

/// The first 12 digits of a hash, for messages.
pub(crate) fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

#[cfg(test)]
mod tests;
