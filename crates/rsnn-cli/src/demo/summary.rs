//! The demo's `summary.json` (schema in docs/guide.md) and its printed table.

use crate::files::CycleRow;
use crate::table::{f3, table};
use rsnn::optim::MemorizeConfig;
use rsnn::recipes::{RecallCycle, RecallProtocol};
use serde::{Deserialize, Serialize};

/// The `kind` of a demo summary.
pub const KIND: &str = "demo-summary";
/// The schema version of a demo summary.
pub const VERSION: u32 = 1;

/// Everything the demo was run with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoConfig {
    /// Number of neurons L.
    pub neurons: usize,
    /// Inputs per neuron K.
    pub inputs: usize,
    /// Period T.
    pub period: f64,
    /// Firing-rate parameter lambda.
    pub rate: f64,
    /// Threshold noise sigma of both runs.
    pub noise: f64,
    /// Cycles of the free run.
    pub cycles: usize,
    /// Delay range `[d_min, d_max]`.
    pub delays: (f64, f64),
    /// Kernel time constant.
    pub tau: f64,
    /// Memorization parameters.
    pub memorize: MemorizeConfig,
    /// The associative-recall protocol (with its seed).
    pub recall: RecallProtocol,
    /// Seed of the threshold noise of the free run.
    pub free_run_seed: u64,
}

/// Statistics of the sampled score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreSummary {
    /// Spikes per period, all neurons.
    pub spikes: usize,
    /// Mean spikes per neuron and period.
    pub mean_spikes_per_neuron: f64,
}

/// The outcome of memorization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemorizeSummary {
    /// Backend used.
    pub backend: String,
    /// Number of neurons.
    pub neurons: usize,
    /// Neurons memorized and verified in continuous time.
    pub feasible: usize,
    /// Neurons whose template is infeasible within the weight bound.
    pub infeasible: usize,
    /// Neurons with weights whose violation exceeds the tolerance.
    pub unverified: usize,
    /// Neurons whose solve failed.
    pub failed: usize,
    /// Wall time of memorization.
    pub seconds: f64,
    /// Largest continuous-time violation of a template.
    pub max_violation: f64,
    /// Mean number of solves per neuron.
    pub mean_rounds: f64,
}

/// The outcome of the stability analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StabilitySummary {
    /// Spectral radius after removing the trivial eigenvalue 1.
    pub spectral_radius: f64,
    /// Whether it is below 1.
    pub stable: bool,
    /// Spikes per period (size of the jitter map).
    pub num_spikes: usize,
}

/// The associative-recall run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecallSummary {
    /// Number of prompted neurons.
    pub prompted_neurons: usize,
    /// One entry per cycle.
    pub cycles: Vec<RecallCycle>,
}

/// The content of `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Always `rsnn`.
    pub format: String,
    /// Always [`KIND`].
    pub kind: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The demo's seed.
    pub seed: u64,
    /// The parameters.
    pub config: DemoConfig,
    /// The score.
    pub score: ScoreSummary,
    /// Memorization.
    pub memorize: MemorizeSummary,
    /// Stability.
    pub stability: StabilitySummary,
    /// Free run from the perfect initial condition, per cycle.
    pub cycles: Vec<CycleRow>,
    /// Associative recall.
    pub recall: RecallSummary,
    /// The files written, relative to the output folder.
    pub files: Vec<String>,
    /// Wall time of the whole demo.
    pub seconds: f64,
}

impl Summary {
    /// The human-readable report.
    pub fn render(&self) -> String {
        let c = &self.config;
        let m = &self.memorize;
        let mut out = vec![
            format!(
                "rsnn demo: L = {}, K = {}, T = {}, lambda = {}, |w| <= {}, sigma = {}, seed {}",
                c.neurons, c.inputs, c.period, c.rate, c.memorize.weight_bound, c.noise, self.seed
            ),
            format!(
                "score: {} spikes per period ({:.2} per neuron)",
                self.score.spikes, self.score.mean_spikes_per_neuron
            ),
            format!(
                "memorization ({}): {}/{} neurons memorized, {} infeasible, {} unverified, {} \
                 failed, {:.1} s, max violation {:.1e}",
                m.backend,
                m.feasible,
                m.neurons,
                m.infeasible,
                m.unverified,
                m.failed,
                m.seconds,
                m.max_violation
            ),
            format!(
                "stability: spectral radius {} ({})",
                crate::table::mag(self.stability.spectral_radius),
                if self.stability.stable {
                    "stable"
                } else {
                    "NOT stable"
                }
            ),
            String::new(),
            format!(
                "free run from the perfect initial condition, sigma = {}:",
                c.noise
            ),
        ];
        let rows: Vec<Vec<String>> = self
            .cycles
            .iter()
            .map(|r| vec![r.cycle.to_string(), f3(r.precision), f3(r.recall)])
            .collect();
        out.push(table(&["cycle", "precision", "recall"], &rows));
        out.push(String::new());
        let others = c.recall.free_start;
        out.push(format!(
            "associative recall: {} of {} neurons prompted (jitter {}) for {} cycles, the others \
             starting {others}, then {} free cycles:",
            self.recall.prompted_neurons,
            c.neurons,
            c.recall.prompt_jitter,
            c.recall.prompt_cycles,
            c.recall.free_cycles
        ));
        out.push(crate::commands::recall::cycles_table(&self.recall.cycles));
        out.join("\n")
    }
}
