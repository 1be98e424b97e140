//! The Newton system of one interior-point iteration, reduced to the rows or to the variables
//! (whichever are fewer), and the recovery of the whole step from the reduced solution.
//!
//! The problem is `min 1/2 x'Px + q'x` subject to `Ex = f` and `Gx + s = h`, `s >= 0`, where
//! `G` holds the dense inequality rows `G_I`, then the bounds. With `W = S Z^-1`, the bounds
//! are eliminated into the diagonal `H = P + Z_b S_b^-1`, and what remains is reduced
//! - to the rows ([`super::rows`]): the `m x m` matrix `A H^-1 A' + diag(0, W_I)` over the
//!   equality and inequality rows `A`, or
//! - to the variables ([`super::variables`]): the `n x n` matrix `H + G_I' W_I^-1 G_I`,
//!   bordered by the equality rows.

use super::rows::RowSystem;
use super::system::Data;
use super::variables::VariableSystem;

/// Steps of iterative refinement of every reduced solve.
pub(super) const REFINEMENTS: usize = 2;

/// The reduction of the Newton systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reduction {
    /// The `m x m` system over the rows: `m^2 n` work per iteration.
    Rows,
    /// The `n x n` system over the variables: `m n^2` work per iteration.
    Variables,
}

impl Reduction {
    /// The smaller system: over the rows unless they outnumber the variables.
    pub(super) fn choose(d: &Data) -> Self {
        if d.m() <= d.n {
            Reduction::Rows
        } else {
            Reduction::Variables
        }
    }
}

/// The reduced matrix of one iteration, factored.
enum Factored {
    Rows(RowSystem),
    Variables(VariableSystem),
}

/// The Newton system of one iteration: `H`, `W` and the factored reduced matrix.
pub(super) struct Newton {
    /// `H = P + Z_b S_b^-1`, per variable.
    pub h: Vec<f64>,
    /// `W = S Z^-1` of every inequality: the dense rows, then the bounds.
    pub w: Vec<f64>,
    factored: Factored,
}

/// The right-hand sides of one Newton solve and its solution.
pub(super) struct Step {
    pub dx: Vec<f64>,
    pub dy: Vec<f64>,
    pub ds: Vec<f64>,
    pub dz: Vec<f64>,
}

impl Newton {
    /// Forms and factors the reduced system at `(s, z)`; None when the variable form's matrix
    /// is not numerically positive definite.
    pub(super) fn new(d: &Data, reduction: Reduction, s: &[f64], z: &[f64]) -> Option<Self> {
        let w: Vec<f64> = s.iter().zip(z).map(|(s, z)| s / z).collect();
        let mut h = d.p.clone();
        for (b, wb) in d.bounds.iter().zip(&w[d.mi()..]) {
            h[b.var] += 1.0 / wb;
        }
        let factored = match reduction {
            Reduction::Rows => Factored::Rows(RowSystem::new(d, &h, &w)),
            Reduction::Variables => Factored::Variables(VariableSystem::new(d, &h, &w)?),
        };
        Some(Self { h, w, factored })
    }

    /// Solves the Newton system for the residuals `rd = Px + q + E'y + G'z`, `re = Ex - f`,
    /// `rp = Gx + s - h` and the complementarity `rc` (inequalities: dense rows, then bounds).
    pub(super) fn solve(
        &self,
        d: &Data,
        z: &[f64],
        rd: &[f64],
        re: &[f64],
        rp: &[f64],
        rc: &[f64],
    ) -> Step {
        let mi = d.mi();
        let w = &self.w;
        // After the bounds' elimination: H dx + E' dy + G_I' dz_I = u, E dx = -re and
        // G_I dx - W_I dz_I = t_I.
        let t: Vec<f64> = (0..rp.len()).map(|i| -rp[i] + rc[i] / z[i]).collect();
        let mut u: Vec<f64> = rd.iter().map(|r| -r).collect();
        for (b, (tb, wb)) in d.bounds.iter().zip(t[mi..].iter().zip(&w[mi..])) {
            u[b.var] += b.sign * tb / wb;
        }
        let (dx, dy, mut dz) = match &self.factored {
            Factored::Rows(r) => r.solve(d, self, &u, re, &t[..mi]),
            Factored::Variables(v) => v.solve(d, self, &u, re, &t[..mi]),
        };
        for (b, (tb, wb)) in d.bounds.iter().zip(t[mi..].iter().zip(&w[mi..])) {
            dz.push((b.sign * dx[b.var] - tb) / wb);
        }
        let ds = (0..dz.len())
            .map(|i| -(rc[i] + w[i] * z[i] * dz[i]) / z[i])
            .collect();
        Step { dx, dy, ds, dz }
    }
}
