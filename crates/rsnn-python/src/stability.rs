//! The temporal stability of a memorized score: the spectrum of its jitter map.

use crate::convert::to_python;
use crate::errors::invalid;
use crate::network::PyNetwork;
use crate::run::run;
use crate::score::PyScore;
use crate::simulate::check_channels;
use numpy::{Complex64, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyComplex;
use rsnn::sim::{EigenMethod, StabilityOptions, StabilityReport, analyze_stability_until};

/// The spectrum of the linearized jitter map of a memorized score (docs/model.md §7; file kind
/// `stability`). Stable means a spectral radius below 1 once the trivial eigenvalue 1 (a common
/// shift of every spike) is removed.
#[pyclass(name = "Stability", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyStability {
    pub(crate) inner: StabilityReport,
}

#[pymethods]
impl PyStability {
    /// The largest magnitude of the eigenvalues besides the trivial one.
    #[getter]
    fn spectral_radius(&self) -> f64 {
        self.inner.spectral_radius
    }

    /// Whether the spectral radius is below 1.
    #[getter]
    fn stable(&self) -> bool {
        self.inner.is_stable()
    }

    /// The computed eigenvalues, the trivial one included, by decreasing magnitude: a complex128
    /// array (all of them for the dense solver, the largest few for Krylov).
    #[getter]
    fn eigenvalues<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<Complex64>> {
        let values = self.inner.eigenvalues.iter();
        PyArray1::from_vec(py, values.map(|&(re, im)| Complex64::new(re, im)).collect())
    }

    /// The trivial eigenvalue (close to 1), None for a score without spikes.
    #[getter]
    fn trivial_eigenvalue<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyComplex>> {
        let (re, im) = self.inner.trivial_eigenvalue?;
        Some(PyComplex::from_doubles(py, re, im))
    }

    /// The largest magnitudes besides the trivial eigenvalue, decreasing (at most ten).
    #[getter]
    fn top_magnitudes<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.top_magnitudes)
    }

    /// Spikes per period.
    #[getter]
    fn num_spikes(&self) -> usize {
        self.inner.num_spikes
    }

    /// The dimension of the map (spikes per period times periods of its state).
    #[getter]
    fn dimension(&self) -> usize {
        self.inner.dimension()
    }

    /// The form of the map, in words.
    #[getter]
    fn form(&self) -> String {
        self.inner.form.describe()
    }

    /// How the eigenvalues were computed, in words.
    #[getter]
    fn solver(&self) -> String {
        self.inner.solver.describe()
    }

    /// Everything, as in the file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Stability(spectral_radius={:e}, stable={}, spikes={})",
            self.inner.spectral_radius,
            self.inner.is_stable(),
            self.inner.num_spikes
        )
    }
}

/// The options of the keyword arguments.
fn options(
    method: &str,
    eigenvalues: usize,
    max_dimension: Option<f64>,
) -> PyResult<StabilityOptions> {
    let method = match method {
        "auto" => EigenMethod::Auto,
        "dense" => EigenMethod::Dense,
        "krylov" => EigenMethod::Krylov,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown method `{other}` (known: auto, dense, krylov)"
            )));
        }
    };
    if eigenvalues == 0 {
        return Err(invalid("eigenvalues", 0.0, "must be at least 1"));
    }
    let mut o = StabilityOptions {
        method,
        eigenvalues,
        ..StabilityOptions::default()
    };
    if let Some(limit) = max_dimension {
        if limit.is_nan() || limit <= 0.0 {
            return Err(invalid(
                "max_dimension",
                limit,
                "a limit must be a positive number",
            ));
        }
        o.max_dense_dimension = limit;
    }
    Ok(o)
}

/// Runs the analysis on a thread of its own (see `run`: on Ctrl-C the analysis stops soon and
/// the caller raises).
pub fn analyze(
    py: Python<'_>,
    network: &PyNetwork,
    score: &PyScore,
    options: StabilityOptions,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyStability> {
    check_channels(&network.inner, &score.inner)?;
    let (net, score) = (network.inner.clone(), score.inner.clone());
    let report = run(py, "stability", None, progress, move |control| {
        let stop = || control.is_cancelled();
        Ok(analyze_stability_until(&net, &score, &options, &stop)?)
    })?;
    Ok(PyStability { inner: report })
}

/// The temporal stability of `score` memorized in `network` (docs/model.md §7): the spectrum
/// of the linearized jitter map. `method` is "auto" (dense up to dimension 500, Krylov above),
/// "dense" (every eigenvalue) or "krylov" (the `eigenvalues` largest); `max_dimension` raises
/// the dense method's limit. `progress(stage, done, total)` is called at the end only (the
/// analysis reports no intermediate progress).
///
/// Raises ValueError for a bad parameter or a score that does not fit, KeyboardInterrupt on
/// Ctrl-C (the analysis stops within a row of its map or one application of it, except inside
/// the dense eigensolver, which runs to its end).
#[pyfunction]
#[pyo3(signature = (network, score, *, method = "auto", eigenvalues = 10, max_dimension = None,
    progress = None))]
pub fn stability(
    py: Python<'_>,
    network: &PyNetwork,
    score: &PyScore,
    method: &str,
    eigenvalues: usize,
    max_dimension: Option<f64>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyStability> {
    let options = options(method, eigenvalues, max_dimension)?;
    analyze(py, network, score, options, progress)
}
