//! Pure feasibility by simplex: a problem with an identically zero objective handed to
//! microlp's simplex method, which returns a basic feasible solution, i.e. a *vertex* of the
//! feasible set (typically with many variables at a bound).
//!
//! The Clarabel backend routes the objective "none" here: an interior-point method on a zero
//! objective would return a point in the relative interior of the feasible set (or need a
//! strictly convex term, which turns "none" into the minimum-norm point of L2).

use super::{Solution, SolveStatus};
use crate::{OptimError, Problem};
use microlp::{ComparisonOp, Error, LinearExpr, OptimizationDirection, SolutionStatus, Variable};

/// Maps every microlp error onto the common status.
fn map_error(error: &Error) -> SolveStatus {
    match error {
        Error::Infeasible => SolveStatus::Infeasible,
        Error::Unbounded => SolveStatus::Unbounded,
        Error::InvalidOptions(_) | Error::InvalidOperation(_) | Error::InternalError(_) => {
            SolveStatus::Failed
        }
    }
}

fn expression(coefficients: &[(usize, f64)], vars: &[Variable]) -> LinearExpr {
    let mut e = LinearExpr::empty();
    for &(j, a) in coefficients {
        if a != 0.0 {
            e.add(vars[j], a);
        }
    }
    e
}

/// Whether `problem` has an identically zero objective (neither quadratic nor linear terms).
pub(crate) fn is_feasibility(problem: &Problem) -> bool {
    !problem.is_quadratic() && problem.linear().iter().all(|&q| q == 0.0)
}

/// Solves `problem` (its objective is ignored: call it on feasibility problems) by simplex and
/// returns a vertex of its feasible set.
///
/// # Errors
/// None today (infeasibility and solver trouble are statuses); kept fallible like
/// [`super::Backend::solve`].
pub(crate) fn solve_vertex(problem: &Problem) -> Result<Solution, OptimError> {
    let mut lp = microlp::Problem::new(OptimizationDirection::Minimize);
    let vars: Vec<Variable> = problem
        .lower()
        .iter()
        .zip(problem.upper())
        .map(|(&l, &u)| lp.add_var(0.0, (l, u)))
        .collect();
    for row in problem.equalities() {
        lp.add_constraint(
            expression(&row.coefficients, &vars),
            ComparisonOp::Eq,
            row.rhs,
        );
    }
    for row in problem.inequalities() {
        lp.add_constraint(
            expression(&row.coefficients, &vars),
            ComparisonOp::Le,
            row.rhs,
        );
    }
    match lp.solve() {
        Ok(outcome) => match outcome.solution() {
            Some(solution) => {
                let status = match solution.status() {
                    SolutionStatus::Optimal => SolveStatus::Solved,
                    _ => SolveStatus::AlmostSolved,
                };
                let x = vars.iter().map(|&v| solution.var_value_raw(v)).collect();
                Ok(Solution::with_x(status, x, problem, 0))
            }
            None => Ok(Solution::failure(SolveStatus::TimeLimit, 0)),
        },
        Err(error) => Ok(Solution::failure(map_error(&error), 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Objective;
    use crate::problem::Row;

    #[test]
    fn a_vertex_is_returned_and_infeasibility_reported() {
        // w0 + w1 = 0.3, w0 - w1 <= 0.1, |w| <= 0.2: the feasible segment runs from
        // (0.1, 0.2) to (0.2, 0.1); its vertices are the only basic solutions.
        let mut p = Problem::weights(2, Objective::None, 0.2);
        p.add_equality(Row::dense(&[1.0, 1.0], 0.3)).expect("row");
        p.add_inequality(Row::dense(&[1.0, -1.0], 0.1))
            .expect("row");
        let s = solve_vertex(&p).expect("runs");
        assert!(s.status.is_success(), "{:?}", s.status);
        assert!(s.residual < 1e-9);
        let at = |a: f64, b: f64| (s.x[0] - a).abs() < 1e-9 && (s.x[1] - b).abs() < 1e-9;
        assert!(at(0.1, 0.2) || at(0.2, 0.1), "not a vertex: {:?}", s.x);
        p.add_equality(Row::dense(&[1.0, 0.0], 0.5)).expect("row");
        assert!(solve_vertex(&p).expect("runs").status.is_infeasible());
    }
}
