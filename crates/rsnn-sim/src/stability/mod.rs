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
//! spectral radius after removing (deflating) the eigenvalue closest to 1.

mod companion;
mod map;
mod report;

pub use map::JitterMap;
pub use report::{MapForm, StabilityReport};

use crate::SimError;
use faer::Mat;
use rsnn_neuron::Network;
use rsnn_signal::Score;

/// How many of the largest eigenvalue magnitudes a report lists.
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
/// [`JitterMap::new`] chooses).
///
/// # Errors
/// See [`JitterMap::new`] and [`eigenvalues`].
pub fn analyze(network: &Network, score: &Score) -> Result<StabilityReport, SimError> {
    JitterMap::new(network, score)?.analyze()
}

impl JitterMap {
    /// The spectrum of the map over one period ([`JitterMap::matrix`], of dimension
    /// [`JitterMap::dimension`]).
    ///
    /// # Errors
    /// [`SimError::EigenNoConvergence`].
    pub fn analyze(&self) -> Result<StabilityReport, SimError> {
        let size = self.dimension();
        let mut values = eigenvalues(&self.matrix(), size)?;
        let magnitude = |z: &(f64, f64)| z.0.hypot(z.1);
        values.sort_by(|a, b| {
            magnitude(b)
                .total_cmp(&magnitude(a))
                .then(a.0.total_cmp(&b.0))
        });
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
            .map(|(_, z)| magnitude(z))
            .collect();
        Ok(StabilityReport {
            num_spikes: self.num_spikes(),
            form: self.form(),
            trivial_eigenvalue: trivial.map(|t| t.1),
            spectral_radius: others.first().copied().unwrap_or(0.0),
            top_magnitudes: others.iter().take(TOP_EIGENVALUES).copied().collect(),
            eigenvalues: values,
        })
    }
}

#[cfg(test)]
mod tests;
