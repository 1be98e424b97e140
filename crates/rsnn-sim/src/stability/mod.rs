//! Temporal stability of a memorized score: the spectrum of the linearized jitter-propagation
//! map (docs/model.md §7).
//!
//! [`JitterMap`] holds, for every spike of one period, the weights of the errors of the
//! periodic copies of the spikes whose arrivals shape its potential, each copy with the error
//! of the period it was fired in. The map over one period acts on the errors of the last `P`
//! periods ([`MapForm`]): one period (`M x M`) when every arrival comes from the current or the
//! previous period's copy, which holds whenever the period exceeds the largest delay plus the
//! kernel horizon, else `P` periods in block-companion form (`P M x P M`). The form is chosen
//! from the terms themselves and reported.
//!
//! The map has the eigenvalue 1 (a common shift of all spikes); the score is temporally stable
//! when every other eigenvalue lies strictly inside the unit circle. The report gives the
//! spectral radius after removing (deflating) the trivial eigenvalue, computed by the method of
//! [`StabilityOptions`]: every eigenvalue of the dense matrix ([`EigenMethod::Dense`], the
//! oracle for small maps), or the few largest by Krylov–Schur on the deflated map applied
//! without its matrix ([`EigenMethod::Krylov`], linear in the number of weights per step);
//! [`EigenMethod::Auto`] picks the dense one up to [`AUTO_DENSE_DIMENSION`].
//!
//! A long analysis can be stopped: [`analyze_until`], [`JitterMap::clamped_until`] and
//! [`JitterMap::analyze_until`] poll a stop check before each row of the map and of its dense
//! matrix and before each application of the map in the Krylov iteration, and end with
//! [`SimError::Cancelled`]. The dense eigensolver itself runs to its end.
//!
//! Neurons that could not be memorized can be clamped to the score
//! ([`JitterMap::clamped_within`], docs/model.md §7.6): their spikes do not move, the map has no
//! trivial eigenvalue, nothing is deflated, and the radius is over all eigenvalues.

mod builder;
mod clamped;
mod companion;
mod krylov;
mod map;
mod method;
mod packed;
mod report;

pub use krylov::KRYLOV_TOLERANCE;
pub use map::{JitterMap, MAP_HINT};
pub use method::{AUTO_DENSE_DIMENSION, EigenMethod, StabilityOptions};
pub use report::{MapForm, Solver, StabilityReport};

use crate::SimError;
use faer::Mat;
use rsnn_neuron::Network;
use rsnn_signal::{LimitExceeded, Score, SignalError, compact};

/// How many of the largest eigenvalue magnitudes a report lists, and how many eigenvalues the
/// Krylov method computes by default.
pub const TOP_EIGENVALUES: usize = 10;

/// The eigenvalues of a dense row-major `size x size` matrix, as `(re, im)`.
///
/// # Errors
/// [`SimError::EigenNoConvergence`].
pub fn eigenvalues(matrix: &[f64], size: usize) -> Result<Vec<(f64, f64)>, SimError> {
    if size == 0 {
        return Ok(Vec::new());
    }
    // The transpose has the same eigenvalues and is read contiguously as column-major.
    let a = Mat::<f64>::from_fn(size, size, |i, j| matrix[j * size + i]);
    let values = a
        .eigenvalues()
        .map_err(|_| SimError::EigenNoConvergence { size })?;
    Ok(values.into_iter().map(|z| (z.re, z.im)).collect())
}

/// Analyzes the stability of `score` memorized by `network` with the exact map (in the form
/// [`JitterMap::new`] chooses) and the default options ([`EigenMethod::Auto`]).
///
/// # Errors
/// See [`JitterMap::new`] and [`JitterMap::analyze_with`].
pub fn analyze(network: &Network, score: &Score) -> Result<StabilityReport, SimError> {
    analyze_with(network, score, &StabilityOptions::default())
}

/// As [`analyze`], with `options`.
///
/// # Errors
/// See [`JitterMap::new`] and [`JitterMap::analyze_with`].
pub fn analyze_with(
    network: &Network,
    score: &Score,
    options: &StabilityOptions,
) -> Result<StabilityReport, SimError> {
    analyze_until(network, score, options, &|| false)
}

