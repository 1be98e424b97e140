//! One mixed-integer program of quantized memorization, as a solver-neutral model (solved in
//! [`super::mip_solve`]): an integer level
//! index `k_j in [0, Q - 1]` per free weight, `w_j = k_j * step - w_b`; the other weights fixed
//! at given levels; firing rows in a band, inequality rows as they are; a linear objective.

use super::Levels;
use crate::backend::SolveStatus;
use crate::{Objective, Row};

/// Scaled coefficients below this are left out of a row.
const NEGLIGIBLE: f64 = 1e-10;

/// What the program minimizes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum MipObjective<'a> {
    /// The configured objective over the weights (squared L2 as the maximum of the chords of
    /// `w^2` between consecutive levels, exact at every level).
    Config(Objective),
    /// `sum_j |k_j - target_j|` over the free weights (the repair of the rounding method).
    Distance(&'a [usize]),
}

/// One program.
#[derive(Clone, Copy)]
pub(crate) struct MipProblem<'a> {
    /// The levels.
    pub levels: Levels,
    /// Rows `a'w` that must lie within `band` of their right-hand side.
    pub firing: &'a [Row],
    /// The half-width of the firing band.
    pub band: f64,
    /// Rows `a'w <= b`.
    pub inequalities: &'a [Row],
    /// Per weight: `Some(level)` when fixed, `None` when free.
    pub fixed: &'a [Option<usize>],
    /// The objective.
    pub objective: MipObjective<'a>,
}

/// The outcome of one program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MipOutcome {
    /// [`SolveStatus::Solved`] (proved optimal), [`SolveStatus::AlmostSolved`] (within the
    /// relative gap), [`SolveStatus::TimeLimit`] (with or without an incumbent),
    /// [`SolveStatus::Infeasible`] or [`SolveStatus::Failed`].
    pub status: SolveStatus,
    /// The level index of every weight (fixed ones included), when a solution was found.
    pub indices: Option<Vec<usize>>,
}

/// One variable of a [`Model`].
#[derive(Debug, Clone, Copy)]
pub(super) struct VarDef {
    /// `Some(top)`: an integer level index in `[0, top]`; `None`: a continuous variable.
    pub integer: Option<i32>,
    /// The lower bound of a continuous variable (it has no upper bound).
    pub min: f64,
    /// The coefficient of the variable in the minimized objective.
    pub cost: f64,
}

/// A solver-neutral mixed-integer program: minimize `sum cost_i x_i` subject to rows
/// `a'x <= b` over the variable indices.
#[derive(Debug, Clone)]
pub(super) struct Model {
    /// The variables: level indices of the free weights first, then auxiliary ones.
    pub variables: Vec<VarDef>,
    /// The rows, each `a'x <= rhs`.
    pub rows: Vec<Row>,
    /// Per weight: the index of its level variable when free.
    pub free_index: Vec<Option<usize>>,
}

/// An affine expression `sum a_i x_i + constant` while a [`Model`] is built.
#[derive(Debug, Clone, Default)]
struct Affine {
    terms: Vec<(usize, f64)>,
    constant: f64,
}

impl Affine {
    fn scaled(&self, factor: f64) -> Affine {
        Affine {
            terms: self.terms.iter().map(|&(i, a)| (i, a * factor)).collect(),
            constant: self.constant * factor,
        }
    }

    /// The row `self <= bound`.
    fn at_most(&self, bound: f64) -> Row {
        Row {
            coefficients: self.terms.clone(),
            rhs: bound - self.constant,
        }
    }

    /// The row `self <= x_var`.
    fn at_most_var(&self, var: usize) -> Row {
        let mut coefficients = self.terms.clone();
        coefficients.push((var, -1.0));
        Row {
            coefficients,
            rhs: -self.constant,
        }
    }
}

impl Model {
    fn add(&mut self, def: VarDef) -> usize {
        self.variables.push(def);
        self.variables.len() - 1
    }

    /// A continuous variable `>= 0` with objective coefficient `cost`.
    fn add_nonneg(&mut self, cost: f64) -> usize {
        self.add(VarDef {
            integer: None,
            min: 0.0,
            cost,
        })
    }
}

