//! Jittered copies of spike trains (noisy prompts), by Gibbs sampling (docs/model.md §4).
//!
//! Each spike `i` of the copy follows a Gaussian of standard deviation `sigma` around its
//! nominal time `m_i`, and the copy is conditioned on staying valid: consecutive spikes at least
//! one refractory period apart (circularly for a [`PeriodicTrain`]) and, for a [`SpikeTrain`],
//! every spike inside a closed time window. That is, the copy has the density
//! `∝ prod_i exp(-(x_i - m_i)^2 / (2 sigma^2))` on the set of valid trains with the same number
//! of spikes in the same order.
//!
//! The sampler starts from the nominal train and runs `sweeps` Gibbs sweeps, each of which
//! redraws first the odd-indexed and then the even-indexed spikes from their exact conditional,
//! a Gaussian truncated to the gap left by the two neighbours (and the window). For a periodic
//! train the spikes live on the real line (unwrapped): spike 0 may move below 0 and the last
//! spike above `T`; the neighbours of spike 0 are spike 1 and the last spike minus `T`. The
//! result is taken modulo `T` and sorted.

use crate::truncnorm::truncated_normal;
use crate::{PeriodicTrain, REFRACTORY_PERIOD, Score, SignalError, SpikeTrain};
use rand::Rng;
use serde::{Deserialize, Serialize};

/// Parameters of the jitter sampler.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JitterConfig {
    /// Standard deviation of the Gaussian around each nominal spike time (finite, `>= 0`;
    /// `0` returns the input unchanged).
    pub sigma: f64,
    /// Number of Gibbs sweeps (`>= 1`).
    pub sweeps: usize,
}

impl JitterConfig {
    /// The default number of sweeps.
    pub const DEFAULT_SWEEPS: usize = 100;

    /// A configuration with the given `sigma` and [`JitterConfig::DEFAULT_SWEEPS`] sweeps.
    pub fn new(sigma: f64) -> Self {
        Self {
            sigma,
            sweeps: Self::DEFAULT_SWEEPS,
        }
    }

