//! The Newton system reduced to the rows: the `m x m` matrix `A H^-1 A' + diag(0, W_I)` (`A`:
//! the equality rows, then the inequality rows), formed by one dense product and factored by
//! [`cholesky`], which tolerates dependent equalities. The choice when the rows are at most the
//! variables.

use super::cholesky::{cholesky, cholesky_solve};
use super::newton::{Newton, REFINEMENTS};
use super::system::Data;
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, Par};

/// The factored row system (row-major, lower triangle).
pub(super) struct RowSystem {
    chol: Vec<f64>,
}

impl RowSystem {
    /// Forms and factors `A H^-1 A' + diag(0, W_I)`.
    pub(super) fn new(d: &Data, h: &[f64], w: &[f64]) -> Self {
        let (n, m, me) = (d.n, d.m(), d.me);
        let root: Vec<f64> = h.iter().map(|h| 1.0 / h.sqrt()).collect();
        let scaled = Mat::from_fn(m, n, |i, j| d.a[i * n + j] * root[j]);
        let mut reduced = Mat::<f64>::zeros(m, m);
        matmul(
            reduced.as_mut(),
            Accum::Replace,
            scaled.as_ref(),
            scaled.transpose(),
            1.0,
            Par::Seq,
        );
        let mut chol = vec![0.0; m * m];
        for i in 0..m {
            for j in 0..=i {
                chol[i * m + j] = reduced[(i, j)];
            }
            if i >= me {
                chol[i * m + i] += w[i - me];
            }
        }
        cholesky(&mut chol, m);
        Self { chol }
    }

    /// `(A H^-1 A' + diag(0, W_I)) v`, through the rows.
    fn times(d: &Data, k: &Newton, v: &[f64]) -> Vec<f64> {
        let mut atv = vec![0.0; d.n];
        d.add_transposed(0, v, &mut atv);
        atv.iter_mut().zip(&k.h).for_each(|(a, h)| *a /= h);
        let mut out = vec![0.0; d.m()];
        d.times(0, &atv, &mut out);
        for (i, o) in out.iter_mut().enumerate().skip(d.me) {
            *o += k.w[i - d.me] * v[i];
        }
        out
    }

    /// `(dx, dy, dz_I)` from `H dx + E' dy + G_I' dz_I = u`, `E dx = -re`, `G_I dx - W_I dz_I
    /// = t_I`.
    pub(super) fn solve(
        &self,
        d: &Data,
        k: &Newton,
        u: &[f64],
        re: &[f64],
        t: &[f64],
    ) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let (m, me) = (d.m(), d.me);
        let hu: Vec<f64> = u.iter().zip(&k.h).map(|(u, h)| u / h).collect();
        let mut lam = vec![0.0; m];
        d.times(0, &hu, &mut lam);
        for i in 0..m {
            lam[i] += if i < me { re[i] } else { -t[i - me] };
        }
        // The formed matrix loses accuracy as the iterates approach the boundary: refine the
        // solution against the operator applied through the rows themselves.
        let rhs = lam.clone();
        cholesky_solve(&self.chol, m, &mut lam);
        for _ in 0..REFINEMENTS {
            let mut r = Self::times(d, k, &lam);
            r.iter_mut().zip(&rhs).for_each(|(r, b)| *r = b - *r);
            cholesky_solve(&self.chol, m, &mut r);
            lam.iter_mut().zip(&r).for_each(|(l, r)| *l += r);
        }
        let mut atl = vec![0.0; d.n];
        d.add_transposed(0, &lam, &mut atl);
        let dx: Vec<f64> = (0..d.n).map(|j| (u[j] - atl[j]) / k.h[j]).collect();
        let dz = lam.split_off(me);
        (dx, lam, dz)
    }
}
