//! The original scripts' associative recall: half of the neurons (the control neurons) are
//! clamped in every cycle, from cycle -1 on, to fresh jitter-0.1 copies of their trains; the
//! others (autonomous) start silent, from an unrelated random score or from the memory itself,
//! and run freely for 10 cycles.

use super::{Output, RecallRun, Start};
use crate::experiments::common::{NetSpec, build, memorize, spec};
use crate::experiments::{Family, network_seed};
use crate::reproduce::{Job, Scale, Suite};
use anyhow::Result;
use rsnn::prelude::*;
use rsnn::recipes::{ClampedProtocol, clamped_recall};
use rsnn::seeds::{Purpose, Seeds};
use serde::{Deserialize, Serialize};

/// The starts of the autonomous neurons, in the order of the runs.
pub const STARTS: [Start; 3] = [Start::Silent, Start::Random, Start::Memory];

/// The parameters of one job: one network (the network of rsnn's job with the same index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network.
    pub net: usize,
    /// Size of the network and its score.
    pub spec: NetSpec,
    /// Fraction of the neurons clamped (the control neurons).
    pub clamped_fraction: f64,
    /// Standard deviation of the clamped copies' jitter.
    pub jitter: f64,
    /// Threshold noise of the runs.
    pub sigmas: Vec<f64>,
    /// Cycles simulated from time 0.
    pub cycles: usize,
}

/// The sizes of a scale: networks, network size, sigmas, cycles.
fn sizes(scale: Scale) -> (usize, NetSpec, Vec<f64>, usize) {
    match scale {
        Scale::Quick => (1, spec(60, 20.0), vec![0.1], 5),
        Scale::Full => (10, spec(200, 50.0), vec![0.05, 0.1, 0.15, 0.2], 10),
    }
}

/// The jobs: one per network, with the seed of rsnn's network of the same index (the same
/// score and network).
pub fn plan(suite: Suite) -> Vec<Job<Params>> {
    let scale = suite.scale;
    let (nets, spec, sigmas, cycles) = sizes(scale);
    (0..nets)
        .map(|net| Job {
            id: format!("{scale}-original-net{net}"),
            seed: network_seed(suite.seeds, Family::Recall, net),
            params: Params {
                net,
                spec,
                clamped_fraction: 0.5,
                jitter: 0.1,
                sigmas: sigmas.clone(),
                cycles,
            },
        })
        .collect()
}

/// Memorizes the network (L2) and runs every sigma and start, whatever the number of neurons
/// memorized (the others keep zero weights; the summary names such networks); run `i` (sigma index times 3
/// plus the start: silent 0, random 1, memory 2) has the seed
/// `Seeds::new(job seed).sub_seed(ClampedRecall, i)`.
pub fn execute(job: &Job<Params>) -> Result<Output> {
    let p = &job.params;
    let (scores, mut network) = build(&p.spec, 1, job.seed)?;
    let (_, memorize) = memorize(&mut network, &scores, Objective::L2)?;
    let mut runs = Vec::new();
    for (i, &sigma) in p.sigmas.iter().enumerate() {
        for (j, start) in STARTS.into_iter().enumerate() {
            let index = (i * STARTS.len() + j) as u64;
            let protocol = ClampedProtocol {
                prompted_fraction: p.clamped_fraction,
                prompt_jitter: p.jitter,
                cycles: p.cycles,
                sigma,
                seed: Seeds::new(job.seed).sub_seed(Purpose::ClampedRecall, index),
                free_start: start.free_start(p.spec.rate),
            };
            let cycles = clamped_recall(&network, &scores[0], &protocol)?.cycles;
            runs.push(RecallRun {
                sigma,
                start,
                cycles,
            });
        }
    }
    Ok(Output { memorize, runs })
}
