//! Random periodic spike trains and scores with the exact distribution of docs/model.md §4.
//!
//! A periodic train of period `T` is circularly refractory: consecutive spikes, and the last and
//! the first spike across the period boundary, are at least one refractory period apart. Given
//! the rate parameter `lambda`, the number of spikes `n` has the distribution
//!
//! `p(n) ∝ lambda^n (T - n)^(n-1) / n!` for `0 <= n < T` (so `p(0) ∝ 1 / T`),
//!
//! and given `n`, the spikes are uniform over the circularly refractory configurations: draw
//! `t0 ~ U[0, T)` and `n - 1` values `u ~ U[0, T - n)`, sort them, and take `t0` and
//! `t0 + u_(k) + k` (k = 1..n-1), modulo `T`.

use crate::limits::{LimitExceeded, MAX_SCORE_SPIKES};
use crate::{PeriodicTrain, REFRACTORY_PERIOD, Score, SignalError, train::check_period};
use rand::{Rng, RngExt};
use serde::{Deserialize, Serialize};

/// The largest period the samplers accept: the spike-count distribution has `ceil(T)` entries.
pub const MAX_SAMPLER_PERIOD: f64 = 1e7;

/// A validated sampler of random periodic trains and scores (period `T`, rate `lambda`).
///
/// The spike-count distribution is computed once, in [`ScoreSampler::new`].
///
/// ```
/// use rand::SeedableRng;
/// use rsnn_signal::ScoreSampler;
///
/// let sampler = ScoreSampler::new(50.0, 0.2)?;
/// assert!((sampler.expected_count() - 7.225326).abs() < 1e-6);
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
/// let score = sampler.sample_score(&mut rng, 200)?;
/// assert_eq!(score.num_channels(), 200);
/// # Ok::<(), rsnn_signal::SignalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SamplerData", into = "SamplerData")]
pub struct ScoreSampler {
    period: f64,
    rate: f64,
    /// `p(n)` for `n = 0..`, normalized.
    probabilities: Vec<f64>,
    /// Cumulative sums of `probabilities`.
    cumulative: Vec<f64>,
    /// The largest `n` with `p(n) > 0`.
    last_positive: usize,
    /// The largest expected number of spikes of a sampled score.
    max_spikes: f64,
}

/// The serialized form of a [`ScoreSampler`].
#[derive(Serialize, Deserialize)]
struct SamplerData {
    period: f64,
    rate: f64,
}

impl ScoreSampler {
    /// Validates the parameters and computes the spike-count distribution.
    ///
    /// # Errors
    /// [`SignalError::InvalidParameter`] naming `period` (not finite, at or below the
    /// refractory period 1, or above [`MAX_SAMPLER_PERIOD`]) or `rate` (not finite and
    /// non-negative).
    pub fn new(period: f64, rate: f64) -> Result<Self, SignalError> {
        let probabilities = spike_count_distribution(period, rate)?;
        let mut cumulative = Vec::with_capacity(probabilities.len());
        let mut total = 0.0;
        for &p in &probabilities {
            total += p;
            cumulative.push(total);
        }
        let last_positive = probabilities.iter().rposition(|&p| p > 0.0).unwrap_or(0);
        Ok(Self {
            period,
            rate,
            probabilities,
            cumulative,
            last_positive,
            max_spikes: MAX_SCORE_SPIKES,
        })
    }

    /// The same sampler with another limit on the size of a sampled score
    /// (`channels * (1 + expected_count())`, default [`MAX_SCORE_SPIKES`]).
    #[must_use]
    pub fn with_max_spikes(mut self, max_spikes: f64) -> Self {
        self.max_spikes = max_spikes;
        self
    }

    /// Checks that a score of `channels` trains stays within the size limit: each channel
    /// counts one plus its expected number of spikes.
    ///
    /// # Errors
    /// [`SignalError::Limit`] naming `channels`.
    pub fn check_channels(&self, channels: usize) -> Result<(), SignalError> {
        let per_channel = 1.0 + self.expected_count();
        let size = channels as f64 * per_channel;
        LimitExceeded::check(size, self.max_spikes, |size| {
            LimitExceeded::new(
                "channels",
                channels as f64,
                size,
                "trains and spikes (expected)",
                self.max_spikes,
            )
            .context(format!("{} per train", crate::compact(per_channel - 1.0)))
            .raise("raise it with ScoreSampler::with_max_spikes")
        })?;
        Ok(())
    }

