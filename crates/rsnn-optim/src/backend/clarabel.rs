//! The Clarabel backend: the neutral problem handed to Clarabel's interior-point solver
//! directly (single-threaded, L1, squared L2 and L-infinity). A problem with an identically
//! zero objective (the objective "none") goes to microlp's simplex instead (module
//! `backend::simplex`), which returns a vertex of the feasible set: an interior-point method
//! would need a strictly convex term and return the minimum-norm point, i.e. the L2 weights.

use super::{Backend, BackendKind, Capabilities, Solution, SolveStatus};
use crate::{OptimError, Problem};
use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettings, DefaultSolver, IPSolver, NonnegativeConeT, SolverStatus, SupportedConeT,
    ZeroConeT,
};

/// Clarabel, called directly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClarabelBackend {
    /// Iteration cap of the interior-point method.
    pub max_iter: u32,
    /// Feasibility and gap tolerance (Clarabel's `tol_feas`, `tol_gap_abs`, `tol_gap_rel`).
    pub tolerance: f64,
    /// Iterative refinement of every KKT solve. Off by default: with dense rows it costs about
    /// a quarter of the time; a solve that fails without it is retried with it.
    pub iterative_refinement: bool,
}

impl Default for ClarabelBackend {
    fn default() -> Self {
        Self {
            max_iter: 200,
            tolerance: 1e-9,
            iterative_refinement: false,
        }
    }
}

/// Maps every Clarabel status onto the common status.
pub(crate) fn map_status(status: SolverStatus) -> SolveStatus {
    match status {
        SolverStatus::Solved => SolveStatus::Solved,
        SolverStatus::AlmostSolved => SolveStatus::AlmostSolved,
        SolverStatus::PrimalInfeasible => SolveStatus::Infeasible,
        SolverStatus::AlmostPrimalInfeasible => SolveStatus::AlmostInfeasible,
        SolverStatus::DualInfeasible => SolveStatus::Unbounded,
        SolverStatus::AlmostDualInfeasible => SolveStatus::AlmostUnbounded,
        SolverStatus::MaxIterations => SolveStatus::IterationLimit,
        SolverStatus::MaxTime => SolveStatus::TimeLimit,
        SolverStatus::NumericalError => SolveStatus::NumericalError,
        SolverStatus::InsufficientProgress => SolveStatus::InsufficientProgress,
        SolverStatus::CallbackTerminated | SolverStatus::Unsolved => SolveStatus::Interrupted,
    }
}

/// A CSC matrix from entries given row by row (`rows` nondecreasing): a counting sort by column,
/// no comparison sort; repeated `(row, column)` entries are summed.
fn csc_by_rows(m: usize, n: usize, rows: &[usize], cols: &[usize], vals: &[f64]) -> CscMatrix<f64> {
    let mut colptr = vec![0usize; n + 1];
    for &j in cols {
        colptr[j + 1] += 1;
    }
    for j in 0..n {
        colptr[j + 1] += colptr[j];
    }
    let nnz = vals.len();
    let mut next = colptr[..n].to_vec();
    let (mut rowval, mut nzval) = (vec![0usize; nnz], vec![0.0; nnz]);
    for ((&i, &j), &v) in rows.iter().zip(cols).zip(vals) {
        let p = next[j];
        rowval[p] = i;
        nzval[p] = v;
        next[j] += 1;
    }
    // Merge repeated entries (adjacent within a column, since rows come in order).
    let mut write = 0;
    let mut start = 0;
    for j in 0..n {
        let end = colptr[j + 1];
        let first = write;
        for p in start..end {
            if write > first && rowval[write - 1] == rowval[p] {
                nzval[write - 1] += nzval[p];
            } else {
                rowval[write] = rowval[p];
                nzval[write] = nzval[p];
                write += 1;
            }
        }
        start = end;
        colptr[j + 1] = write;
    }
    rowval.truncate(write);
    nzval.truncate(write);
    CscMatrix::new(m, n, colptr, rowval, nzval)
}

