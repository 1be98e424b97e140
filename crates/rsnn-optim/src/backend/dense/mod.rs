//! The dense backend: a primal-dual interior-point method (Mehrotra predictor-corrector) made
//! for problems with dense rows, a diagonal `P` and box bounds (squared L2, L1, L-infinity):
//! the rounds of constraint generation (tens to hundreds of rows over many more weights) and
//! the grid templates (thousands of rows over hundreds of weights).
//!
//! The bounds are eliminated into the diagonal `H = P + Z_b S_b^-1`, and each Newton system is
//! reduced (module `newton`) to whichever of the rows or the variables are fewer:
//! - rows `m <= n` (module `rows`): the `m x m` matrix `A H^-1 A' + diag(0, S Z^-1)`, formed by
//!   one dense matrix product and factored by Cholesky, `m^2 n` work per iteration;
//! - rows `m > n` (module `variables`): the `n x n` matrix `H + G' Z S^-1 G` over the inequality
//!   rows `G`, formed by one dense product and factored by Cholesky, `m n^2` work per
//!   iteration, bordered by the equality rows and the nearly active inequality rows (through
//!   their Schur complement), whose dual steps would otherwise lose their accuracy near the
//!   solution.
//!
//! Either is the work of a sparse `LDL'` of the whole KKT system with dense rows (Clarabel's),
//! but done by dense SIMD code, several times faster (one neuron of the published template,
//! 1,800 rows over 500 weights: a median 0.8 s against Clarabel's 16 s, bench
//! `memorize_published`). Problems whose rows are mostly zeros (the auxiliary rows of L1 and
//! L-infinity) go to Clarabel directly.
//!
//! It does not certify infeasibility or unboundedness: a problem it does not solve to its
//! tolerance within its iterations goes to Clarabel, whose status and solution are returned.
//! The objective "none" goes to microlp's simplex, as with the Clarabel backend.

mod cholesky;
mod newton;
mod rows;
mod system;
mod variables;

use super::clarabel::ClarabelBackend;
use super::{Backend, BackendKind, Capabilities, Solution, SolveStatus};
use crate::{OptimError, Problem};
use newton::{Newton, Reduction, Step};
use system::{Data, dot};

/// The dense interior-point backend with Clarabel as its fallback (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DenseBackend {
    /// The interior-point method's settings.
    pub settings: DenseSettings,
    /// The fallback for the problems the dense method does not solve.
    pub fallback: ClarabelBackend,
}

/// Settings of the dense interior-point method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DenseSettings {
    /// Iteration cap (then Clarabel takes over).
    pub max_iter: u32,
    /// Feasibility tolerance (primal and dual residuals), on rows scaled to a largest
    /// coefficient of 1.
    pub tolerance: f64,
    /// Tolerance on the duality gap `s'z`, relative to `max(1, |objective|)`, when the rows
    /// are at most the variables (the rounds of constraint generation).
    pub gap_tolerance: f64,
    /// Tolerance on the duality gap when the rows outnumber the variables (the grid
    /// templates), relative as [`DenseSettings::gap_tolerance`]. Such problems are degenerate:
    /// many rows are nearly active at the optimum, and the weights approach it only as the
    /// square root of the gap. `1e-9` (the gap tolerance of Clarabel, which solved them
    /// before) keeps them within about `1e-6` of Clarabel's weights.
    pub tall_gap_tolerance: f64,
    /// The iterations stop (and Clarabel takes over) once a dual variable exceeds this,
    /// relative to `1 + |q|`: the duals of a feasible problem with rows scaled to a largest
    /// coefficient of 1 stay moderate, those of an infeasible one grow without bound (towards a
    /// certificate of infeasibility, which Clarabel then finds).
    pub divergence: f64,
}

impl Default for DenseSettings {
    fn default() -> Self {
        Self {
            max_iter: 60,
            tolerance: 1e-9,
            gap_tolerance: 1e-8,
            tall_gap_tolerance: 1e-9,
            divergence: 1e10,
        }
    }
}

/// The largest step in `(0, 1]` keeping `v + a dv >= (1 - 0.99) v` positive.
fn max_step(v: &[f64], dv: &[f64]) -> f64 {
    v.iter()
        .zip(dv)
        .filter(|(_, d)| **d < 0.0)
        .fold(1.0f64, |a, (v, d)| a.min(-0.99 * v / d))
}

/// The primal-dual iterates.
struct Iterate {
    x: Vec<f64>,
    y: Vec<f64>,
    s: Vec<f64>,
    z: Vec<f64>,
}

impl Iterate {
    /// `x` inside its bounds (0 when possible), slacks at least 1, duals 1.
    fn start(d: &Data) -> Self {
        let mut lower = vec![f64::NEG_INFINITY; d.n];
        let mut upper = vec![f64::INFINITY; d.n];
        for b in &d.bounds {
            if b.sign > 0.0 {
                upper[b.var] = b.rhs;
            } else {
                lower[b.var] = -b.rhs;
            }
        }
        let x: Vec<f64> = lower
            .iter()
            .zip(&upper)
            .map(|(&l, &u)| match (l.is_finite(), u.is_finite()) {
                _ if l < 0.0 && u > 0.0 => 0.0,
                (true, true) => 0.5 * (l + u),
                (true, false) => l + 1.0,
                _ => u - 1.0,
            })
            .collect();
        let gx = inequality_values(d, &x);
        let h = inequality_rhs(d);
        let s: Vec<f64> = h.iter().zip(&gx).map(|(h, g)| (h - g).max(1.0)).collect();
        Self {
            z: vec![1.0; s.len()],
            y: vec![0.0; d.me],
            x,
            s,
        }
    }

