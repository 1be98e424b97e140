//! How the eigenvalues of the jitter map are computed: every eigenvalue of the dense matrix, or
//! the few largest by a Krylov method on the map applied without its matrix (docs/model.md
//! §7.5).

use super::TOP_EIGENVALUES;
use crate::limits::MAX_STABILITY_SPIKES;
use serde::{Deserialize, Serialize};

/// The dimension up to which [`EigenMethod::Auto`] computes every eigenvalue of the dense
/// matrix; above it, the Krylov method (measured: the two take about as long near 500, the
/// dense one grows as the cube of the dimension).
pub const AUTO_DENSE_DIMENSION: usize = 500;

/// Which eigensolver the stability analysis uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EigenMethod {
    /// [`EigenMethod::Dense`] up to [`AUTO_DENSE_DIMENSION`], [`EigenMethod::Krylov`] above.
    #[default]
    Auto,
    /// Every eigenvalue of the dense matrix of the map (faer's dense eigensolver): memory
    /// quadratic and time cubic in the dimension; the oracle for small maps.
    Dense,
    /// The largest eigenvalues besides the trivial one, by Krylov–Schur on the map with the
    /// trivial eigenvalue deflated, applied without its matrix: memory and time per step
    /// linear in the number of weights.
    Krylov,
}

impl EigenMethod {
    /// The method used on a map of `dimension`: `Auto` resolved, the others unchanged.
    pub fn resolve(self, dimension: usize) -> EigenMethod {
        match self {
            Self::Auto if dimension <= AUTO_DENSE_DIMENSION => Self::Dense,
            Self::Auto => Self::Krylov,
            other => other,
        }
    }
}

/// The choices of the stability analysis ([`JitterMap::analyze_with`](super::JitterMap::analyze_with)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StabilityOptions {
    /// The eigensolver.
    pub method: EigenMethod,
    /// How many eigenvalues besides the trivial one the Krylov method computes (at least 1;
    /// at most the dimension minus one). The dense method computes them all.
    pub eigenvalues: usize,
    /// The largest dimension the dense method accepts (its matrix takes 8 bytes per entry,
    /// the eigensolver as much again).
    pub max_dense_dimension: f64,
}

impl Default for StabilityOptions {
    /// [`EigenMethod::Auto`], [`TOP_EIGENVALUES`] eigenvalues, dense up to
    /// [`MAX_STABILITY_SPIKES`].
    fn default() -> Self {
        Self {
            method: EigenMethod::Auto,
            eigenvalues: TOP_EIGENVALUES,
            max_dense_dimension: MAX_STABILITY_SPIKES,
        }
    }
}
