//! A multi-channel periodic spike train ("firing score"): one periodic train per neuron.

use crate::{PeriodicTrain, SignalError, train::check_period};
use serde::{Deserialize, Serialize};

/// One periodic spike train per channel (neuron), all with the same period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ScoreData", into = "ScoreData")]
pub struct Score {
    period: f64,
    channels: Vec<PeriodicTrain>,
}

/// The serialized form of a [`Score`]: the period and one list of spike times per channel.
#[derive(Serialize, Deserialize)]
struct ScoreData {
    period: f64,
    channels: Vec<Vec<f64>>,
}

impl Score {
    /// Builds a score from the spike times of one period per channel, validating every channel.
    ///
    /// # Errors
    /// An invalid period, or the first invalid channel (its error names the channel).
    pub fn new(period: f64, channels: Vec<Vec<f64>>) -> Result<Self, SignalError> {
        check_period(period)?;
        let channels = channels
            .into_iter()
            .enumerate()
            .map(|(c, times)| PeriodicTrain::for_channel(period, times, c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { period, channels })
    }

    /// Builds a score from periodic trains, which must all have the given period.
    ///
    /// # Errors
    /// An invalid period or [`SignalError::PeriodMismatch`].
    pub fn from_trains(period: f64, channels: Vec<PeriodicTrain>) -> Result<Self, SignalError> {
        check_period(period)?;
        for (channel, train) in channels.iter().enumerate() {
            if train.period() != period {
                return Err(SignalError::PeriodMismatch {
                    channel,
                    expected: period,
                    found: train.period(),
                });
            }
        }
        Ok(Self { period, channels })
    }

    /// A score of `channels` silent channels.
    ///
    /// # Errors
    /// An invalid period.
    pub fn silent(period: f64, channels: usize) -> Result<Self, SignalError> {
        Self::new(period, vec![Vec::new(); channels])
    }

    /// The common period.
    pub fn period(&self) -> f64 {
        self.period
    }

    /// Number of channels.
    pub fn num_channels(&self) -> usize {
        self.channels.len()
    }

    /// The train of one channel, if it exists.
    pub fn channel(&self, channel: usize) -> Option<&PeriodicTrain> {
        self.channels.get(channel)
    }

    /// All channels.
    pub fn channels(&self) -> &[PeriodicTrain] {
        &self.channels
    }

    /// Total number of spikes in one period.
    pub fn num_spikes(&self) -> usize {
        self.channels.iter().map(PeriodicTrain::len).sum()
    }

    /// Mean number of spikes per channel and period (0 for a score without channels).
    pub fn mean_spikes_per_channel(&self) -> f64 {
        if self.channels.is_empty() {
            0.0
        } else {
            self.num_spikes() as f64 / self.channels.len() as f64
        }
    }

    /// Every spike of one period as `(time, channel)`, sorted by time (ties by channel).
    pub fn sorted_spikes(&self) -> Vec<(f64, usize)> {
        let mut all: Vec<(f64, usize)> = self
            .channels
            .iter()
            .enumerate()
            .flat_map(|(c, train)| train.times().iter().map(move |&t| (t, c)))
            .collect();
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        all
    }
}

impl TryFrom<ScoreData> for Score {
    type Error = SignalError;
    fn try_from(data: ScoreData) -> Result<Self, SignalError> {
        Self::new(data.period, data.channels)
    }
}

impl From<Score> for ScoreData {
    fn from(score: Score) -> Self {
        Self {
            period: score.period,
            channels: score
                .channels
                .into_iter()
                .map(PeriodicTrain::into_times)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_names_the_bad_channel() {
        let err = Score::new(10.0, vec![vec![1.0], vec![2.0, 2.5]]).unwrap_err();
        assert!(matches!(
            err,
            SignalError::Refractory {
                channel: Some(1),
                index: 1,
                ..
            }
        ));
    }

    #[test]
    fn score_rejects_mismatched_periods() {
        let a = PeriodicTrain::new(10.0, vec![1.0]).unwrap();
        let b = PeriodicTrain::new(20.0, vec![1.0]).unwrap();
        assert!(matches!(
            Score::from_trains(10.0, vec![a, b]),
            Err(SignalError::PeriodMismatch { channel: 1, .. })
        ));
    }

    #[test]
    fn sorted_spikes_and_counts() {
        let s = Score::new(10.0, vec![vec![3.0, 7.0], vec![], vec![1.0]]).unwrap();
        assert_eq!(s.num_spikes(), 3);
        assert_eq!(s.sorted_spikes(), vec![(1.0, 2), (3.0, 0), (7.0, 0)]);
        assert!((s.mean_spikes_per_channel() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn serde_round_trip() {
        let s = Score::new(10.0, vec![vec![3.0, 7.0], vec![]]).unwrap();
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text, r#"{"period":10.0,"channels":[[3.0,7.0],[]]}"#);
        assert_eq!(serde_json::from_str::<Score>(&text).unwrap(), s);
    }
}
