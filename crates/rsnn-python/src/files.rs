//! Every rsnn file kind, loaded and saved from Python (versioned JSON, or bincode with `.bin`;
//! see docs/file-formats.md), and the two kinds that have no other home here: parts of a
//! memorization and pipeline summaries.

use crate::convert::{Floats, array, arrays, to_python, to_vec};
use crate::errors::{IntoPy, to_py};
use crate::memorize::PyMemorizeReport;
use crate::network::PyNetwork;
use crate::recall::PyRecall;
use crate::recording::{PyMeasurement, PyRecording};
use crate::score::{PyPeriodicTrain, PyScore};
use crate::stability::PyStability;
use numpy::PyArray1;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyTypeError,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rsnn::io::{AnyFile, FileData, load_any, read_header, save as save_file};
use rsnn::parts::MemorizePart;
use rsnn::pipeline::PipelineSummary;
use rsnn::signal::SpikeTrain;
use std::path::{Path, PathBuf};

/// The memorization of some of the neurons of a network (file kind `memorize-part`), to be
/// merged with the other parts by `rsnn merge`.
#[pyclass(name = "MemorizePart", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyMemorizePart {
    pub(crate) inner: MemorizePart,
}

#[pymethods]
impl PyMemorizePart {
    /// The neurons of the part, sorted (an int64 array).
    #[getter]
    fn neurons<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let ids = self.inner.neurons.iter().map(|n| n.report.neuron as i64);
        PyArray1::from_vec(py, ids.collect())
    }

    /// The number of neurons of the whole network.
    #[getter]
    fn num_neurons(&self) -> usize {
        self.inner.num_neurons
    }

    /// The status of every neuron of the part, in the order of `neurons`.
    #[getter]
    fn statuses(&self) -> Vec<String> {
        let name = |n: &rsnn::parts::PartNeuron| {
            serde_json::to_value(n.report.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        self.inner.neurons.iter().map(name).collect()
    }

    /// Everything, as in the file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "MemorizePart(neurons={} of {})",
            self.inner.neurons.len(),
            self.inner.num_neurons
        )
    }
}

/// The summary of a pipeline run (file kind `pipeline-summary`, the demo's `summary.json`).
#[pyclass(name = "PipelineSummary", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPipelineSummary {
    pub(crate) inner: PipelineSummary,
}

#[pymethods]
impl PyPipelineSummary {
    /// The spectral radius of the stability analysis.
    #[getter]
    fn spectral_radius(&self) -> f64 {
        self.inner.stability.spectral_radius
    }

    /// The precision of every cycle of the free run.
    #[getter]
    fn precision<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        array(
            py,
            self.inner
                .free_run
                .cycles
                .iter()
                .map(|c| c.precision)
                .collect(),
        )
    }

    /// The recall of every cycle of the free run.
    #[getter]
    fn recall<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        array(
            py,
            self.inner
                .free_run
                .cycles
                .iter()
                .map(|c| c.recall)
                .collect(),
        )
    }

    /// Wall time of the steps, in seconds.
    #[getter]
    fn seconds(&self) -> f64 {
        self.inner.seconds
    }

    /// Everything, as in the file (the configuration, and every step in a few numbers).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "PipelineSummary(neurons={}, spectral_radius={:e}, seconds={:.2})",
            self.inner.config.network.neurons,
            self.inner.stability.spectral_radius,
            self.inner.seconds
        )
    }
}

/// Checks that `path` is a regular file before it is read, with the command's messages: a
/// missing or unreadable file is an OSError "cannot read PATH: CAUSE", a folder an
/// IsADirectoryError.
fn check_input(path: &Path) -> PyResult<()> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        let text = format!("cannot read {shown}: {e}");
        match e.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(text),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(text),
            _ => PyOSError::new_err(text),
        }
    })?;
    if meta.is_dir() {
        return Err(PyIsADirectoryError::new_err(format!(
            "{shown}: is a folder, not a file"
        )));
    }
    Ok(())
}

