//! The Newton system reduced to the variables: the `n x n` matrix `K = H + G_K' W_K^-1 G_K`
//! over the dense inequality rows `G_K` that are far from active, formed by one dense product
//! (its lower triangle) and factored by faer's Cholesky, bordered by the equality rows `E` and
//! the nearly active inequality rows `G_B` (together `B`):
//!
//! ```text
//! [ K    E'  G_B' ] [dx  ]   [ v   ]
//! [ E    0   0    ] [dy  ] = [ -re ]
//! [ G_B  0  -W_B  ] [dz_B]   [ t_B ]
//! ```
//!
//! solved through the Schur complement `B K^-1 B' + diag(0, W_B)` (factored by [`cholesky`],
//! which tolerates dependent equalities). The choice when the rows outnumber the variables
//! (the published grid template: thousands of rows over hundreds of weights).
//!
//! Why the border: a row in `K` gets its dual step from `dz = W^-1 (G dx - t)`, which
//! multiplies the rounding errors of `dx` by `z / s`. Near the solution `z / s` grows without
//! bound on the active rows (1e15 and more) and the dual residual would grow back above its
//! tolerance; the rows with `z / s` above [`BORDER_RATIO`] (at most `n` of them, the largest)
//! get their dual step from the Schur complement instead, as in the row form.

use super::cholesky::{cholesky, cholesky_solve};
use super::newton::{Newton, REFINEMENTS};
use super::system::{Data, dot};
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::cholesky::llt::factor::{
    LltRegularization, cholesky_in_place, cholesky_in_place_scratch,
};
use faer::linalg::cholesky::llt::solve::solve_in_place;
use faer::linalg::matmul::matmul;
use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::{Accum, Mat, MatMut, Par};

/// Inequality rows with `z / s` above this ratio are bordered rather than kept in `K`: the
/// dual steps of the rows in `K` then carry at most `1e6` times the rounding error of `dx`.
pub(super) const BORDER_RATIO: f64 = 1e6;

/// The factored variable system.
pub(super) struct VariableSystem {
    /// The Cholesky factor of `K` (lower triangle).
    l: Mat<f64>,
    /// `z / s` of the inequality rows in `K`, 0 for the bordered ones.
    inside: Vec<f64>,
    /// The rows of `B`, as row indices of the problem: the equalities, then the bordered
    /// inequalities.
    border: Vec<usize>,
    /// `K^-1 B'` (`n x |B|`).
    k_inv_bt: Mat<f64>,
    /// The factored Schur complement `B K^-1 B' + diag(0, W_B)` (row-major).
    schur: Vec<f64>,
}

impl VariableSystem {
    /// Forms and factors `K` and the Schur complement; None when `K` is not numerically
    /// positive definite.
    pub(super) fn new(d: &Data, h: &[f64], w: &[f64]) -> Option<Self> {
        let (n, me, mi) = (d.n, d.me, d.mi());
        let mut inside: Vec<f64> = w[..mi].iter().map(|w| 1.0 / w).collect();
        let mut bordered: Vec<usize> = (0..mi).filter(|&i| inside[i] > BORDER_RATIO).collect();
        bordered.sort_by(|&a, &b| inside[b].total_cmp(&inside[a]).then(a.cmp(&b)));
        bordered.truncate(n);
        bordered.sort_unstable();
        for &i in &bordered {
            inside[i] = 0.0;
        }
        // Column c of `scaled` is a row i kept in K times (z_i / s_i)^(1/2) (`kept[c]`: its
        // offset in `a` and that factor): K = H + scaled scaled'.
        let kept: Vec<(usize, f64)> = (0..mi)
            .filter(|&i| inside[i] > 0.0)
            .map(|i| ((me + i) * n, inside[i].sqrt()))
            .collect();
        let scaled = Mat::from_fn(n, kept.len(), |j, c| d.a[kept[c].0 + j] * kept[c].1);
        let mut l = Mat::<f64>::zeros(n, n);
        triangular::matmul(
            l.as_mut(),
            BlockStructure::TriangularLower,
            Accum::Replace,
            scaled.as_ref(),
            BlockStructure::Rectangular,
            scaled.transpose(),
            BlockStructure::Rectangular,
            1.0,
            Par::Seq,
        );
        for (j, hj) in h.iter().enumerate() {
            l[(j, j)] += hj;
        }
        let mut buffer = MemBuffer::new(cholesky_in_place_scratch::<f64>(
            n,
            Par::Seq,
            Default::default(),
        ));
        cholesky_in_place(
            l.as_mut(),
            LltRegularization::default(),
            Par::Seq,
            MemStack::new(&mut buffer),
            Default::default(),
        )
        .ok()?;
        // K^-1 B', then B K^-1 B' + diag(0, W_B).
        let border: Vec<usize> = (0..me).chain(bordered.iter().map(|i| me + i)).collect();
        let nb = border.len();
        let bt = Mat::from_fn(n, nb, |j, c| d.a[border[c] * n + j]);
        let mut k_inv_bt = bt.clone();
        solve_in_place(
            l.as_ref(),
            k_inv_bt.as_mut(),
            Par::Seq,
            MemStack::new(&mut []),
        );
        let mut product = Mat::<f64>::zeros(nb, nb);
        matmul(
            product.as_mut(),
            Accum::Replace,
            bt.transpose(),
            k_inv_bt.as_ref(),
            1.0,
            Par::Seq,
        );
        let mut schur = vec![0.0; nb * nb];
        for r in 0..nb {
            for c in 0..=r {
                schur[r * nb + c] = product[(r, c)];
            }
            if r >= me {
                schur[r * nb + r] += w[border[r] - me];
            }
        }
        cholesky(&mut schur, nb);
        Some(Self {
            l,
            inside,
            border,
            k_inv_bt,
            schur,
        })
    }

