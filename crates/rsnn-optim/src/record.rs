//! The `memorize-report` file kind: the parameters and the per-neuron outcome of a
//! memorization, and the counts of a report by status.

use crate::config::MemorizeConfig;
use crate::report::{NetworkReport, NeuronStatus};
use rsnn_signal::io::FileData;
use serde::{Deserialize, Serialize};

/// The outcome of memorizing one or several scores in a network (file kind `memorize-report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemorizeRecord {
    /// The memorization parameters.
    pub config: MemorizeConfig,
    /// Number of memories (scores) stored.
    pub memories: usize,
    /// The per-neuron report.
    pub report: NetworkReport,
}

impl FileData for MemorizeRecord {
    const KIND: &'static str = "memorize-report";
    const VERSION: u32 = 1;
}

/// How many neurons of a report ended with each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Memorized and verified in continuous time.
    pub memorized: usize,
    /// Weights found, but the continuous-time violation exceeds the tolerance.
    pub unverified: usize,
    /// The template cannot be met within the weight bound.
    pub infeasible: usize,
    /// The solver failed.
    pub failed: usize,
    /// Quantized memorization ran out of time (absent from reports written before it existed).
    #[serde(default)]
    pub time_limit: usize,
}

impl StatusCounts {
    /// The total number of neurons.
    pub fn total(&self) -> usize {
        self.memorized + self.unverified + self.infeasible + self.failed + self.time_limit
    }

    /// Counts one more neuron with `status`.
    pub fn add(&mut self, status: NeuronStatus) {
        *match status {
            NeuronStatus::Memorized => &mut self.memorized,
            NeuronStatus::Unverified => &mut self.unverified,
            NeuronStatus::Infeasible => &mut self.infeasible,
            NeuronStatus::Failed => &mut self.failed,
            NeuronStatus::TimeLimit => &mut self.time_limit,
        } += 1;
    }
}

impl NetworkReport {
    /// The number of neurons with each status.
    pub fn counts(&self) -> StatusCounts {
        let mut c = StatusCounts::default();
        for r in &self.neurons {
            c.add(r.status);
        }
        c
    }

    /// The neurons that were not memorized, sorted.
    pub fn not_memorized(&self) -> Vec<usize> {
        self.neurons
            .iter()
            .filter(|r| r.status != NeuronStatus::Memorized)
            .map(|r| r.neuron)
            .collect()
    }
}
