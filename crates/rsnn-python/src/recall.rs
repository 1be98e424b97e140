//! The recall protocols of the facade: free recall from the perfect initial condition and
//! associative recall from a partial noisy prompt.

use crate::convert::to_python;
use crate::errors::{IntoPy, invalid};
use crate::network::PyNetwork;
use crate::recording::{PyMeasurement, PyRecording};
use crate::run::{run, time_units};
use crate::score::PyScore;
use crate::simulate::{check_channels, simulate_config};
use numpy::PyArray1;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rsnn::recipes::{
    FreeStart, RecallProtocol, RecallRecord, associative_recall_with, free_recall_config,
};
use rsnn::signal::Similarity;
use rsnn::sim::{Measurement, Recording};

/// An associative-recall run (file kind `recall`: the protocol, the prompted neurons and
/// precision and recall per cycle for the prompted neurons, the free ones and all of them),
/// with its recording when it was just run (None when loaded from a file).
#[pyclass(name = "Recall", module = "rsnn", frozen)]
#[derive(Debug, Clone)]
pub struct PyRecall {
    pub(crate) inner: RecallRecord,
    pub(crate) recording: Option<Recording>,
}

/// Precision and recall of one group in every cycle (NaN where the group is empty).
fn group(cycles: &[rsnn::recipes::RecallCycle], name: &str) -> PyResult<Vec<Option<Similarity>>> {
    cycles
        .iter()
        .map(|c| match name {
            "all" => Ok(Some(c.all)),
            "prompted" => Ok(c.prompted),
            "free" => Ok(c.free),
            other => Err(PyValueError::new_err(format!(
                "unknown group `{other}` (known: all, prompted, free)"
            ))),
        })
        .collect()
}

#[pymethods]
impl PyRecall {
    /// The prompted neurons, sorted (an int64 array).
    #[getter]
    fn prompted<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        PyArray1::from_vec(py, self.inner.prompted.iter().map(|&l| l as i64).collect())
    }

    /// The protocol (a dict, as in the file, with its seed).
    #[getter]
    fn protocol<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.protocol)
    }

    /// Every cycle as a dict: cycle, prompting, and the precision and recall of the prompted
    /// neurons, the free ones and all of them.
    #[getter]
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.cycles)
    }

    /// Whether each cycle replayed the prompt (a bool array).
    #[getter]
    fn prompting<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<bool>> {
        PyArray1::from_vec(py, self.inner.cycles.iter().map(|c| c.prompting).collect())
    }

    /// The recording of the run (None for a run loaded from a file).
    #[getter]
    fn recording(&self) -> Option<PyRecording> {
        self.recording.clone().map(|inner| PyRecording { inner })
    }

    /// The precision of `group` ("all", "prompted" or "free") in every cycle.
    #[pyo3(signature = (group = "all"))]
    fn precision<'py>(&self, py: Python<'py>, group: &str) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let g = self::group(&self.inner.cycles, group)?;
        let v = g.iter().map(|s| s.map_or(f64::NAN, |s| s.precision));
        Ok(PyArray1::from_vec(py, v.collect()))
    }

    /// The recall of `group` ("all", "prompted" or "free") in every cycle.
    #[pyo3(signature = (group = "all"))]
    fn recall<'py>(&self, py: Python<'py>, group: &str) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let g = self::group(&self.inner.cycles, group)?;
        let v = g.iter().map(|s| s.map_or(f64::NAN, |s| s.recall));
        Ok(PyArray1::from_vec(py, v.collect()))
    }

    /// The record, as in the file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "Recall(prompted={}, cycles={})",
            self.inner.prompted.len(),
            self.inner.cycles.len()
        )
    }
}

