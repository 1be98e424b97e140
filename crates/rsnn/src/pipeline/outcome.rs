//! What the pipeline's steps return.

use super::PipelineConfig;
use super::summary::PipelineSummary;
use crate::recipes::RecallRecord;
use rsnn_neuron::Network;
use rsnn_optim::MemorizeRecord;
use rsnn_signal::Score;
use rsnn_sim::{Measurement, Recording, StabilityReport};

/// The free run from the perfect initial condition.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeRun {
    /// The seed of its threshold noise.
    pub seed: u64,
    /// Every spike of the run.
    pub recording: Recording,
    /// Precision and recall per cycle.
    pub measurement: Measurement,
}

/// The associative-recall run.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    /// The protocol (with its seed), the prompted neurons and every cycle.
    pub record: RecallRecord,
    /// Every spike of the run.
    pub recording: Recording,
}

/// Everything [`super::Pipeline::run`] produced.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineOutcome {
    /// The configuration it ran with.
    pub config: PipelineConfig,
    /// The score.
    pub score: Score,
    /// The memorized network.
    pub network: Network,
    /// The memorization report.
    pub memorize: MemorizeRecord,
    /// The stability analysis.
    pub stability: StabilityReport,
    /// The free run.
    pub free_run: FreeRun,
    /// Associative recall.
    pub recall: Recall,
    /// Wall time of the whole run.
    pub seconds: f64,
}

impl PipelineOutcome {
    /// The summary of the run (file kind `pipeline-summary`).
    pub fn summary(&self) -> PipelineSummary {
        PipelineSummary::new(
            &self.config,
            &self.score,
            &self.memorize,
            &self.stability,
            &self.free_run,
            &self.recall,
            self.seconds,
        )
    }
}
