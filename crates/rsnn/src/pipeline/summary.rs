//! The summary of a pipeline run (file kind `pipeline-summary`, the demo's `summary.json`).

use super::{FreeRun, PipelineConfig, Recall};
use crate::recipes::RecallCycle;
use rsnn_optim::record_v1::{MemorizeConfigV1, StatusCountsV1};
use rsnn_optim::{MemorizeRecord, StatusCounts};
use rsnn_signal::io::{FileData, OlderData};
use rsnn_signal::{Score, SignalError};
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

/// Version 2 records quantized memorization (in the parameters and the counts); version 1
/// files load without it.
impl FileData for PipelineSummary {
    const KIND: &'static str = "pipeline-summary";
    const VERSION: u32 = 2;
    const OLDER_VERSIONS: &'static [u32] = &[1];

    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        if data.version() != 1 {
            return Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS));
        }
        let v1: PipelineSummaryV1 = data.decode()?;
        let c = v1.config;
        let m = v1.memorize;
        let summary = Self {
            config: PipelineConfig {
                seed: c.seed,
                network: c.network,
                memorize: c.memorize.into(),
                noise: c.noise,
                cycles: c.cycles,
                recall: c.recall,
            },
            score: v1.score,
            memorize: MemorizeSummary {
                backend: m.backend,
                counts: m.counts.into(),
                seconds: m.seconds,
                max_violation: m.max_violation,
                mean_rounds: m.mean_rounds,
            },
            stability: v1.stability,
            free_run: v1.free_run,
            recall: v1.recall,
            seconds: v1.seconds,
        };
        Ok((summary, Vec::new()))
    }
}

/// [`PipelineConfig`] of version 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct PipelineConfigV1 {
    pub(crate) seed: u64,
    pub(crate) network: crate::recipes::NetworkSpec,
    pub(crate) memorize: MemorizeConfigV1,
    pub(crate) noise: f64,
    pub(crate) cycles: usize,
    pub(crate) recall: super::RecallSettings,
}

/// [`MemorizeSummary`] of version 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct MemorizeSummaryV1 {
    pub(crate) backend: String,
    pub(crate) counts: StatusCountsV1,
    pub(crate) seconds: f64,
    pub(crate) max_violation: f64,
    pub(crate) mean_rounds: f64,
}

/// [`PipelineSummary`] of version 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct PipelineSummaryV1 {
    pub(crate) config: PipelineConfigV1,
    pub(crate) score: ScoreSummary,
    pub(crate) memorize: MemorizeSummaryV1,
    pub(crate) stability: StabilitySummary,
    pub(crate) free_run: FreeRunSummary,
    pub(crate) recall: RecallSummary,
    pub(crate) seconds: f64,
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
