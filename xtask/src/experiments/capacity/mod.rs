//! `capacity`: how long a random periodic train one neuron with K independent random inputs can
//! store, with at least 99% of random trials feasible.

mod summary;
#[cfg(test)]
mod tests;

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

/// The parameters of one job: a block of trials at one number of inputs and one period.
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

/// The result of one job.
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

/// A finished job of this experiment.
pub type Finished = Done<Params, Output>;

/// The periods tried for `k` inputs: 10, 15, 20, ... up to a bound that grows with `k`.
fn periods(k: usize, scale: Scale) -> Vec<f64> {
    let top = match scale {
        Scale::Quick => 40,
        Scale::Full => (k / 2).clamp(40, 400),
    };
    (10..=top).step_by(5).map(|t| t as f64).collect()
}

/// One trial: a neuron with `k` inputs, each from its own random periodic train, delays
/// uniform in [0.1, 10]; the neuron's own train is random too. The trial's family `seeds` draws
/// the trains from its score stream and the inputs from its network stream. Returns the
/// neuron's status.
fn trial(k: usize, period: f64, seeds: Seeds) -> Result<NeuronStatus> {
    let sampler = ScoreSampler::new(period, RATE)?;
    let score = sampler.sample_score(&mut seeds.score_rng(0), k + 1)?;
    let kernel = AlphaKernel::default();
    let network = independent_inputs(k, 0.1, 10.0, kernel, &mut seeds.network_rng())?;
    let config = MemorizeConfig::default().validate()?;
    Ok(memorize_neuron(&network, 0, &[score], &config)?
        .report
        .status)
}

impl Capacity {
    /// Whether a shorter period with the same K has already failed (then this block is moot:
    /// the capacity is the last period before the first failing one).
    fn shorter_failed(&self, p: &Params, context: &Context) -> Result<bool> {
        for j in self.plan(context.suite) {
            if j.params.inputs != p.inputs || j.params.period >= p.period {
                continue;
            }
            if context.finished(self, &j)?.is_some_and(|r| r.decided_fail) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Typed for Capacity {
    type Params = Params;
    type Output = Output;
    const NAME: &'static str = "capacity";
    const DESCRIPTION: &'static str = "Storage capacity of one neuron: the longest period T \
         (step 5) such that at least 99% of random trials with K independent random inputs are \
         feasible (lambda = 0.2, |w| <= 0.2, delays U[0.1, 10]), and T*/K, the duration stored \
         per synapse.";

    fn plan(&self, suite: Suite) -> Vec<Job<Params>> {
        let scale = suite.scale;
        let cells = family(suite.seeds, Family::Capacity);
        let (ks, trials, block): (&[usize], usize, usize) = match scale {
            Scale::Quick => (&[100, 200, 400], 20, 20),
            Scale::Full => (&[50, 100, 200, 400, 800], 1000, 100),
        };
        let mut jobs = Vec::new();
        for &k in ks {
            for period in periods(k, scale) {
                for first_trial in (0..trials).step_by(block) {
                    jobs.push(Job {
                        id: format!("{scale}-k{k}-t{period}-from{first_trial}"),
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

    fn execute(&self, job: &Job<Params>, context: &Context) -> Result<Output> {
        let p = &job.params;
        if self.shorter_failed(p, context)? {
            return Ok(Output {
                trials: 0,
                statuses: StatusCounts::default(),
                skipped: true,
                decided_fail: true,
            });
        }
        // A period is decided as soon as more trials failed than the 1% allowed.
        let allowed = ((1.0 - REQUIRED) * p.total_trials as f64).floor() as usize;
        let mut statuses = StatusCounts::default();
        let mut run = 0;
        for t in p.first_trial..p.first_trial + p.trials {
            let seeds = Seeds::new(Seeds::new(job.seed).sub_seed(Purpose::Trial, t as u64));
            statuses.add(trial(p.inputs, p.period, seeds)?);
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

    fn summarize_done(&self, done: &[Finished], dir: &Path) -> Result<String> {
        summary::summarize(done, dir)
    }
}
