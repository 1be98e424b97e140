//! Memorization from Python: keyword arguments for the template and the solver, the network's
//! weights replaced in place, a report with per-neuron statuses; Ctrl-C stops before the next
//! neuron.

use crate::convert::to_python;
use crate::errors::IntoPy;
use crate::network::PyNetwork;
use crate::run::run;
use crate::score::PyScore;
use numpy::PyArray1;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rsnn::optim::{
    BackendKind, MemorizeConfig, MemorizeRecord, Mode, Objective, QuantMethod, Quantization,
    memorize_network_until,
};
use rsnn::signal::Score;

/// The scores of a `scores` argument: one Score or a sequence of them.
pub fn scores_of(scores: &Bound<'_, PyAny>) -> PyResult<Vec<Score>> {
    if let Ok(one) = scores.cast::<PyScore>() {
        return Ok(vec![one.get().inner.clone()]);
    }
    let many: Vec<PyRef<'_, PyScore>> = scores.extract().map_err(|_| {
        PyValueError::new_err("`scores` must be a Score or a sequence of Score objects")
    })?;
    Ok(many.iter().map(|s| s.inner.clone()).collect())
}

/// The memorization parameters of the keyword arguments (None: the default).
#[allow(clippy::too_many_arguments)]
pub fn config(
    weight_bound: f64,
    half_width: f64,
    silent_level: f64,
    min_slope: f64,
    objective: Option<&str>,
    backend: Option<&str>,
    template: &str,
    grid: Option<f64>,
    tolerance: f64,
    max_rounds: usize,
    points_per_round: usize,
    quantization: Option<Quantization>,
) -> PyResult<MemorizeConfig> {
    let defaults = MemorizeConfig::default();
    let objective = match objective {
        Some(o) => o
            .parse::<Objective>()
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
        None => defaults.objective,
    };
    let backend = match backend {
        Some(b) => b
            .parse::<BackendKind>()
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
        None => defaults.backend,
    };
    let mode = match (template, grid) {
        ("continuous", None) => Mode::ContinuousTime,
        ("continuous", Some(step)) => Mode::Grid { step },
        ("published", None) => Mode::Published,
        ("published", Some(_)) => {
            return Err(PyValueError::new_err(
                "`grid` applies to the continuous template; the published one has its own grid \
                 (0.05)",
            ));
        }
        (other, _) => {
            return Err(PyValueError::new_err(format!(
                "unknown template `{other}` (known: continuous, published)"
            )));
        }
    };
    let config = MemorizeConfig {
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
        quantization,
        ..defaults
    };
    config.validate().py()?;
    Ok(config)
}

/// The quantization of the keywords `levels`, `quantized`, `time_limit`, `node_limit` and
/// `firing_band` (None without levels).
pub fn quantization(
    levels: Option<usize>,
    quantized: &str,
    time_limit: f64,
    node_limit: Option<u64>,
    firing_band: f64,
) -> PyResult<Option<Quantization>> {
    let Some(levels) = levels else {
        return Ok(None);
    };
    let method = match quantized {
        "rounding" => QuantMethod::Rounding,
        "exact" => QuantMethod::Exact,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown quantized method `{other}` (known: rounding, exact)"
            )));
        }
    };
    Ok(Some(Quantization {
        method,
        time_limit,
        node_limit,
        firing_band,
        ..Quantization::new(levels)
    }))
}

