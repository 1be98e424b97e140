//! The limits of memorization (see docs/guide.md, section "Limits"): checked before any
//! per-neuron problem is built. (The kernel horizon of a huge `tau` is bounded by
//! [`rsnn_neuron::limits::MAX_PERIODIC_ARRIVALS`] when a replay is built.)

use crate::{Mode, OptimError};
use rsnn_signal::{LimitExceeded, SignalError, compact};

/// The largest number of grid points per neuron and memory in [`Mode::Grid`]: `period / step`
/// (each a constraint row of the convex problem).
pub const MAX_GRID_POINTS: f64 = 1e6;

/// The largest number of samples of a displayed potential
/// ([`ReplayedPotential::sample`](crate::ReplayedPotential::sample)).
pub const MAX_POTENTIAL_SAMPLES: f64 = 1e6;

/// Checks the grid of `mode` (if any) against a score of period `period`.
///
/// # Errors
/// [`SignalError::Limit`] naming `mode.step` for more than [`MAX_GRID_POINTS`] points.
pub fn check_grid(mode: &Mode, period: f64) -> Result<(), OptimError> {
    if let Mode::Grid { step } = *mode {
        let points = period / step;
        LimitExceeded::check(points, MAX_GRID_POINTS, |size| {
            LimitExceeded::new(
                "mode.step",
                step,
                size,
                "grid points per neuron",
                MAX_GRID_POINTS,
            )
            .context(format!("over a period of {}", compact(period)))
            .raise("use a coarser step or the continuous-time mode")
        })
        .map_err(SignalError::from)?;
    }
    Ok(())
}

/// Checks a number of potential samples against [`MAX_POTENTIAL_SAMPLES`].
///
/// # Errors
/// [`SignalError::Limit`] naming `samples`.
pub fn check_samples(samples: usize) -> Result<(), OptimError> {
    let size = samples as f64;
    LimitExceeded::check(size, MAX_POTENTIAL_SAMPLES, |size| {
        LimitExceeded::new("samples", size, size, "samples", MAX_POTENTIAL_SAMPLES)
    })
    .map_err(SignalError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_grids_and_many_samples_are_refused() {
        let e = check_grid(&Mode::Grid { step: 1e-9 }, 50.0).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("`mode.step` = 1e-9 gives 5e10 grid points"),
            "{e}"
        );
        assert!(check_grid(&Mode::Grid { step: 0.05 }, 50.0).is_ok());
        assert!(check_grid(&Mode::ContinuousTime, 50.0).is_ok());
        assert!(check_samples(usize::MAX).is_err());
        assert!(check_samples(1000).is_ok());
    }
}
