//! `recall`: associative recall. rsnn's protocol: half of the neurons are prompted with
//! jittered copies of the memory for two cycles while the others start silent (or from an
//! unrelated random score); then every neuron runs freely. The original scripts' protocol
//! ([`original`]): half of the neurons are clamped to jittered copies in every cycle.

mod original;
mod original_summary;
mod summary;
#[cfg(test)]
mod tests;

use super::common::{MemorizeSummary, NetSpec, build, memorize, spec};
use super::protocol::{self, Protocol};
use super::{Family, network_seed};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::{Context as _, Result};
use rsnn::prelude::*;
use rsnn::recipes::{FreeStart, RecallCycle, RecallProtocol, associative_recall};
use rsnn::seeds::Seeds;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct Recall;

/// How the neurons that are not prompted start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Start {
    /// At rest.
    Silent,
    /// On the perfect initial condition of an unrelated random score.
    Random,
    /// On the perfect initial condition of the memory itself (original protocol only).
    Memory,
}

impl Start {
    /// The starts of rsnn's protocol, in the order of the runs.
    const ALL: [Start; 2] = [Start::Silent, Start::Random];

    /// The name in file names and tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Silent => "silent",
            Self::Random => "random",
            Self::Memory => "memory",
        }
    }

    /// The recipes' start, with the rate of a random score.
    pub fn free_start(self, rate: f64) -> FreeStart {
        match self {
            Self::Silent => FreeStart::Silent,
            Self::Random => FreeStart::RandomScore { rate },
            Self::Memory => FreeStart::Memory,
        }
    }
}

/// The parameters of one job of rsnn's protocol: one network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network.
    pub net: usize,
    /// Size of the network and its score.
    pub spec: NetSpec,
    /// Threshold noise of the runs.
    pub sigmas: Vec<f64>,
    /// Cycles of prompting.
    pub prompt_cycles: usize,
    /// Cycles in all (prompting included).
    pub cycles: usize,
}

/// The result of one job (of either protocol).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The memorization.
    pub memorize: MemorizeSummary,
    /// One run per sigma and start.
    pub runs: Vec<RecallRun>,
}

/// One associative-recall run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecallRun {
    /// Threshold noise.
    pub sigma: f64,
    /// How the others start.
    pub start: Start,
    /// Precision and recall of prompted (clamped), free (autonomous) and all neurons per cycle.
    pub cycles: Vec<RecallCycle>,
}

/// A finished job of rsnn's protocol.
pub type Finished = Done<Params, Output>;

/// A finished job of the original protocol.
pub type OriginalFinished = Done<original::Params, Output>;

/// The sizes of a scale: networks, network size, sigmas, cycles.
fn sizes(scale: Scale) -> (usize, NetSpec, Vec<f64>, usize) {
    match scale {
        Scale::Quick => (1, spec(60, 20.0), vec![0.1], 5),
        Scale::Full => (3, spec(200, 50.0), vec![0.05, 0.1, 0.15, 0.2], 10),
    }
}

impl Typed for Recall {
    type Params = Protocol<Params, original::Params>;
    type Output = Protocol<Output, Output>;
    const NAME: &'static str = "recall";
    const DESCRIPTION: &'static str = "Associative recall (L2 objective). rsnn's protocol: half \
         of the neurons are prompted with jitter-0.1 copies of the memory for 2 cycles, the \
         others start silent (or from an unrelated random score); then all run freely. The \
         original scripts' protocol: half of the neurons are clamped in every cycle (from cycle \
         -1 on) to fresh jitter-0.1 copies, the others start silent, random or on the memory. \
         Precision and recall of prompted (clamped), free (autonomous) and all neurons.";

    fn plan(&self, suite: Suite) -> Vec<Job<Self::Params>> {
        let mut jobs = protocol::ours(plan_ours(suite));
        jobs.extend(protocol::original(original::plan(suite)));
        jobs
    }

    fn execute(&self, job: &Job<Self::Params>, _context: &Context) -> Result<Self::Output> {
        protocol::execute(job, execute_ours, original::execute)
    }

    fn summarize_done(
        &self,
        done: &[Done<Self::Params, Self::Output>],
        dir: &Path,
    ) -> Result<String> {
        protocol::summarize(
            done,
            |d| summary::summarize(d, dir),
            |d| original_summary::summarize(d, dir),
        )
    }
}

/// The jobs of rsnn's protocol: one per network.
fn plan_ours(suite: Suite) -> Vec<Job<Params>> {
    let scale = suite.scale;
    let (nets, spec, sigmas, cycles) = sizes(scale);
    (0..nets)
        .map(|net| Job {
            id: format!("{scale}-net{net}"),
            seed: network_seed(suite.seeds, Family::Recall, net),
            params: Params {
                net,
                spec,
                sigmas: sigmas.clone(),
                prompt_cycles: 2,
                cycles,
            },
        })
        .collect()
}

/// Runs one job of rsnn's protocol, whatever the number of neurons memorized (the others keep
/// zero weights; the summary names such networks).
fn execute_ours(job: &Job<Params>) -> Result<Output> {
    let p = &job.params;
    let (scores, mut network) = build(&p.spec, 1, job.seed)?;
    let (_, memorize) = memorize(&mut network, &scores, Objective::L2)?;
    let free_cycles = p
        .cycles
        .checked_sub(p.prompt_cycles)
        .context("fewer cycles than prompt cycles")?;
    let mut runs = Vec::new();
    for (i, &sigma) in p.sigmas.iter().enumerate() {
        for (j, start) in Start::ALL.into_iter().enumerate() {
            let protocol = RecallProtocol {
                prompted_fraction: 0.5,
                prompt_jitter: 0.1,
                prompt_cycles: p.prompt_cycles,
                free_cycles,
                sigma,
                seed: Seeds::new(job.seed).recall((i * Start::ALL.len() + j) as u64),
                free_start: start.free_start(p.spec.rate),
            };
            let cycles = associative_recall(&network, &scores[0], &protocol)?.cycles;
            runs.push(RecallRun {
                sigma,
                start,
                cycles,
            });
        }
    }
    Ok(Output { memorize, runs })
}
