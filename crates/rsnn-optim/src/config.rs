//! The memorization parameters ([`MemorizeConfig`]) and their checked form ([`ValidConfig`]).

use crate::OptimError;
use crate::backend::BackendKind;
use crate::quantize::Quantization;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The objective minimized over the weights `w` of one neuron.
///
/// Its canonical names, in files, on the command line and in [`fmt::Display`], are `none`,
/// `l1`, `l2` and `linf` ([`Objective::name`]); [`str::parse`] accepts them in any case. Files
/// written before `linf` was canonical spell it `l_inf`, which still loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Feasibility only: any weights satisfying the template, a pure LP with a zero objective.
    ///
    /// Every backend solves it by simplex (microlp, directly with the Clarabel backend, through
    /// good_lp with the good_lp backend) and returns a *vertex* of the feasible set, typically
    /// with many weights at `+-weight_bound`, as the original package did; it is not the
    /// minimum-norm point of [`Objective::L2`]. See the table in [`crate::backend`].
    None,
    /// `sum_k |w_k|`.
    L1,
    /// `1/2 sum_k w_k^2` (the recommended default).
    #[default]
    L2,
    /// `max_k |w_k|`.
    #[serde(rename = "linf", alias = "l_inf")]
    LInf,
}

impl Objective {
    /// Every objective, in the order of [`Objective::name`]'s list `none, l1, l2, linf`.
    pub fn all() -> &'static [Objective] {
        &[
            Objective::None,
            Objective::L1,
            Objective::L2,
            Objective::LInf,
        ]
    }

    /// Whether the objective is linear (an LP), i.e. expressible by LP-only backends.
    pub fn is_linear(self) -> bool {
        !matches!(self, Objective::L2)
    }

    /// The canonical name: `none`, `l1`, `l2` or `linf` (as in files and on the command line).
    pub fn name(self) -> &'static str {
        match self {
            Objective::None => "none",
            Objective::L1 => "l1",
            Objective::L2 => "l2",
            Objective::LInf => "linf",
        }
    }

    /// A description for people: `none (feasibility)`, `L1`, `squared L2` or `L-infinity`.
    pub fn description(self) -> &'static str {
        match self {
            Objective::None => "none (feasibility)",
            Objective::L1 => "L1",
            Objective::L2 => "squared L2",
            Objective::LInf => "L-infinity",
        }
    }
}

/// Writes the canonical name ([`Objective::name`]).
impl fmt::Display for Objective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown objective name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown objective `{0}` (known: none, l1, l2, linf)")]
pub struct UnknownObjective(pub String);

/// Parses a canonical name ([`Objective::name`]), in any case.
impl FromStr for Objective {
    type Err = UnknownObjective;
    fn from_str(s: &str) -> Result<Self, UnknownObjective> {
        Objective::all()
            .iter()
            .copied()
            .find(|o| o.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownObjective(s.to_string()))
    }
}

/// Which template is imposed and how: rsnn's continuous-time template (§5.1) by constraint
/// generation (the default) or on a grid, or the published grid template of the original
/// package. Serialized with a `kind` tag: `{"kind": "continuous_time"}`,
/// `{"kind": "grid", "step": 0.05}`, `{"kind": "published"}`; in bincode a plain enum
/// (module `mode_codec`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Mode {
    /// Constraint generation with the exact extrema of the potential: the template holds in
    /// continuous time up to [`MemorizeConfig::tolerance`].
    #[default]
    ContinuousTime,
    /// Constraints at every multiple of `step` inside the template regions, solved once (the
    /// published method; the continuous-time violation is measured and reported).
    Grid {
        /// The grid step (default 0.05).
        step: f64,
    },
    /// The published grid template of the original package, reproduced exactly (docs/model.md
    /// §5.6, [`crate::published`]): inequalities on the grid `0, 0.05, ... < T` with margins
    /// 1e-6, `z(s) >= theta_0` at firing times, `z <= theta_0 - 1` for a neuron without spikes,
    /// kernels evaluated modulo the period; solved once. The continuous-time violation of the
    /// result is measured against the template of §5.1 and reported.
    Published,
}