    /// The period `T`.
    pub fn period(&self) -> f64 {
        self.period
    }

    /// The rate parameter `lambda`.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// The spike-count distribution `p(n)`, `n = 0, 1, ...` (see [`spike_count_distribution`]).
    pub fn count_distribution(&self) -> &[f64] {
        &self.probabilities
    }

    /// The expected number of spikes per period.
    pub fn expected_count(&self) -> f64 {
        self.probabilities
            .iter()
            .enumerate()
            .map(|(n, &p)| n as f64 * p)
            .sum()
    }

    /// Draws a spike count from the distribution.
    pub fn sample_count<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let target = rng.random::<f64>() * total;
        let n = self.cumulative.partition_point(|&c| c <= target);
        n.min(self.last_positive)
    }

    /// Draws one periodic train.
    ///
    /// # Errors
    /// None in practice: the result is validated as a [`PeriodicTrain`], and the error is
    /// returned if rounding ever broke an invariant.
    pub fn sample_train<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<PeriodicTrain, SignalError> {
        self.sample_channel(rng, None)
    }

    /// Draws a score of `channels` independent periodic trains (channel 0 first).
    ///
    /// # Errors
    /// [`ScoreSampler::check_channels`] (before anything is drawn), or as
    /// [`ScoreSampler::sample_train`].
    pub fn sample_score<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        channels: usize,
    ) -> Result<Score, SignalError> {
        self.check_channels(channels)?;
        let trains = (0..channels)
            .map(|c| self.sample_channel(rng, Some(c)))
            .collect::<Result<Vec<_>, _>>()?;
        Score::from_trains(self.period, trains)
    }

    fn sample_channel<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        channel: Option<usize>,
    ) -> Result<PeriodicTrain, SignalError> {
        let n = self.sample_count(rng);
        let times = place_spikes(rng, self.period, n);
        match channel {
            Some(c) => PeriodicTrain::for_channel(self.period, times, c),
            None => PeriodicTrain::new(self.period, times),
        }
    }
}

impl Default for ScoreSampler {
    /// The defaults of docs/model.md §1: `T = 50`, `lambda = 0.2`.
    fn default() -> Self {
        let period = 50.0;
        let rate = 0.2;
        match Self::new(period, rate) {
            Ok(sampler) => sampler,
            // Unreachable: the defaults are valid. Keep a valid (degenerate) value anyway.
            Err(_) => Self {
                period,
                rate,
                probabilities: vec![1.0],
                cumulative: vec![1.0],
                last_positive: 0,
                max_spikes: MAX_SCORE_SPIKES,
            },
        }
    }
}

impl TryFrom<SamplerData> for ScoreSampler {
    type Error = SignalError;
    fn try_from(data: SamplerData) -> Result<Self, SignalError> {
        Self::new(data.period, data.rate)
    }
}

impl From<ScoreSampler> for SamplerData {
    fn from(sampler: ScoreSampler) -> Self {
        Self {
            period: sampler.period,
            rate: sampler.rate,
        }
    }
}

/// A uniform draw in `[0, width]` (never above `width`, even after rounding).
fn uniform<R: Rng + ?Sized>(rng: &mut R, width: f64) -> f64 {
    (rng.random::<f64>() * width).min(width)
}

