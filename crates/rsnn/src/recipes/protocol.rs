//! The associative-recall protocol and its validation.

use crate::Error;
use serde::{Deserialize, Serialize};

/// The associative-recall protocol: a fraction of the neurons is prompted with jittered copies
/// of the score for some cycles while the others start silent; then everybody runs freely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecallProtocol {
    /// Fraction of neurons prompted, in `[0, 1]` (default 0.5).
    pub prompted_fraction: f64,
    /// Standard deviation of the prompt's jitter (default 0.1).
    pub prompt_jitter: f64,
    /// Cycles during which the prompt is replayed (default 2).
    pub prompt_cycles: usize,
    /// Free cycles afterwards (default 3).
    pub free_cycles: usize,
    /// Threshold noise (default 0.1).
    pub sigma: f64,
    /// Seed of the choice of prompted neurons, of the jitter and of the threshold noise.
    pub seed: u64,
    /// How the neurons that are not prompted start (default: silent).
    pub free_start: FreeStart,
}

/// The initial condition of the neurons that are not prompted.
///
/// Serialized as `{"kind": "silent"}`, `{"kind": "random-score", "rate": ...}` or
/// `{"kind": "memory"}` in JSON, as a plain enum in bincode (`free_start_codec`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub enum FreeStart {
    /// No spike history: the neurons start at rest.
    #[default]
    Silent,
    /// The perfect initial condition of an unrelated random score with the given rate as spike
    /// history.
    RandomScore {
        /// Rate parameter of the random score.
        rate: f64,
    },
    /// The perfect initial condition of the memory itself as spike history
    /// ([`super::perfect_history`]), as in the original package's `memory` start.
    Memory,
}

impl Default for RecallProtocol {
    fn default() -> Self {
        Self {
            prompted_fraction: 0.5,
            prompt_jitter: 0.1,
            prompt_cycles: 2,
            free_cycles: 3,
            sigma: 0.1,
            seed: 0,
            free_start: FreeStart::Silent,
        }
    }
}

impl RecallProtocol {
    /// Checks the parameters that do not depend on the network.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the field: a prompted fraction outside `[0, 1]`, a
    /// negative or non-finite jitter or threshold noise, a non-finite or negative rate of a
    /// random free start, or no cycle at all.
    pub fn validate(&self) -> Result<(), Error> {
        let rate = match self.free_start {
            FreeStart::RandomScore { rate } => rate,
            FreeStart::Silent | FreeStart::Memory => 0.0,
        };
        let checks = [
            (
                "prompted_fraction",
                self.prompted_fraction,
                (0.0..=1.0).contains(&self.prompted_fraction),
                "must lie in [0, 1]",
            ),
            (
                "prompt_jitter",
                self.prompt_jitter,
                self.prompt_jitter >= 0.0,
                "must be finite and >= 0",
            ),
            (
                "sigma",
                self.sigma,
                self.sigma >= 0.0,
                "must be finite and >= 0",
            ),
            (
                "free_start.rate",
                rate,
                rate >= 0.0,
                "must be finite and >= 0",
            ),
        ];
        for (name, value, ok, reason) in checks {
            if !(ok && value.is_finite()) {
                return Err(Error::InvalidParameter {
                    name,
                    value,
                    reason,
                });
            }
        }
        check_cycles(self.prompt_cycles, self.free_cycles)
    }
}

/// Checks that `prompt` and `free` cycles add up to at least 1 and at most
/// [`rsnn_signal::limits::MAX_CYCLES`] (each cycle is simulated and measured).
///
/// # Errors
/// [`Error::InvalidParameter`] naming `free_cycles` (no cycle) or the larger of the two (too
/// many).
pub(crate) fn check_cycles(prompt: usize, free: usize) -> Result<(), Error> {
    let total = prompt.checked_add(free).map_or(f64::INFINITY, |t| t as f64);
    if total == 0.0 {
        return Err(Error::InvalidParameter {
            name: "free_cycles",
            value: 0.0,
            reason: "prompt and free cycles must add up to at least 1",
        });
    }
    if total > rsnn_signal::limits::MAX_CYCLES {
        let (name, value) = if free > prompt {
            ("free_cycles", free)
        } else {
            ("prompt_cycles", prompt)
        };
        return Err(Error::InvalidParameter {
            name,
            value: value as f64,
            reason: "prompt and free cycles together must not exceed 1e6 (the measurement limit)",
        });
    }
    Ok(())
}

impl std::fmt::Display for FreeStart {
    /// How the free neurons start, as the end of the sentence "the others starting ...".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Silent => f.write_str("silent"),
            Self::RandomScore { rate } => write!(f, "on a random score of rate {rate}"),
            Self::Memory => f.write_str("on the memory"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_bounded_without_overflow() {
        let p = |prompt_cycles, free_cycles| RecallProtocol {
            prompt_cycles,
            free_cycles,
            ..Default::default()
        };
        assert!(p(2, 3).validate().is_ok());
        let e = p(0, 0).validate().expect_err("no cycle").to_string();
        assert!(e.contains("free_cycles"), "{e}");
        let e = p(usize::MAX, 1)
            .validate()
            .expect_err("overflow")
            .to_string();
        assert!(e.contains("prompt_cycles") && e.contains("1e6"), "{e}");
        assert!(p(1, 1_000_000_000).validate().is_err());
    }
}
