//! `capacity`: how long a random periodic train one neuron with K independent random inputs can
//! store, with at least 99% of random trials feasible. rsnn's protocol: L2 objective,
//! continuous template, from T = 10. The original scripts' protocol ([`templates`]): from
//! T = 20, the same trials solved with both templates (published: objective none).

mod summary;
mod templates;
mod templates_summary;
#[cfg(test)]
mod tests;

use super::protocol::{self, Protocol, Template};
use super::{Family, family};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::Result;
use rsnn::neuron::independent_inputs;
use rsnn::optim::{StatusCounts, memorize_neuron};
use rsnn::prelude::*;
use rsnn::seeds::{Purpose, Seeds};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct Capacity;

/// Fraction of feasible trials required at a period for it to count as stored.
const REQUIRED: f64 = 0.99;
const RATE: f64 = 0.2;

/// The parameters of one job (of either protocol): a block of trials at one number of inputs
/// and one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Number of inputs K.
    pub inputs: usize,
    /// Period T.
    pub period: f64,
    /// Index of the first trial of the block.
    pub first_trial: usize,
    /// Trials in the block.
    pub trials: usize,
    /// Trials at this (K, T) over all blocks.
    pub total_trials: usize,
}

/// The result of one job of rsnn's protocol, or of one template of the original protocol.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Trials run (fewer than the block when the period failed early; 0 when skipped).
    pub trials: usize,
    /// The status of every trial run.
    pub statuses: StatusCounts,
    /// Whether the block was skipped because a shorter period failed.
    pub skipped: bool,
    /// Whether more trials failed than the 1% allowed at this period.
    pub decided_fail: bool,
}

/// A finished job of rsnn's protocol.
pub type Finished = Done<Params, Output>;

/// A finished job of the original protocol.
pub type OriginalFinished = Done<Params, templates::Output>;

/// The periods tried for `k` inputs from `first`: `first`, `first + 5`, ... up to a bound that
/// grows with `k`.
fn periods(k: usize, scale: Scale, first: usize) -> Vec<f64> {
    let top = match scale {
        Scale::Quick => 40,
        Scale::Full => (k / 2).clamp(40, 400),
    };
    (first..=top).step_by(5).map(|t| t as f64).collect()
}

/// One trial: a neuron (neuron 0 of the network) with `k` inputs, each from its own random
/// periodic train, delays uniform in [0.1, 10]; the neuron's own train is random too. The
/// trial's family `seeds` draws the trains from its score stream and the inputs from its
/// network stream.
fn sample_trial(k: usize, period: f64, seeds: Seeds) -> Result<(Network, Score)> {
    let sampler = ScoreSampler::new(period, RATE)?;
    let score = sampler.sample_score(&mut seeds.score_rng(0), k + 1)?;
    let kernel = AlphaKernel::default();
    let network = independent_inputs(k, 0.1, 10.0, kernel, &mut seeds.network_rng())?;
    Ok((network, score))
}

/// Memorizes neuron 0 of a trial as `config` says; returns its status.
fn solve(network: &Network, score: &Score, config: &MemorizeConfig) -> Result<NeuronStatus> {
    let config = config.clone().validate()?;
    let result = memorize_neuron(network, 0, std::slice::from_ref(score), &config)?;
    Ok(result.report.status)
}

/// The seed family of trial `t` of the cell whose master seed is `cell`.
fn trial_seeds(cell: u64, t: usize) -> Seeds {
    Seeds::new(Seeds::new(cell).sub_seed(Purpose::Trial, t as u64))
}

/// The most failed trials allowed at a period of `total` trials (1%).
fn allowed(total: usize) -> usize {
    ((1.0 - REQUIRED) * total as f64).floor() as usize
}