/// Memorizes on a thread of its own (see `run`), replacing the weights of `network`.
pub fn memorize_in(
    py: Python<'_>,
    network: &Bound<'_, PyNetwork>,
    scores: Vec<Score>,
    config: MemorizeConfig,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMemorizeReport> {
    let mut net = network.borrow().inner.clone();
    let total = net.num_neurons() as u64;
    let memories = scores.len();
    let record_config = config.clone();
    let (net, report) = run(py, "memorize", Some(total), progress, move |control| {
        let report = memorize_network_until(
            &mut net,
            &scores,
            &config,
            |done, _| control.update(done as u64),
            || control.is_cancelled(),
        )?;
        Ok((net, report))
    })?;
    network.borrow_mut().inner = net;
    Ok(PyMemorizeReport {
        inner: MemorizeRecord {
            config: record_config,
            memories,
            report,
        },
    })
}

/// Memorizes one score or several in `network` (docs/model.md §5): each neuron's weights solve
/// one convex problem whose template holds in continuous time; the network's weights are
/// replaced in place (a neuron that cannot be memorized keeps its weights). Returns the report.
///
/// Keywords: weight_bound (|w| <= bound, 0.2), half_width (0.2), silent_level (0),
/// min_slope (2), objective ("l2", "l1", "linf" or "none"; default l2), backend ("dense",
/// "clarabel" or "good_lp" when compiled in; default dense), template ("continuous" or
/// "published"), grid (a grid step for the continuous template, None: continuous time),
/// tolerance (1e-6), max_rounds (60), points_per_round (40), levels (quantized weights: every
/// weight on one of `levels` levels over [-weight_bound, weight_bound], docs/model.md §5.7;
/// None: continuous weights), quantized ("rounding", the default, or "exact"), time_limit
/// (seconds per neuron, 10), node_limit (branch-and-bound nodes per mixed-integer solve,
/// None: no limit; unlike time_limit the same on every machine), firing_band (0.1), progress (a callable
/// `progress(stage, done, total)` called about ten times a second with neurons done).
///
/// Neurons that cannot be memorized are statuses of the report, not errors. Raises ValueError
/// for a bad parameter or scores that do not fit the network, KeyboardInterrupt on Ctrl-C
/// (the network is then unchanged).
#[pyfunction]
#[pyo3(signature = (network, scores, *, weight_bound = 0.2, half_width = 0.2,
    silent_level = 0.0, min_slope = 2.0, objective = None, backend = None,
    template = "continuous", grid = None, tolerance = 1e-6, max_rounds = 60,
    points_per_round = 40, levels = None, quantized = "rounding", time_limit = 10.0,
    node_limit = None, firing_band = 0.1, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn memorize(
    py: Python<'_>,
    network: &Bound<'_, PyNetwork>,
    scores: &Bound<'_, PyAny>,
    weight_bound: f64,
    half_width: f64,
    silent_level: f64,
    min_slope: f64,
    objective: Option<&str>,
    backend: Option<&str>,
    template: &str,
    grid: Option<f64>,
    tolerance: f64,
    max_rounds: usize,
    points_per_round: usize,
    levels: Option<usize>,
    quantized: &str,
    time_limit: f64,
    node_limit: Option<u64>,
    firing_band: f64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMemorizeReport> {
    let scores = scores_of(scores)?;
    let config = config(
        weight_bound,
        half_width,
        silent_level,
        min_slope,
        objective,
        backend,
        template,
        grid,
        tolerance,
        max_rounds,
        points_per_round,
        quantization(levels, quantized, time_limit, node_limit, firing_band)?,
    )?;
    memorize_in(py, network, scores, config, progress)
}

/// The report of a memorization (file kind `memorize-report`): the parameters, and per neuron
/// its status ("memorized", "unverified", "infeasible" or "failed"), solves and violation.
#[pyclass(name = "MemorizeReport", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyMemorizeReport {
    pub(crate) inner: MemorizeRecord,
}

#[pymethods]
impl PyMemorizeReport {
    /// The status of every neuron, in neuron order.
    #[getter]
    fn statuses(&self) -> Vec<String> {
        let status = |r: &rsnn::optim::NeuronReport| {
            serde_json::to_value(r.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        self.inner.report.neurons.iter().map(status).collect()
    }

    /// The number of neurons of each status: a dict with keys memorized, unverified,
    /// infeasible and failed.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.report.counts())
    }

    /// Whether every neuron was memorized and verified in continuous time.
    #[getter]
    fn all_memorized(&self) -> bool {
        self.inner.report.all_memorized()
    }

    /// The neurons not memorized (unverified, infeasible or failed), sorted.
    #[getter]
    fn not_memorized(&self) -> Vec<usize> {
        self.inner.report.not_memorized()
    }

    /// The largest continuous-time violation of a template over the neurons with weights.
    #[getter]
    fn max_violation(&self) -> f64 {
        self.inner.report.max_violation()
    }

    /// The continuous-time violation of every neuron (NaN for a neuron without weights).
    #[getter]
    fn violations<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        let v = self.inner.report.neurons.iter();
        PyArray1::from_vec(py, v.map(|r| r.max_violation.unwrap_or(f64::NAN)).collect())
    }

    /// The number of solves of every neuron.
    #[getter]
    fn rounds<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let r = self.inner.report.neurons.iter().map(|r| r.rounds as i64);
        PyArray1::from_vec(py, r.collect())
    }

    /// The mean number of solves per neuron.
    #[getter]
    fn mean_rounds(&self) -> f64 {
        self.inner.report.mean_rounds()
    }

    /// Wall time of the memorization, in seconds.
    #[getter]
    fn seconds(&self) -> f64 {
        self.inner.report.seconds
    }

    /// The number of scores memorized together.
    #[getter]
    fn memories(&self) -> usize {
        self.inner.memories
    }

    /// The parameters (a dict, as in the file).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.config)
    }

    /// Everything, as in the file: a dict with config, memories and report.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "MemorizeReport(neurons={}, memorized={}, max_violation={:e}, seconds={:.2})",
            self.inner.report.neurons.len(),
            self.inner.report.counts().memorized,
            self.inner.report.max_violation(),
            self.inner.report.seconds
        )
    }
}