impl MipProblem<'_> {
    /// `w_j` as an affine expression of the level variables (a constant for a fixed weight).
    fn weight(&self, j: usize, free: &[Option<usize>]) -> Affine {
        match (free[j], self.fixed[j]) {
            (Some(k), _) => Affine {
                terms: vec![(k, self.levels.step())],
                constant: -self.levels.bound(),
            },
            (None, Some(level)) => Affine {
                terms: Vec::new(),
                constant: self.levels.value(level),
            },
            (None, None) => Affine::default(),
        }
    }

    /// `a'w` with the free weights as level indices, scaled by `1 / max |a_j|` (returned with
    /// the expression); coefficients below [`NEGLIGIBLE`] of the largest are left out (with
    /// them microlp's factorizations turn singular; the verification in continuous time sees
    /// their effect).
    fn row(&self, row: &Row, free: &[Option<usize>]) -> (Affine, f64) {
        let (step, bound) = (self.levels.step(), self.levels.bound());
        let largest = row
            .coefficients
            .iter()
            .fold(0.0, |m: f64, c| m.max(c.1.abs()));
        let scale = if largest > 0.0 { 1.0 / largest } else { 1.0 };
        let mut e = Affine {
            terms: Vec::with_capacity(row.coefficients.len()),
            constant: 0.0,
        };
        for &(j, a) in &row.coefficients {
            let a = a * scale;
            match (
                free.get(j).copied().flatten(),
                self.fixed.get(j).copied().flatten(),
            ) {
                (Some(k), _) if a.abs() >= NEGLIGIBLE => {
                    e.terms.push((k, a * step));
                    e.constant -= a * bound;
                }
                (Some(_), _) => {}
                (None, Some(level)) => e.constant += a * self.levels.value(level),
                (None, None) => {}
            }
        }
        (e, scale)
    }

    /// The program as a solver-neutral [`Model`].
    pub(super) fn model(&self) -> Model {
        // Level counts are validated small (far below i32::MAX).
        let top = i32::try_from(self.levels.count() - 1).unwrap_or(i32::MAX);
        let mut m = Model {
            variables: Vec::new(),
            rows: Vec::new(),
            free_index: Vec::with_capacity(self.fixed.len()),
        };
        for f in self.fixed {
            let index = f.is_none().then(|| {
                m.add(VarDef {
                    integer: Some(top),
                    min: 0.0,
                    cost: 0.0,
                })
            });
            m.free_index.push(index);
        }
        let free = m.free_index.clone();
        for r in self.firing {
            let (e, scale) = self.row(r, &free);
            m.rows.push(e.at_most((r.rhs + self.band) * scale));
            m.rows
                .push(e.scaled(-1.0).at_most(-(r.rhs - self.band) * scale));
        }
        for r in self.inequalities {
            let (e, scale) = self.row(r, &free);
            m.rows.push(e.at_most(r.rhs * scale));
        }
        let free_ids: Vec<usize> = (0..free.len()).filter(|&j| free[j].is_some()).collect();
        match self.objective {
            MipObjective::Config(Objective::None) => {}
            MipObjective::Config(Objective::L1) => {
                for &j in &free_ids {
                    let u = m.add_nonneg(1.0);
                    let w = self.weight(j, &free);
                    m.rows.push(w.at_most_var(u));
                    m.rows.push(w.scaled(-1.0).at_most_var(u));
                }
            }
            MipObjective::Config(Objective::LInf) => {
                let t = m.add_nonneg(1.0);
                for j in 0..free.len() {
                    let w = self.weight(j, &free);
                    m.rows.push(w.at_most_var(t));
                    m.rows.push(w.scaled(-1.0).at_most_var(t));
                }
            }
            MipObjective::Config(Objective::L2) => {
                let values = self.levels.values();
                for &j in &free_ids {
                    let u = m.add_nonneg(0.5);
                    let w = self.weight(j, &free);
                    for pair in values.windows(2) {
                        // The chord of w^2 through (v0, v0^2) and (v1, v1^2).
                        let mut chord = w.scaled(pair[0] + pair[1]);
                        chord.constant -= pair[0] * pair[1];
                        m.rows.push(chord.at_most_var(u));
                    }
                }
            }
            MipObjective::Distance(target) => {
                for &j in &free_ids {
                    let (Some(k), Some(&t)) = (free[j], target.get(j)) else {
                        continue;
                    };
                    let d = m.add_nonneg(1.0);
                    let diff = Affine {
                        terms: vec![(k, 1.0)],
                        constant: -(t as f64),
                    };
                    m.rows.push(diff.at_most_var(d));
                    m.rows.push(diff.scaled(-1.0).at_most_var(d));
                }
            }
        }
        m
    }

    /// Whether the weights of `indices` meet every row (to 1e-9 of its largest term).
    pub(super) fn meets(&self, indices: &[usize]) -> bool {
        let w: Vec<f64> = indices.iter().map(|&k| self.levels.value(k)).collect();
        let slack = |r: &Row| {
            let scale = r
                .coefficients
                .iter()
                .fold(1.0, |m: f64, c| m.max(c.1.abs()));
            1e-9 * scale
        };
        let firing = self
            .firing
            .iter()
            .all(|r| (r.eval(&w) - r.rhs).abs() <= self.band + slack(r));
        firing
            && self
                .inequalities
                .iter()
                .all(|r| r.eval(&w) <= r.rhs + slack(r))
    }

    /// The fixed levels, with every free weight that no row involves (beyond [`NEGLIGIBLE`])
    /// fixed at its best level: the target of a distance, else the level nearest 0 (optimal
    /// for every objective). Such columns make microlp's factorizations singular.
    pub(super) fn unused_fixed(&self) -> Vec<Option<usize>> {
        let mut used = vec![false; self.fixed.len()];
        for r in self.firing.iter().chain(self.inequalities) {
            let largest = r
                .coefficients
                .iter()
                .fold(0.0, |m: f64, c| m.max(c.1.abs()));
            for &(j, a) in &r.coefficients {
                if a.abs() >= NEGLIGIBLE * largest
                    && let Some(u) = used.get_mut(j)
                {
                    *u = true;
                }
            }
        }
        let zero = self.levels.nearest(0.0);
        (0..self.fixed.len())
            .map(|j| match (self.fixed[j], used[j], self.objective) {
                (Some(level), _, _) => Some(level),
                (None, true, _) => None,
                (None, false, MipObjective::Distance(t)) => Some(t.get(j).copied().unwrap_or(zero)),
                (None, false, MipObjective::Config(_)) => Some(zero),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantize::Quantization;

    fn settings() -> Quantization {
        Quantization::new(5)
    }

    #[test]
    fn a_small_program_reaches_the_enumerated_optimum() {
        // Levels -1, -0.5, 0, 0.5, 1; firing row w0 + 2 w1 in [0.9, 1.1]; w0 - w1 <= 0.2.
        let levels = Levels::new(5, 1.0).expect("valid");
        let firing = [Row::dense(&[1.0, 2.0, 0.0], 1.0)];
        let ineq = [Row::dense(&[1.0, -1.0, 0.0], 0.2)];
        for objective in Objective::all() {
            let p = MipProblem {
                levels,
                firing: &firing,
                band: 0.1,
                inequalities: &ineq,
                fixed: &[None, None, None],
                objective: MipObjective::Config(*objective),
            };
            let out = p.solve(&settings(), 10.0);
            assert_eq!(out.status, SolveStatus::Solved, "{objective}");
            let k = out.indices.expect("a solution");
            let w: Vec<f64> = k.iter().map(|&k| levels.value(k)).collect();
            assert!((w[0] + 2.0 * w[1] - 1.0).abs() <= 0.1 + 1e-12, "{w:?}");
            assert!(w[0] - w[1] <= 0.2 + 1e-12, "{w:?}");
        }
    }

    #[test]
    fn fixed_weights_stay_and_infeasibility_is_reported() {
        let levels = Levels::new(3, 1.0).expect("valid");
        let firing = [Row::dense(&[1.0, 1.0], 1.0)];
        let p = MipProblem {
            levels,
            firing: &firing,
            band: 0.01,
            inequalities: &[],
            fixed: &[Some(0), None],
            objective: MipObjective::Distance(&[0, 0]),
        };
        // w0 = -1 fixed: w1 would have to be 2 > 1.
        let out = p.solve(&settings(), 10.0);
        assert_eq!(out.status, SolveStatus::Infeasible);
        let p = MipProblem {
            fixed: &[Some(2), None],
            ..p
        };
        let out = p.solve(&settings(), 10.0);
        assert_eq!(out.indices, Some(vec![2, 1]));
    }
}
