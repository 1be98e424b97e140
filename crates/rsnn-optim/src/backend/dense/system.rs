//! The reduced Newton system of the dense interior-point method: the rows (scaled, equalities
//! first), the bounds, and the `m x m` matrix `A H^-1 A' + diag(0, S Z^-1)` with its Cholesky
//! factor.

use crate::Problem;
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, Par};

/// Steps of iterative refinement of every reduced solve.
const REFINEMENTS: usize = 2;

/// A bound row `sign * x[var] <= rhs`.
#[derive(Clone, Copy)]
pub(super) struct Bound {
    pub var: usize,
    pub sign: f64,
    pub rhs: f64,
}

/// The problem in the solver's form: rows scaled, equalities first.
pub(super) struct Data {
    pub n: usize,
    /// Number of equality rows.
    pub me: usize,
    /// The rows, row-major (`m x n`), equalities then inequalities.
    pub a: Vec<f64>,
    pub rhs: Vec<f64>,
    pub bounds: Vec<Bound>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
}

impl Data {
    /// None when the rows are more than the variables or mostly zeros, or when some variable
    /// has neither a quadratic term nor a finite bound (the reduced system would be singular):
    /// Clarabel handles those problems.
    pub(super) fn new(problem: &Problem) -> Option<Self> {
        let n = problem.num_vars();
        let me = problem.equalities().len();
        let rows = problem.equalities().iter().chain(problem.inequalities());
        let m = me + problem.inequalities().len();
        let mut a = vec![0.0; m * n];
        let mut rhs = Vec::with_capacity(m);
        for (i, row) in rows.enumerate() {
            let dense = &mut a[i * n..(i + 1) * n];
            for &(j, v) in &row.coefficients {
                dense[j] += v;
            }
            let scale = dense.iter().fold(0.0f64, |s, v| s.max(v.abs()));
            let scale = if scale > 0.0 { 1.0 / scale } else { 1.0 };
            dense.iter_mut().for_each(|v| *v *= scale);
            rhs.push(row.rhs * scale);
        }
        let mut bounds = Vec::new();
        for (var, (&l, &u)) in problem.lower().iter().zip(problem.upper()).enumerate() {
            if u.is_finite() {
                bounds.push(Bound {
                    var,
                    sign: 1.0,
                    rhs: u,
                });
            }
            if l.is_finite() {
                bounds.push(Bound {
                    var,
                    sign: -1.0,
                    rhs: -l,
                });
            }
            if problem.quadratic()[var] <= 0.0 && !(l.is_finite() || u.is_finite()) {
                return None;
            }
        }
        // Sparse or many rows (L1 and L-infinity auxiliary rows, grids): Clarabel's sparse
        // factorization is the better tool.
        let nonzeros = a.iter().filter(|v| **v != 0.0).count();
        if m > n || 2 * nonzeros < m * n {
            return None;
        }
        Some(Self {
            n,
            me,
            a,
            rhs,
            bounds,
            p: problem.quadratic().to_vec(),
            q: problem.linear().to_vec(),
        })
    }

    pub(super) fn m(&self) -> usize {
        self.rhs.len()
    }

    pub(super) fn row(&self, i: usize) -> &[f64] {
        &self.a[i * self.n..(i + 1) * self.n]
    }

    /// `out = A x`.
    pub(super) fn times(&self, x: &[f64], out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = dot(self.row(i), x);
        }
    }

    /// `out += A' v`.
    pub(super) fn add_transposed(&self, v: &[f64], out: &mut [f64]) {
        for (i, &vi) in v.iter().enumerate() {
            if vi != 0.0 {
                for (o, &a) in out.iter_mut().zip(self.row(i)) {
                    *o += a * vi;
                }
            }
        }
    }
}

/// A dot product with four accumulators (vectorizable).
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    acc[0] + acc[1] + acc[2] + acc[3] + tail
}

/// In-place Cholesky `M = L L'` of a symmetric positive semi-definite row-major matrix (lower
/// triangle used). A pivot that vanishes (a row dependent on earlier ones) is replaced by a huge
/// one, which sets that component of every solution to zero. A pivot vanishes when it falls
/// below `1e-14` times its diagonal entry.
fn cholesky(m: &mut [f64], dim: usize) {
    for j in 0..dim {
        let row_j = &mut m[j * dim..(j + 1) * dim];
        // Relative to the row's own diagonal: the diagonal spans many orders of magnitude near
        // the end (the slacks over the duals of inactive rows grow without bound).
        let tiny = 1e-14 * row_j[j].max(f64::MIN_POSITIVE);
        let d = row_j[j] - dot(&row_j[..j], &row_j[..j]);
        row_j[j] = if d > tiny { d.sqrt() } else { 1e64 };
        for i in j + 1..dim {
            let (upper, lower) = m.split_at_mut(i * dim);
            let row_j = &upper[j * dim..j * dim + dim];
            let row_i = &mut lower[..dim];
            row_i[j] = (row_i[j] - dot(&row_i[..j], &row_j[..j])) / row_j[j];
        }
    }
}

