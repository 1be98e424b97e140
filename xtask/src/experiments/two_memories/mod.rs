//! `two-memories`: two scores stored in one network; prompt memory 0, run free, prompt memory 1,
//! run free, prompt memory 0 again. rsnn's protocol: period 25, half or all of the neurons
//! prompted for 2 cycles, then 5 free cycles. The original scripts' protocol ([`original`]):
//! period 50, 150 of 200 neurons prompted for 1 cycle, then 3 free cycles, with both templates.

mod original;
mod original_summary;
mod summary;
#[cfg(test)]
mod tests;

use super::common::{MemorizeSummary, NetSpec, build, memorize, require_all_memorized, spec};
use super::protocol::{self, Protocol};
use super::{Family, network_seed};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::Result;
use rsnn::prelude::*;
use rsnn::recipes::{Phase, SequenceCycle, choose_neurons, prompt_sequence};
use rsnn::seeds::{Purpose, Seeds};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct TwoMemories;

/// The parameters of one job of rsnn's protocol: one network, one fraction of prompted
/// neurons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network (jobs with the same index share network and scores).
    pub net: usize,
    /// Size of the network and its scores.
    pub spec: NetSpec,
    /// Threshold noise.
    pub sigma: f64,
    /// Fraction of the neurons prompted.
    pub prompted_fraction: f64,
    /// Cycles of prompting per phase.
    pub prompt_cycles: usize,
    /// Free cycles per phase.
    pub free_cycles: usize,
}

/// The result of one job of rsnn's protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The memorization of both scores.
    pub memorize: MemorizeSummary,
    /// Every cycle of the three phases, with precision and recall against both memories.
    pub cycles: Vec<SequenceCycle>,
}

/// A finished job of rsnn's protocol.
pub type Finished = Done<Params, Output>;

/// A finished job of the original protocol.
pub type OriginalFinished = Done<original::Params, original::Output>;

/// Fractions of neurons prompted: half (associative recall) or all (a plain switch).
const FRACTIONS: [(&str, f64); 2] = [("half", 0.5), ("all", 1.0)];

/// The sizes of a scale: networks, network size, free cycles.
fn sizes(scale: Scale) -> (usize, NetSpec, usize) {
    match scale {
        Scale::Quick => (1, spec(60, 15.0), 3),
        Scale::Full => (3, spec(200, 25.0), 5),
    }
}

impl Typed for TwoMemories {
    type Params = Protocol<Params, original::Params>;
    type Output = Protocol<Output, original::Output>;
    const NAME: &'static str = "two-memories";
    const DESCRIPTION: &'static str = "Two scores stored in one network (L2): some neurons are \
         prompted with jittered copies of memory 0, then all run freely; then memory 1 is \
         prompted, then memory 0 again. rsnn's protocol: period 25, half or all of the neurons \
         prompted for 2 cycles, 5 free cycles. The original scripts' protocol: period 50, 150 \
         of 200 neurons prompted for 1 cycle, 3 free cycles, both templates (continuous and \
         published). Precision and recall of all neurons against both memories in every cycle.";

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

/// The jobs of rsnn's protocol: every network with both prompted fractions.
fn plan_ours(suite: Suite) -> Vec<Job<Params>> {
    let scale = suite.scale;
    let (nets, spec, free_cycles) = sizes(scale);
    (0..nets)
        .flat_map(|net| {
            FRACTIONS.map(|(name, prompted_fraction)| Job {
                id: format!("{scale}-net{net}-{name}"),
                seed: network_seed(suite.seeds, Family::TwoMemories, net),
                params: Params {
                    net,
                    spec,
                    sigma: 0.1,
                    prompted_fraction,
                    prompt_cycles: 2,
                    free_cycles,
                },
            })
        })
        .collect()
}

/// Runs one job of rsnn's protocol.
fn execute_ours(job: &Job<Params>) -> Result<Output> {
    let p = &job.params;
    let (scores, mut network) = build(&p.spec, 2, job.seed)?;
    let (report, memorize) = memorize(&mut network, &scores, Objective::L2)?;
    require_all_memorized(&report)?;
    let seeds = Seeds::new(job.seed);
    let count = (p.prompted_fraction * p.spec.neurons as f64).round() as usize;
    let prompted = choose_neurons(&mut seeds.prompt_rng(), p.spec.neurons, count);
    let phases = [0, 1, 0].map(|memory| Phase {
        memory,
        prompt_cycles: p.prompt_cycles,
        free_cycles: p.free_cycles,
    });
    let (_, cycles) = prompt_sequence(
        &network,
        &scores,
        &phases,
        &prompted,
        0.1,
        p.sigma,
        seeds.sub_seed(Purpose::Sequence, 0),
    )?;
    Ok(Output { memorize, cycles })
}
