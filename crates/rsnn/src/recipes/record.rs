//! The `recall` file kind: the protocol and the per-cycle outcome of an associative-recall run.

use super::{RecallCycle, RecallOutcome, RecallProtocol};
use rsnn_signal::io::FileData;
use rsnn_sim::Recording;
use serde::{Deserialize, Serialize};

/// The protocol, the prompted neurons and every cycle of an associative-recall run (file kind
/// `recall`; the recording is saved separately as a `recording` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecallRecord {
    /// The protocol (with its seed).
    pub protocol: RecallProtocol,
    /// The prompted neurons, sorted.
    pub prompted: Vec<usize>,
    /// One entry per cycle.
    pub cycles: Vec<RecallCycle>,
}

impl FileData for RecallRecord {
    const KIND: &'static str = "recall";
    const VERSION: u32 = 1;
}

impl RecallOutcome {
    /// Splits the outcome of `protocol` into its record and its recording.
    pub fn into_record(self, protocol: &RecallProtocol) -> (RecallRecord, Recording) {
        let record = RecallRecord {
            protocol: protocol.clone(),
            prompted: self.prompted,
            cycles: self.cycles,
        };
        (record, self.recording)
    }
}