/// Parameters of memorization; defaults follow docs/model.md §1.
///
/// The nominal threshold `theta_0` of the firing equalities `z(s) = theta_0` is not a
/// parameter of memorization: it belongs to the network ([`rsnn_neuron::Network::threshold`]).
/// Files written when it was one (a `threshold` field) still load: the field is ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemorizeConfig {
    /// Bound on the weights: `|w| <= weight_bound` (default 0.2).
    pub weight_bound: f64,
    /// Half-width `hw` of the active regions `[s - hw, s + hw]` (default 0.2).
    pub half_width: f64,
    /// Level `z_max` that the potential must not exceed in silent regions (default 0).
    pub silent_level: f64,
    /// Minimum slope of the potential in active regions (default 2).
    pub min_slope: f64,
    /// The objective (default squared L2; L1 in a build whose only backend is `good_lp`).
    pub objective: Objective,
    /// Largest accepted continuous-time violation (default 1e-6).
    pub tolerance: f64,
    /// Cap on the number of solves of constraint generation (default 60).
    pub max_rounds: usize,
    /// Most violated points added per round (default 40).
    pub points_per_round: usize,
    /// Continuous time (default) or grid.
    pub mode: Mode,
    /// The solver backend.
    pub backend: BackendKind,
    /// Relative kernel tolerance below which old arrivals are dropped (default 1e-12).
    pub horizon_tolerance: f64,
    /// Quantized weights: `Q` levels, method, firing band, time limit (default none:
    /// continuous weights). See [`crate::quantize`].
    pub quantization: Option<Quantization>,
}

impl Default for MemorizeConfig {
    fn default() -> Self {
        Self {
            weight_bound: 0.2,
            half_width: 0.2,
            silent_level: 0.0,
            min_slope: 2.0,
            objective: if BackendKind::default().capabilities().quadratic {
                Objective::L2
            } else {
                Objective::L1
            },
            tolerance: 1e-6,
            max_rounds: 60,
            points_per_round: 40,
            mode: Mode::ContinuousTime,
            backend: BackendKind::default(),
            horizon_tolerance: 1e-12,
            quantization: None,
        }
    }
}

/// A [`MemorizeConfig`] whose parameters have been checked (see [`MemorizeConfig::validate`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidConfig(MemorizeConfig);

impl ValidConfig {
    /// The checked parameters.
    pub fn get(&self) -> &MemorizeConfig {
        &self.0
    }

    /// The same parameters with continuous weights (no quantization), still valid.
    pub(crate) fn continuous(&self) -> ValidConfig {
        ValidConfig(MemorizeConfig {
            quantization: None,
            ..self.0.clone()
        })
    }
}

impl std::ops::Deref for ValidConfig {
    type Target = MemorizeConfig;
    fn deref(&self) -> &MemorizeConfig {
        &self.0
    }
}

fn invalid(name: &'static str, value: f64, reason: &'static str) -> OptimError {
    OptimError::InvalidParameter {
        name,
        value,
        reason,
    }
}