impl Capacity {
    /// Whether a shorter period with the same K has already failed in a job of the same
    /// protocol (`failed` reads a result); then this block is moot: the capacity is the last
    /// period before the first failing one.
    fn shorter_failed(
        &self,
        job: &Job<<Self as Typed>::Params>,
        context: &Context,
        failed: impl Fn(&<Self as Typed>::Output) -> bool,
    ) -> Result<bool> {
        let key = |p: &<Self as Typed>::Params| match p {
            Protocol::Ours(p) => (false, p.inputs, p.period),
            Protocol::Original(p) => (true, p.inputs, p.period),
        };
        let (original, k, period) = key(&job.params);
        for j in self.plan(context.suite) {
            let (o, k2, t2) = key(&j.params);
            if o != original || k2 != k || t2 >= period {
                continue;
            }
            if context.finished(self, &j)?.is_some_and(|r| failed(&r)) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Typed for Capacity {
    type Params = Protocol<Params, Params>;
    type Output = Protocol<Output, templates::Output>;
    const NAME: &'static str = "capacity";
    const DESCRIPTION: &'static str = "Storage capacity of one neuron: the longest period T \
         (step 5) such that at least 99% of random trials with K independent random inputs are \
         feasible (lambda = 0.2, |w| <= 0.2, delays U[0.1, 10]), and T*/K, the duration stored \
         per synapse. rsnn's protocol: L2 objective, continuous template, from T = 10. The \
         original scripts' protocol: from T = 20, the same trials solved with the published \
         template (objective none, as the original scripts) and the continuous template (L2: \
         feasibility does not depend on the objective).";

    fn plan(&self, suite: Suite) -> Vec<Job<Self::Params>> {
        let (ks, trials, block): (&[usize], usize, usize) = match suite.scale {
            Scale::Quick => (&[100, 200, 400], 20, 20),
            Scale::Full => (&[50, 100, 200, 400, 800], 1000, 100),
        };
        let mut jobs = protocol::ours(blocks(suite, "", ks, 10, (trials, block)));
        let (ks, trials, block): (&[usize], usize, usize) = match suite.scale {
            Scale::Quick => (&[100, 200], 20, 20),
            Scale::Full => (&[100, 200, 400, 800], 1000, 100),
        };
        let original = blocks(suite, "original-", ks, 20, (trials, block));
        jobs.extend(protocol::original(original));
        jobs
    }

    fn execute(&self, job: &Job<Self::Params>, context: &Context) -> Result<Self::Output> {
        Ok(match &job.params {
            Protocol::Ours(p) => {
                let failed = |r: &Self::Output| matches!(r, Protocol::Ours(r) if r.decided_fail);
                let skip = self.shorter_failed(job, context, failed)?;
                Protocol::Ours(execute_ours(p, job.seed, skip)?)
            }
            Protocol::Original(p) => {
                let skip = Template::ALL.map(|template| {
                    let failed = |r: &Self::Output| {
                        matches!(r, Protocol::Original(r) if r.get(template).decided_fail)
                    };
                    self.shorter_failed(job, context, failed)
                });
                let [a, b] = skip;
                Protocol::Original(templates::execute(p, job.seed, [a?, b?])?)
            }
        })
    }

    fn summarize_done(
        &self,
        done: &[Done<Self::Params, Self::Output>],
        dir: &Path,
    ) -> Result<String> {
        protocol::summarize(
            done,
            |d| summary::summarize(d, dir),
            |d| templates_summary::summarize(d, dir),
        )
    }
}

/// The blocks of trials of every K in `ks` and every period from `first_period`, `(trials,
/// block)` trials per period in blocks; ids `{scale}-{prefix}k{K}-t{T}-from{first trial}`,
/// seeds those of the cells `(K, T)` (shared by both protocols).
fn blocks(
    suite: Suite,
    prefix: &str,
    ks: &[usize],
    first_period: usize,
    (trials, block): (usize, usize),
) -> Vec<Job<Params>> {
    let scale = suite.scale;
    let cells = family(suite.seeds, Family::Capacity);
    let mut jobs = Vec::new();
    for &k in ks {
        for period in periods(k, scale, first_period) {
            for first_trial in (0..trials).step_by(block) {
                jobs.push(Job {
                    id: format!("{scale}-{prefix}k{k}-t{period}-from{first_trial}"),
                    seed: cells.job(k as u64).job(period as u64).master(),
                    params: Params {
                        inputs: k,
                        period,
                        first_trial,
                        trials: block,
                        total_trials: trials,
                    },
                });
            }
        }
    }
    jobs
}

/// The result of a skipped block.
fn skipped() -> Output {
    Output {
        trials: 0,
        statuses: StatusCounts::default(),
        skipped: true,
        decided_fail: true,
    }
}

/// Runs a block of rsnn's protocol (L2, continuous template): a trial is feasible when the
/// neuron is memorized and verified; the block stops once more trials failed than the 1%
/// allowed at its period.
fn execute_ours(p: &Params, seed: u64, skip: bool) -> Result<Output> {
    if skip {
        return Ok(skipped());
    }
    let allowed = allowed(p.total_trials);
    let config = MemorizeConfig::default();
    let mut statuses = StatusCounts::default();
    let mut run = 0;
    for t in p.first_trial..p.first_trial + p.trials {
        let (network, score) = sample_trial(p.inputs, p.period, trial_seeds(seed, t))?;
        statuses.add(solve(&network, &score, &config)?);
        run += 1;
        if run - statuses.memorized > allowed {
            break;
        }
    }
    Ok(Output {
        trials: run,
        statuses,
        skipped: false,
        decided_fail: run - statuses.memorized > allowed,
    })
}
