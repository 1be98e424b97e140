//! Quantized memorization (docs/model.md §5.7): every weight restricted to `Q` evenly spaced
//! levels over `[-w_b, w_b]` ([`Levels`]), the same template and the same constraint
//! generation as continuous weights, verified in continuous time with the exact extrema.
//!
//! Weights on a grid cannot meet the firing equalities `z(s) = theta_0` exactly (a sum of
//! level multiples of real coefficients hits a given value only by chance), so the quantized
//! template replaces each by the band `|z(s) - theta_0| <= firing_band` (default 0.1, i.e. a
//! spike-time error of at most `firing_band / slope_min` = 0.05, the grid step of the published
//! template, whose firing rows are inequalities); the silent, slope and bound
//! constraints are unchanged. The verification measures the firing error beyond the band.
//!
//! Two methods ([`QuantMethod`]):
//! - [`QuantMethod::Exact`]: a mixed-integer program over the level indices (microlp's branch
//!   and bound, pure Rust, always compiled in; or HiGHS with the cargo feature `highs`), with the configured
//!   objective (squared L2 exactly, as the maximum of the chords of `w^2` between consecutive
//!   levels), inside constraint generation: solve, add the violated points, solve again;
//! - [`QuantMethod::Rounding`]: the continuous solution (firing equalities, as without
//!   quantization) rounded to the nearest levels; if that violates the template, a dive
//!   (progressive rounding: fix the free weights whose rounding moves the tight rows least,
//!   re-solve the continuous problem over the others for the largest common slack of the
//!   rows, repeat; halving the free set, then one weight at a time, depth first) fixes every
//!   weight, and the result is verified in continuous time (violated points added, dive again).
//!   When the dive gets stuck, a mixed-integer program over the last
//!   [`Quantization::repair_free`] free weights (the others fixed) repairs the rows; after
//!   three stuck dives on the same rows, the exact program over every weight decides.
//!
//! Each neuron has a time limit ([`Quantization::time_limit`], passed to the solver and
//! enforced between solves), and each mixed-integer solve an optional node limit
//! ([`Quantization::node_limit`], the deterministic alternative); a neuron that runs out of
//! time or nodes before any weights meet the generated rows gets
//! [`crate::NeuronStatus::TimeLimit`] and keeps its weights.

mod dive;
mod exact;
mod levels;
mod mip;
mod mip_solve;
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
    /// A mixed-integer program with the configured objective over every weight.
    Exact,
    /// Round the continuous solution; if that violates the template, dive (progressive
    /// rounding with continuous re-solves) and repair the last free weights (the default).
    #[default]
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

/// The mixed-integer solver of quantized memorization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MipSolver {
    /// microlp's branch and bound (pure Rust, always compiled in).
    Microlp,
    /// HiGHS (cargo feature `highs`; single-threaded, so results do not depend on the
    /// machine).
    Highs,
}

impl MipSolver {
    /// The name in files and on the command line: `microlp` or `highs`.
    pub fn name(self) -> &'static str {
        match self {
            MipSolver::Microlp => "microlp",
            MipSolver::Highs => "highs",
        }
    }

    /// Whether this build has the solver.
    pub fn is_available(self) -> bool {
        match self {
            MipSolver::Microlp => true,
            MipSolver::Highs => cfg!(feature = "highs"),
        }
    }
}

impl Default for MipSolver {
    /// HiGHS when compiled in, else microlp.
    fn default() -> Self {
        if MipSolver::Highs.is_available() {
            MipSolver::Highs
        } else {
            MipSolver::Microlp
        }
    }
}

impl fmt::Display for MipSolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for MipSolver {
    type Err = OptimError;
    fn from_str(s: &str) -> Result<Self, OptimError> {
        match s {
            "microlp" => Ok(MipSolver::Microlp),
            "highs" => Ok(MipSolver::Highs),
            _ => Err(OptimError::InvalidChoice {
                name: "quantization.mip_solver",
                value: s.to_owned(),
                reason: "unknown solver (known: microlp, highs)",
            }),
        }
    }
}

fn default_band() -> f64 {
    0.1
}
fn default_time_limit() -> f64 {
    10.0
}
fn default_repair_free() -> usize {
    16
}

/// The parameters of quantized memorization ([`crate::MemorizeConfig::quantization`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantization {
    /// The number of levels `Q >= 2` over `[-weight_bound, weight_bound]`.
    pub levels: usize,
    /// Rounding with a dive and repair (the default) or the exact mixed-integer program.
    #[serde(default)]
    pub method: QuantMethod,
    /// Half-width of the band `|z(s) - theta_0| <= firing_band` that replaces the firing
    /// equalities (default 0.1: with the minimum slope 2, a spike-time error of at most 0.05,
    /// the grid step of the published template).
    #[serde(default = "default_band")]
    pub firing_band: f64,
    /// Wall-time limit per neuron in seconds, over all its solves (default 10).
    #[serde(default = "default_time_limit")]
    pub time_limit: f64,
    /// Stop a mixed-integer solve once its relative gap is below this (default: none, solve to
    /// optimality as far as the time limit allows).
    #[serde(default)]
    pub relative_gap: Option<f64>,
    /// The mixed-integer solver (default: HiGHS when compiled in, else microlp).
    #[serde(default)]
    pub mip_solver: MipSolver,
    /// Weights left free at the end of the dive of the rounding method, and freed by its first
    /// mixed-integer repair (default 16).
    #[serde(default = "default_repair_free")]
    pub repair_free: usize,
    /// Branch-and-bound nodes per mixed-integer solve (default: none). Unlike the time limit,
    /// a node limit stops every run at the same point on any machine under any load: set it
    /// (with a generous time limit as a safeguard) when results must be reproducible. A solve
    /// stopped by it counts as stopped by the time limit.
    #[serde(default)]
    pub node_limit: Option<u64>,
}

impl Quantization {
    /// `levels` levels with the default settings (rounding, band 0.1, 10 s per neuron).
    pub fn new(levels: usize) -> Self {
        Self {
            levels,
            method: QuantMethod::Rounding,
            firing_band: default_band(),
            time_limit: default_time_limit(),
            relative_gap: None,
            mip_solver: MipSolver::default(),
            repair_free: default_repair_free(),
            node_limit: None,
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
        if !self.mip_solver.is_available() {
            return Err(OptimError::InvalidChoice {
                name: "quantization.mip_solver",
                value: self.mip_solver.name().to_owned(),
                reason: "not compiled in (cargo feature `highs`)",
            });
        }
        if self.repair_free == 0 {
            return Err(invalid(
                "quantization.repair_free",
                0.0,
                "must be at least 1",
            ));
        }
        if self.node_limit == Some(0) {
            return Err(invalid(
                "quantization.node_limit",
                0.0,
                "must be at least 1 (or absent: no limit)",
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
                    node_limit: Some(0),
                    ..Quantization::new(3)
                },
                "quantization.node_limit",
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
