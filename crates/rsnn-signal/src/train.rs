//! Spike trains that cannot be invalid: finite, sorted and refractory.
//!
//! Time is measured in units of the absolute refractory period, so consecutive spikes of one
//! neuron are at least [`REFRACTORY_PERIOD`]` = 1` apart (up to [`REFRACTORY_TOLERANCE`], which
//! absorbs the rounding of `t + 1.0` at large absolute times).

use crate::SignalError;
use serde::{Deserialize, Serialize};

/// The absolute refractory period `tau_r`, the unit of time.
pub const REFRACTORY_PERIOD: f64 = 1.0;

/// Slack allowed when checking refractoriness, to absorb floating-point rounding.
pub const REFRACTORY_TOLERANCE: f64 = 1e-9;

/// Checks that `times` are finite, sorted and at least one refractory period apart.
pub(crate) fn check_times(times: &[f64], channel: Option<usize>) -> Result<(), SignalError> {
    for (index, &t) in times.iter().enumerate() {
        if !t.is_finite() {
            return Err(SignalError::NonFinite {
                channel,
                index,
                value: t,
            });
        }
        if index > 0 {
            let previous = times[index - 1];
            if t < previous {
                return Err(SignalError::Unsorted {
                    channel,
                    index,
                    previous,
                    current: t,
                });
            }
            if t - previous < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE {
                return Err(SignalError::Refractory {
                    channel,
                    index,
                    previous,
                    current: t,
                    min_gap: REFRACTORY_PERIOD,
                });
            }
        }
    }
    Ok(())
}

/// Checks that a period is finite and positive.
pub(crate) fn check_period(period: f64) -> Result<(), SignalError> {
    if period.is_finite() && period > 0.0 {
        Ok(())
    } else {
        Err(SignalError::InvalidParameter {
            name: "period",
            value: period,
            reason: "must be finite and positive",
        })
    }
}

/// A finite, sorted, refractory spike train (for instance the spikes recorded in a simulation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<f64>", into = "Vec<f64>")]
pub struct SpikeTrain {
    times: Vec<f64>,
}

impl SpikeTrain {
    /// Validates and wraps spike times.
    ///
    /// # Errors
    /// [`SignalError::NonFinite`], [`SignalError::Unsorted`] or [`SignalError::Refractory`].
    pub fn new(times: Vec<f64>) -> Result<Self, SignalError> {
        check_times(&times, None)?;
        Ok(Self { times })
    }

    /// Like [`SpikeTrain::new`], naming `channel` in errors.
    ///
    /// # Errors
    /// As [`SpikeTrain::new`].
    pub fn for_channel(times: Vec<f64>, channel: usize) -> Result<Self, SignalError> {
        check_times(&times, Some(channel))?;
        Ok(Self { times })
    }

    /// An empty train.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The spike times, sorted.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Number of spikes.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether the train has no spike.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// The spikes in `[start, end)`.
    pub fn window(&self, start: f64, end: f64) -> &[f64] {
        let lo = self.times.partition_point(|&t| t < start);
        let hi = self.times.partition_point(|&t| t < end);
        &self.times[lo..hi.max(lo)]
    }

    /// The last spike, if any.
    pub fn last(&self) -> Option<f64> {
        self.times.last().copied()
    }

    /// Consumes the train and returns its times.
    pub fn into_times(self) -> Vec<f64> {
        self.times
    }
}

impl AsRef<[f64]> for SpikeTrain {
    fn as_ref(&self) -> &[f64] {
        &self.times
    }
}

impl TryFrom<Vec<f64>> for SpikeTrain {
    type Error = SignalError;
    fn try_from(times: Vec<f64>) -> Result<Self, SignalError> {
        Self::new(times)
    }
}

impl From<SpikeTrain> for Vec<f64> {
    fn from(train: SpikeTrain) -> Self {
        train.times
    }
}

/// A periodic spike train: spike times in `[0, period)` that repeat with the period.
///
/// Refractoriness also holds across the period boundary: the last spike and the first spike of
/// the next period are at least one refractory period apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PeriodicTrainData", into = "PeriodicTrainData")]
pub struct PeriodicTrain {
    period: f64,
    times: Vec<f64>,
}

/// The serialized form of a [`PeriodicTrain`], validated on deserialization.
#[derive(Serialize, Deserialize)]
struct PeriodicTrainData {
    period: f64,
    times: Vec<f64>,
}

impl PeriodicTrain {
    /// Validates and wraps the spike times of one period.
    ///
    /// # Errors
    /// An invalid period, a time outside `[0, period)`, unsorted or non-finite times, or a
    /// refractory violation (also across the period boundary).
    pub fn new(period: f64, times: Vec<f64>) -> Result<Self, SignalError> {
        Self::validated(period, times, None)
    }

    /// Like [`PeriodicTrain::new`], naming `channel` in errors.
    ///
    /// # Errors
    /// As [`PeriodicTrain::new`].
    pub fn for_channel(period: f64, times: Vec<f64>, channel: usize) -> Result<Self, SignalError> {
        Self::validated(period, times, Some(channel))
    }

