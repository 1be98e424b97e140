//! The layouts of format version 1 of the files that carry memorization parameters and
//! reports, written before quantized weights existed (docs/model.md §5.7): the
//! `memorize-report` kind here, `memorize-part` and `pipeline-summary` in the facade. Version 2
//! added [`MemorizeConfig::quantization`], [`NeuronReport::quantized`] and
//! [`StatusCounts::time_limit`]; a binary file of version 1 is read through these layouts and
//! upgraded (no quantization, no neuron out of time).

use crate::backend::{BackendKind, SolveStatus};
use crate::config::{MemorizeConfig, Mode, Objective};
use crate::record::{MemorizeRecord, StatusCounts};
use crate::report::{NetworkReport, NeuronReport, NeuronStatus, Violations};
use serde::{Deserialize, Serialize};

/// [`MemorizeConfig`] of version 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct MemorizeConfigV1 {
    pub weight_bound: f64,
    pub half_width: f64,
    pub silent_level: f64,
    pub min_slope: f64,
    pub objective: Objective,
    pub tolerance: f64,
    pub max_rounds: usize,
    pub points_per_round: usize,
    pub mode: Mode,
    pub backend: BackendKind,
    pub horizon_tolerance: f64,
}

impl Default for MemorizeConfigV1 {
    fn default() -> Self {
        let c = MemorizeConfig::default();
        Self {
            weight_bound: c.weight_bound,
            half_width: c.half_width,
            silent_level: c.silent_level,
            min_slope: c.min_slope,
            objective: c.objective,
            tolerance: c.tolerance,
            max_rounds: c.max_rounds,
            points_per_round: c.points_per_round,
            mode: c.mode,
            backend: c.backend,
            horizon_tolerance: c.horizon_tolerance,
        }
    }
}

impl From<MemorizeConfigV1> for MemorizeConfig {
    fn from(c: MemorizeConfigV1) -> Self {
        Self {
            weight_bound: c.weight_bound,
            half_width: c.half_width,
            silent_level: c.silent_level,
            min_slope: c.min_slope,
            objective: c.objective,
            tolerance: c.tolerance,
            max_rounds: c.max_rounds,
            points_per_round: c.points_per_round,
            mode: c.mode,
            backend: c.backend,
            horizon_tolerance: c.horizon_tolerance,
            quantization: None,
        }
    }
}

/// [`NeuronReport`] of version 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct NeuronReportV1 {
    pub neuron: usize,
    pub status: NeuronStatus,
    pub solver_status: SolveStatus,
    pub rounds: usize,
    pub constraints: usize,
    pub objective: Option<f64>,
    pub max_violation: Option<f64>,
    #[serde(default)]
    pub continuous_violations: Option<Violations>,
    pub seconds: f64,
}

impl From<NeuronReportV1> for NeuronReport {
    fn from(r: NeuronReportV1) -> Self {
        Self {
            neuron: r.neuron,
            status: r.status,
            solver_status: r.solver_status,
            rounds: r.rounds,
            constraints: r.constraints,
            objective: r.objective,
            max_violation: r.max_violation,
            continuous_violations: r.continuous_violations,
            seconds: r.seconds,
            quantized: None,
        }
    }
}

/// [`NetworkReport`] of version 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct NetworkReportV1 {
    pub neurons: Vec<NeuronReportV1>,
    pub seconds: f64,
}

impl From<NetworkReportV1> for NetworkReport {
    fn from(r: NetworkReportV1) -> Self {
        Self {
            neurons: r.neurons.into_iter().map(NeuronReport::from).collect(),
            seconds: r.seconds,
        }
    }
}

/// [`StatusCounts`] of version 1.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct StatusCountsV1 {
    pub memorized: usize,
    pub unverified: usize,
    pub infeasible: usize,
    pub failed: usize,
}

impl From<StatusCountsV1> for StatusCounts {
    fn from(c: StatusCountsV1) -> Self {
        Self {
            memorized: c.memorized,
            unverified: c.unverified,
            infeasible: c.infeasible,
            failed: c.failed,
            time_limit: 0,
        }
    }
}

/// [`MemorizeRecord`] of version 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct MemorizeRecordV1 {
    pub config: MemorizeConfigV1,
    pub memories: usize,
    pub report: NetworkReportV1,
}

impl From<MemorizeRecordV1> for MemorizeRecord {
    fn from(r: MemorizeRecordV1) -> Self {
        Self {
            config: r.config.into(),
            memories: r.memories,
            report: r.report.into(),
        }
    }
}
