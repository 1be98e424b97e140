//! `stability`: free recall from the perfect initial condition under threshold noise, for each
//! objective, with the spectral radius of the jitter map.

mod summary;
#[cfg(test)]
mod tests;

use super::common::{MemorizeSummary, NetSpec, build, memorize, objective, spec};
use super::{Family, network_seed};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::Result;
use rsnn::prelude::*;
use rsnn::seeds::Seeds;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct Stability;

/// The objectives compared, in the order of the report.
const OBJECTIVES: [&str; 4] = ["none", "l1", "l2", "linf"];

/// The parameters of one job: one network memorized with one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network (jobs with the same index share network and score).
    pub net: usize,
    /// Size of the network and its score.
    pub spec: NetSpec,
    /// The objective (`none`, `l1`, `l2`, `linf`).
    pub objective: String,
    /// Threshold noise of the free runs.
    pub sigmas: Vec<f64>,
    /// Cycles of every free run.
    pub cycles: usize,
}

/// The result of one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The memorization.
    pub memorize: MemorizeSummary,
    /// The jitter map's spectrum (null when some neuron was not memorized).
    #[serde(deserialize_with = "Option::deserialize")]
    pub stability: Option<Spectrum>,
    /// One free run per sigma.
    pub runs: Vec<FreeRun>,
}

/// The spectrum of the jitter map without the eigenvalue 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spectrum {
    /// The largest magnitude.
    pub spectral_radius: f64,
    /// The largest magnitudes, decreasing.
    pub top_magnitudes: Vec<f64>,
}

/// A free run from the perfect initial condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreeRun {
    /// Threshold noise.
    pub sigma: f64,
    /// Precision and recall of every cycle.
    pub cycles: Vec<Similarity>,
}

/// A finished job of this experiment.
pub type Finished = Done<Params, Output>;

/// The sizes of a scale: networks, network size, sigmas, cycles.
fn sizes(scale: Scale) -> (usize, NetSpec, Vec<f64>, usize) {
    match scale {
        Scale::Quick => (1, spec(60, 20.0), vec![0.1, 0.2], 5),
        Scale::Full => (10, spec(200, 50.0), vec![0.05, 0.1, 0.15, 0.2], 10),
    }
}

impl Typed for Stability {
    type Params = Params;
    type Output = Output;
    const NAME: &'static str = "stability";
    const DESCRIPTION: &'static str = "Free recall from the perfect initial condition with \
         threshold noise, for every objective (none: a simplex vertex): precision and recall per \
         cycle, and the spectral radius of the jitter map after removing the eigenvalue 1. The \
         original scripts' protocol is the same runs with the objectives none, L1 and L2.";

    fn plan(&self, suite: Suite) -> Vec<Job<Params>> {
        let scale = suite.scale;
        let (nets, spec, sigmas, cycles) = sizes(scale);
        (0..nets)
            .flat_map(|net| {
                let sigmas = sigmas.clone();
                OBJECTIVES.iter().map(move |obj| Job {
                    id: format!("{scale}-net{net}-{obj}"),
                    seed: network_seed(suite.seeds, Family::Stability, net),
                    params: Params {
                        net,
                        spec,
                        objective: (*obj).to_owned(),
                        sigmas: sigmas.clone(),
                        cycles,
                    },
                })
            })
            .collect()
    }

    fn execute(&self, job: &Job<Params>, _context: &Context) -> Result<Output> {
        let p = &job.params;
        let (scores, mut network) = build(&p.spec, 1, job.seed)?;
        let score = &scores[0];
        let (report, memorize) = memorize(&mut network, &scores, objective(&p.objective)?)?;
        let stability = if report.all_memorized() {
            let s = analyze_stability(&network, score)?;
            Some(Spectrum {
                spectral_radius: s.spectral_radius,
                top_magnitudes: s.top_magnitudes,
            })
        } else {
            None
        };
        let runs = p
            .sigmas
            .iter()
            .enumerate()
            .map(|(i, &sigma)| {
                let seed = Seeds::new(job.seed).free_run(i as u64);
                let (_, cycles) =
                    rsnn::recipes::free_recall(&network, score, p.cycles, sigma, seed)?;
                Ok(FreeRun { sigma, cycles })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Output {
            memorize,
            stability,
            runs,
        })
    }

    fn summarize_done(&self, done: &[Finished], dir: &Path) -> Result<String> {
        summary::summarize(done, dir)
    }
}
