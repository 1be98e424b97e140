//! The spikes of a simulation run, per neuron, with the span they were recorded in.

use crate::SimError;
use rsnn_signal::io::FileData;
use rsnn_signal::{
    REFRACTORY_PERIOD, REFRACTORY_TOLERANCE, Score, Similarity, SpikeTrain, cycle_similarities,
};
use serde::{Deserialize, Serialize};

/// All spikes emitted in `[start, end)`, one validated train per neuron.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RecordingData", into = "RecordingData")]
pub struct Recording {
    start: f64,
    end: f64,
    trains: Vec<SpikeTrain>,
}

/// The serialized form of a [`Recording`], validated on load.
#[derive(Serialize, Deserialize)]
struct RecordingData {
    start: f64,
    end: f64,
    trains: Vec<SpikeTrain>,
}

impl Recording {
    /// A validated recording.
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] for a non-finite span or `end < start`,
    /// [`SimError::SpikeOutsideRecording`] for a spike outside `[start, end)`.
    pub fn new(start: f64, end: f64, trains: Vec<SpikeTrain>) -> Result<Self, SimError> {
        if !start.is_finite() {
            return Err(SimError::InvalidParameter {
                name: "start",
                value: start,
                reason: "must be finite",
            });
        }
        if !(end.is_finite() && end >= start) {
            return Err(SimError::InvalidParameter {
                name: "end",
                value: end,
                reason: "must be finite and >= start",
            });
        }
        for (neuron, train) in trains.iter().enumerate() {
            let outside = |t: &&f64| **t < start || **t >= end;
            if let Some(&time) = train.times().iter().find(outside) {
                return Err(SimError::SpikeOutsideRecording {
                    neuron,
                    time,
                    start,
                    end,
                });
            }
        }
        Ok(Self { start, end, trains })
    }

    /// A validated recording from raw spike times per neuron.
    ///
    /// # Errors
    /// As [`Recording::new`], and invalid trains (unsorted, non-finite or not refractory).
    pub fn from_times(start: f64, end: f64, times: Vec<Vec<f64>>) -> Result<Self, SimError> {
        let trains = times
            .into_iter()
            .enumerate()
            .map(|(l, t)| SpikeTrain::for_channel(t, l))
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(start, end, trains)
    }

    /// Start of the recorded span.
    pub fn start(&self) -> f64 {
        self.start
    }

    /// End of the recorded span (exclusive).
    pub fn end(&self) -> f64 {
        self.end
    }

    /// Number of neurons.
    pub fn num_neurons(&self) -> usize {
        self.trains.len()
    }

    /// Total number of spikes.
    pub fn num_spikes(&self) -> usize {
        self.trains.iter().map(SpikeTrain::len).sum()
    }

    /// The train of every neuron.
    pub fn trains(&self) -> &[SpikeTrain] {
        &self.trains
    }

    /// The train of one neuron, if it exists.
    pub fn train(&self, neuron: usize) -> Option<&SpikeTrain> {
        self.trains.get(neuron)
    }

    /// The spikes of every neuron in `[from, to)`, in absolute time.
    pub fn window(&self, from: f64, to: f64) -> Vec<Vec<f64>> {
        self.trains
            .iter()
            .map(|train| train.window(from, to).to_vec())
            .collect()
    }

    /// One cycle as a periodic score: the spikes in `[cycle_start, cycle_start + period)`,
    /// taken modulo `period` relative to `origin` (the absolute time of score time 0). When the
    /// first and the last spike of a neuron in the window are closer than one refractory period
    /// across the window's boundary, the last one is dropped (docs/model.md §6), so the result
    /// is always a valid score.
    ///
    /// # Errors
    /// An invalid period, or a non-finite `cycle_start` or `origin`.
    pub fn cycle_score(
        &self,
        cycle_start: f64,
        period: f64,
        origin: f64,
    ) -> Result<Score, SimError> {
        for (name, value) in [("cycle_start", cycle_start), ("origin", origin)] {
            if !value.is_finite() {
                return Err(SimError::InvalidParameter {
                    name,
                    value,
                    reason: "must be finite",
                });
            }
        }
        if !(period.is_finite() && period > 0.0) {
            return Err(SimError::InvalidParameter {
                name: "period",
                value: period,
                reason: "must be finite and positive",
            });
        }
        let channels = self
            .window(cycle_start, cycle_start + period)
            .into_iter()
            .map(|mut times| {
                if let (Some(&first), Some(&last)) = (times.first(), times.last())
                    && times.len() > 1
                    && first + period - last < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE
                {
                    times.pop();
                }
                let mut wrapped: Vec<f64> = times
                    .into_iter()
                    .map(|t| {
                        let x = (t - origin).rem_euclid(period);
                        if x >= period { 0.0 } else { x }
                    })
                    .collect();
                wrapped.sort_by(f64::total_cmp);
                wrapped
            })
            .collect();
        Ok(Score::new(period, channels)?)
    }

    /// Precision and recall of `cycles` consecutive cycles against the prescribed `score`
    /// (docs/model.md §6), cycle `k` being `[first_start + k T, first_start + (k + 1) T)`;
    /// each cycle has its own global lag.
    ///
    /// # Errors
    /// A channel count that differs from the number of neurons, or a non-finite `first_start`.
    pub fn cycle_similarities(
        &self,
        score: &Score,
        first_start: f64,
        cycles: usize,
    ) -> Result<Vec<Similarity>, SimError> {
        Ok(cycle_similarities(
            score,
            &self.trains,
            first_start,
            cycles,
        )?)
    }
}

