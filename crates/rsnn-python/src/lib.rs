//! # rsnn-python — the Python package `rsnn`
//!
//! Bindings of the facade `rsnn` for numpy users: scores, networks, memorization, simulation,
//! measurement, stability, free and associative recall, the demo's pipeline and every file
//! kind, with numpy arrays in and out. Long calls run without the GIL on a thread of their
//! own, report progress to an optional Python callable and stop on Ctrl-C (module `run`); errors
//! become Python exceptions with the messages of the `rsnn` command (module `errors`).
//!
//! Built by maturin (`pip install ./crates/rsnn-python`); the Python side (the package
//! `rsnn`, its type stubs) lives in `python/rsnn`, the tests in `tests/`.

mod convert;
mod errors;
mod files;
mod memorize;
mod network;
mod pipeline;
mod recall;
mod recording;
mod run;
mod score;
mod simulate;
mod stability;

use pyo3::prelude::*;

/// The native module `rsnn._rsnn`; the package `rsnn` re-exports everything in it.
#[pymodule]
fn _rsnn(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<score::PyScore>()?;
    m.add_class::<score::PyPeriodicTrain>()?;
    m.add_class::<network::PyNetwork>()?;
    m.add_class::<recording::PyRecording>()?;
    m.add_class::<recording::PyMeasurement>()?;
    m.add_class::<memorize::PyMemorizeReport>()?;
    m.add_class::<stability::PyStability>()?;
    m.add_class::<recall::PyRecall>()?;
    m.add_class::<files::PyMemorizePart>()?;
    m.add_class::<files::PyPipelineSummary>()?;
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_function(wrap_pyfunction!(score::sample_score, m)?)?;
    m.add_function(wrap_pyfunction!(network::wire, m)?)?;
    m.add_function(wrap_pyfunction!(memorize::memorize, m)?)?;
    m.add_function(wrap_pyfunction!(memorize::memorize_part, m)?)?;
    m.add_function(wrap_pyfunction!(simulate::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(recording::measure, m)?)?;
    m.add_function(wrap_pyfunction!(stability::stability, m)?)?;
    m.add_function(wrap_pyfunction!(recall::free_run, m)?)?;
    m.add_function(wrap_pyfunction!(recall::recall, m)?)?;
    m.add_function(wrap_pyfunction!(files::load, m)?)?;
    m.add_function(wrap_pyfunction!(files::save, m)?)?;
    m.add_function(wrap_pyfunction!(files::header, m)?)?;
    m.add_function(wrap_pyfunction!(backends, m)?)?;
    Ok(())
}

/// The memorization backends compiled into this build (for `memorize(..., backend=...)`).
#[pyfunction]
fn backends() -> Vec<&'static str> {
    rsnn::optim::BackendKind::available()
        .into_iter()
        .map(|b| b.name())
        .collect()
}