/// Memorizes `scores` in the neurons `neurons` of `network` only, as `memorize` does for every
/// neuron (the same keywords), without changing the network: the part (a MemorizePart) holds
/// the weights and reports of those neurons and the hashes that `rsnn merge` checks.
///
/// Raises ValueError as `memorize` does, and for a neuron the network does not have;
/// KeyboardInterrupt on Ctrl-C.
#[pyfunction]
#[pyo3(signature = (network, scores, neurons, *, weight_bound = 0.2, half_width = 0.2,
    silent_level = 0.0, min_slope = 2.0, objective = None, backend = None,
    template = "continuous", grid = None, tolerance = 1e-6, max_rounds = 60,
    points_per_round = 40, levels = None, quantized = "rounding", time_limit = 10.0,
    node_limit = None, firing_band = 0.1, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn memorize_part(
    py: Python<'_>,
    network: &PyNetwork,
    scores: &Bound<'_, PyAny>,
    neurons: Vec<usize>,
    weight_bound: f64,
    half_width: f64,
    silent_level: f64,
    min_slope: f64,
    objective: Option<&str>,
    backend: Option<&str>,
    template: &str,
    grid: Option<f64>,
    tolerance: f64,
    max_rounds: usize,
    points_per_round: usize,
    levels: Option<usize>,
    quantized: &str,
    time_limit: f64,
    node_limit: Option<u64>,
    firing_band: f64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<crate::files::PyMemorizePart> {
    let scores = scores_of(scores)?;
    let config = config(
        weight_bound,
        half_width,
        silent_level,
        min_slope,
        objective,
        backend,
        template,
        grid,
        tolerance,
        max_rounds,
        points_per_round,
        quantization(levels, quantized, time_limit, node_limit, firing_band)?,
    )?;
    let net = network.inner.clone();
    let total = neurons.len() as u64;
    let part = run(py, "memorize", Some(total), progress, move |control| {
        rsnn::parts::memorize_part_until(
            &net,
            &neurons,
            &scores,
            &config,
            |done, _| control.update(done as u64),
            || control.is_cancelled(),
        )
    })?;
    Ok(crate::files::PyMemorizePart { inner: part })
}