impl Backend for ClarabelBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Clarabel
    }

    fn capabilities(&self) -> Capabilities {
        BackendKind::Clarabel.capabilities()
    }

    fn solve(&self, problem: &Problem) -> Result<Solution, OptimError> {
        if super::simplex::is_feasibility(problem) {
            return super::simplex::solve_vertex(problem);
        }
        let n = problem.num_vars();
        let mut pi = Vec::with_capacity(n);
        let mut pv = Vec::with_capacity(n);
        for (j, &d) in problem.quadratic().iter().enumerate() {
            if d != 0.0 {
                pi.push(j);
                pv.push(d);
            }
        }
        let p = CscMatrix::new_from_triplets(n, n, pi.clone(), pi, pv);

        // Rows: equalities (zero cone), then inequalities and finite bounds (nonnegative cone).
        let (mut ri, mut ci, mut vals, mut b) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut m = 0;
        let mut push_row = |coefs: &mut dyn Iterator<Item = (usize, f64)>, rhs: f64| {
            for (j, a) in coefs {
                if a != 0.0 {
                    ri.push(m);
                    ci.push(j);
                    vals.push(a);
                }
            }
            b.push(rhs);
            m += 1;
        };
        for row in problem.equalities() {
            push_row(&mut row.coefficients.iter().copied(), row.rhs);
        }
        let num_eq = problem.equalities().len();
        for row in problem.inequalities() {
            push_row(&mut row.coefficients.iter().copied(), row.rhs);
        }
        for (j, (&l, &u)) in problem.lower().iter().zip(problem.upper()).enumerate() {
            if u.is_finite() {
                push_row(&mut std::iter::once((j, 1.0)), u);
            }
            if l.is_finite() {
                push_row(&mut std::iter::once((j, -1.0)), -l);
            }
        }
        let a = csc_by_rows(m, n, &ri, &ci, &vals);
        let mut cones: Vec<SupportedConeT<f64>> = Vec::with_capacity(2);
        if num_eq > 0 {
            cones.push(ZeroConeT(num_eq));
        }
        if m > num_eq {
            cones.push(NonnegativeConeT(m - num_eq));
        }

        let (p, a) = (&p, &a);
        let run = |refine: bool| -> Result<(SolveStatus, u32, Vec<f64>), OptimError> {
            let settings = DefaultSettings {
                verbose: false,
                max_iter: self.max_iter,
                max_threads: 1,
                tol_feas: self.tolerance,
                tol_gap_abs: self.tolerance,
                tol_gap_rel: self.tolerance,
                iterative_refinement_enable: refine,
                ..DefaultSettings::default()
            };
            let mut solver = DefaultSolver::new(p, problem.linear(), a, &b, &cones, settings)
                .map_err(|e| OptimError::Backend {
                    backend: BackendKind::Clarabel,
                    message: e.to_string(),
                })?;
            solver.solve();
            let status = map_status(solver.solution.status);
            Ok((
                status,
                solver.solution.iterations,
                std::mem::take(&mut solver.solution.x),
            ))
        };
        let (mut status, mut iterations, mut x) = run(self.iterative_refinement)?;
        if !self.iterative_refinement && !status.is_success() && !status.is_infeasible() {
            let (s, i, y) = run(true)?;
            (status, iterations, x) = (s, iterations + i, y);
        }
        if status.is_success() {
            Ok(Solution::with_x(status, x, problem, iterations))
        } else {
            Ok(Solution::failure(status, iterations))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Objective;
    use crate::problem::Row;

    #[test]
    fn small_qp_and_lps() {
        // minimize per objective subject to w0 + w1 = 0.3, w0 - w1 <= 0.1, |w| <= 0.2.
        for objective in [
            Objective::None,
            Objective::L1,
            Objective::L2,
            Objective::LInf,
        ] {
            let mut p = Problem::weights(2, objective, 0.2);
            p.add_equality(Row::dense(&[1.0, 1.0], 0.3)).expect("row");
            p.add_inequality(Row::dense(&[1.0, -1.0], 0.1))
                .expect("row");
            let s = ClarabelBackend::default().solve(&p).expect("solvable");
            assert!(s.status.is_success(), "{objective}: {:?}", s.status);
            assert!(s.residual < 1e-7, "{objective}: residual {}", s.residual);
            if objective == Objective::L2 {
                assert!((s.x[0] - 0.15).abs() < 1e-6 && (s.x[1] - 0.15).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn csc_by_rows_matches_triplets() {
        let rows = [0, 0, 1, 1, 1, 2, 3, 3];
        let cols = [0, 2, 1, 1, 2, 0, 2, 1];
        let vals = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        let a = csc_by_rows(4, 3, &rows, &cols, &vals);
        let b = CscMatrix::new_from_triplets(4, 3, rows.to_vec(), cols.to_vec(), vals.to_vec());
        assert_eq!(a, b);
    }

    #[test]
    fn infeasibility_is_reported() {
        let mut p = Problem::weights(2, Objective::L2, 0.2);
        p.add_equality(Row::dense(&[1.0, 1.0], 1.0)).expect("row");
        let s = ClarabelBackend::default().solve(&p).expect("runs");
        assert!(s.status.is_infeasible(), "{:?}", s.status);
        assert!(s.x.is_empty());
    }
}
