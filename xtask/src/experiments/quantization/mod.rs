//! `quantization`: memorization with weights restricted to `Q` levels (docs/model.md §5.7),
//! against continuous L2 weights: fraction of neurons memorized, time, spectral radius of the
//! jitter map, and free recall at sigma = 0.1.

mod summary;
#[cfg(test)]
mod tests;

use super::common::{MemorizeSummary, NetSpec, build, memorize_with, spec};
use super::{Family, network_seed};
use crate::reproduce::{Context, Done, Job, Scale, Suite, Typed};
use anyhow::Result;
use rsnn::optim::{QuantMethod, Quantization as Levels};
use rsnn::prelude::*;
use rsnn::seeds::Seeds;
use rsnn::sim::limits::MAX_MAP_TERMS;
use rsnn::sim::stability::JitterMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The experiment.
pub struct Quantization;

/// The parameters of one job: one network memorized with `Q` levels, or continuous weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Index of the network (jobs with the same index share network and score).
    pub net: usize,
    /// Size of the network and its score.
    pub spec: NetSpec,
    /// The number of levels (None: continuous L2 weights, the reference).
    #[serde(deserialize_with = "Option::deserialize")]
    pub levels: Option<usize>,
    /// The quantized method (`rounding` or `exact`).
    pub method: String,
    /// Wall-time limit per neuron of a quantized memorization, in seconds: a safeguard only,
    /// far above what the node limit allows, so that results do not depend on the machine.
    pub time_limit: f64,
    /// Branch-and-bound nodes per mixed-integer solve (the limit that decides).
    #[serde(deserialize_with = "Option::deserialize")]
    pub node_limit: Option<u64>,
    /// Half-width of the firing band of a quantized memorization.
    pub firing_band: f64,
    /// Threshold noise of the free run.
    pub sigma: f64,
    /// Cycles of the free run.
    pub cycles: usize,
}

/// The result of one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The memorization.
    pub memorize: MemorizeSummary,
    /// Median wall time per neuron.
    pub median_seconds: f64,
    /// Neurons out of time.
    pub time_limit: usize,
    /// Rounding method: neurons met by rounding alone, and neurons where rounding was tried.
    pub rounding: (usize, usize),
    /// Distinct weight values of the network.
    pub distinct_weights: usize,
    /// Spectral radius of the jitter map without the eigenvalue 1, with the neurons without
    /// weights clamped to the score (then over every eigenvalue); null when the map is not
    /// defined (a neuron whose weights give a prescribed spike no slope).
    #[serde(deserialize_with = "Option::deserialize")]
    pub spectral_radius: Option<f64>,
    /// Precision and recall of every cycle of the free run.
    pub cycles: Vec<Similarity>,
}

/// A finished job of this experiment.
pub type Finished = Done<Params, Output>;

/// Branch-and-bound nodes per mixed-integer solve: stops the hard neurons (3 levels: a median of
/// about 20 s per neuron at full scale on a 2-core machine) at the same point on every machine.
const NODE_LIMIT: u64 = 2000;
/// Seconds per neuron: a safeguard far above what [`NODE_LIMIT`] takes.
const TIME_SAFEGUARD: f64 = 600.0;

/// The sizes of a scale: network size, levels, cycles.
fn sizes(scale: Scale) -> (NetSpec, Vec<usize>, usize) {
    match scale {
        Scale::Quick => (spec(40, 20.0), vec![3, 9, 65], 4),
        Scale::Full => (spec(200, 50.0), vec![3, 5, 9, 17, 33, 65], 10),
    }
}

impl Typed for Quantization {
    type Params = Params;
    type Output = Output;
    const NAME: &'static str = "quantization";
    const DESCRIPTION: &'static str = "Memorization with every weight on one of Q levels \
         (the rounding method: L2 solution rounded, dive and repair; firing band 0.1; verified \
         in continuous time) against continuous L2 weights: neurons memorized, time, spectral \
         radius, free recall at sigma = 0.1.";

    fn plan(&self, suite: Suite) -> Vec<Job<Params>> {
        let scale = suite.scale;
        let (spec, levels, cycles) = sizes(scale);
        let variants = std::iter::once(None).chain(levels.into_iter().map(Some));
        variants
            .map(|levels| Job {
                id: match levels {
                    None => format!("{scale}-net0-continuous"),
                    Some(q) => format!("{scale}-net0-q{q}"),
                },
                seed: network_seed(suite.seeds, Family::Quantization, 0),
                params: Params {
                    net: 0,
                    spec,
                    levels,
                    method: QuantMethod::Rounding.name().to_owned(),
                    time_limit: TIME_SAFEGUARD,
                    node_limit: Some(NODE_LIMIT),
                    firing_band: Levels::new(2).firing_band,
                    sigma: 0.1,
                    cycles,
                },
            })
            .collect()
    }

    fn execute(&self, job: &Job<Params>, _context: &Context) -> Result<Output> {
        let p = &job.params;
        let (scores, mut network) = build(&p.spec, 1, job.seed)?;
        let score = &scores[0];
        let method = match p.method.as_str() {
            "exact" => QuantMethod::Exact,
            "rounding" => QuantMethod::Rounding,
            other => anyhow::bail!("unknown quantized method `{other}`"),
        };
        let config = MemorizeConfig {
            objective: Objective::L2,
            quantization: p.levels.map(|q| Levels {
                method,
                time_limit: p.time_limit,
                node_limit: p.node_limit,
                firing_band: p.firing_band,
                ..Levels::new(q)
            }),
            ..Default::default()
        };
        let (report, memorize) = memorize_with(&mut network, &scores, &config)?;
        // Neurons without weights are clamped to the score (docs/model.md §7.6).
        let clamped = report.without_weights();
        let spectral_radius = JitterMap::clamped_within(&network, score, &clamped, MAX_MAP_TERMS)
            .and_then(|map| map.analyze())
            .ok()
            .map(|s| s.spectral_radius);
        let seed = Seeds::new(job.seed).free_run(0);
        let (_, cycles) = rsnn::recipes::free_recall(&network, score, p.cycles, p.sigma, seed)?;
        let mut w: Vec<f64> = network
            .neurons()
            .iter()
            .flat_map(|n| n.inputs.iter().map(|i| i.weight + 0.0))
            .collect();
        w.sort_by(f64::total_cmp);
        w.dedup();
        let mut seconds: Vec<f64> = report.neurons.iter().map(|r| r.seconds).collect();
        seconds.sort_by(f64::total_cmp);
        Ok(Output {
            memorize,
            median_seconds: seconds.get(seconds.len() / 2).copied().unwrap_or(0.0),
            time_limit: report.counts().time_limit,
            rounding: report.rounding_sufficed(),
            distinct_weights: w.len(),
            spectral_radius,
            cycles,
        })
    }

    fn summarize_done(&self, done: &[Finished], dir: &Path) -> Result<String> {
        summary::summarize(done, dir)
    }
}
