//! Progress reports and cancellation of the long pipeline steps.

use std::fmt;

/// A step of the pipeline, as named in progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// Memorization: one convex problem per neuron (progress in neurons).
    Memorize,
    /// The stability analysis (no intermediate progress).
    Stability,
    /// The free run from the perfect initial condition (progress in simulated time).
    FreeRun,
    /// The associative-recall run (progress in simulated time).
    Recall,
}

impl Stage {
    /// A short lower-case name, for progress bars.
    pub fn name(self) -> &'static str {
        match self {
            Self::Memorize => "memorize",
            Self::Stability => "stability",
            Self::FreeRun => "free run",
            Self::Recall => "recall",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Receives the progress of the long steps; every method has an empty default, so a library
/// user may pass `&()` and ignore progress altogether.
///
/// Calls come from the thread that runs the step, except [`Progress::update`] during
/// memorization, which worker threads call concurrently (hence `Sync`).
pub trait Progress: Sync {
    /// A step starts; `total` is the number of units of [`Progress::update`] (neurons, or
    /// thousandths of the simulated span), None when the step reports no intermediate progress.
    fn begin(&self, stage: Stage, total: Option<u64>) {
        let _ = (stage, total);
    }

    /// `done` units of the step are finished.
    fn update(&self, stage: Stage, done: u64) {
        let _ = (stage, done);
    }

    /// The step is over (successfully or not).
    fn end(&self, stage: Stage) {
        let _ = stage;
    }

    /// Whether the caller asks to stop. The pipeline checks it before every step and returns
    /// [`crate::Error::Cancelled`]; during memorization before each neuron
    /// ([`rsnn_optim::OptimError::Cancelled`], the network unchanged) and during the stability
    /// analysis ([`rsnn_sim::SimError::Cancelled`]), both as [`crate::Error::is_cancelled`]
    /// says; the simulations (free run, recall) run to their end once started.
    fn is_cancelled(&self) -> bool {
        false
    }
}

/// No progress reports, never cancelled.
impl Progress for () {}

/// Units of [`Progress::update`] over a simulated span.
pub(crate) const TIME_UNITS: u64 = 1000;

/// The progress unit of simulated time `t` in `[start, end)`.
pub(crate) fn time_units(t: f64, start: f64, end: f64) -> u64 {
    let span = (end - start).max(f64::MIN_POSITIVE);
    ((t - start) / span * TIME_UNITS as f64).clamp(0.0, TIME_UNITS as f64) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_units_are_clamped() {
        assert_eq!(time_units(5.0, 0.0, 10.0), 500);
        assert_eq!(time_units(-1.0, 0.0, 10.0), 0);
        assert_eq!(time_units(11.0, 0.0, 10.0), TIME_UNITS);
        assert_eq!(time_units(0.0, 0.0, 0.0), 0);
        assert_eq!(Stage::FreeRun.to_string(), "free run");
    }
}
