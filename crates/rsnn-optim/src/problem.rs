//! The neutral problem form handed to every backend:
//! minimize `1/2 x'Px + q'x` (P diagonal) subject to equality rows `a'x = b`, inequality rows
//! `a'x <= b` and variable bounds `l <= x <= u`.

use crate::OptimError;
use crate::config::Objective;

/// One linear row `sum_j coefficients[j].1 * x[coefficients[j].0]` compared with `rhs`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// `(variable, coefficient)` pairs; a variable appears at most once.
    pub coefficients: Vec<(usize, f64)>,
    /// The right-hand side.
    pub rhs: f64,
}

impl Row {
    /// A row from dense coefficients over variables `0..coefficients.len()`.
    pub fn dense(coefficients: &[f64], rhs: f64) -> Self {
        Self {
            coefficients: coefficients.iter().copied().enumerate().collect(),
            rhs,
        }
    }

    /// `a'x`.
    pub fn eval(&self, x: &[f64]) -> f64 {
        self.coefficients
            .iter()
            .map(|&(j, a)| a * x.get(j).copied().unwrap_or(0.0))
            .sum()
    }
}

/// A convex quadratic program in the neutral form (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    objective: Objective,
    quadratic: Vec<f64>,
    linear: Vec<f64>,
    equalities: Vec<Row>,
    inequalities: Vec<Row>,
    lower: Vec<f64>,
    upper: Vec<f64>,
}

impl Problem {
    /// A problem over `num_vars` free variables with a zero objective and no rows.
    pub fn new(num_vars: usize) -> Self {
        Self {
            objective: Objective::None,
            quadratic: vec![0.0; num_vars],
            linear: vec![0.0; num_vars],
            equalities: Vec::new(),
            inequalities: Vec::new(),
            lower: vec![f64::NEG_INFINITY; num_vars],
            upper: vec![f64::INFINITY; num_vars],
        }
    }

    /// The weight problem of one neuron: variables `0..num_weights` are the weights, bounded by
    /// `|w| <= bound`, and `objective` is expressed with auxiliary variables where needed
    /// (L1: one `u_k >= |w_k|` per weight; L-infinity: one `t >= |w_k|`).
    pub fn weights(num_weights: usize, objective: Objective, bound: f64) -> Self {
        let aux = match objective {
            Objective::None | Objective::L2 => 0,
            Objective::L1 => num_weights,
            Objective::LInf => 1,
        };
        let mut p = Self::new(num_weights + aux);
        p.objective = objective;
        for j in 0..num_weights + aux {
            p.lower[j] = if j < num_weights { -bound } else { 0.0 };
            p.upper[j] = bound;
        }
        match objective {
            Objective::None => {}
            Objective::L2 => p.quadratic[..num_weights].fill(1.0),
            Objective::L1 | Objective::LInf => {
                p.linear[num_weights..].fill(1.0);
                for k in 0..num_weights {
                    let u = if objective == Objective::L1 {
                        num_weights + k
                    } else {
                        num_weights
                    };
                    for sign in [1.0, -1.0] {
                        p.inequalities.push(Row {
                            coefficients: vec![(k, sign), (u, -1.0)],
                            rhs: 0.0,
                        });
                    }
                }
            }
        }
        p
    }

    fn check(&self, row: &Row) -> Result<(), OptimError> {
        let n = self.num_vars();
        for &(j, a) in &row.coefficients {
            if j >= n {
                return Err(OptimError::InvalidProblem {
                    what: "row refers to a missing variable",
                    index: j,
                    num_vars: n,
                });
            }
            if !a.is_finite() {
                return Err(OptimError::InvalidProblem {
                    what: "non-finite coefficient",
                    index: j,
                    num_vars: n,
                });
            }
        }
        if !row.rhs.is_finite() {
            return Err(OptimError::InvalidProblem {
                what: "non-finite right-hand side",
                index: 0,
                num_vars: n,
            });
        }
        Ok(())
    }

    /// Adds the row `a'x = b`.
    ///
    /// # Errors
    /// [`OptimError::InvalidProblem`] for an unknown variable or a non-finite number.
    pub fn add_equality(&mut self, row: Row) -> Result<(), OptimError> {
        self.check(&row)?;
        self.equalities.push(row);
        Ok(())
    }

    /// Adds the row `a'x <= b`.
    ///
    /// # Errors
    /// [`OptimError::InvalidProblem`] for an unknown variable or a non-finite number.
    pub fn add_inequality(&mut self, row: Row) -> Result<(), OptimError> {
        self.check(&row)?;
        self.inequalities.push(row);
        Ok(())
    }

