//! Long calls off the interpreter: the work runs on a thread of its own while the calling
//! thread, without the GIL, waits for it; about ten times a second the caller takes the GIL
//! back to let Python handle signals (Ctrl-C) and to call the optional progress callable.
//!
//! On Ctrl-C (or an exception raised by the progress callable) the work is told to stop
//! through [`Control`]: memorization stops before the next neuron, a simulation within about a
//! hundredth of its span, a stability analysis before the next row of its map (or of the
//! map's dense matrix) or the next application of the map in the Krylov iteration (the dense
//! eigensolver itself runs to its end); the caller waits for that (at most [`STOP_WAIT`]),
//! then raises the exception.

use crate::errors::to_py;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the waiting caller takes the GIL back.
const POLL: Duration = Duration::from_millis(100);

/// How long the caller waits for cancelled work to stop before it leaves it behind.
const STOP_WAIT: Duration = Duration::from_secs(10);

/// No total: the step reports no intermediate progress.
const NO_TOTAL: u64 = u64::MAX;

/// The payload of the unwinding that stops a simulation from inside its progress callback.
struct Stopped;

/// Shared between the caller and the work: progress counters and the stop request.
#[derive(Debug)]
pub struct Control {
    cancelled: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
}

impl Control {
    fn new(total: Option<u64>) -> Self {
        Self {
            cancelled: AtomicBool::new(false),
            done: AtomicU64::new(0),
            total: AtomicU64::new(total.unwrap_or(NO_TOTAL)),
        }
    }

    /// Whether the caller asked the work to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Records that `done` units are finished.
    pub fn update(&self, done: u64) {
        self.done.fetch_max(done, Ordering::Relaxed);
    }

    /// Records `done` units, then stops the work by unwinding to [`run`] if the caller asked
    /// to stop: for library loops whose progress callback cannot return a stop (the
    /// simulator's). The unwinding carries no panic message and leaves nothing behind: the
    /// simulator's state is local to the run, which is discarded.
    pub fn update_or_stop(&self, done: u64) {
        self.update(done);
        if self.is_cancelled() {
            resume_unwind(Box::new(Stopped));
        }
    }

    fn total(&self) -> Option<u64> {
        match self.total.load(Ordering::Relaxed) {
            NO_TOTAL => None,
            n => Some(n),
        }
    }
}

/// The progress unit (thousandths) of simulated time `t` in `[start, end)`.
pub fn time_units(t: f64, start: f64, end: f64) -> u64 {
    let span = (end - start).max(f64::MIN_POSITIVE);
    ((t - start) / span * 1000.0).clamp(0.0, 1000.0) as u64
}

/// Calls the progress callable with `(stage, done, total)` when `done` changed.
fn report(
    progress: Option<&Bound<'_, PyAny>>,
    stage: &str,
    control: &Control,
    last: &mut Option<u64>,
) -> PyResult<()> {
    let Some(callable) = progress else {
        return Ok(());
    };
    let done = control.done.load(Ordering::Relaxed);
    if *last == Some(done) {
        return Ok(());
    }
    *last = Some(done);
    callable.call1((stage, done, control.total()))?;
    Ok(())
}

type Outcome<T> = std::thread::Result<Result<T, rsnn::Error>>;

/// Runs `work` on a thread of its own, the GIL released, as the module documentation says.
/// `stage` names the step in progress reports, `total` is its number of progress units (None:
/// no intermediate progress). `work` watches [`Control`] and stops soon once it is cancelled.
///
/// # Errors
/// The error of `work` (as a Python exception), `KeyboardInterrupt` on Ctrl-C, the exception
/// of the progress callable, or `RuntimeError` if the work panicked (a bug).
pub fn run<T, F>(
    py: Python<'_>,
    stage: &str,
    total: Option<u64>,
    progress: Option<&Bound<'_, PyAny>>,
    work: F,
) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Control) -> Result<T, rsnn::Error> + Send + 'static,
{
    let control = Arc::new(Control::new(total));
    let (sender, receiver) = mpsc::channel::<Outcome<T>>();
    // Only this thread receives; the lock makes the receiver shareable with `detach`.
    let receiver = Mutex::new(receiver);
    let wait = |timeout| match receiver.lock() {
        Ok(r) => r.recv_timeout(timeout),
        Err(_) => Err(mpsc::RecvTimeoutError::Disconnected),
    };
    let shared = Arc::clone(&control);
    std::thread::Builder::new()
        .name(format!("rsnn-{stage}"))
        .spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| work(&shared)));
            // The caller may have gone (interrupted): then nobody wants the result.
            let _ = sender.send(outcome);
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
    let mut last = None;
    loop {
        match py.detach(|| wait(POLL)) {
            Ok(outcome) => {
                let value = finish(outcome)?;
                report(progress, stage, &control, &mut last)?;
                return Ok(value);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(format!(
                    "the {stage} thread ended without a result"
                )));
            }
        }
        let checked = py
            .check_signals()
            .and_then(|()| report(progress, stage, &control, &mut last));
        if let Err(error) = checked {
            control.cancelled.store(true, Ordering::Relaxed);
            // The work stops soon; its result (or its own error) no longer matters.
            let _ = py.detach(|| wait(STOP_WAIT));
            return Err(error);
        }
    }
}

/// The value of a finished work, or the exception it ends with.
fn finish<T>(outcome: Outcome<T>) -> PyResult<T> {
    match outcome {
        Ok(result) => result.map_err(to_py),
        Err(payload) if payload.is::<Stopped>() => {
            Err(to_py(rsnn::Error::Cancelled { stage: "next" }))
        }
        Err(payload) => {
            let text = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(PyRuntimeError::new_err(format!(
                "internal error in rsnn (please report it): {text}"
            )))
        }
    }
}