impl MemorizeConfig {
    /// Checks every parameter and that the backend is compiled in and supports the objective.
    ///
    /// # Errors
    /// [`OptimError::InvalidParameter`] naming the field and its value,
    /// [`OptimError::BackendUnavailable`] or [`OptimError::Unsupported`].
    pub fn validate(&self) -> Result<ValidConfig, OptimError> {
        let c = self;
        if !(c.weight_bound.is_finite() && c.weight_bound > 0.0) {
            return Err(invalid(
                "weight_bound",
                c.weight_bound,
                "must be finite and positive",
            ));
        }
        if !(c.half_width.is_finite() && (0.0..1.0).contains(&c.half_width)) {
            return Err(invalid(
                "half_width",
                c.half_width,
                "must be in [0, 1) (refractory periods)",
            ));
        }
        if !c.silent_level.is_finite() {
            // Below the network's threshold too: checked where the network is known.
            return Err(invalid("silent_level", c.silent_level, "must be finite"));
        }
        if !(c.min_slope.is_finite() && c.min_slope >= 0.0) {
            return Err(invalid("min_slope", c.min_slope, "must be finite and >= 0"));
        }
        if !(c.tolerance.is_finite() && c.tolerance > 0.0) {
            return Err(invalid(
                "tolerance",
                c.tolerance,
                "must be finite and positive",
            ));
        }
        if c.max_rounds == 0 {
            return Err(invalid("max_rounds", 0.0, "must be at least 1"));
        }
        if c.points_per_round == 0 {
            return Err(invalid("points_per_round", 0.0, "must be at least 1"));
        }
        if let Mode::Grid { step } = c.mode
            && !(step.is_finite() && step > 0.0)
        {
            return Err(invalid("mode.step", step, "must be finite and positive"));
        }
        if !(c.horizon_tolerance.is_finite()
            && c.horizon_tolerance > 0.0
            && c.horizon_tolerance < 1e-3)
        {
            return Err(invalid(
                "horizon_tolerance",
                c.horizon_tolerance,
                "must be in (0, 1e-3)",
            ));
        }
        if let Some(q) = &c.quantization {
            q.validate(c.weight_bound)?;
        }
        if !c.backend.is_available() {
            return Err(OptimError::BackendUnavailable { backend: c.backend });
        }
        if !c.objective.is_linear() && !c.backend.capabilities().quadratic {
            return Err(OptimError::Unsupported {
                backend: c.backend,
                objective: c.objective,
            });
        }
        Ok(ValidConfig(c.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_model() {
        let c = MemorizeConfig::default();
        assert_eq!(c.weight_bound, 0.2);
        assert_eq!(c.half_width, 0.2);
        assert_eq!(c.silent_level, 0.0);
        assert_eq!(c.min_slope, 2.0);
        let quadratic = cfg!(feature = "clarabel");
        assert_eq!(c.objective == Objective::L2, quadratic);
        assert_eq!(c.tolerance, 1e-6);
        assert!(c.validate().is_ok());
    }

    #[test]
    fn invalid_fields_are_named() {
        let bad = [
            MemorizeConfig {
                weight_bound: f64::NAN,
                ..Default::default()
            },
            MemorizeConfig {
                half_width: -0.1,
                ..Default::default()
            },
            MemorizeConfig {
                silent_level: f64::INFINITY,
                ..Default::default()
            },
            MemorizeConfig {
                tolerance: 0.0,
                ..Default::default()
            },
            MemorizeConfig {
                mode: Mode::Grid { step: 0.0 },
                ..Default::default()
            },
        ];
        let names = [
            "weight_bound",
            "half_width",
            "silent_level",
            "tolerance",
            "mode.step",
        ];
        for (c, name) in bad.iter().zip(names) {
            match c.validate() {
                Err(OptimError::InvalidParameter { name: n, .. }) => assert_eq!(n, name),
                other => panic!("expected an error for {name}, got {other:?}"),
            }
        }
    }

    #[test]
    fn serde_fills_defaults() {
        let c: MemorizeConfig =
            serde_json::from_str(r#"{"objective":"l1","mode":{"kind":"grid","step":0.05}}"#)
                .expect("valid json");
        assert_eq!(c.objective, Objective::L1);
        assert_eq!(c.mode, Mode::Grid { step: 0.05 });
        assert_eq!(c.weight_bound, 0.2);
        let text = serde_json::to_string(&c).expect("serializable");
        let back: MemorizeConfig = serde_json::from_str(&text).expect("round trip");
        assert_eq!(back, c);
        let p: MemorizeConfig =
            serde_json::from_str(r#"{"mode":{"kind":"published"}}"#).expect("valid json");
        assert_eq!(p.mode, Mode::Published);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn objective_names_parse_print_and_serialize() {
        for &o in Objective::all() {
            assert_eq!(o.name().parse::<Objective>(), Ok(o));
            assert_eq!(o.name().to_uppercase().parse::<Objective>(), Ok(o));
            assert_eq!(o.to_string(), o.name());
            let json = serde_json::to_string(&o).expect("serializable");
            assert_eq!(json, format!("\"{}\"", o.name()));
        }
        assert!("l_inf".parse::<Objective>().is_err());
        assert_eq!(
            "l3".parse::<Objective>().unwrap_err().to_string(),
            "unknown objective `l3` (known: none, l1, l2, linf)"
        );
        // Files written before `linf` was canonical still load.
        for text in [r#""l_inf""#, r#""linf""#] {
            let o: Objective = serde_json::from_str(text).expect("known spelling");
            assert_eq!(o, Objective::LInf);
        }
        let c: MemorizeConfig =
            serde_json::from_str(r#"{"objective":"l_inf"}"#).expect("old report config");
        assert_eq!(c.objective, Objective::LInf);
    }

    #[test]
    fn an_old_threshold_field_is_ignored() {
        // Reports written when the threshold was part of the configuration still load.
        let c: MemorizeConfig =
            serde_json::from_str(r#"{"threshold":2.0,"weight_bound":0.3}"#).expect("valid json");
        assert_eq!(c.weight_bound, 0.3);
        assert_eq!(
            c,
            MemorizeConfig {
                weight_bound: 0.3,
                ..Default::default()
            }
        );
    }
}
