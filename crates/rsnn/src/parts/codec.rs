//! The memorization parameters of a part in both encodings: JSON exactly as in a
//! `memorize-report` (`mode` tagged by `kind`), bincode with `mode` as a plain enum (a variant
//! index `u32`: 0 continuous time, 1 grid followed by its step, 2 published), since bincode
//! cannot decode an enum tagged by a field.
//!
//! Used as `#[serde(with = "codec")]`; the choice follows the encoding's
//! `is_human_readable` (true for JSON, false for bincode).

use rsnn_optim::{BackendKind, MemorizeConfig, Mode, Objective};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// [`Mode`] in bincode.
#[derive(Serialize, Deserialize)]
enum BinaryMode {
    ContinuousTime,
    Grid { step: f64 },
    Published,
}

/// [`MemorizeConfig`] in bincode: the same fields in the same order.
#[derive(Serialize, Deserialize)]
struct BinaryConfig {
    weight_bound: f64,
    half_width: f64,
    silent_level: f64,
    min_slope: f64,
    objective: Objective,
    tolerance: f64,
    max_rounds: usize,
    points_per_round: usize,
    mode: BinaryMode,
    backend: BackendKind,
    horizon_tolerance: f64,
}

impl From<&MemorizeConfig> for BinaryConfig {
    fn from(c: &MemorizeConfig) -> Self {
        // Destructured without `..`: a new parameter must be encoded here to compile.
        let MemorizeConfig {
            weight_bound,
            half_width,
            silent_level,
            min_slope,
            objective,
            tolerance,
            max_rounds,
            points_per_round,
            mode,
            backend,
            horizon_tolerance,
        } = c.clone();
        BinaryConfig {
            weight_bound,
            half_width,
            silent_level,
            min_slope,
            objective,
            tolerance,
            max_rounds,
            points_per_round,
            mode: match mode {
                Mode::ContinuousTime => BinaryMode::ContinuousTime,
                Mode::Grid { step } => BinaryMode::Grid { step },
                Mode::Published => BinaryMode::Published,
            },
            backend,
            horizon_tolerance,
        }
    }
}

impl From<BinaryConfig> for MemorizeConfig {
    fn from(c: BinaryConfig) -> Self {
        MemorizeConfig {
            weight_bound: c.weight_bound,
            half_width: c.half_width,
            silent_level: c.silent_level,
            min_slope: c.min_slope,
            objective: c.objective,
            tolerance: c.tolerance,
            max_rounds: c.max_rounds,
            points_per_round: c.points_per_round,
            mode: match c.mode {
                BinaryMode::ContinuousTime => Mode::ContinuousTime,
                BinaryMode::Grid { step } => Mode::Grid { step },
                BinaryMode::Published => Mode::Published,
            },
            backend: c.backend,
            horizon_tolerance: c.horizon_tolerance,
        }
    }
}

/// Writes `config` as a `memorize-report` does (JSON) or as [`BinaryConfig`] (bincode).
pub(super) fn serialize<S: Serializer>(config: &MemorizeConfig, s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        config.serialize(s)
    } else {
        BinaryConfig::from(config).serialize(s)
    }
}

/// Reads what [`serialize`] writes.
pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<MemorizeConfig, D::Error> {
    if d.is_human_readable() {
        MemorizeConfig::deserialize(d)
    } else {
        BinaryConfig::deserialize(d).map(MemorizeConfig::from)
    }
}
