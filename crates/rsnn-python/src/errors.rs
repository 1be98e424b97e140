//! rsnn errors as Python exceptions, with the messages of the `rsnn` command.
//!
//! File-system errors become `OSError` (`FileNotFoundError` and `PermissionError` where they
//! apply), a cancelled run (`rsnn::Error::is_cancelled`) `KeyboardInterrupt`, everything else
//! (bad parameters, bad data, malformed files) `ValueError`. The message is the error's chain of causes on one line, each
//! said once, as the command prints it after `rsnn: error: `.

use pyo3::PyErr;
use pyo3::exceptions::{
    PyFileNotFoundError, PyKeyboardInterrupt, PyOSError, PyPermissionError, PyValueError,
};
use rsnn::signal::SignalError;
use std::error::Error as _;
use std::io::ErrorKind;

/// The message of `error` on one line: its causes joined by `: `, leaving out a cause whose text
/// the previous one already contains (the rule of the command's error line).
pub fn message(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cause = Some(error);
    while let Some(e) = cause {
        let text = e.to_string().replace('\n', " ");
        let said = parts.last().is_some_and(|last| last.contains(&text));
        if !said && !text.is_empty() {
            parts.push(text);
        }
        cause = e.source();
    }
    parts.join(": ")
}

/// The operating-system error behind `error`, if it is a file-system error.
fn io_kind(error: &rsnn::Error) -> Option<ErrorKind> {
    if let rsnn::Error::Signal(SignalError::Io { cause, .. }) = error {
        return Some(cause.kind());
    }
    let mut cause = error.source();
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        if let Some(SignalError::Io { cause, .. }) = e.downcast_ref::<SignalError>() {
            return Some(cause.kind());
        }
        cause = e.source();
    }
    None
}

/// The Python exception of an rsnn error.
pub fn to_py(error: rsnn::Error) -> PyErr {
    let text = message(&error);
    if error.is_cancelled() {
        return PyKeyboardInterrupt::new_err(text);
    }
    match io_kind(&error) {
        Some(ErrorKind::NotFound) => PyFileNotFoundError::new_err(text),
        Some(ErrorKind::PermissionDenied) => PyPermissionError::new_err(text),
        Some(_) => PyOSError::new_err(text),
        None => PyValueError::new_err(text),
    }
}

/// Converts the error of a facade call.
pub trait IntoPy<T> {
    /// The result with its error as a Python exception.
    ///
    /// # Errors
    /// The error of `self`, converted by [`to_py`].
    fn py(self) -> Result<T, PyErr>;
}

impl<T, E: Into<rsnn::Error>> IntoPy<T> for Result<T, E> {
    fn py(self) -> Result<T, PyErr> {
        self.map_err(|e| to_py(e.into()))
    }
}

/// A `ValueError` for a parameter out of range, worded as the library words it:
/// "invalid parameter `name` = value: reason".
pub fn invalid(name: &'static str, value: f64, reason: &'static str) -> PyErr {
    to_py(rsnn::Error::InvalidParameter {
        name,
        value,
        reason,
    })
}