/// Places `n` circularly refractory spikes uniformly in `[0, period)` (docs/model.md §4).
///
/// Requires `n < period`. The gaps are at least 1 up to one rounding of a sum below `2 T`.
fn place_spikes<R: Rng + ?Sized>(rng: &mut R, period: f64, n: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut t0 = uniform(rng, period);
    if t0 >= period {
        t0 = 0.0;
    }
    let free = period - n as f64;
    let mut u: Vec<f64> = (1..n).map(|_| uniform(rng, free)).collect();
    u.sort_by(f64::total_cmp);
    let mut times = Vec::with_capacity(n);
    times.push(t0);
    for (k, &uk) in u.iter().enumerate() {
        // t0 + u + k < 2T, so one subtraction (exact, by Sterbenz) brings it into [0, T).
        let s = t0 + uk + (k + 1) as f64;
        times.push(if s >= period { s - period } else { s });
    }
    times.sort_by(f64::total_cmp);
    times
}

fn check_rate(rate: f64) -> Result<(), SignalError> {
    if rate.is_finite() && rate >= 0.0 {
        Ok(())
    } else {
        Err(SignalError::InvalidParameter {
            name: "rate",
            value: rate,
            reason: "must be finite and non-negative",
        })
    }
}

/// The spike-count distribution of a random periodic train: `p(n)` for `n = 0, 1, ..., ceil(T) - 1`.
///
/// `p(n) ∝ lambda^n (T - n)^(n-1) / n!` for `0 <= n < T`, computed in the log domain. With
/// `lambda = 0` the train is always empty and the result is `[1.0]`.
///
/// # Errors
/// [`SignalError::InvalidParameter`] naming `period` (not finite, at or below the refractory
/// period 1, or above [`MAX_SAMPLER_PERIOD`]) or `rate` (not finite and non-negative).
pub fn spike_count_distribution(period: f64, rate: f64) -> Result<Vec<f64>, SignalError> {
    check_period(period)?;
    if period <= REFRACTORY_PERIOD {
        return Err(SignalError::InvalidParameter {
            name: "period",
            value: period,
            reason: "must exceed the refractory period 1: a shorter period leaves no room for \
                     a spike pattern (its trains could only be empty)",
        });
    }
    if period > MAX_SAMPLER_PERIOD {
        return Err(SignalError::InvalidParameter {
            name: "period",
            value: period,
            reason: "the samplers support periods up to 1e7",
        });
    }
    check_rate(rate)?;
    if rate == 0.0 {
        return Ok(vec![1.0]);
    }
    // n < T, i.e. n = 0..=ceil(T) - 1 (T itself excluded when it is an integer).
    let support = period.ceil() as usize;
    let ln_rate = rate.ln();
    let mut ln_factorial = 0.0;
    let mut log_weights = Vec::with_capacity(support);
    for n in 0..support {
        if n > 0 {
            ln_factorial += (n as f64).ln();
        }
        let nf = n as f64;
        log_weights.push(nf * ln_rate + (nf - 1.0) * (period - nf).ln() - ln_factorial);
    }
    let max = log_weights
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let mut weights: Vec<f64> = log_weights.iter().map(|&l| (l - max).exp()).collect();
    let total: f64 = weights.iter().sum();
    for w in &mut weights {
        *w /= total;
    }
    Ok(weights)
}

/// The expected number of spikes per period of a random periodic train.
///
/// # Errors
/// As [`spike_count_distribution`].
pub fn expected_spike_count(period: f64, rate: f64) -> Result<f64, SignalError> {
    Ok(spike_count_distribution(period, rate)?
        .iter()
        .enumerate()
        .map(|(n, &p)| n as f64 * p)
        .sum())
}

/// Draws one random periodic train (docs/model.md §4).
///
/// # Errors
/// As [`spike_count_distribution`].
pub fn sample_periodic_train<R: Rng + ?Sized>(
    rng: &mut R,
    period: f64,
    rate: f64,
) -> Result<PeriodicTrain, SignalError> {
    ScoreSampler::new(period, rate)?.sample_train(rng)
}

/// Draws a score of `channels` independent random periodic trains (channel 0 first).
///
/// # Errors
/// As [`spike_count_distribution`].
pub fn sample_score<R: Rng + ?Sized>(
    rng: &mut R,
    channels: usize,
    period: f64,
    rate: f64,
) -> Result<Score, SignalError> {
    ScoreSampler::new(period, rate)?.sample_score(rng, channels)
}

#[cfg(test)]
#[path = "sample_tests.rs"]
mod tests;
