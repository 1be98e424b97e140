//! Conversions between Rust data and numpy arrays or plain Python objects.

use numpy::{AllowTypeChange, IntoPyArray, PyArray1, PyArrayLike1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A float64 array accepted from any array-like (a numpy array of float64 is read in place).
pub type Floats<'py> = PyArrayLike1<'py, f64, AllowTypeChange>;

/// The values of a one-dimensional array-like, as a vector.
///
/// # Errors
/// A non-contiguous view that numpy cannot hand over as a slice is copied instead, so never.
pub fn to_vec(array: &Floats<'_>) -> Vec<f64> {
    array
        .as_slice()
        .map(<[f64]>::to_vec)
        .unwrap_or_else(|_| array.as_array().to_vec())
}

/// A float64 numpy array holding `values` (moved, not copied).
pub fn array(py: Python<'_>, values: Vec<f64>) -> Bound<'_, PyArray1<f64>> {
    values.into_pyarray(py)
}

/// A list of float64 numpy arrays, one per train.
pub fn arrays<'py, 'a, I>(py: Python<'py>, trains: I) -> PyResult<Bound<'py, PyList>>
where
    I: IntoIterator<Item = &'a [f64]>,
{
    PyList::new(py, trains.into_iter().map(|t| PyArray1::from_slice(py, t)))
}

/// `value` as plain Python objects (dicts, lists, numbers, strings), through its JSON form.
///
/// # Errors
/// A value that JSON cannot hold (never for rsnn's reports).
pub fn to_python<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("cannot convert to Python: {e}")))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A value of type `T` from plain Python objects, through their JSON form; `what` names the
/// value in error messages.
///
/// # Errors
/// `ValueError` when the objects do not describe a `T` (an unknown field, a wrong type).
pub fn from_python<T: DeserializeOwned>(value: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let text: String = value
        .py()
        .import("json")?
        .call_method1("dumps", (value,))?
        .extract()?;
    serde_json::from_str(&text).map_err(|e| PyValueError::new_err(format!("invalid {what}: {e}")))
}
