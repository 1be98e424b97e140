//! The Newton system reduced to the variables: the `n x n` matrix `K = H + G_I' W_I^-1 G_I`
//! over the dense inequality rows `G_I`, formed by one dense product (its lower triangle) and
//! factored by faer's Cholesky, bordered by the equality rows `E`:
//!
//! ```text
//! [ K  E' ] [dx]   [ v ]
//! [ E  0  ] [dy] = [ g ]
//! ```
//!
//! solved through the Schur complement `E K^-1 E'` (factored by [`cholesky`], which tolerates
//! dependent equalities). The choice when the rows outnumber the variables (the published grid
//! template: thousands of rows over hundreds of weights).

use super::cholesky::{cholesky, cholesky_solve};
use super::newton::{Newton, REFINEMENTS};
use super::system::Data;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::cholesky::llt::factor::{
    LltRegularization, cholesky_in_place, cholesky_in_place_scratch,
};
use faer::linalg::cholesky::llt::solve::solve_in_place;
use faer::linalg::matmul::matmul;
use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::{Accum, Mat, MatMut, MatRef, Par};

/// The factored variable system.
pub(super) struct VariableSystem {
    /// The Cholesky factor of `K` (lower triangle).
    l: Mat<f64>,
    /// `K^-1 E'` (`n x me`).
    k_inv_et: Mat<f64>,
    /// The factored Schur complement `E K^-1 E'` (row-major, `me x me`).
    schur: Vec<f64>,
}

impl VariableSystem {
    /// Forms and factors `K` and the Schur complement; None when `K` is not numerically
    /// positive definite.
    pub(super) fn new(d: &Data, h: &[f64], w: &[f64]) -> Option<Self> {
        let (n, me, mi) = (d.n, d.me, d.mi());
        // Column i of `scaled` is inequality row i times (z_i / s_i)^(1/2): K = H + scaled
        // scaled'.
        let root: Vec<f64> = w[..mi].iter().map(|w| 1.0 / w.sqrt()).collect();
        let scaled = Mat::from_fn(n, mi, |j, i| d.a[(me + i) * n + j] * root[i]);
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
        // K^-1 E', then E K^-1 E'.
        let mut k_inv_et = Mat::from_fn(n, me, |j, i| d.a[i * n + j]);
        solve_in_place(
            l.as_ref(),
            k_inv_et.as_mut(),
            Par::Seq,
            MemStack::new(&mut []),
        );
        let e = MatRef::from_row_major_slice(&d.a[..me * n], me, n);
        let mut product = Mat::<f64>::zeros(me, me);
        matmul(
            product.as_mut(),
            Accum::Replace,
            e,
            k_inv_et.as_ref(),
            1.0,
            Par::Seq,
        );
        let mut schur: Vec<f64> = (0..me * me).map(|k| product[(k / me, k % me)]).collect();
        cholesky(&mut schur, me);
        Some(Self { l, k_inv_et, schur })
    }

    /// `K x = H x + G_I' W_I^-1 G_I x`, through the rows.
    fn k_times(d: &Data, k: &Newton, x: &[f64]) -> Vec<f64> {
        let mi = d.mi();
        let mut gx = vec![0.0; mi];
        d.times(d.me, x, &mut gx);
        gx.iter_mut().zip(&k.w[..mi]).for_each(|(g, w)| *g /= w);
        let mut out: Vec<f64> = x.iter().zip(&k.h).map(|(x, h)| x * h).collect();
        d.add_transposed(d.me, &gx, &mut out);
        out
    }

    /// The bordered system solved once with the factors: `dy = (E K^-1 E')^-1 (E K^-1 v - g)`,
    /// `dx = K^-1 (v - E' dy)`.
    fn solve_once(&self, d: &Data, v: &[f64], g: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (n, me) = (d.n, d.me);
        let mut kv = v.to_vec();
        solve_in_place(
            self.l.as_ref(),
            MatMut::from_column_major_slice_mut(&mut kv, n, 1),
            Par::Seq,
            MemStack::new(&mut []),
        );
        if me == 0 {
            return (kv, Vec::new());
        }
        let mut dy = vec![0.0; me];
        d.times(0, &kv, &mut dy);
        dy.iter_mut().zip(g).for_each(|(y, g)| *y -= g);
        cholesky_solve(&self.schur, me, &mut dy);
        for (i, yi) in dy.iter().enumerate() {
            for (x, k) in kv.iter_mut().zip(self.k_inv_et.col(i).iter()) {
                *x -= k * yi;
            }
        }
        (kv, dy)
    }

    /// `(dx, dy, dz_I)` from `H dx + E' dy + G_I' dz_I = u`, `E dx = -re`, `G_I dx - W_I dz_I
    /// = t_I`: `dz_I = W_I^-1 (G_I dx - t_I)` turns the first into `K dx + E' dy = u + G_I'
    /// W_I^-1 t_I`.
    pub(super) fn solve(
        &self,
        d: &Data,
        k: &Newton,
        u: &[f64],
        re: &[f64],
        t: &[f64],
    ) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let (me, mi) = (d.me, d.mi());
        let tw: Vec<f64> = t.iter().zip(&k.w[..mi]).map(|(t, w)| t / w).collect();
        let mut v = u.to_vec();
        d.add_transposed(me, &tw, &mut v);
        let g: Vec<f64> = re.iter().map(|r| -r).collect();
        let (mut dx, mut dy) = self.solve_once(d, &v, &g);
        // The formed K loses accuracy as the iterates approach the boundary (W_I^-1 spans many
        // orders of magnitude): refine against the operator applied through the rows.
        for _ in 0..REFINEMENTS {
            let mut r1 = Self::k_times(d, k, &dx);
            d.add_transposed(0, &dy, &mut r1);
            r1.iter_mut().zip(&v).for_each(|(r, v)| *r = v - *r);
            let mut r2 = vec![0.0; me];
            d.times(0, &dx, &mut r2);
            r2.iter_mut().zip(&g).for_each(|(r, g)| *r = g - *r);
            let (cx, cy) = self.solve_once(d, &r1, &r2);
            dx.iter_mut().zip(&cx).for_each(|(x, c)| *x += c);
            dy.iter_mut().zip(&cy).for_each(|(y, c)| *y += c);
        }
        let mut dz = vec![0.0; mi];
        d.times(me, &dx, &mut dz);
        dz.iter_mut()
            .zip(t.iter().zip(&k.w[..mi]))
            .for_each(|(z, (t, w))| *z = (*z - t) / w);
        (dx, dy, dz)
    }
}