    fn validated(
        period: f64,
        times: Vec<f64>,
        channel: Option<usize>,
    ) -> Result<Self, SignalError> {
        check_period(period)?;
        check_times(&times, channel)?;
        for (index, &time) in times.iter().enumerate() {
            if !(0.0..period).contains(&time) {
                return Err(SignalError::OutOfPeriod {
                    channel,
                    index,
                    time,
                    period,
                });
            }
        }
        if let (Some(&first), Some(&last)) = (times.first(), times.last())
            && first + period - last < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE
        {
            return Err(SignalError::Refractory {
                channel,
                index: 0,
                previous: last,
                current: first + period,
                min_gap: REFRACTORY_PERIOD,
            });
        }
        Ok(Self { period, times })
    }

    /// An empty train with the given period.
    ///
    /// # Errors
    /// An invalid period.
    pub fn empty(period: f64) -> Result<Self, SignalError> {
        Self::new(period, Vec::new())
    }

    /// The period.
    pub fn period(&self) -> f64 {
        self.period
    }

    /// The spike times of one period, sorted, in `[0, period)`.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Number of spikes per period.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether the train never fires.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// All spikes of the periodic repetition that fall in `[start, end)`, sorted.
    pub fn unrolled(&self, start: f64, end: f64) -> Vec<f64> {
        let mut out = Vec::new();
        // Also empty for NaN or infinite ends (the loop below needs a finite span).
        if self.times.is_empty() || !(start < end && start.is_finite() && end.is_finite()) {
            return out;
        }
        let mut k = (start / self.period).floor() - 1.0;
        loop {
            let offset = k * self.period;
            if offset >= end {
                break;
            }
            out.extend(
                self.times
                    .iter()
                    .map(|&t| t + offset)
                    .filter(|&t| t >= start && t < end),
            );
            if k + 1.0 == k {
                // Times so large that the period is below their resolution: nothing more to add.
                break;
            }
            k += 1.0;
        }
        out
    }

    /// Consumes the train and returns its times.
    pub fn into_times(self) -> Vec<f64> {
        self.times
    }
}

impl TryFrom<PeriodicTrainData> for PeriodicTrain {
    type Error = SignalError;
    fn try_from(data: PeriodicTrainData) -> Result<Self, SignalError> {
        Self::new(data.period, data.times)
    }
}

impl From<PeriodicTrain> for PeriodicTrainData {
    fn from(train: PeriodicTrain) -> Self {
        Self {
            period: train.period,
            times: train.times,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spike_train_rejects_bad_input() {
        assert!(matches!(
            SpikeTrain::new(vec![0.0, f64::NAN]),
            Err(SignalError::NonFinite { index: 1, .. })
        ));
        assert!(matches!(
            SpikeTrain::new(vec![f64::INFINITY]),
            Err(SignalError::NonFinite { index: 0, .. })
        ));
        assert!(matches!(
            SpikeTrain::new(vec![3.0, 1.0]),
            Err(SignalError::Unsorted { index: 1, .. })
        ));
        assert!(matches!(
            SpikeTrain::new(vec![1.0, 1.5]),
            Err(SignalError::Refractory { index: 1, .. })
        ));
        assert!(SpikeTrain::new(vec![1.0, 2.0, 10.0]).is_ok());
        let err = SpikeTrain::for_channel(vec![1.0, 1.5], 7).unwrap_err();
        assert!(err.to_string().contains("channel 7, spike 1"), "{err}");
    }

    #[test]
    fn refractoriness_tolerates_rounding_at_large_times() {
        let t = 1e6 + 0.1;
        assert!(SpikeTrain::new(vec![t, t + 1.0, t + 2.0]).is_ok());
    }

    #[test]
    fn window_selects_half_open_range() {
        let s = SpikeTrain::new(vec![0.0, 1.0, 2.5, 4.0]).unwrap();
        assert_eq!(s.window(1.0, 4.0), &[1.0, 2.5]);
        assert!(s.window(5.0, 1.0).is_empty());
    }

    #[test]
    fn periodic_train_checks_boundary() {
        assert!(PeriodicTrain::new(10.0, vec![0.0, 9.5]).is_err());
        assert!(PeriodicTrain::new(10.0, vec![0.5, 9.5]).is_ok());
        assert!(matches!(
            PeriodicTrain::new(10.0, vec![10.0]),
            Err(SignalError::OutOfPeriod { .. })
        ));
        assert!(matches!(
            PeriodicTrain::new(10.0, vec![-0.1]),
            Err(SignalError::OutOfPeriod { .. })
        ));
        assert!(PeriodicTrain::new(0.5, vec![0.1]).is_err());
        assert!(PeriodicTrain::new(0.0, vec![]).is_err());
        assert!(PeriodicTrain::new(-1.0, vec![]).is_err());
        assert!(PeriodicTrain::new(f64::NAN, vec![]).is_err());
    }

    #[test]
    fn unrolled_repeats_the_period() {
        let p = PeriodicTrain::new(10.0, vec![1.0, 5.0]).unwrap();
        assert_eq!(p.unrolled(-10.0, 12.0), vec![-9.0, -5.0, 1.0, 5.0, 11.0]);
        assert!(p.unrolled(3.0, 3.0).is_empty());
    }

    #[test]
    fn serde_validates() {
        let ok: PeriodicTrain = serde_json::from_str(r#"{"period":10,"times":[1,5]}"#).unwrap();
        assert_eq!(ok.times(), &[1.0, 5.0]);
        let bad = serde_json::from_str::<PeriodicTrain>(r#"{"period":10,"times":[5,1]}"#);
        assert!(bad.unwrap_err().to_string().contains("not sorted"));
    }
}
