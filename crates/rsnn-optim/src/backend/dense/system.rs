//! The problem in the dense interior-point method's form: the rows (scaled, equalities first,
//! stored dense and row-major), the bounds, and the products with the rows.

use crate::Problem;

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
    /// None when the rows are mostly zeros (fewer than half of their coefficients are
    /// nonzero), or when some variable has neither a quadratic term nor a finite bound (the
    /// reduced systems would be singular): Clarabel handles those problems. Any number of rows
    /// is accepted: the Newton systems are reduced to the rows or to the variables, whichever
    /// are fewer.
    pub(super) fn new(problem: &Problem) -> Option<Self> {
        let n = problem.num_vars();
        let me = problem.equalities().len();
        let rows = problem.equalities().iter().chain(problem.inequalities());
        let m = me + problem.inequalities().len();
        // Sparse rows (the auxiliary rows of L1 and L-infinity: two nonzeros each): Clarabel's
        // sparse factorization is the better tool. Counted before the rows are made dense, so
        // a large sparse problem is never allocated densely (a repeated coefficient counts
        // twice here; the exact count follows).
        let stored: usize = rows
            .clone()
            .map(|r| r.coefficients.iter().filter(|(_, v)| *v != 0.0).count())
            .sum();
        if 2 * stored < m * n {
            return None;
        }
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
        let nonzeros = a.iter().filter(|v| **v != 0.0).count();
        if 2 * nonzeros < m * n {
            return None;
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

    /// Number of inequality rows (the bounds excluded).
    pub(super) fn mi(&self) -> usize {
        self.m() - self.me
    }

    /// `out[i] = row(first + i) . x` for the rows `first..first + out.len()`.
    pub(super) fn times(&self, first: usize, x: &[f64], out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = dot(self.row(first + i), x);
        }
    }

    /// `out += sum_i v[i] row(first + i)` (the transpose of [`Data::times`]).
    pub(super) fn add_transposed(&self, first: usize, v: &[f64], out: &mut [f64]) {
        for (i, &vi) in v.iter().enumerate() {
            if vi != 0.0 {
                for (o, &a) in out.iter_mut().zip(self.row(first + i)) {
                    *o += a * vi;
                }
            }
        }
    }

    /// `out += sum_i row(first + i) weights[i] (row(first + i) . x)`: `A' diag(weights) A x`
    /// over the rows `first..first + weights.len()`, in one pass over them.
    pub(super) fn add_gram_times(&self, first: usize, weights: &[f64], x: &[f64], out: &mut [f64]) {
        for (i, &wi) in weights.iter().enumerate() {
            if wi != 0.0 {
                let row = self.row(first + i);
                let c = wi * dot(row, x);
                out.iter_mut().zip(row).for_each(|(o, a)| *o += a * c);
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
