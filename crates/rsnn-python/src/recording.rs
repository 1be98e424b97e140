//! Recordings of simulated spikes and their measurement against a score.

use crate::convert::{Floats, array, arrays, to_python, to_vec};
use crate::errors::IntoPy;
use crate::score::PyScore;
use numpy::PyArray1;
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rsnn::signal::SpikeTrain;
use rsnn::sim::{Measurement, Recording};

/// Every spike of a simulation on [start, end): one sorted train per neuron (file kind
/// `recording`).
///
/// Recording(start, end, trains): `trains` is a sequence of float64 arrays, one per neuron,
/// each refractory and inside [start, end). Raises ValueError otherwise.
#[pyclass(name = "Recording", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyRecording {
    pub(crate) inner: Recording,
}

#[pymethods]
impl PyRecording {
    #[new]
    fn new(start: f64, end: f64, trains: Vec<Floats<'_>>) -> PyResult<Self> {
        let times = trains.iter().map(to_vec).collect();
        Ok(Self {
            inner: Recording::from_times(start, end, times).py()?,
        })
    }

    /// Start of the recorded span.
    #[getter]
    fn start(&self) -> f64 {
        self.inner.start()
    }

    /// End of the recorded span (exclusive).
    #[getter]
    fn end(&self) -> f64 {
        self.inner.end()
    }

    /// The number of neurons.
    #[getter]
    fn num_neurons(&self) -> usize {
        self.inner.num_neurons()
    }

    /// The number of spikes, all neurons.
    #[getter]
    fn num_spikes(&self) -> usize {
        self.inner.num_spikes()
    }

    /// The spike times of every neuron: a list of float64 arrays (copies).
    #[getter]
    fn trains<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        arrays(py, self.inner.trains().iter().map(SpikeTrain::times))
    }

    /// The spike times of neuron `l` (a float64 array). Raises IndexError for a neuron the
    /// recording does not have.
    fn train<'py>(&self, py: Python<'py>, l: usize) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let train = self.inner.train(l).ok_or_else(|| {
            PyIndexError::new_err(format!(
                "neuron {l} out of range: the recording has {} neurons",
                self.inner.num_neurons()
            ))
        })?;
        Ok(PyArray1::from_slice(py, train.times()))
    }

    /// Every spike as two arrays `(times, neurons)`, sorted by time then neuron: the input of a
    /// raster plot (`plt.scatter(times, neurons, s=1)`).
    fn spikes<'py>(
        &self,
        py: Python<'py>,
    ) -> (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<i64>>) {
        let mut all: Vec<(f64, i64)> = Vec::with_capacity(self.inner.num_spikes());
        for (l, train) in self.inner.trains().iter().enumerate() {
            all.extend(train.times().iter().map(|&t| (t, l as i64)));
        }
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (times, ids): (Vec<f64>, Vec<i64>) = all.into_iter().unzip();
        (array(py, times), PyArray1::from_vec(py, ids))
    }

    fn __repr__(&self) -> String {
        format!(
            "Recording(start={}, end={}, neurons={}, spikes={})",
            self.inner.start(),
            self.inner.end(),
            self.inner.num_neurons(),
            self.inner.num_spikes()
        )
    }
}

/// Precision and recall of consecutive cycles of a recording against a score (docs/model.md
/// §6; file kind `measurement`).
#[pyclass(name = "Measurement", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyMeasurement {
    pub(crate) inner: Measurement,
}

#[pymethods]
impl PyMeasurement {
    /// The period of the score (the length of a cycle).
    #[getter]
    fn period(&self) -> f64 {
        self.inner.period
    }

    /// The precision of every cycle (matches per produced spike).
    #[getter]
    fn precision<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        array(py, self.inner.cycles.iter().map(|c| c.precision).collect())
    }

    /// The recall of every cycle (matches per prescribed spike).
    #[getter]
    fn recall<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        array(py, self.inner.cycles.iter().map(|c| c.recall).collect())
    }

    /// The start of every cycle (absolute time).
    #[getter]
    fn starts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        array(py, self.inner.cycles.iter().map(|c| c.start).collect())
    }

    /// Every cycle as a dict with cycle, start, precision and recall.
    #[getter]
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.cycles)
    }

    /// Everything, as in the file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __len__(&self) -> usize {
        self.inner.cycles.len()
    }

    fn __repr__(&self) -> String {
        let min = |f: fn(&rsnn::sim::CycleRow) -> f64| {
            self.inner
                .cycles
                .iter()
                .map(f)
                .fold(f64::INFINITY, f64::min)
        };
        format!(
            "Measurement(cycles={}, min_precision={:.3}, min_recall={:.3})",
            self.inner.cycles.len(),
            min(|c| c.precision),
            min(|c| c.recall)
        )
    }
}

/// Precision and recall of the cycles `[start + k T, start + (k + 1) T)` of `recording`
/// against `score` (period T), `k = 0 .. cycles - 1`; `cycles` defaults to every whole cycle
/// of the recording from `start`. Raises ValueError when the score does not fit the recording
/// or the cycles leave it.
#[pyfunction]
#[pyo3(signature = (recording, score, *, start = 0.0, cycles = None))]
pub fn measure(
    py: Python<'_>,
    recording: &PyRecording,
    score: &PyScore,
    start: f64,
    cycles: Option<usize>,
) -> PyResult<PyMeasurement> {
    let (rec, score) = (&recording.inner, &score.inner);
    let cycles = match cycles {
        Some(c) => c,
        None => Measurement::available_cycles(rec, score.period(), start).py()?,
    };
    let m = py.detach(|| Measurement::of(rec, score, start, cycles));
    Ok(PyMeasurement { inner: m.py()? })
}