    /// Checks the parameters.
    ///
    /// # Errors
    /// [`SignalError::InvalidParameter`] naming `sigma` or `sweeps`.
    pub fn validate(&self) -> Result<(), SignalError> {
        if !(self.sigma.is_finite() && self.sigma >= 0.0) {
            return Err(SignalError::InvalidParameter {
                name: "sigma",
                value: self.sigma,
                reason: "must be finite and non-negative",
            });
        }
        if self.sweeps == 0 {
            return Err(SignalError::InvalidParameter {
                name: "sweeps",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        Ok(())
    }
}

impl Default for JitterConfig {
    /// `sigma = 0.1`, 100 sweeps.
    fn default() -> Self {
        Self::new(0.1)
    }
}

/// Where the spikes must stay.
#[derive(Clone, Copy)]
enum Domain {
    /// A closed window of a non-periodic train.
    Window(f64, f64),
    /// A circle of this period.
    Circle(f64),
}

/// The interval that spike `i` may move in, given the other spikes.
fn bounds(x: &[f64], i: usize, domain: Domain) -> (f64, f64) {
    let n = x.len();
    match domain {
        Domain::Window(start, end) => {
            let lo = if i > 0 {
                (x[i - 1] + REFRACTORY_PERIOD).max(start)
            } else {
                start
            };
            let hi = if i + 1 < n {
                (x[i + 1] - REFRACTORY_PERIOD).min(end)
            } else {
                end
            };
            (lo, hi)
        }
        Domain::Circle(_) if n == 1 => (f64::NEG_INFINITY, f64::INFINITY),
        Domain::Circle(period) => {
            let prev = if i > 0 { x[i - 1] } else { x[n - 1] - period };
            let next = if i + 1 < n { x[i + 1] } else { x[0] + period };
            (prev + REFRACTORY_PERIOD, next - REFRACTORY_PERIOD)
        }
    }
}

/// Runs the Gibbs sampler from the nominal times; returns the final state.
fn gibbs<R: Rng + ?Sized>(
    rng: &mut R,
    nominal: &[f64],
    config: &JitterConfig,
    domain: Domain,
) -> Vec<f64> {
    let mut x = nominal.to_vec();
    let n = x.len();
    for _ in 0..config.sweeps {
        for parity in [1, 0] {
            for i in (parity..n).step_by(2) {
                let (lo, hi) = bounds(&x, i, domain);
                // lo > hi only if the input used the rounding tolerance of the refractory check:
                // then keep the spike where it is.
                if lo <= hi {
                    x[i] = truncated_normal(rng, nominal[i], config.sigma, lo, hi);
                }
            }
        }
    }
    x
}

/// The unwrapped Gibbs result of a periodic train, taken modulo the period and sorted.
fn jittered_times<R: Rng + ?Sized>(
    rng: &mut R,
    train: &PeriodicTrain,
    config: &JitterConfig,
) -> Vec<f64> {
    let period = train.period();
    let mut times: Vec<f64> = gibbs(rng, train.times(), config, Domain::Circle(period))
        .into_iter()
        .map(|t| {
            let r = t.rem_euclid(period);
            if r >= period { 0.0 } else { r }
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// A jittered copy of a periodic train: circular refractoriness holds, the count is unchanged.
///
/// # Errors
/// An invalid `config`; otherwise none in practice (the result is validated, and rounding that
/// broke an invariant would be reported).
pub fn jitter_periodic<R: Rng + ?Sized>(
    rng: &mut R,
    train: &PeriodicTrain,
    config: &JitterConfig,
) -> Result<PeriodicTrain, SignalError> {
    config.validate()?;
    if config.sigma == 0.0 || train.is_empty() {
        return Ok(train.clone());
    }
    PeriodicTrain::new(train.period(), jittered_times(rng, train, config))
}

/// A jittered copy of a spike train whose spikes all stay in the closed window `[start, end]`
/// (either end may be infinite). Refractoriness holds and the count is unchanged.
///
/// # Errors
/// An invalid `config`; [`SignalError::InvalidParameter`] for a NaN `start` or `end` or
/// `start > end`; [`SignalError::OutOfWindow`] if the train itself leaves the window.
pub fn jitter_train<R: Rng + ?Sized>(
    rng: &mut R,
    train: &SpikeTrain,
    start: f64,
    end: f64,
    config: &JitterConfig,
) -> Result<SpikeTrain, SignalError> {
    config.validate()?;
    for (name, value) in [("start", start), ("end", end)] {
        if value.is_nan() {
            return Err(SignalError::InvalidParameter {
                name,
                value,
                reason: "must not be NaN",
            });
        }
    }
    if start > end {
        return Err(SignalError::InvalidParameter {
            name: "end",
            value: end,
            reason: "must not be before the start of the window",
        });
    }
    for (index, &time) in train.times().iter().enumerate() {
        if !(start..=end).contains(&time) {
            return Err(SignalError::OutOfWindow {
                channel: None,
                index,
                time,
                start,
                end,
            });
        }
    }
    if config.sigma == 0.0 || train.is_empty() {
        return Ok(train.clone());
    }
    SpikeTrain::new(gibbs(
        rng,
        train.times(),
        config,
        Domain::Window(start, end),
    ))
}

/// A jittered copy of every channel of a score, channel 0 first (so the result is reproducible
/// for a given generator state).
///
/// # Errors
/// As [`jitter_periodic`]; errors name the channel.
pub fn jitter_score<R: Rng + ?Sized>(
    rng: &mut R,
    score: &Score,
    config: &JitterConfig,
) -> Result<Score, SignalError> {
    config.validate()?;
    if config.sigma == 0.0 {
        return Ok(score.clone());
    }
    let trains = score
        .channels()
        .iter()
        .enumerate()
        .map(|(c, train)| {
            if train.is_empty() {
                Ok(train.clone())
            } else {
                PeriodicTrain::for_channel(score.period(), jittered_times(rng, train, config), c)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Score::from_trains(score.period(), trains)
}

#[cfg(test)]
#[path = "jitter_tests.rs"]
mod tests;
