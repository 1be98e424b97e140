//! The `memorize-report` file kind: the parameters and the per-neuron outcome of a
//! memorization, and the counts of a report by status.

use crate::config::MemorizeConfig;
use crate::record_v1::MemorizeRecordV1;
use crate::report::{NetworkReport, NeuronStatus};
use rsnn_signal::SignalError;
use rsnn_signal::io::{FileData, OlderData};
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

/// Version 2 records quantized memorization; version 1 files load without it
/// ([`crate::record_v1`]).
impl FileData for MemorizeRecord {
    const KIND: &'static str = "memorize-report";
    const VERSION: u32 = 2;
    const OLDER_VERSIONS: &'static [u32] = &[1];

    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        match data.version() {
            1 => Ok((data.decode::<MemorizeRecordV1>()?.into(), Vec::new())),
            _ => Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS)),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record_v1::{MemorizeConfigV1, NetworkReportV1, NeuronReportV1};
    use crate::{NetworkReport, SolveStatus};
    use rsnn_signal::io::{Encoding, from_bytes, to_bytes};
    use serde::Serialize;
    use std::path::Path;

    /// Writes version-1 files, as builds before quantized weights did.
    impl FileData for MemorizeRecordV1 {
        const KIND: &'static str = "memorize-report";
        const VERSION: u32 = 1;
    }

    fn load_old<T: FileData + Serialize>(old: &T) -> Vec<MemorizeRecord> {
        let path = Path::new("old");
        [Encoding::Json, Encoding::Bincode]
            .into_iter()
            .map(|encoding| {
                let bytes = to_bytes(old, Some(3), encoding, path).expect("encodes");
                let (record, header) =
                    from_bytes::<MemorizeRecord>(&bytes, encoding, path).expect("decodes");
                assert_eq!(header.version, 1);
                record
            })
            .collect()
    }

    /// A version-1 report loads in both encodings, without quantization.
    #[test]
    fn version_one_reports_load_without_quantization() {
        let neuron = NeuronReportV1 {
            neuron: 4,
            status: NeuronStatus::Unverified,
            solver_status: SolveStatus::Solved,
            rounds: 3,
            constraints: 17,
            objective: Some(0.5),
            max_violation: Some(2e-6),
            continuous_violations: None,
            seconds: 0.25,
        };
        let old = MemorizeRecordV1 {
            config: MemorizeConfigV1 {
                max_rounds: 7,
                ..MemorizeConfigV1::default()
            },
            memories: 2,
            report: NetworkReportV1 {
                neurons: vec![neuron],
                seconds: 1.5,
            },
        };
        for record in load_old(&old) {
            assert_eq!(record.config.max_rounds, 7);
            assert_eq!(record.config.quantization, None);
            assert_eq!(record.memories, 2);
            let NetworkReport { neurons, seconds } = &record.report;
            assert_eq!(*seconds, 1.5);
            assert_eq!((neurons[0].neuron, neurons[0].rounds), (4, 3));
            assert_eq!(neurons[0].status, NeuronStatus::Unverified);
            assert_eq!(neurons[0].quantized, None);
            assert_eq!(record.report.counts().unverified, 1);
        }
    }
}
