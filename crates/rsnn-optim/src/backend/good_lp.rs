//! The good_lp backend with its pure-Rust `microlp` simplex solver: linear objectives only
//! (none, L1, L-infinity); a quadratic objective is a typed [`OptimError::Unsupported`].

use super::{Backend, BackendKind, Capabilities, Solution, SolveStatus};
use crate::{Objective, OptimError, Problem};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution as _, SolutionStatus, SolverModel,
    Variable, microlp, variable,
};

/// good_lp with microlp.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoodLpBackend;

/// Maps every good_lp error onto the common status.
pub(crate) fn map_error(error: &ResolutionError) -> SolveStatus {
    match error {
        ResolutionError::Infeasible => SolveStatus::Infeasible,
        ResolutionError::Unbounded => SolveStatus::Unbounded,
        ResolutionError::Other(_) | ResolutionError::Str(_) => SolveStatus::Failed,
    }
}

/// Maps every good_lp solution status onto the common status.
pub(crate) fn map_status(status: SolutionStatus) -> SolveStatus {
    match status {
        SolutionStatus::Optimal => SolveStatus::Solved,
        SolutionStatus::GapLimit => SolveStatus::AlmostSolved,
        SolutionStatus::TimeLimit => SolveStatus::TimeLimit,
    }
}

fn expression(coefficients: &[(usize, f64)], vars: &[Variable]) -> Expression {
    let mut e = Expression::with_capacity(coefficients.len());
    for &(j, a) in coefficients {
        if a != 0.0 {
            e.add_mul(a, vars[j]);
        }
    }
    e
}

impl Backend for GoodLpBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::GoodLp
    }

    fn capabilities(&self) -> Capabilities {
        BackendKind::GoodLp.capabilities()
    }

    fn solve(&self, problem: &Problem) -> Result<Solution, OptimError> {
        if problem.is_quadratic() {
            return Err(OptimError::Unsupported {
                backend: BackendKind::GoodLp,
                objective: match problem.objective() {
                    o @ Objective::L2 => o,
                    _ => Objective::L2,
                },
            });
        }
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = problem
            .lower()
            .iter()
            .zip(problem.upper())
            .map(|(&l, &u)| {
                let mut def = variable();
                if l.is_finite() {
                    def = def.min(l);
                }
                if u.is_finite() {
                    def = def.max(u);
                }
                vars.add(def)
            })
            .collect();
        let linear: Vec<(usize, f64)> = problem.linear().iter().copied().enumerate().collect();
        let mut model = vars.minimise(expression(&linear, &xs)).using(microlp);
        for row in problem.equalities() {
            model.add_constraint(expression(&row.coefficients, &xs).eq(row.rhs));
        }
        for row in problem.inequalities() {
            model.add_constraint(expression(&row.coefficients, &xs).leq(row.rhs));
        }
        match model.solve() {
            Ok(solution) => {
                let status = map_status(solution.status());
                let x: Vec<f64> = xs.iter().map(|&v| solution.value(v)).collect();
                Ok(Solution::with_x(status, x, problem, 0))
            }
            Err(error) => Ok(Solution::failure(map_error(&error), 0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Row;

    #[test]
    fn linear_objectives_solve_and_l2_is_unsupported() {
        for objective in [Objective::None, Objective::L1, Objective::LInf] {
            let mut p = Problem::weights(2, objective, 0.2);
            p.add_equality(Row::dense(&[1.0, 1.0], 0.3)).expect("row");
            p.add_inequality(Row::dense(&[1.0, -1.0], 0.1))
                .expect("row");
            let s = GoodLpBackend.solve(&p).expect("solvable");
            assert!(s.status.is_success(), "{objective}: {:?}", s.status);
            assert!(s.residual < 1e-9, "{objective}: residual {}", s.residual);
        }
        let p = Problem::weights(2, Objective::L2, 0.2);
        assert!(matches!(
            GoodLpBackend.solve(&p),
            Err(OptimError::Unsupported { .. })
        ));
    }

    #[test]
    fn infeasibility_is_reported() {
        let mut p = Problem::weights(2, Objective::L1, 0.2);
        p.add_equality(Row::dense(&[1.0, 1.0], 1.0)).expect("row");
        let s = GoodLpBackend.solve(&p).expect("runs");
        assert!(s.status.is_infeasible(), "{:?}", s.status);
    }
}