    fn advance(&mut self, step: &Step, alpha: f64) {
        let pairs = [
            (&mut self.x, &step.dx),
            (&mut self.y, &step.dy),
            (&mut self.s, &step.ds),
            (&mut self.z, &step.dz),
        ];
        for (v, dv) in pairs {
            v.iter_mut().zip(dv).for_each(|(v, d)| *v += alpha * d);
        }
    }
}

/// `G x` for every inequality: the dense rows, then the bounds.
fn inequality_values(d: &Data, x: &[f64]) -> Vec<f64> {
    let rows = (d.me..d.m()).map(|i| dot(d.row(i), x));
    rows.chain(d.bounds.iter().map(|b| b.sign * x[b.var]))
        .collect()
}

fn inequality_rhs(d: &Data) -> Vec<f64> {
    let rows = d.rhs[d.me..].iter().copied();
    rows.chain(d.bounds.iter().map(|b| b.rhs)).collect()
}

fn norm_inf(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

/// Mehrotra's predictor-corrector from [`Iterate::start`]: `(x, iterations)`, with x None when
/// the tolerance is not met within `max_iter` iterations or the iterates stop being finite.
fn interior_point(
    d: &Data,
    reduction: Reduction,
    settings: &DenseSettings,
) -> (Option<Vec<f64>>, u32) {
    let (n, me, mi) = (d.n, d.me, d.mi());
    let tol = settings.tolerance;
    let gap_tolerance = if d.m() > n {
        settings.tall_gap_tolerance
    } else {
        settings.gap_tolerance
    };
    let h = inequality_rhs(d);
    let scale_p = 1.0 + norm_inf(&d.rhs).max(norm_inf(&h));
    let scale_d = 1.0 + norm_inf(&d.q);
    let mut it = Iterate::start(d);
    for iteration in 0..=settings.max_iter {
        let x = &it.x;
        // Residuals: rd = Px + q + E'y + G'z, re = Ex - f, rp = Gx + s - h.
        let mut rd: Vec<f64> = (0..n).map(|j| d.p[j] * x[j] + d.q[j]).collect();
        let mut dual = it.y.clone();
        dual.extend_from_slice(&it.z[..mi]);
        d.add_transposed(0, &dual, &mut rd);
        for (b, zb) in d.bounds.iter().zip(&it.z[mi..]) {
            rd[b.var] += b.sign * zb;
        }
        let re: Vec<f64> = (0..me).map(|i| dot(d.row(i), x) - d.rhs[i]).collect();
        let gx = inequality_values(d, x);
        let rp: Vec<f64> = (0..h.len()).map(|k| gx[k] + it.s[k] - h[k]).collect();
        let gap: f64 = dot(&it.s, &it.z);
        let objective: f64 = (0..n)
            .map(|j| 0.5 * d.p[j] * x[j] * x[j] + d.q[j] * x[j])
            .sum();
        let primal = norm_inf(&re).max(norm_inf(&rp));
        if !(primal.is_finite() && gap.is_finite())
            || norm_inf(&it.z) > settings.divergence * scale_d
        {
            return (None, iteration);
        }
        if primal <= tol * scale_p
            && norm_inf(&rd) <= tol * scale_d
            && gap <= gap_tolerance * objective.abs().max(1.0)
        {
            return (Some(it.x), iteration);
        }
        if iteration == settings.max_iter {
            break;
        }
        let mu = if h.is_empty() {
            0.0
        } else {
            gap / h.len() as f64
        };
        let Some(newton) = Newton::new(d, reduction, &it.s, &it.z) else {
            return (None, iteration);
        };
        // Predictor (affine scaling), then the centred and corrected step.
        let rc: Vec<f64> = it.s.iter().zip(&it.z).map(|(s, z)| s * z).collect();
        let aff = newton.solve(d, &it.z, &rd, &re, &rp, &rc);
        let alpha = max_step(&it.s, &aff.ds).min(max_step(&it.z, &aff.dz)) / 0.99;
        let alpha = alpha.min(1.0);
        let mu_aff = (0..h.len())
            .map(|k| (it.s[k] + alpha * aff.ds[k]) * (it.z[k] + alpha * aff.dz[k]))
            .sum::<f64>()
            / h.len().max(1) as f64;
        let sigma = if mu > 0.0 {
            (mu_aff / mu).clamp(0.0, 1.0).powi(3)
        } else {
            0.0
        };
        let rc: Vec<f64> = (0..h.len())
            .map(|k| rc[k] + aff.ds[k] * aff.dz[k] - sigma * mu)
            .collect();
        let step = newton.solve(d, &it.z, &rd, &re, &rp, &rc);
        let alpha = max_step(&it.s, &step.ds).min(max_step(&it.z, &step.dz));
        it.advance(&step, alpha);
    }
    (None, settings.max_iter)
}

impl Backend for DenseBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Dense
    }

    fn capabilities(&self) -> Capabilities {
        BackendKind::Dense.capabilities()
    }

    fn solve(&self, problem: &Problem) -> Result<Solution, OptimError> {
        if super::simplex::is_feasibility(problem) {
            return super::simplex::solve_vertex(problem);
        }
        let Some(data) = Data::new(problem) else {
            return self.fallback.solve(problem);
        };
        match interior_point(&data, Reduction::choose(&data), &self.settings) {
            (Some(x), iterations) => Ok(Solution::with_x(
                SolveStatus::Solved,
                x,
                problem,
                iterations,
            )),
            (None, iterations) => {
                let mut s = self.fallback.solve(problem)?;
                s.iterations += iterations;
                Ok(s)
            }
        }
    }
}

#[cfg(test)]
mod tests;
