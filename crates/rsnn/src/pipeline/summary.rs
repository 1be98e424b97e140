//! The summary of a pipeline run (file kind `pipeline-summary`, the demo's `summary.json`).

use super::{FreeRun, PipelineConfig, Recall};
use crate::recipes::RecallCycle;
use rsnn_optim::{MemorizeRecord, StatusCounts};
use rsnn_signal::Score;
use rsnn_signal::io::FileData;
use rsnn_sim::{CycleRow, StabilityReport};
use serde::{Deserialize, Serialize};

/// The outcome of every step in a few numbers, with the configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineSummary {
    /// The configuration (with the master seed).
    pub config: PipelineConfig,
    /// The score.
    pub score: ScoreSummary,
    /// Memorization.
    pub memorize: MemorizeSummary,
    /// Stability.
    pub stability: StabilitySummary,
    /// The free run from the perfect initial condition.
    pub free_run: FreeRunSummary,
    /// Associative recall.
    pub recall: RecallSummary,
    /// Wall time of the steps, in seconds.
    pub seconds: f64,
}

impl FileData for PipelineSummary {
    const KIND: &'static str = "pipeline-summary";
    const VERSION: u32 = 1;
}

/// Statistics of the score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreSummary {
    /// Spikes per period, all neurons.
    pub spikes: usize,
    /// Mean spikes per neuron and period.
    pub mean_spikes_per_neuron: f64,
}

/// The outcome of memorization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemorizeSummary {
    /// The backend's name.
    pub backend: String,
    /// Neurons by status.
    pub counts: StatusCounts,
    /// Wall time of memorization.
    pub seconds: f64,
    /// Largest continuous-time violation of a template.
    pub max_violation: f64,
    /// Mean number of solves per neuron.
    pub mean_rounds: f64,
}

/// The outcome of the stability analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StabilitySummary {
    /// Spectral radius after removing the trivial eigenvalue 1 (with the neurons that got no
    /// weights clamped to the score, if any: then no eigenvalue is removed, docs/model.md §7.6).
    pub spectral_radius: f64,
    /// Whether it is below 1.
    pub stable: bool,
    /// Spikes per period (the jitter map's dimension is this times the periods of its state,
    /// [`StabilityReport::form`]).
    pub num_spikes: usize,
}

/// The free run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreeRunSummary {
    /// The seed of its threshold noise.
    pub seed: u64,
    /// Precision and recall per cycle.
    pub cycles: Vec<CycleRow>,
}

/// The associative-recall run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecallSummary {
    /// The seed of the protocol.
    pub seed: u64,
    /// Number of prompted neurons.
    pub prompted_neurons: usize,
    /// One entry per cycle.
    pub cycles: Vec<RecallCycle>,
}

impl PipelineSummary {
    /// The summary of the steps' reports.
    pub fn new(
        config: &PipelineConfig,
        score: &Score,
        memorize: &MemorizeRecord,
        stability: &StabilityReport,
        free_run: &FreeRun,
        recall: &Recall,
        seconds: f64,
    ) -> Self {
        let report = &memorize.report;
        Self {
            config: config.clone(),
            score: ScoreSummary {
                spikes: score.num_spikes(),
                mean_spikes_per_neuron: score.mean_spikes_per_channel(),
            },
            memorize: MemorizeSummary {
                backend: memorize.config.backend.name().to_string(),
                counts: report.counts(),
                seconds: report.seconds,
                max_violation: report.max_violation(),
                mean_rounds: report.mean_rounds(),
            },
            stability: StabilitySummary {
                spectral_radius: stability.spectral_radius,
                stable: stability.is_stable(),
                num_spikes: stability.num_spikes,
            },
            free_run: FreeRunSummary {
                seed: free_run.seed,
                cycles: free_run.measurement.cycles.clone(),
            },
            recall: RecallSummary {
                seed: recall.record.protocol.seed,
                prompted_neurons: recall.record.prompted.len(),
                cycles: recall.record.cycles.clone(),
            },
            seconds,
        }
    }
}