/// The Python object of a loaded file.
fn object(py: Python<'_>, file: AnyFile) -> PyResult<Bound<'_, PyAny>> {
    match file {
        AnyFile::Score(inner) => Ok(Bound::new(py, PyScore { inner })?.into_any()),
        AnyFile::PeriodicTrain(inner) => Ok(Bound::new(py, PyPeriodicTrain { inner })?.into_any()),
        AnyFile::SpikeTrain(t) => Ok(array(py, t.into_times()).into_any()),
        AnyFile::SpikeTrains(ts) => Ok(arrays(py, ts.iter().map(SpikeTrain::times))?.into_any()),
        AnyFile::Network(inner) => Ok(Bound::new(py, PyNetwork { inner })?.into_any()),
        AnyFile::Recording(inner) => Ok(Bound::new(py, PyRecording { inner })?.into_any()),
        AnyFile::MemorizeReport(inner) => {
            Ok(Bound::new(py, PyMemorizeReport { inner })?.into_any())
        }
        AnyFile::MemorizePart(inner) => Ok(Bound::new(py, PyMemorizePart { inner })?.into_any()),
        AnyFile::Measurement(inner) => Ok(Bound::new(py, PyMeasurement { inner })?.into_any()),
        AnyFile::Stability(inner) => Ok(Bound::new(py, PyStability { inner })?.into_any()),
        AnyFile::Recall(inner) => {
            let recall = PyRecall {
                inner,
                recording: None,
            };
            Ok(Bound::new(py, recall)?.into_any())
        }
        AnyFile::PipelineSummary(s) => {
            Ok(Bound::new(py, PyPipelineSummary { inner: *s })?.into_any())
        }
        _ => Err(PyTypeError::new_err(
            "a file kind this package does not know",
        )),
    }
}

/// Loads an rsnn file of any kind (chosen by its header): a Score, PeriodicTrain, Network,
/// Recording, MemorizeReport, MemorizePart, Measurement, Stability, Recall or
/// PipelineSummary; a float64 array for a `spike-train` file and a list of them for
/// `spike-trains`. The encoding follows the extension (`.json`, or bincode with `.bin`).
///
/// Raises OSError (FileNotFoundError, PermissionError) when the file cannot be read,
/// ValueError when it is malformed, of an unknown kind or version, or holds invalid data.
#[pyfunction]
pub fn load(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyAny>> {
    check_input(&path)?;
    let (file, _) = py.detach(|| load_any(&path)).map_err(to_py)?;
    object(py, file)
}

/// The header of an rsnn file: a dict with its kind, version and seed (None if the file
/// records none). Raises OSError or ValueError as `load` does.
#[pyfunction]
pub fn header(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyDict>> {
    check_input(&path)?;
    let h = read_header(&path).py()?;
    let d = PyDict::new(py);
    d.set_item("kind", h.kind)?;
    d.set_item("version", h.version)?;
    d.set_item("seed", h.seed)?;
    Ok(d)
}

fn write<T: FileData + Sync>(
    py: Python<'_>,
    path: &Path,
    data: &T,
    seed: Option<u64>,
) -> PyResult<()> {
    py.detach(|| save_file(path, data, seed)).py()
}

/// Saves `data` to `path` atomically (a temporary file renamed into place, so no half-written
/// file is ever left), recording `seed` in the header. `data` is any object `load` returns:
/// a one-dimensional array is saved as a `spike-train`, a list of arrays as `spike-trains`.
/// The encoding follows the extension (`.json`, or bincode with `.bin`).
///
/// Raises OSError when the file cannot be written, ValueError for an unknown extension or
/// invalid spike times, TypeError for an object that is no rsnn data.
#[pyfunction]
#[pyo3(signature = (path, data, *, seed = None))]
pub fn save(
    py: Python<'_>,
    path: PathBuf,
    data: &Bound<'_, PyAny>,
    seed: Option<u64>,
) -> PyResult<()> {
    let p = path.as_path();
    if let Ok(x) = data.cast::<PyScore>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyPeriodicTrain>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyNetwork>() {
        return write(py, p, &x.borrow().inner, seed);
    }
    if let Ok(x) = data.cast::<PyRecording>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyMemorizeReport>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyMemorizePart>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyMeasurement>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyStability>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyRecall>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(x) = data.cast::<PyPipelineSummary>() {
        return write(py, p, &x.get().inner, seed);
    }
    if let Ok(times) = data.extract::<Floats<'_>>() {
        let train = SpikeTrain::new(to_vec(&times)).py()?;
        return write(py, p, &train, seed);
    }
    if let Ok(list) = data.extract::<Vec<Floats<'_>>>() {
        let trains = list
            .iter()
            .enumerate()
            .map(|(l, t)| SpikeTrain::for_channel(to_vec(t), l).py())
            .collect::<PyResult<Vec<_>>>()?;
        return write(py, p, &trains, seed);
    }
    Err(PyTypeError::new_err(format!(
        "cannot save a {} as an rsnn file",
        data.get_type().name()?
    )))
}
