//! The original scripts' capacity protocol: periods from T = 20, and every trial solved with
//! both templates: the original package's published grid template with the objective none (a
//! simplex vertex, as the original scripts), and rsnn's continuous template. Each template
//! stops on its own at its first failing period.
//!
//! Capacity counts feasibility only, which does not depend on the objective. The continuous
//! template decides it by constraint generation, which converges in a few rounds with the L2
//! objective but not from simplex vertices (each solve lands on the boundary of the enlarged
//! feasible set, so new violations keep appearing): at K = 400, T = 100 the objective none
//! needed 45 rounds and 15 s against 3 rounds and 0.2 s with L2, and at K = 800, T = 150 it hit
//! the cap of 60 rounds after 133 s (counted unverified, i.e. infeasible), where L2 memorized
//! the neuron in 4 rounds and 1.1 s. So the continuous template is solved with L2
//! ([`objectives`]).
//!
//! The published template is solved with the objective none, as the original scripts, up to
//! K = [`NONE_UP_TO`] inputs. Beyond, microlp's simplex becomes the bottleneck of the whole
//! experiment (K = 800: 1.4-4 s per trial at T = 100, 162 s at T = 200, unfinished after
//! 23 min at T = 300), while the same problem with L2 (the dense interior-point method) takes
//! 1-4 s up to T = 200; so the published template is solved with L2 there. The verdicts agree: re-solving K = 400 blocks with L2 gives the counts of the
//! objective none (docs/experiments.md).

use super::{Output as Block, Params, allowed, sample_trial, skipped, solve, trial_seeds};
use crate::experiments::protocol::Template;
use anyhow::Result;
use rsnn::optim::StatusCounts;
use rsnn::prelude::*;
use serde::{Deserialize, Serialize};

/// The largest K whose published template is solved with the objective none (see the module
/// documentation).
pub const NONE_UP_TO: usize = 400;

/// The objective of each template at `k` inputs, in the order of [`Template::ALL`]: L2 for the
/// continuous template, none for the published one up to [`NONE_UP_TO`] inputs and L2 above
/// (see the module documentation).
pub fn objectives(k: usize) -> [Objective; 2] {
    let published = if k <= NONE_UP_TO {
        Objective::None
    } else {
        Objective::L2
    };
    [Objective::L2, published]
}

/// The result of one block of the original protocol: the block of each template.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The trials solved with the continuous template.
    pub continuous: Block,
    /// The same trials solved with the published template.
    pub published: Block,
}

impl Output {
    /// The block of `template`.
    pub fn get(&self, template: Template) -> &Block {
        match template {
            Template::Continuous => &self.continuous,
            Template::Published => &self.published,
        }
    }
}

/// The trials of `statuses` that count as feasible with `template`: memorized and verified in
/// continuous time for the continuous template; weights found (the grid problem is feasible,
/// as the original scripts counted) for the published template, whose weights are rarely
/// verified in continuous time.
pub fn feasible(template: Template, statuses: &StatusCounts) -> usize {
    match template {
        Template::Continuous => statuses.memorized,
        Template::Published => statuses.memorized + statuses.unverified,
    }
}

/// Runs a block: every trial is sampled once and solved with each template that neither
/// failed at a shorter period (`skip`) nor already failed more trials than the 1% allowed in
/// this block.
pub fn execute(p: &Params, seed: u64, skip: [bool; 2]) -> Result<Output> {
    let allowed = allowed(p.total_trials);
    let objectives = objectives(p.inputs);
    let configs = [0, 1].map(|i| MemorizeConfig {
        objective: objectives[i],
        mode: Template::ALL[i].mode(),
        ..Default::default()
    });
    let mut blocks = [Block {
        trials: 0,
        statuses: StatusCounts::default(),
        skipped: false,
        decided_fail: false,
    }; 2];
    let failed = |b: &Block, template| b.trials - feasible(template, &b.statuses) > allowed;
    for t in p.first_trial..p.first_trial + p.trials {
        let open: Vec<usize> = (0..2)
            .filter(|&i| !skip[i] && !failed(&blocks[i], Template::ALL[i]))
            .collect();
        if open.is_empty() {
            break;
        }
        let (network, score) = sample_trial(p.inputs, p.period, trial_seeds(seed, t))?;
        for i in open {
            blocks[i]
                .statuses
                .add(solve(&network, &score, &configs[i])?);
            blocks[i].trials += 1;
        }
    }
    let [continuous, published] = [0, 1].map(|i| {
        if skip[i] {
            skipped()
        } else {
            Block {
                decided_fail: failed(&blocks[i], Template::ALL[i]),
                ..blocks[i]
            }
        }
    });
    Ok(Output {
        continuous,
        published,
    })
}
