//! Neurons clamped to the score in the stability analysis (docs/model.md §7.6).
//!
//! A neuron that could not be memorized keeps weights that do not make it fire at its
//! prescribed times (often all zero, so its potential has no slope at all), and the map of
//! docs/model.md §7 is undefined at its spikes. The analysis can still say whether the other
//! neurons hold their timing when those neurons are *clamped*: driven by the score itself, as the
//! control neurons of the original package's recall protocol are. A clamped spike never moves:
//! its row of the map is empty (its error is 0 after one period), while its arrivals keep their
//! weights in the rows of the free spikes they reach. Clamping pins the common time origin, so
//! the map loses the trivial eigenvalue 1 of a common shift: nothing is deflated and the spectral
//! radius is the largest magnitude of all eigenvalues.

use super::JitterMap;
use crate::SimError;

/// `clamped` sorted and without repetitions, after checking that every neuron exists.
pub(super) fn checked(clamped: &[usize], num_neurons: usize) -> Result<Vec<usize>, SimError> {
    if let Some(&neuron) = clamped.iter().find(|&&l| l >= num_neurons) {
        return Err(SimError::UnknownNeuron {
            neuron,
            num_neurons,
        });
    }
    let mut clamped = clamped.to_vec();
    clamped.sort_unstable();
    clamped.dedup();
    Ok(clamped)
}

impl JitterMap {
    /// The neurons clamped to the score (sorted, distinct; empty for the map of
    /// [`JitterMap::new`]).
    pub fn clamped(&self) -> &[usize] {
        &self.clamped
    }

    /// Whether a common shift of every spike is a fixed direction of the map (its rows are
    /// weighted averages summing to 1): true unless some spike is clamped. Only then has the
    /// map the trivial eigenvalue 1 that the analysis removes.
    pub fn is_shift_invariant(&self) -> bool {
        self.clamped.is_empty() || (0..self.rows.len()).all(|m| !self.rows.is_empty_row(m))
    }
}