/// Runs `protocol` on a thread of its own (see `run`).
pub fn recall_protocol(
    py: Python<'_>,
    network: &PyNetwork,
    score: &PyScore,
    protocol: RecallProtocol,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRecall> {
    protocol.validate().py()?;
    check_channels(&network.inner, &score.inner)?;
    let (net, score) = (network.inner.clone(), score.inner.clone());
    let end = (protocol.prompt_cycles + protocol.free_cycles) as f64 * score.period();
    let p = protocol.clone();
    let outcome = run(py, "recall", Some(1000), progress, move |control| {
        associative_recall_with(&net, &score, &p, &mut |t| {
            control.update_or_stop(time_units(t, 0.0, end));
        })
    })?;
    let (record, recording) = outcome.into_record(&protocol);
    Ok(PyRecall {
        inner: record,
        recording: Some(recording),
    })
}

/// The initial condition of the free neurons of a `free_start` argument.
fn free_start(value: &Bound<'_, PyAny>) -> PyResult<FreeStart> {
    if let Ok(rate) = value.extract::<f64>() {
        return Ok(FreeStart::RandomScore { rate });
    }
    match value.extract::<String>()?.as_str() {
        "silent" => Ok(FreeStart::Silent),
        "memory" => Ok(FreeStart::Memory),
        other => Err(PyValueError::new_err(format!(
            "unknown free start `{other}` (known: \"silent\", \"memory\", or the rate of a \
             random score)"
        ))),
    }
}

/// Associative recall (docs/model.md §8.2): a fraction of the neurons (`fraction`, chosen from
/// `seed`) is prompted with jittered copies of `score` (`prompt_jitter`, a fresh copy per
/// cycle) for `prompt_cycles` cycles while the others start as `free_start` says ("silent",
/// "memory" for the perfect initial condition, or a number: the rate of an unrelated random
/// score); then every neuron runs freely for `free_cycles` cycles, with threshold noise
/// `noise`. Every cycle is measured for the prompted neurons, the free ones and all of them.
///
/// Raises ValueError for a bad parameter, KeyboardInterrupt on Ctrl-C.
#[pyfunction]
#[pyo3(signature = (network, score, *, fraction = 0.5, prompt_jitter = 0.1, prompt_cycles = 2,
    free_cycles = 3, noise = 0.1, seed = 0, free_start = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn recall(
    py: Python<'_>,
    network: &PyNetwork,
    score: &PyScore,
    fraction: f64,
    prompt_jitter: f64,
    prompt_cycles: usize,
    free_cycles: usize,
    noise: f64,
    seed: u64,
    free_start: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRecall> {
    if !(noise.is_finite() && noise >= 0.0) {
        return Err(invalid("noise", noise, "must be finite and >= 0"));
    }
    if !(0.0..=1.0).contains(&fraction) {
        return Err(invalid("fraction", fraction, "must lie in [0, 1]"));
    }
    let protocol = RecallProtocol {
        prompted_fraction: fraction,
        prompt_jitter,
        prompt_cycles,
        free_cycles,
        sigma: noise,
        seed,
        free_start: free_start
            .map(self::free_start)
            .transpose()?
            .unwrap_or_default(),
    };
    recall_protocol(py, network, score, protocol, progress)
}

/// Free recall (docs/model.md §8.1): `cycles` periods of `score` from the perfect initial
/// condition with threshold noise `noise` seeded by `seed`, each cycle measured. Returns
/// `(recording, measurement)`.
///
/// Raises ValueError for a bad parameter, KeyboardInterrupt on Ctrl-C.
#[pyfunction]
#[pyo3(signature = (network, score, *, cycles = 10, noise = 0.1, seed = 0, progress = None))]
pub fn free_run(
    py: Python<'_>,
    network: &PyNetwork,
    score: &PyScore,
    cycles: usize,
    noise: f64,
    seed: u64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<(PyRecording, PyMeasurement)> {
    if cycles == 0 {
        return Err(invalid("cycles", 0.0, "must be at least 1"));
    }
    if !(noise.is_finite() && noise >= 0.0) {
        return Err(invalid("noise", noise, "must be finite and >= 0"));
    }
    check_channels(&network.inner, &score.inner)?;
    let config = free_recall_config(&network.inner, &score.inner, cycles, noise, seed).py()?;
    let recording = simulate_config(py, network.inner.clone(), config, progress)?;
    let measurement = Measurement::of(&recording, &score.inner, 0.0, cycles).py()?;
    Ok((
        PyRecording { inner: recording },
        PyMeasurement { inner: measurement },
    ))
}