    /// Sets the objective terms: diagonal `P` and `q` (both of length `num_vars`).
    ///
    /// # Errors
    /// [`OptimError::InvalidProblem`] for a wrong length, a negative or non-finite entry.
    pub fn set_objective(
        &mut self,
        quadratic: Vec<f64>,
        linear: Vec<f64>,
    ) -> Result<(), OptimError> {
        let n = self.num_vars();
        for (what, v) in [("quadratic term", &quadratic), ("linear term", &linear)] {
            if v.len() != n {
                return Err(OptimError::InvalidProblem {
                    what,
                    index: v.len(),
                    num_vars: n,
                });
            }
        }
        if let Some(j) = quadratic.iter().position(|p| !(p.is_finite() && *p >= 0.0)) {
            return Err(OptimError::InvalidProblem {
                what: "quadratic term must be finite and >= 0",
                index: j,
                num_vars: n,
            });
        }
        if let Some(j) = linear.iter().position(|q| !q.is_finite()) {
            return Err(OptimError::InvalidProblem {
                what: "non-finite linear term",
                index: j,
                num_vars: n,
            });
        }
        self.objective = if quadratic.iter().any(|&p| p > 0.0) {
            Objective::L2
        } else if linear.iter().any(|&q| q != 0.0) {
            Objective::L1
        } else {
            Objective::None
        };
        self.quadratic = quadratic;
        self.linear = linear;
        Ok(())
    }

    /// Sets the bounds of one variable (infinite values for none).
    ///
    /// # Errors
    /// [`OptimError::InvalidProblem`] for an unknown variable, NaN or `lower > upper`.
    pub fn set_bounds(&mut self, var: usize, lower: f64, upper: f64) -> Result<(), OptimError> {
        let n = self.num_vars();
        if var >= n || lower.is_nan() || upper.is_nan() || lower > upper {
            return Err(OptimError::InvalidProblem {
                what: "bounds of an unknown variable or with lower > upper",
                index: var,
                num_vars: n,
            });
        }
        self.lower[var] = lower;
        self.upper[var] = upper;
        Ok(())
    }

    /// Number of variables.
    pub fn num_vars(&self) -> usize {
        self.linear.len()
    }
    /// The objective this problem was built for (for messages and capability checks).
    pub fn objective(&self) -> Objective {
        self.objective
    }
    /// Whether the objective has a quadratic term.
    pub fn is_quadratic(&self) -> bool {
        self.quadratic.iter().any(|&p| p > 0.0)
    }
    /// Diagonal of `P`.
    pub fn quadratic(&self) -> &[f64] {
        &self.quadratic
    }
    /// `q`.
    pub fn linear(&self) -> &[f64] {
        &self.linear
    }
    /// Equality rows.
    pub fn equalities(&self) -> &[Row] {
        &self.equalities
    }
    /// Inequality rows (`<=`).
    pub fn inequalities(&self) -> &[Row] {
        &self.inequalities
    }
    /// Lower bounds (`-inf` for none).
    pub fn lower(&self) -> &[f64] {
        &self.lower
    }
    /// Upper bounds (`+inf` for none).
    pub fn upper(&self) -> &[f64] {
        &self.upper
    }

    /// `1/2 x'Px + q'x`.
    pub fn objective_value(&self, x: &[f64]) -> f64 {
        x.iter()
            .zip(&self.quadratic)
            .zip(&self.linear)
            .map(|((&x, &p), &q)| 0.5 * p * x * x + q * x)
            .sum()
    }

    /// The largest violation by `x` of any row or bound (0 when all hold).
    pub fn residual(&self, x: &[f64]) -> f64 {
        let eq = self.equalities.iter().map(|r| (r.eval(x) - r.rhs).abs());
        let ineq = self.inequalities.iter().map(|r| r.eval(x) - r.rhs);
        let bounds = x
            .iter()
            .zip(self.lower.iter().zip(&self.upper))
            .map(|(&x, (&l, &u))| (l - x).max(x - u));
        eq.chain(ineq).chain(bounds).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auxiliary_variables_express_the_objectives() {
        let x = [0.1, -0.2];
        let l1 = Problem::weights(2, Objective::L1, 0.5);
        assert_eq!(l1.num_vars(), 4);
        assert_eq!(l1.inequalities().len(), 4);
        let with_u = [0.1, -0.2, 0.1, 0.2];
        assert!(l1.residual(&with_u) <= 0.0);
        assert!((l1.objective_value(&with_u) - 0.3).abs() < 1e-15);
        let linf = Problem::weights(2, Objective::LInf, 0.5);
        assert_eq!(linf.num_vars(), 3);
        assert!((linf.objective_value(&[0.1, -0.2, 0.2]) - 0.2).abs() < 1e-15);
        let l2 = Problem::weights(2, Objective::L2, 0.5);
        assert!(l2.is_quadratic());
        assert!((l2.objective_value(&x) - 0.025).abs() < 1e-15);
        assert!(!Problem::weights(2, Objective::None, 0.5).is_quadratic());
    }

    #[test]
    fn residual_and_validation() {
        let mut p = Problem::weights(2, Objective::L2, 0.5);
        p.add_equality(Row::dense(&[1.0, 1.0], 0.3))
            .expect("valid row");
        p.add_inequality(Row::dense(&[1.0, -1.0], 0.0))
            .expect("valid row");
        assert!((p.residual(&[0.2, 0.1]) - 0.1).abs() < 1e-15);
        assert!((p.residual(&[0.9, -0.6]) - 1.5).abs() < 1e-15);
        assert!(p.add_equality(Row::dense(&[1.0, 1.0, 1.0], 0.0)).is_err());
        assert!(p.add_inequality(Row::dense(&[f64::NAN], 0.0)).is_err());
        assert!(p.set_bounds(0, 1.0, -1.0).is_err());
        assert!(p.set_objective(vec![1.0], vec![0.0, 0.0]).is_err());
    }
}
