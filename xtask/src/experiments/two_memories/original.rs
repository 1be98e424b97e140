//! The original scripts' two memories: two scores of period 50 in one network (L2), 150 of the
//! 200 neurons prompted with jitter-0.1 copies for 1 cycle, then 3 free cycles; memory 0, then
//! 1, then 0 again; silent start. Two memories of period 50 may not fit every neuron under
//! rsnn's continuous template, so every network is memorized with both templates (the
//! published grid template of the original package too), and each result counts the neurons
//! of each status. A neuron that was not given weights keeps zero weights: it stays silent.

use crate::experiments::common::{MemorizeSummary, NetSpec, build, memorize_with, spec};
use crate::experiments::protocol::Template;
use crate::experiments::{Family, network_seed};
use crate::reproduce::{Job, Scale, Suite};
use anyhow::Result;
use rsnn::optim::StatusCounts;
use rsnn::prelude::*;
use rsnn::recipes::{Phase, SequenceCycle, choose_neurons, prompt_sequence};
use rsnn::seeds::{Purpose, Seeds};
use serde::{Deserialize, Serialize};

/// The memories prompted, phase by phase.
pub const SCHEDULE: [usize; 3] = [0, 1, 0];

/// The parameters of one job: one network memorized with one template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network (the jobs of both templates share network and scores).
    pub net: usize,
    /// Size of the network and its scores.
    pub spec: NetSpec,
    /// The memorization template.
    pub template: Template,
    /// Threshold noise.
    pub sigma: f64,
    /// Fraction of the neurons prompted.
    pub prompted_fraction: f64,
    /// Standard deviation of the prompts' jitter.
    pub jitter: f64,
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
    /// The neurons of each status: memorized (verified in continuous time), unverified (weights
    /// that violate the continuous template: the published template's usual outcome),
    /// infeasible, failed.
    pub statuses: StatusCounts,
    /// Every cycle of the three phases, with precision and recall against both memories.
    pub cycles: Vec<SequenceCycle>,
}

/// The sizes of a scale: networks, network size. The published template makes the grid
/// problem of every neuron dense (about 1,800 rows of 500 weights at full scale, about 1 s per
/// neuron with the dense backend, 16 s with Clarabel), so the quick scale is a small network
/// with short periods.
fn sizes(scale: Scale) -> (usize, NetSpec) {
    match scale {
        Scale::Quick => (1, spec(20, 10.0)),
        Scale::Full => (3, spec(200, 50.0)),
    }
}

/// The jobs: every network with both templates.
pub fn plan(suite: Suite) -> Vec<Job<Params>> {
    let scale = suite.scale;
    let (nets, spec) = sizes(scale);
    (0..nets)
        .flat_map(|net| {
            Template::ALL.map(|template| Job {
                id: format!("{scale}-original-net{net}-{}", template.name()),
                seed: network_seed(suite.seeds, Family::TwoMemoriesOriginal, net),
                params: Params {
                    net,
                    spec,
                    template,
                    sigma: 0.1,
                    prompted_fraction: 0.75,
                    jitter: 0.1,
                    prompt_cycles: 1,
                    free_cycles: 3,
                },
            })
        })
        .collect()
}

/// Memorizes both scores with the job's template and runs the schedule, whatever the number of
/// neurons memorized. With `N = Seeds::new(job seed)`, the prompted neurons are drawn from
/// `N.prompt_rng()` and the sequence has the seed `N.sub_seed(Sequence, 0)`.
pub fn execute(job: &Job<Params>) -> Result<Output> {
    let p = &job.params;
    let (scores, mut network) = build(&p.spec, 2, job.seed)?;
    let config = MemorizeConfig {
        objective: Objective::L2,
        mode: p.template.mode(),
        ..Default::default()
    };
    let (report, memorize) = memorize_with(&mut network, &scores, &config)?;
    let seeds = Seeds::new(job.seed);
    let count = (p.prompted_fraction * p.spec.neurons as f64).round() as usize;
    let prompted = choose_neurons(&mut seeds.prompt_rng(), p.spec.neurons, count);
    let phases = SCHEDULE.map(|memory| Phase {
        memory,
        prompt_cycles: p.prompt_cycles,
        free_cycles: p.free_cycles,
    });
    let (_, cycles) = prompt_sequence(
        &network,
        &scores,
        &phases,
        &prompted,
        p.jitter,
        p.sigma,
        seeds.sub_seed(Purpose::Sequence, 0),
    )?;
    Ok(Output {
        memorize,
        statuses: report.counts(),
        cycles,
    })
}