/// Solves `L L' x = b` in place after [`cholesky`].
fn cholesky_solve(l: &[f64], dim: usize, b: &mut [f64]) {
    for i in 0..dim {
        b[i] = (b[i] - dot(&l[i * dim..i * dim + i], &b[..i])) / l[i * dim + i];
    }
    for i in (0..dim).rev() {
        b[i] /= l[i * dim + i];
        let bi = b[i];
        for k in 0..i {
            b[k] -= l[i * dim + k] * bi;
        }
    }
}

/// The Newton system of one iteration: `H`, `W = S / Z` and the factored reduced matrix.
pub(super) struct Newton {
    h: Vec<f64>,
    w: Vec<f64>,
    chol: Vec<f64>,
}

/// The right-hand sides of one Newton solve and its solution.
pub(super) struct Step {
    pub dx: Vec<f64>,
    pub dy: Vec<f64>,
    pub ds: Vec<f64>,
    pub dz: Vec<f64>,
}

impl Data {
    /// Forms and factors the reduced system at `(s, z)`.
    pub(super) fn newton(&self, s: &[f64], z: &[f64]) -> Newton {
        let (n, m, me) = (self.n, self.m(), self.me);
        let w: Vec<f64> = s.iter().zip(z).map(|(s, z)| s / z).collect();
        let mut h = self.p.clone();
        for (b, wb) in self.bounds.iter().zip(&w[m - me..]) {
            h[b.var] += 1.0 / wb;
        }
        let root: Vec<f64> = h.iter().map(|h| 1.0 / h.sqrt()).collect();
        let scaled = Mat::from_fn(m, n, |i, j| self.a[i * n + j] * root[j]);
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
        Newton { h, w, chol }
    }

    /// `(A H^-1 A' + diag(0, W)) v`, through the rows.
    fn reduced_times(&self, k: &Newton, v: &[f64]) -> Vec<f64> {
        let mut atv = vec![0.0; self.n];
        self.add_transposed(v, &mut atv);
        atv.iter_mut().zip(&k.h).for_each(|(a, h)| *a /= h);
        let mut out = vec![0.0; self.m()];
        self.times(&atv, &mut out);
        for (i, o) in out.iter_mut().enumerate().skip(self.me) {
            *o += k.w[i - self.me] * v[i];
        }
        out
    }

    /// Solves the Newton system for the residuals `rd, re, rp` and complementarity `rc`
    /// (inequalities: dense rows, then bounds).
    pub(super) fn solve(
        &self,
        k: &Newton,
        z: &[f64],
        rd: &[f64],
        re: &[f64],
        rp: &[f64],
        rc: &[f64],
    ) -> Step {
        let (m, me) = (self.m(), self.me);
        let mi = m - me;
        let t: Vec<f64> = (0..rp.len()).map(|i| -rp[i] + rc[i] / z[i]).collect();
        let mut u: Vec<f64> = rd.iter().map(|r| -r).collect();
        for (b, (tb, wb)) in self.bounds.iter().zip(t[mi..].iter().zip(&k.w[mi..])) {
            u[b.var] += b.sign * tb / wb;
        }
        let hu: Vec<f64> = u.iter().zip(&k.h).map(|(u, h)| u / h).collect();
        let mut lam = vec![0.0; m];
        self.times(&hu, &mut lam);
        for i in 0..m {
            lam[i] += if i < me { re[i] } else { -t[i - me] };
        }
        // The formed matrix loses accuracy as the iterates approach the boundary: refine the
        // solution against the operator applied through the rows themselves.
        let rhs = lam.clone();
        cholesky_solve(&k.chol, m, &mut lam);
        for _ in 0..REFINEMENTS {
            let mut r = self.reduced_times(k, &lam);
            r.iter_mut().zip(&rhs).for_each(|(r, b)| *r = b - *r);
            cholesky_solve(&k.chol, m, &mut r);
            lam.iter_mut().zip(&r).for_each(|(l, r)| *l += r);
        }
        let mut atl = vec![0.0; self.n];
        self.add_transposed(&lam, &mut atl);
        let dx: Vec<f64> = (0..self.n).map(|j| (u[j] - atl[j]) / k.h[j]).collect();
        let mut dz = lam[me..].to_vec();
        for (b, (tb, wb)) in self.bounds.iter().zip(t[mi..].iter().zip(&k.w[mi..])) {
            dz.push((b.sign * dx[b.var] - tb) / wb);
        }
        let ds = (0..dz.len())
            .map(|i| -(rc[i] + k.w[i] * z[i] * dz[i]) / z[i])
            .collect();
        Step {
            dx,
            dy: lam[..me].to_vec(),
            ds,
            dz,
        }
    }
}
