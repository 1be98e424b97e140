//! Precision and recall of a recording against a score, cycle by cycle (file kind
//! `measurement`).

use crate::{Recording, SimError};
use rsnn_signal::io::FileData;
use rsnn_signal::limits::MAX_CYCLES;
use rsnn_signal::{LimitExceeded, Score, SignalError, compact};
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

/// Slack for rounding when cycles are matched against a recording's span (relative to the
/// period).
const SPAN_SLACK: f64 = 1e-9;

fn check_start(recording: &Recording, start: f64) -> Result<(), SimError> {
    if !(start.is_finite() && start >= recording.start() && start <= recording.end()) {
        return Err(SimError::InvalidParameter {
            name: "start",
            value: start,
            reason: "must lie in the recording's span (cycles outside it have no recorded spikes)",
        });
    }
    Ok(())
}

impl Measurement {
    /// The number of whole cycles of `period` in the recording from `start` (up to a rounding
    /// slack of 1e-9 periods).
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] naming `start` when it is not finite or outside the
    /// recording's span, or `period` when it is not finite and positive;
    /// [`SignalError::Limit`] naming `period` for more than [`MAX_CYCLES`] cycles (for
    /// example "period 1e-6 with a recording of 50 gives 5e7 cycles").
    pub fn available_cycles(
        recording: &Recording,
        period: f64,
        start: f64,
    ) -> Result<usize, SimError> {
        if !(period.is_finite() && period > 0.0) {
            return Err(SimError::InvalidParameter {
                name: "period",
                value: period,
                reason: "must be finite and positive",
            });
        }
        check_start(recording, start)?;
        let span = recording.end() - start;
        let cycles = (span / period + SPAN_SLACK).floor().max(0.0);
        LimitExceeded::check(cycles, MAX_CYCLES, |size| {
            LimitExceeded::new("period", period, size, "cycles", MAX_CYCLES)
                .context(format!(
                    "with a recording of {} from {}",
                    compact(span),
                    compact(start)
                ))
                .raise("measure fewer cycles at a time")
        })
        .map_err(SignalError::from)?;
        // At most MAX_CYCLES: exact as an integer.
        Ok(cycles as usize)
    }

    /// Measures `cycles` cycles of `recording` against `score`, the first starting at `start`.
    /// The cycles must lie in the recording's span (up to a slack of 1e-9 periods).
    ///
    /// # Errors
    /// [`SimError::NeuronCount`] for a score whose channel count differs from the recording's
    /// neurons; [`SimError::InvalidParameter`] naming `start` (not finite or outside the
    /// recording) or `cycles` (ending after the recording); [`SignalError::Limit`] naming
    /// `cycles` above [`MAX_CYCLES`]; or the similarity's errors.
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
        LimitExceeded::check(cycles as f64, MAX_CYCLES, |size| {
            LimitExceeded::new("cycles", cycles as f64, size, "cycles", MAX_CYCLES)
                .raise("measure fewer cycles at a time")
        })
        .map_err(SignalError::from)?;
        check_start(recording, start)?;
        let end = start + cycles as f64 * period;
        if end > recording.end() + SPAN_SLACK * period {
            return Err(SimError::InvalidParameter {
                name: "cycles",
                value: cycles as f64,
                reason: "the cycles end after the recording (see Measurement::available_cycles)",
            });
        }
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

    #[test]
    fn cycles_outside_the_recording_or_beyond_the_limit_are_refused() {
        let score = Score::new(10.0, vec![vec![1.0]]).expect("valid");
        let rec = Recording::from_times(0.0, 50.0, vec![vec![1.0]]).expect("valid");
        let name = |e: SimError| match e {
            SimError::InvalidParameter { name, .. } => name,
            SimError::Signal(SignalError::Limit(l)) => l.parameter,
            other => panic!("{other}"),
        };
        assert_eq!(
            Measurement::available_cycles(&rec, 10.0, 0.0).expect("fits"),
            5
        );
        assert_eq!(
            Measurement::available_cycles(&rec, 10.0, 45.0).expect("fits"),
            0
        );
        let e = Measurement::available_cycles(&rec, 1e-6, 0.0).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("`period` = 1e-6 gives 5e7 cycles"),
            "{e}"
        );
        for p in [1e-300, 0.0, f64::NAN] {
            assert_eq!(
                name(Measurement::available_cycles(&rec, p, 0.0).unwrap_err()),
                "period"
            );
        }
        for s in [-1e6, -1e308, f64::NAN, 60.0] {
            assert_eq!(
                name(Measurement::of(&rec, &score, s, 1).unwrap_err()),
                "start"
            );
        }
        assert_eq!(
            name(Measurement::of(&rec, &score, 0.0, usize::MAX).unwrap_err()),
            "cycles"
        );
        assert_eq!(
            name(Measurement::of(&rec, &score, 0.0, 6).unwrap_err()),
            "cycles"
        );
        assert_eq!(
            Measurement::of(&rec, &score, 0.0, 5)
                .expect("fits")
                .cycles
                .len(),
            5
        );
    }
}
