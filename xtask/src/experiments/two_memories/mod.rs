//! `two-memories`: two scores stored in one network; prompt memory 0, run free, prompt memory 1,
//! run free, prompt memory 0 again.

mod summary;
#[cfg(test)]
mod tests;

use super::common::{MemorizeSummary, NetSpec, build, memorize, spec};
use super::{Family, network_seed};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::{Result, bail};
use rsnn::prelude::*;
use rsnn::recipes::{Phase, SequenceCycle, choose_neurons, prompt_sequence};
use rsnn::seeds::{Purpose, Seeds};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct TwoMemories;

/// The parameters of one job: one network, one fraction of prompted neurons.
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

/// The result of one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The memorization of both scores.
    pub memorize: MemorizeSummary,
    /// Every cycle of the three phases, with precision and recall against both memories.
    pub cycles: Vec<SequenceCycle>,
}

/// A finished job of this experiment.
pub type Finished = Done<Params, Output>;

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
    type Params = Params;
    type Output = Output;
    const NAME: &'static str = "two-memories";
    const DESCRIPTION: &'static str = "Two scores stored in one network (L2): half of the \
         neurons (or all of them) are prompted with jittered copies of memory 0 for 2 cycles, \
         then all run freely; then memory 1 is prompted, then memory 0 again. Precision and \
         recall of all neurons against both memories in every cycle.";

    fn plan(&self, suite: Suite) -> Vec<Job<Params>> {
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

    fn execute(&self, job: &Job<Params>, _context: &Context) -> Result<Output> {
        let p = &job.params;
        let (scores, mut network) = build(&p.spec, 2, job.seed)?;
        let (report, memorize) = memorize(&mut network, &scores, Objective::L2)?;
        if !report.all_memorized() {
            bail!("{} neurons infeasible", report.infeasible().len());
        }
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

    fn summarize_done(&self, done: &[Finished], dir: &Path) -> Result<String> {
        summary::summarize(done, dir)
    }
}