/// As [`analyze_with`], with a stop check: `stop()` is polled before each row of the map and of
/// its dense matrix, and before each application of the map in the Krylov iteration; once it
/// returns true the analysis ends with [`SimError::Cancelled`]. With a `stop` that never
/// returns true, the report of [`analyze_with`].
///
/// # Errors
/// As [`analyze_with`], and [`SimError::Cancelled`].
pub fn analyze_until(
    network: &Network,
    score: &Score,
    options: &StabilityOptions,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<StabilityReport, SimError> {
    options.check_dense_spikes(score.num_spikes())?;
    JitterMap::clamped_until(network, score, &[], crate::limits::MAX_MAP_TERMS, stop)?
        .analyze_until(options, stop)
}

/// `Ok` when a dense matrix of `dimension` rows fits `max_dimension`, else the limit error.
fn check_dense(dimension: usize, spikes: usize, max_dimension: f64) -> Result<(), SimError> {
    LimitExceeded::check(dimension as f64, max_dimension, |dimension| {
        LimitExceeded::new(
            "score",
            spikes as f64,
            dimension,
            "rows of the dense jitter map (spikes per period times periods of the state)",
            max_dimension,
        )
        .context(format!(
            "{spikes} spikes per period, a matrix of {} GB",
            compact(dimension * dimension * 8.0 / 1e9)
        ))
        .raise(DENSE_HINT)
    })
    .map_err(SignalError::from)?;
    Ok(())
}

impl StabilityOptions {
    /// For [`EigenMethod::Dense`], checks before the map is built that a score of `spikes`
    /// spikes per period (at least that many rows) fits `max_dense_dimension`; nothing for the
    /// other methods.
    ///
    /// # Errors
    /// [`SignalError::Limit`] naming `score`.
    pub fn check_dense_spikes(&self, spikes: usize) -> Result<(), SimError> {
        match self.method {
            EigenMethod::Dense => check_dense(spikes, spikes, self.max_dense_dimension),
            EigenMethod::Auto | EigenMethod::Krylov => Ok(()),
        }
    }
}

/// Sorts `(re, im)` by decreasing magnitude, ties by increasing real part.
fn sort_by_magnitude(values: &mut [(f64, f64)]) {
    let magnitude = |z: &(f64, f64)| z.0.hypot(z.1);
    values.sort_by(|a, b| {
        magnitude(b)
            .total_cmp(&magnitude(a))
            .then(a.0.total_cmp(&b.0))
    });
}

impl JitterMap {
    /// The spectrum of the map over one period ([`JitterMap::matrix`], of dimension
    /// [`JitterMap::dimension`]) with the default options ([`EigenMethod::Auto`]).
    ///
    /// # Errors
    /// See [`JitterMap::analyze_with`].
    pub fn analyze(&self) -> Result<StabilityReport, SimError> {
        self.analyze_with(&StabilityOptions::default())
    }

    /// The spectrum of the map over one period with `options`.
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] naming `eigenvalues` when it is 0;
    /// [`SignalError::Limit`] naming `score` when the dense method is used on a map of more
    /// than `max_dense_dimension` rows; [`SimError::EigenNoConvergence`] or
    /// [`SimError::KrylovNoConvergence`].
    pub fn analyze_with(&self, options: &StabilityOptions) -> Result<StabilityReport, SimError> {
        self.analyze_until(options, &|| false)
    }

    /// As [`JitterMap::analyze_with`], with a stop check polled before each row of the dense
    /// matrix and before each application of the map in the Krylov iteration (not inside the
    /// dense eigensolver); once `stop()` returns true the analysis ends with
    /// [`SimError::Cancelled`]. With a `stop` that never returns true, the report of
    /// [`JitterMap::analyze_with`].
    ///
    /// The Krylov iteration (faer's) is left by unwinding from inside the map's application,
    /// caught at once; in a program built with `panic = "abort"`, which cannot unwind, the stop
    /// check is polled before the iteration only.
    ///
    /// # Errors
    /// As [`JitterMap::analyze_with`], and [`SimError::Cancelled`].
    pub fn analyze_until(
        &self,
        options: &StabilityOptions,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<StabilityReport, SimError> {
        if options.eigenvalues == 0 {
            return Err(SimError::InvalidParameter {
                name: "eigenvalues",
                value: 0.0,
                reason: "the Krylov method needs at least one eigenvalue besides the trivial one",
            });
        }
        match options.method.resolve(self.dimension()) {
            EigenMethod::Dense => self.dense_report(options.max_dense_dimension, stop),
            EigenMethod::Krylov | EigenMethod::Auto => {
                self.krylov_report(options.eigenvalues, stop)
            }
        }
    }

    /// Every eigenvalue of the dense matrix; the one closest to 1 is the trivial one (none when
    /// some spike is clamped).
    fn dense_report(
        &self,
        max_dimension: f64,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<StabilityReport, SimError> {
        let size = self.dimension();
        check_dense(size, self.num_spikes(), max_dimension)?;
        let matrix = self.matrix_until(stop)?;
        if stop() {
            return Err(SimError::Cancelled {
                step: "construction of the dense matrix",
            });
        }
        let mut values = eigenvalues(&matrix, size)?;
        sort_by_magnitude(&mut values);
        if !self.is_shift_invariant() {
            let all: Vec<f64> = values.iter().map(|z| z.0.hypot(z.1)).collect();
            return Ok(self.report(None, &all, values, Solver::Dense));
        }
        let trivial = values
            .iter()
            .enumerate()
            .min_by(|a, b| {
                let da = (a.1.0 - 1.0).hypot(a.1.1);
                let db = (b.1.0 - 1.0).hypot(b.1.1);
                da.total_cmp(&db)
            })
            .map(|(i, &z)| (i, z));
        let others: Vec<f64> = values
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != trivial.map(|t| t.0))
            .map(|(_, z)| z.0.hypot(z.1))
            .collect();
        Ok(self.report(trivial.map(|t| t.1), &others, values, Solver::Dense))
    }

    /// The trivial eigenvalue as the mean of `Phi 1` (1 up to rounding: the rows are weighted
    /// averages) and the largest others of the deflated map by Krylov–Schur; with clamped
    /// spikes, the largest eigenvalues of the map itself.
    fn krylov_report(
        &self,
        count: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<StabilityReport, SimError> {
        let dim = self.dimension();
        if dim == 0 {
            return Ok(self.report(None, &[], Vec::new(), Solver::Dense));
        }
        let trivial = self.is_shift_invariant().then(|| {
            let mut shifted = vec![0.0; dim];
            self.apply_into(&vec![1.0; dim], &mut shifted);
            (shifted.iter().sum::<f64>() / dim as f64, 0.0)
        });
        let spectrum = krylov::largest(self, count, stop)?;
        let others: Vec<f64> = spectrum.values.iter().map(|z| z.0.hypot(z.1)).collect();
        let solver = Solver::Krylov {
            requested: spectrum.values.len(),
            max_residual: spectrum.max_residual,
            applications: spectrum.applications + usize::from(trivial.is_some()),
        };
        let mut values = spectrum.values;
        values.extend(trivial);
        sort_by_magnitude(&mut values);
        Ok(self.report(trivial, &others, values, solver))
    }

    fn report(
        &self,
        trivial: Option<(f64, f64)>,
        others: &[f64],
        eigenvalues: Vec<(f64, f64)>,
        solver: Solver,
    ) -> StabilityReport {
        StabilityReport {
            num_spikes: self.num_spikes(),
            form: self.form(),
            trivial_eigenvalue: trivial,
            spectral_radius: others.first().copied().unwrap_or(0.0),
            top_magnitudes: others.iter().take(TOP_EIGENVALUES).copied().collect(),
            eigenvalues,
            solver,
            clamped_neurons: self.clamped().to_vec(),
        }
    }
}

/// How the library says the dense method's limit is raised.
pub const DENSE_HINT: &str = "raise it with StabilityOptions::max_dense_dimension, or use the \
    Krylov method (EigenMethod::Krylov)";

#[cfg(test)]
mod clamped_tests;
#[cfg(test)]
mod krylov_tests;
#[cfg(test)]
mod stop_tests;
#[cfg(test)]
mod tests;