impl TryFrom<RecordingData> for Recording {
    type Error = SimError;
    fn try_from(data: RecordingData) -> Result<Self, SimError> {
        Self::new(data.start, data.end, data.trains)
    }
}

impl From<Recording> for RecordingData {
    fn from(r: Recording) -> Self {
        Self {
            start: r.start,
            end: r.end,
            trains: r.trains,
        }
    }
}

impl FileData for Recording {
    const KIND: &'static str = "recording";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Recording {
        Recording::from_times(
            0.0,
            20.0,
            vec![vec![0.2, 9.5, 10.6, 19.9], vec![], vec![3.0]],
        )
        .unwrap()
    }

    #[test]
    fn validates_span_and_spikes() {
        assert!(matches!(
            Recording::from_times(0.0, 5.0, vec![vec![1.0, 5.0]]),
            Err(SimError::SpikeOutsideRecording {
                neuron: 0,
                time: 5.0,
                ..
            })
        ));
        assert!(matches!(
            Recording::from_times(0.0, 5.0, vec![vec![1.0, 1.5]]),
            Err(SimError::Signal(_))
        ));
        assert!(Recording::new(3.0, 2.0, vec![]).is_err());
        let r = sample();
        assert_eq!((r.num_neurons(), r.num_spikes()), (3, 5));
        assert_eq!(r.window(5.0, 15.0), vec![vec![9.5, 10.6], vec![], vec![]]);
    }

    #[test]
    fn cycle_score_wraps_and_drops_the_boundary_clash() {
        let r = sample();
        let s = r.cycle_score(10.0, 10.0, 0.0).unwrap();
        let times = s.channel(0).unwrap().times();
        assert_eq!(times.len(), 1);
        assert!((times[0] - 0.6).abs() < 1e-12);
        let s = r.cycle_score(0.0, 10.0, 0.0).unwrap();
        assert_eq!(s.channel(0).unwrap().times(), &[0.2]);
        let s = r.cycle_score(0.0, 10.0, 2.0).unwrap();
        assert_eq!(s.channel(2).unwrap().times(), &[1.0]);
        assert!(r.cycle_score(0.0, 0.0, 0.0).is_err());
    }

    #[test]
    fn similarities_per_cycle() {
        let score = Score::new(10.0, vec![vec![0.2], vec![], vec![3.0]]).unwrap();
        let r = Recording::from_times(0.0, 20.0, vec![vec![0.2, 10.2], vec![], vec![3.0, 13.0]])
            .unwrap();
        let s = r.cycle_similarities(&score, 0.0, 2).unwrap();
        assert_eq!(s.len(), 2);
        for c in s {
            assert!((c.precision - 1.0).abs() < 1e-12 && (c.recall - 1.0).abs() < 1e-12);
        }
        let short = Score::new(10.0, vec![vec![]]).unwrap();
        assert!(r.cycle_similarities(&short, 0.0, 1).is_err());
    }

    #[test]
    fn file_round_trip_in_both_encodings() {
        use rsnn_signal::io::{Encoding, from_bytes, to_bytes};
        let r = sample();
        let path = std::path::Path::new("recording.json");
        for encoding in [Encoding::Json, Encoding::Bincode] {
            let bytes = to_bytes(&r, Some(9), encoding, path).unwrap();
            let (back, header) = from_bytes::<Recording>(&bytes, encoding, path).unwrap();
            assert_eq!(back, r);
            assert_eq!((header.kind.as_str(), header.seed), ("recording", Some(9)));
        }
    }

    #[test]
    fn serde_round_trip_validates() {
        let r = sample();
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Recording>(&text).unwrap(), r);
        let bad = r#"{"start":0,"end":1,"trains":[[2.0]]}"#;
        assert!(serde_json::from_str::<Recording>(bad).is_err());
    }
}