    /// `K x + B' y`, through the rows.
    fn k_times(&self, d: &Data, k: &Newton, x: &[f64], y: &[f64]) -> Vec<f64> {
        let mut out: Vec<f64> = x.iter().zip(&k.h).map(|(x, h)| x * h).collect();
        d.add_gram_times(d.me, &self.inside, x, &mut out);
        for (&row, &yc) in self.border.iter().zip(y) {
            out.iter_mut()
                .zip(d.row(row))
                .for_each(|(o, a)| *o += a * yc);
        }
        out
    }

    /// `B x - diag(0, W_B) y`.
    fn b_times(&self, d: &Data, k: &Newton, x: &[f64], y: &[f64]) -> Vec<f64> {
        let me = d.me;
        let mut out: Vec<f64> = self.border.iter().map(|&r| dot(d.row(r), x)).collect();
        for (c, o) in out.iter_mut().enumerate().skip(me) {
            *o -= k.w[self.border[c] - me] * y[c];
        }
        out
    }

    /// The bordered system solved once with the factors: `y = S^-1 (B K^-1 v - g)`, `x = K^-1
    /// (v - B' y)` (`S` the Schur complement).
    fn solve_once(&self, d: &Data, v: &[f64], g: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let n = d.n;
        let mut kv = v.to_vec();
        solve_in_place(
            self.l.as_ref(),
            MatMut::from_column_major_slice_mut(&mut kv, n, 1),
            Par::Seq,
            MemStack::new(&mut []),
        );
        let nb = self.border.len();
        if nb == 0 {
            return (kv, Vec::new());
        }
        let mut y: Vec<f64> = self.border.iter().map(|&r| dot(d.row(r), &kv)).collect();
        y.iter_mut().zip(g).for_each(|(y, g)| *y -= g);
        cholesky_solve(&self.schur, nb, &mut y);
        for (c, yc) in y.iter().enumerate() {
            for (x, k) in kv.iter_mut().zip(self.k_inv_bt.col(c).iter()) {
                *x -= k * yc;
            }
        }
        (kv, y)
    }

    /// `(dx, dy, dz_I)` from `H dx + E' dy + G_I' dz_I = u`, `E dx = -re`, `G_I dx - W_I dz_I
    /// = t_I`: `dz_K = W_K^-1 (G_K dx - t_K)` turns the first into `K dx + E' dy + G_B' dz_B
    /// = u + G_K' W_K^-1 t_K`.
    pub(super) fn solve(
        &self,
        d: &Data,
        k: &Newton,
        u: &[f64],
        re: &[f64],
        t: &[f64],
    ) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let me = d.me;
        let tw: Vec<f64> = t.iter().zip(&self.inside).map(|(t, r)| t * r).collect();
        let mut v = u.to_vec();
        d.add_transposed(me, &tw, &mut v);
        let g: Vec<f64> = (self.border.iter().enumerate())
            .map(|(c, &r)| if c < me { -re[c] } else { t[r - me] })
            .collect();
        let (mut dx, mut y) = self.solve_once(d, &v, &g);
        // The formed matrices lose accuracy as the iterates approach the boundary: refine
        // against the operator applied through the rows.
        for _ in 0..REFINEMENTS {
            let mut r1 = self.k_times(d, k, &dx, &y);
            r1.iter_mut().zip(&v).for_each(|(r, v)| *r = v - *r);
            let mut r2 = self.b_times(d, k, &dx, &y);
            r2.iter_mut().zip(&g).for_each(|(r, g)| *r = g - *r);
            let (cx, cy) = self.solve_once(d, &r1, &r2);
            dx.iter_mut().zip(&cx).for_each(|(x, c)| *x += c);
            y.iter_mut().zip(&cy).for_each(|(y, c)| *y += c);
        }
        let mut dz = vec![0.0; d.mi()];
        d.times(me, &dx, &mut dz);
        for (i, z) in dz.iter_mut().enumerate() {
            *z = (*z - t[i]) * self.inside[i];
        }
        for (c, &r) in self.border.iter().enumerate().skip(me) {
            dz[r - me] = y[c];
        }
        y.truncate(me);
        (dx, y, dz)
    }
}
