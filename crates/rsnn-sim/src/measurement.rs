//! Precision and recall of a recording against a score, cycle by cycle (file kind
//! `measurement`), and the `stability` file kind of [`StabilityReport`].

use crate::{Recording, SimError, StabilityReport};
use rsnn_signal::Score;
use rsnn_signal::io::FileData;
use serde::{Deserialize, Serialize};

/// Precision and recall of one cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CycleRow {
    /// Cycle index (0-based).
    pub cycle: usize,
    /// Start of the cycle (absolute time).
    pub start: f64,
    /// Precision: matches per produced spike.
    pub precision: f64,
    /// Recall: matches per prescribed spike.
    pub recall: f64,
}

/// Precision and recall of consecutive cycles of a recording (file kind `measurement`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The period of the score.
    pub period: f64,
    /// One row per cycle.
    pub cycles: Vec<CycleRow>,
}

impl FileData for Measurement {
    const KIND: &'static str = "measurement";
    const VERSION: u32 = 1;
}

impl FileData for StabilityReport {
    const KIND: &'static str = "stability";
    const VERSION: u32 = 1;
}

impl Measurement {
    /// Measures `cycles` cycles of `recording` against `score`, the first starting at `start`.
    ///
    /// # Errors
    /// [`SimError::NeuronCount`] for a score whose channel count differs from the recording's
    /// neurons, or the similarity's errors.
    pub fn of(
        recording: &Recording,
        score: &Score,
        start: f64,
        cycles: usize,
    ) -> Result<Self, SimError> {
        if score.num_channels() != recording.num_neurons() {
            return Err(SimError::NeuronCount {
                what: "score channels",
                expected: recording.num_neurons(),
                found: score.num_channels(),
            });
        }
        let period = score.period();
        let cycles = recording
            .cycle_similarities(score, start, cycles)?
            .iter()
            .enumerate()
            .map(|(cycle, s)| CycleRow {
                cycle,
                start: start + cycle as f64 * period,
                precision: s.precision,
                recall: s.recall,
            })
            .collect();
        Ok(Self { period, cycles })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replayed_score_is_measured_perfectly() {
        let score = Score::new(10.0, vec![vec![1.0, 5.0], vec![3.0]]).expect("valid");
        let rec =
            Recording::from_times(0.0, 20.0, vec![vec![1.0, 5.0, 11.0, 15.0], vec![3.0, 13.0]])
                .expect("valid");
        let m = Measurement::of(&rec, &score, 0.0, 2).expect("matching");
        assert_eq!(m.cycles.len(), 2);
        assert_eq!(m.cycles[1].start, 10.0);
        assert!(
            m.cycles
                .iter()
                .all(|c| c.precision == 1.0 && c.recall == 1.0)
        );
        let other = Score::new(10.0, vec![vec![1.0]]).expect("valid");
        assert!(Measurement::of(&rec, &other, 0.0, 1).is_err());
    }
}
