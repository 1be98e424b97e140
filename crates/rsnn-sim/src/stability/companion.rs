//! The jitter map over one period as a matrix: the block-companion form of the exact map and
//! the folded single-period approximation (docs/model.md §7.2, §7.4).

use super::packed::Packed;
use super::{JitterMap, MapForm};
use crate::SimError;

impl JitterMap {
    /// The map over one period as a dense row-major `D x D` matrix, `D = P * M`
    /// ([`JitterMap::dimension`]), acting on the state `x = (dt^(n), dt^(n-1), ...,
    /// dt^(n-P+1))` of the errors of the last `P` periods (newest first).
    ///
    /// Its first `M` rows are `[B_1 ... B_P]`, the errors of the next period, built in firing
    /// order: row `m` adds, for each term, `a` times the row of spike `j` already built (a copy
    /// from the current period, `p = 0`, `j < m`) or `a` times the unit vector of state column
    /// `(p - 1) * M + j` (a copy from `p >= 1` periods back). The other rows shift the state by
    /// one period (identity blocks below the diagonal): `Phi` of docs/model.md §7.2 (for the
    /// folded map, the product `U_M ... U_1` of §7.4). Costs `D` times the number of
    /// current-period terms.
    pub fn matrix(&self) -> Vec<f64> {
        // Never stopped, so never an error.
        self.matrix_until(&|| false).unwrap_or_default()
    }

    /// [`JitterMap::matrix`] with a stop check polled before each row of `[B_1 ... B_P]`.
    ///
    /// # Errors
    /// [`SimError::Cancelled`] once `stop()` returns true.
    pub(super) fn matrix_until(
        &self,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Vec<f64>, SimError> {
        let size = self.spikes.len();
        let dim = self.dimension();
        let mut phi = vec![0.0; dim * dim];
        for i in size..dim {
            phi[i * dim + i - size] = 1.0;
        }
        let mut new_row = vec![0.0; dim];
        for m in 0..self.rows.len() {
            if stop() {
                return Err(SimError::Cancelled {
                    step: "construction of the dense matrix",
                });
            }
            new_row.fill(0.0);
            for (c, a) in self.rows.row(m) {
                if c >= size {
                    // An older copy: a column of the state.
                    new_row[c - size] += a;
                    continue;
                }
                let built = &phi[c * dim..(c + 1) * dim];
                for (x, &y) in new_row.iter_mut().zip(built) {
                    *x += a * y;
                }
            }
            phi[m * dim..(m + 1) * dim].copy_from_slice(&new_row);
        }
        Ok(phi)
    }

    /// Applies the map to a state of [`JitterMap::dimension`] errors (the last `P` periods,
    /// newest first) by the sequential updates in firing order, without the matrix: returns
    /// the next state, whose first `M` entries are the errors of the next period.
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] naming `state` when its length is not the dimension.
    pub fn propagate(&self, state: &[f64]) -> Result<Vec<f64>, SimError> {
        let dim = self.dimension();
        if state.len() != dim {
            return Err(SimError::InvalidParameter {
                name: "state",
                value: state.len() as f64,
                reason: "must hold one error per spike and period of the state \
                         (JitterMap::dimension)",
            });
        }
        let mut next = vec![0.0; dim];
        self.apply_into(state, &mut next);
        Ok(next)
    }

    /// [`JitterMap::propagate`] into `next` without allocating: a forward substitution in
    /// firing order over the stored weights (`I - A_0` is unit lower triangular), then the
    /// shift of the older periods. Costs one multiply-add per stored weight plus `D`.
    ///
    /// # Panics
    /// When `state` or `next` is not of length [`JitterMap::dimension`] (checked by
    /// [`JitterMap::propagate`] for user input).
    pub(super) fn apply_into(&self, state: &[f64], next: &mut [f64]) {
        let size = self.spikes.len();
        let dim = self.dimension();
        assert!(
            state.len() == dim && next.len() == dim,
            "state of the wrong length"
        );
        // Column c < D of a weight reads next[c]: a spike of this period already updated
        // (c < M) or the shifted state (M <= c < D); c >= D reads the oldest period.
        next[size..].copy_from_slice(&state[..dim - size]);
        for m in 0..size {
            next[m] = self.rows.update(m, next, state, size);
        }
    }

    /// The folded single-period approximation ([`MapForm::Folded`], the map of files of
    /// version 1): every copy of spike `j` is merged into one weight, taken from the current
    /// period when spike `j` fires before spike `m` and from the previous period otherwise,
    /// whatever the period of the copy that actually arrives. It equals the exact map when
    /// every arrival reaching spike `m` comes from the current period for `j < m` and from the
    /// previous period for `j >= m` (always when the period exceeds the largest delay plus
    /// the kernel horizon), and is kept to compare with it.
    ///
    /// # Errors
    /// As [`JitterMap::new`] for a map of more than 2^31 spikes (whose columns would not fit
    /// the packed rows).
    pub fn folded(&self) -> Result<JitterMap, SimError> {
        let size = self.spikes.len();
        let mut merged = vec![0.0; size];
        let mut seen = vec![false; size];
        let mut touched = Vec::new();
        let mut rows = Packed::new();
        for m in 0..size {
            for (c, a) in self.rows.row(m) {
                let j = c % size;
                if !seen[j] {
                    seen[j] = true;
                    touched.push(j);
                }
                merged[j] += a;
            }
            touched.sort_unstable();
            let (current, previous): (Vec<usize>, Vec<usize>) =
                touched.iter().partition(|&&j| j < m);
            let folded: Vec<(usize, f64)> = current
                .iter()
                .map(|&j| (j, merged[j]))
                .chain(previous.iter().map(|&j| (size + j, merged[j])))
                .filter(|&(_, a)| a != 0.0)
                .collect();
            for &j in &touched {
                merged[j] = 0.0;
                seen[j] = false;
            }
            touched.clear();
            rows.push_row(&folded)?;
        }
        Ok(JitterMap {
            spikes: self.spikes.clone(),
            rows: rows.finish(size),
            slopes: self.slopes.clone(),
            periods: 1,
            form: MapForm::Folded,
            clamped: self.clamped.clone(),
        })
    }
}
