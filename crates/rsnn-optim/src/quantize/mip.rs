//! One mixed-integer program of quantized memorization, through good_lp: an integer level
//! index `k_j in [0, Q - 1]` per free weight, `w_j = k_j * step - w_b`; the other weights fixed
//! at given levels; firing rows in a band, inequality rows as they are; a linear objective.

use super::{Levels, MipSolver, Quantization};
use crate::backend::SolveStatus;
use crate::{Objective, Row};
use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus,
    SolverModel, Variable, WithMipGap, WithTimeLimit, variable,
};
use std::time::Instant;

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

/// The model handed to a good_lp solver.
struct Model {
    vars: ProblemVariables,
    free: Vec<Option<Variable>>,
    objective: Expression,
    constraints: Vec<Constraint>,
}

impl MipProblem<'_> {
    /// `w_j` as an expression (a constant for a fixed weight).
    fn weight(&self, j: usize, free: &[Option<Variable>]) -> Expression {
        match (free[j], self.fixed[j]) {
            (Some(k), _) => {
                let mut e = Expression::from_other_affine(k) * self.levels.step();
                e += -self.levels.bound();
                e
            }
            (None, Some(level)) => Expression::from_other_affine(self.levels.value(level)),
            (None, None) => Expression::default(),
        }
    }

    /// `a'w` with the free weights as level indices, scaled by `1 / max |a_j|` (returned with
    /// the expression); coefficients below [`NEGLIGIBLE`] of the largest are left out (with
    /// them microlp's factorizations turn singular; the verification in continuous time sees
    /// their effect).
    fn row(&self, row: &Row, free: &[Option<Variable>]) -> (Expression, f64) {
        let (step, bound) = (self.levels.step(), self.levels.bound());
        let largest = row
            .coefficients
            .iter()
            .fold(0.0, |m: f64, c| m.max(c.1.abs()));
        let scale = if largest > 0.0 { 1.0 / largest } else { 1.0 };
        let mut e = Expression::with_capacity(row.coefficients.len());
        let mut constant = 0.0;
        for &(j, a) in &row.coefficients {
            let a = a * scale;
            match (
                free.get(j).copied().flatten(),
                self.fixed.get(j).copied().flatten(),
            ) {
                (Some(k), _) if a.abs() >= NEGLIGIBLE => {
                    e.add_mul(a * step, k);
                    constant -= a * bound;
                }
                (Some(_), _) => {}
                (None, Some(level)) => constant += a * self.levels.value(level),
                (None, None) => {}
            }
        }
        e += constant;
        (e, scale)
    }

    fn model(&self) -> Model {
        let top = (self.levels.count() - 1) as f64;
        let mut vars = ProblemVariables::new();
        let free: Vec<Option<Variable>> = self
            .fixed
            .iter()
            .map(|f| {
                f.is_none()
                    .then(|| vars.add(variable().integer().min(0).max(top)))
            })
            .collect();
        let mut constraints = Vec::new();
        for r in self.firing {
            let (e, scale) = self.row(r, &free);
            constraints.push(e.clone().leq((r.rhs + self.band) * scale));
            constraints.push(e.geq((r.rhs - self.band) * scale));
        }
        for r in self.inequalities {
            let (e, scale) = self.row(r, &free);
            constraints.push(e.leq(r.rhs * scale));
        }
        let free_ids: Vec<usize> = (0..free.len()).filter(|&j| free[j].is_some()).collect();
        let mut objective = Expression::default();
        match self.objective {
            MipObjective::Config(Objective::None) => {}
            MipObjective::Config(Objective::L1) => {
                for &j in &free_ids {
                    let u = vars.add(variable().min(0));
                    objective += u;
                    let w = self.weight(j, &free);
                    constraints.push(w.clone().leq(u));
                    constraints.push((-w).leq(u));
                }
            }
            MipObjective::Config(Objective::LInf) => {
                let t = vars.add(variable().min(0));
                objective += t;
                for j in 0..free.len() {
                    let w = self.weight(j, &free);
                    constraints.push(w.clone().leq(t));
                    constraints.push((-w).leq(t));
                }
            }
            MipObjective::Config(Objective::L2) => {
                let values = self.levels.values();
                for &j in &free_ids {
                    let u = vars.add(variable().min(0));
                    objective.add_mul(0.5, u);
                    let w = self.weight(j, &free);
                    for pair in values.windows(2) {
                        // The chord of w^2 through (v0, v0^2) and (v1, v1^2).
                        let mut chord = w.clone() * (pair[0] + pair[1]);
                        chord += -pair[0] * pair[1];
                        constraints.push(chord.leq(u));
                    }
                }
            }
            MipObjective::Distance(target) => {
                for &j in &free_ids {
                    let (Some(k), Some(&t)) = (free[j], target.get(j)) else {
                        continue;
                    };
                    let d = vars.add(variable().min(0));
                    objective += d;
                    let diff = Expression::from_other_affine(k) - t as f64;
                    constraints.push(diff.clone().leq(d));
                    constraints.push((-diff).leq(d));
                }
            }
        }
        Model {
            vars,
            free,
            objective,
            constraints,
        }
    }

    /// Solves with microlp's branch and bound and `settings`' relative gap, stopping after
    /// `seconds` (microlp checks its deadline inside the simplex iterations and between the
    /// nodes of branch and bound).
    pub fn solve(&self, settings: &Quantization, seconds: f64) -> MipOutcome {
        let fixed = self.unused_fixed();
        let problem = MipProblem {
            fixed: &fixed,
            ..*self
        };
        let model = problem.model();
        match settings.mip_solver {
            MipSolver::Microlp => problem.run(good_lp::microlp, model, settings, seconds),
            #[cfg(feature = "highs")]
            MipSolver::Highs => {
                let single = |p| good_lp::highs(p).set_threads(1);
                problem.run(single, model, settings, seconds)
            }
            #[cfg(not(feature = "highs"))]
            MipSolver::Highs => failed(),
        }
    }

    /// Whether the weights of `indices` meet every row (to 1e-9 of its largest term).
    fn meets(&self, indices: &[usize]) -> bool {
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
    fn unused_fixed(&self) -> Vec<Option<usize>> {
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

    fn run<S>(&self, solver: S, model: Model, settings: &Quantization, seconds: f64) -> MipOutcome
    where
        S: good_lp::Solver,
        S::Model: SolverModel<Error = ResolutionError> + WithTimeLimit + WithMipGap,
    {
        let started = Instant::now();
        let Model {
            vars,
            free,
            objective,
            constraints,
        } = model;
        let mut m = vars
            .minimise(objective)
            .using(solver)
            .with_time_limit(seconds.max(1e-3));
        if let Some(gap) = settings.relative_gap {
            // Validated finite and >= 0; good_lp takes an f32.
            if let Ok(with_gap) = m.with_mip_gap(gap as f32) {
                m = with_gap;
            } else {
                return failed();
            }
        }
        for c in constraints {
            m.add_constraint(c);
        }
        match m.solve() {
            Ok(solution) => {
                let status = match solution.status() {
                    SolutionStatus::Optimal => SolveStatus::Solved,
                    SolutionStatus::GapLimit => SolveStatus::AlmostSolved,
                    SolutionStatus::TimeLimit => SolveStatus::TimeLimit,
                };
                let top = self.levels.count() - 1;
                let indices = free
                    .iter()
                    .zip(self.fixed)
                    .map(|(k, f)| match (k, f) {
                        (Some(k), _) => {
                            let v = solution.value(*k).round();
                            if v.is_finite() && v > 0.0 {
                                (v as usize).min(top)
                            } else {
                                0
                            }
                        }
                        (None, Some(level)) => *level,
                        (None, None) => 0,
                    })
                    .collect::<Vec<usize>>();
                // A solver stopped by its time limit may return a point that is no incumbent.
                let found = status != SolveStatus::TimeLimit || self.meets(&indices);
                MipOutcome {
                    status,
                    indices: found.then_some(indices),
                }
            }
            Err(ResolutionError::Infeasible) => MipOutcome {
                status: SolveStatus::Infeasible,
                indices: None,
            },
            // good_lp reports a time limit reached before any solution as an error; the clock
            // tells it from a real failure.
            Err(_) if started.elapsed().as_secs_f64() >= 0.9 * seconds => MipOutcome {
                status: SolveStatus::TimeLimit,
                indices: None,
            },
            // microlp's numerical failures ("Singular matrix") land here.
            Err(_) => failed(),
        }
    }
}

fn failed() -> MipOutcome {
    MipOutcome {
        status: SolveStatus::Failed,
        indices: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
