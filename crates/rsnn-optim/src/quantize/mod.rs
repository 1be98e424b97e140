//! Quantized memorization (docs/model.md §5.7): every weight restricted to `Q` evenly spaced
//! levels over `[-w_b, w_b]` ([`Levels`]), the same template and the same constraint
//! generation as continuous weights, verified in continuous time with the exact extrema.
//!
//! Weights on a grid cannot meet the firing equalities `z(s) = theta_0` exactly (a sum of
//! level multiples of real coefficients hits a given value only by chance), so the quantized
//! template replaces each by the band `|z(s) - theta_0| <= firing_band` (default 0.01, i.e. a
//! spike-time error of at most `firing_band / slope_min` = 0.005); the silent, slope and bound
//! constraints are unchanged. The verification measures the firing error beyond the band.
//!
//! Two methods ([`QuantMethod`]):
//! - [`QuantMethod::Exact`]: a mixed-integer program over the level indices (good_lp with
//!   microlp's branch and bound, pure Rust, always compiled in), with the configured
//!   objective (squared L2 exactly, as the maximum of the chords of `w^2` between consecutive
//!   levels), inside constraint generation: solve, add the violated points, solve again;
//! - [`QuantMethod::Rounding`]: the continuous solution (firing equalities, as without
//!   quantization) rounded to the nearest levels; if that violates the template, a repair
//!   frees the [`Quantization::repair_free`] weights most involved in the violated rows (then
//!   4 times as many, then all) and solves the mixed-integer program over them with the other
//!   weights fixed, minimizing the distance to the rounded levels.
//!
//! Each neuron has a time limit ([`Quantization::time_limit`], passed to the solver and
//! enforced between solves); a neuron that runs out of time before any weights meet the
//! generated rows gets [`crate::NeuronStatus::TimeLimit`] and keeps its weights.

mod exact;
mod levels;
mod mip;
mod rounding;

pub use levels::{Levels, MAX_LEVELS, ON_GRID};
pub(crate) use rounding::memorize_quantized;

use crate::OptimError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How quantized weights are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantMethod {
    /// A mixed-integer program with the configured objective (the default).
    #[default]
    Exact,
    /// Round the continuous solution, then repair the violated rows with a few free weights.
    Rounding,
}

impl QuantMethod {
    /// The name in files and on the command line: `exact` or `rounding`.
    pub fn name(self) -> &'static str {
        match self {
            QuantMethod::Exact => "exact",
            QuantMethod::Rounding => "rounding",
        }
    }
}

impl fmt::Display for QuantMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn default_band() -> f64 {
    0.01
}
fn default_time_limit() -> f64 {
    10.0
}
fn default_repair_free() -> usize {
    40
}

/// The parameters of quantized memorization ([`crate::MemorizeConfig::quantization`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantization {
    /// The number of levels `Q >= 2` over `[-weight_bound, weight_bound]`.
    pub levels: usize,
    /// Exact mixed-integer program or rounding with repair (default exact).
    #[serde(default)]
    pub method: QuantMethod,
    /// Half-width of the band `|z(s) - theta_0| <= firing_band` that replaces the firing
    /// equalities (default 0.01).
    #[serde(default = "default_band")]
    pub firing_band: f64,
    /// Wall-time limit per neuron in seconds, over all its solves (default 10).
    #[serde(default = "default_time_limit")]
    pub time_limit: f64,
    /// Stop a mixed-integer solve once its relative gap is below this (default: none, solve to
    /// optimality as far as the time limit allows).
    #[serde(default)]
    pub relative_gap: Option<f64>,
    /// Weights freed by the first repair of the rounding method (default 40).
    #[serde(default = "default_repair_free")]
    pub repair_free: usize,
}

impl Quantization {
    /// `levels` levels with the default settings (exact, band 0.01, 10 s per neuron).
    pub fn new(levels: usize) -> Self {
        Self {
            levels,
            method: QuantMethod::Exact,
            firing_band: default_band(),
            time_limit: default_time_limit(),
            relative_gap: None,
            repair_free: default_repair_free(),
        }
    }

    /// The levels over `[-bound, bound]`.
    ///
    /// # Errors
    /// As [`Levels::new`].
    pub fn levels(&self, bound: f64) -> Result<Levels, OptimError> {
        Levels::new(self.levels, bound)
    }

    /// Checks every field.
    ///
    /// # Errors
    /// [`OptimError::InvalidParameter`] naming the field.
    pub fn validate(&self, bound: f64) -> Result<(), OptimError> {
        let invalid = |name, value: f64, reason| OptimError::InvalidParameter {
            name,
            value,
            reason,
        };
        self.levels(bound)?;
        if !(self.firing_band.is_finite() && (0.0..1.0).contains(&self.firing_band)) {
            let reason = "must be in [0, 1) (a fraction of the threshold)";
            return Err(invalid(
                "quantization.firing_band",
                self.firing_band,
                reason,
            ));
        }
        if !(self.time_limit.is_finite() && self.time_limit > 0.0) {
            let reason = "must be finite and positive (seconds)";
            return Err(invalid("quantization.time_limit", self.time_limit, reason));
        }
        if let Some(gap) = self.relative_gap
            && !(gap.is_finite() && gap >= 0.0)
        {
            return Err(invalid(
                "quantization.relative_gap",
                gap,
                "must be finite and >= 0",
            ));
        }
        if self.repair_free == 0 {
            return Err(invalid(
                "quantization.repair_free",
                0.0,
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_in_and_fields_are_named() {
        let q: Quantization = serde_json::from_str(r#"{"levels":5}"#).expect("valid json");
        assert_eq!(q, Quantization::new(5));
        assert!(q.validate(0.2).is_ok());
        let bad = [
            (Quantization::new(1), "quantization.levels"),
            (
                Quantization {
                    time_limit: 0.0,
                    ..Quantization::new(3)
                },
                "quantization.time_limit",
            ),
            (
                Quantization {
                    firing_band: -0.1,
                    ..Quantization::new(3)
                },
                "quantization.firing_band",
            ),
            (
                Quantization {
                    relative_gap: Some(f64::NAN),
                    ..Quantization::new(3)
                },
                "quantization.relative_gap",
            ),
        ];
        for (q, name) in bad {
            match q.validate(0.2) {
                Err(OptimError::InvalidParameter { name: n, .. }) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
