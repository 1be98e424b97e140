//! Solving one mixed-integer program ([`super::mip`]): microlp directly (so that its node
//! limit is available), or HiGHS through good_lp.

use super::mip::{MipOutcome, MipProblem, Model};
use super::{MipSolver, Quantization};
use crate::backend::SolveStatus;
use microlp::{SolveOptions, SolveOutcome, TerminationReason};
use std::time::Duration;

impl MipProblem<'_> {
    /// Solves with `settings`' solver, relative gap and node limit, stopping after `seconds`
    /// (microlp checks its deadline inside the simplex iterations and between the nodes of
    /// branch and bound). A solve stopped by the time or the node limit is
    /// [`SolveStatus::TimeLimit`], with the incumbent when it meets every row.
    pub fn solve(&self, settings: &Quantization, seconds: f64) -> MipOutcome {
        let fixed = self.unused_fixed();
        let problem = MipProblem {
            fixed: &fixed,
            ..*self
        };
        let model = problem.model();
        match settings.mip_solver {
            MipSolver::Microlp => problem.run_microlp(model, settings, seconds),
            #[cfg(feature = "highs")]
            MipSolver::Highs => problem.run_highs(model, settings, seconds),
            #[cfg(not(feature = "highs"))]
            MipSolver::Highs => failed(),
        }
    }

    /// The level index of every weight from the values of the model's variables.
    fn indices(&self, model: &Model, value: impl Fn(usize) -> f64) -> Vec<usize> {
        let top = self.levels.count() - 1;
        model
            .free_index
            .iter()
            .zip(self.fixed)
            .map(|(k, f)| match (k, f) {
                (Some(k), _) => {
                    let v = value(*k).round();
                    if v.is_finite() && v > 0.0 {
                        (v as usize).min(top)
                    } else {
                        0
                    }
                }
                (None, Some(level)) => *level,
                (None, None) => 0,
            })
            .collect()
    }

    /// The outcome of a solve that returned values with `status`: a solver stopped by a limit
    /// may return a point that is no incumbent, so such points are checked against the rows.
    fn outcome(&self, status: SolveStatus, indices: Vec<usize>) -> MipOutcome {
        let found = status != SolveStatus::TimeLimit || self.meets(&indices);
        MipOutcome {
            status,
            indices: found.then_some(indices),
        }
    }

    fn run_microlp(&self, model: Model, settings: &Quantization, seconds: f64) -> MipOutcome {
        let mut problem = microlp::Problem::new(microlp::OptimizationDirection::Minimize);
        let vars: Vec<microlp::Variable> = model
            .variables
            .iter()
            .map(|v| match v.integer {
                // Level indices: small non-negative integers (validated level counts).
                Some(top) => problem.add_integer_var(v.cost, (0, top)),
                None => problem.add_var(v.cost, (v.min, f64::INFINITY)),
            })
            .collect();
        for row in &model.rows {
            let mut e = microlp::LinearExpr::empty();
            for &(i, a) in &row.coefficients {
                e.add(vars[i], a);
            }
            problem.add_constraint(e, microlp::ComparisonOp::Le, row.rhs);
        }
        let mut options = SolveOptions::default();
        options.time_limit = Some(Duration::from_secs_f64(seconds.max(1e-3)));
        options.node_limit = settings.node_limit;
        options.mip_gap = settings.relative_gap.unwrap_or(0.0);
        match problem.solve_with(options) {
            Ok(SolveOutcome::Solution(solution)) => {
                let status = match solution.termination_reason() {
                    TerminationReason::ProvenOptimal => SolveStatus::Solved,
                    TerminationReason::MipGap => SolveStatus::AlmostSolved,
                    // The time or the node limit (or a reason added by a later microlp).
                    _ => SolveStatus::TimeLimit,
                };
                let indices = self.indices(&model, |i| solution.var_value_raw(vars[i]));
                self.outcome(status, indices)
            }
            Ok(SolveOutcome::Interrupted(_)) => MipOutcome {
                status: SolveStatus::TimeLimit,
                indices: None,
            },
            Err(microlp::Error::Infeasible) => MipOutcome {
                status: SolveStatus::Infeasible,
                indices: None,
            },
            // Numerical failures ("singular matrix") and the like.
            Err(_) => failed(),
        }
    }

    #[cfg(feature = "highs")]
    fn run_highs(&self, model: Model, settings: &Quantization, seconds: f64) -> MipOutcome {
        use good_lp::{
            Expression, ResolutionError, Solution, SolutionStatus, SolverModel, WithMipGap,
            WithTimeLimit, variable,
        };
        use std::time::Instant;
        let started = Instant::now();
        let mut vars = good_lp::ProblemVariables::new();
        let mut objective = Expression::default();
        let handles: Vec<good_lp::Variable> = model
            .variables
            .iter()
            .map(|v| {
                let def = match v.integer {
                    Some(top) => variable().integer().min(0).max(f64::from(top)),
                    None => variable().min(v.min),
                };
                let h = vars.add(def);
                objective.add_mul(v.cost, h);
                h
            })
            .collect();
        // Single-threaded, so that results do not depend on the machine.
        let mut highs = good_lp::highs(vars.minimise(objective))
            .set_threads(1)
            .with_time_limit(seconds.max(1e-3));
        if let Some(nodes) = settings.node_limit {
            let nodes = i32::try_from(nodes).unwrap_or(i32::MAX);
            highs = highs.set_option("mip_max_nodes", nodes);
        }
        if let Some(gap) = settings.relative_gap {
            // Validated finite and >= 0; good_lp takes an f32.
            match highs.with_mip_gap(gap as f32) {
                Ok(with_gap) => highs = with_gap,
                Err(_) => return failed(),
            }
        }
        for row in &model.rows {
            let mut e = Expression::with_capacity(row.coefficients.len());
            for &(i, a) in &row.coefficients {
                e.add_mul(a, handles[i]);
            }
            highs.add_constraint(e.leq(row.rhs));
        }
        match highs.solve() {
            Ok(solution) => {
                let status = match solution.status() {
                    SolutionStatus::Optimal => SolveStatus::Solved,
                    SolutionStatus::GapLimit => SolveStatus::AlmostSolved,
                    SolutionStatus::TimeLimit => SolveStatus::TimeLimit,
                };
                let indices = self.indices(&model, |i| solution.value(handles[i]));
                self.outcome(status, indices)
            }
            Err(ResolutionError::Infeasible) => MipOutcome {
                status: SolveStatus::Infeasible,
                indices: None,
            },
            // HiGHS's node limit comes back as a status (good_lp's `TimeLimit`), its point checked
            // above; good_lp may report a time limit reached before any solution as an error,
            // and the clock tells that from a real failure.
            Err(_) if started.elapsed().as_secs_f64() >= 0.9 * seconds => MipOutcome {
                status: SolveStatus::TimeLimit,
                indices: None,
            },
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
    use crate::quantize::Levels;
    use crate::quantize::mip::MipObjective;
    use crate::{Objective, Row};

    /// Solves, with `settings`, a program whose relaxation is feasible but whose integer
    /// program is not: on the levels -1, -0.5, 0, 0.5, 1 a sum of six weights is a multiple of
    /// 0.5, never within 0.01 of 0.25, so only branching proves infeasibility.
    fn solve_branching(settings: &Quantization) -> MipOutcome {
        let firing = [Row::dense(&[1.0; 6], 0.25)];
        let p = MipProblem {
            levels: Levels::new(5, 1.0).expect("valid"),
            firing: &firing,
            band: 0.01,
            inequalities: &[],
            fixed: &[None; 6],
            objective: MipObjective::Config(Objective::L1),
        };
        p.solve(settings, 60.0)
    }

    #[test]
    fn a_node_limit_stops_the_search_the_same_way_every_time() {
        let unlimited = Quantization {
            mip_solver: MipSolver::Microlp,
            ..Quantization::new(5)
        };
        assert_eq!(solve_branching(&unlimited).status, SolveStatus::Infeasible);
        let limited = Quantization {
            node_limit: Some(1),
            ..unlimited
        };
        for _ in 0..3 {
            let out = solve_branching(&limited);
            assert_eq!(out.status, SolveStatus::TimeLimit);
            assert_eq!(out.indices, None);
        }
    }

    #[cfg(feature = "highs")]
    #[test]
    fn highs_takes_the_node_limit_and_finds_no_weights_where_there_are_none() {
        let limited = Quantization {
            mip_solver: MipSolver::Highs,
            node_limit: Some(1),
            ..Quantization::new(5)
        };
        let first = solve_branching(&limited);
        // HiGHS's presolve may prove this one infeasible before any node.
        assert!(
            matches!(
                first.status,
                SolveStatus::Infeasible | SolveStatus::TimeLimit
            ),
            "{first:?}"
        );
        assert_eq!(first.indices, None);
        assert_eq!(solve_branching(&limited), first);
    }
}
