//! Solver backends: the [`Backend`] trait, the run-time choice [`BackendKind`] among the
//! backends compiled in, and the common outcome [`SolveStatus`].
//!
//! | backend | cargo feature | objectives |
//! |---|---|---|
//! | [`BackendKind::Dense`] | `clarabel` (default) | none, L1, squared L2, L-infinity |
//! | [`BackendKind::Clarabel`] | `clarabel` | none, L1, squared L2, L-infinity |
//! | [`BackendKind::GoodLp`] | `good_lp` (microlp) | none, L1, L-infinity |
//!
//! What each returns, per objective (`x*` is an optimal point; "vertex" is a basic solution of
//! the LP, typically with many weights at `+-w_max`):
//!
//! | objective | Clarabel and dense backends | good_lp backend |
//! |---|---|---|
//! | none | a vertex of the feasible set, from microlp's simplex (Clarabel is not called) | a vertex of the feasible set (microlp's simplex) |
//! | L1 | a point of the optimal face, near its relative interior (interior point) | a vertex of the optimal face |
//! | squared L2 | the unique minimizer | unsupported ([`OptimError::Unsupported`]) |
//! | L-infinity | a point of the optimal face, near its relative interior | a vertex of the optimal face |
//!
//! Which vertex a simplex returns depends on its pivoting, so "none" is reproducible for a
//! given problem and solver version but not canonical.

#[cfg(feature = "clarabel")]
#[cfg_attr(docsrs, doc(cfg(feature = "clarabel")))]
pub mod clarabel;
#[cfg(feature = "clarabel")]
#[cfg_attr(docsrs, doc(cfg(feature = "clarabel")))]
pub mod dense;
#[cfg(feature = "good_lp")]
#[cfg_attr(docsrs, doc(cfg(feature = "good_lp")))]
pub mod good_lp;
#[cfg(feature = "clarabel")]
mod simplex;

use crate::{OptimError, Problem};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The outcome of one solve, common to every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SolveStatus {
    /// Solved to the requested accuracy.
    Solved,
    /// Solved to a reduced accuracy (the residuals are checked by the caller).
    AlmostSolved,
    /// The constraints cannot all hold.
    Infeasible,
    /// Infeasible, certified to a reduced accuracy.
    AlmostInfeasible,
    /// The objective is unbounded below.
    Unbounded,
    /// Unbounded, certified to a reduced accuracy.
    AlmostUnbounded,
    /// The iteration limit was reached first.
    IterationLimit,
    /// The time limit (or a mixed-integer solve's node limit) was reached first.
    TimeLimit,
    /// The solver stopped on a numerical error.
    NumericalError,
    /// The solver stopped for lack of progress.
    InsufficientProgress,
    /// The solver was interrupted (callback) or did not run.
    Interrupted,
    /// The backend reported another failure.
    Failed,
}

impl SolveStatus {
    /// Whether the solution may be used (solved, possibly to reduced accuracy).
    pub fn is_success(self) -> bool {
        matches!(self, SolveStatus::Solved | SolveStatus::AlmostSolved)
    }

    /// Whether the problem was found infeasible (never a success).
    pub fn is_infeasible(self) -> bool {
        matches!(
            self,
            SolveStatus::Infeasible | SolveStatus::AlmostInfeasible
        )
    }
}

/// What a backend returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The outcome.
    pub status: SolveStatus,
    /// The solution (empty unless the status is a success).
    pub x: Vec<f64>,
    /// `1/2 x'Px + q'x` at `x` (NaN without a solution).
    pub objective: f64,
    /// Largest violation of a row or bound at `x`, recomputed from the problem (NaN without x).
    pub residual: f64,
    /// Solver iterations (0 when the backend does not report them).
    pub iterations: u32,
}

impl Solution {
    /// A solution without `x` for a failure status.
    pub fn failure(status: SolveStatus, iterations: u32) -> Self {
        Self {
            status,
            x: Vec::new(),
            objective: f64::NAN,
            residual: f64::NAN,
            iterations,
        }
    }

    /// A solution carrying `x`, with objective and residual evaluated on `problem`.
    pub fn with_x(status: SolveStatus, x: Vec<f64>, problem: &Problem, iterations: u32) -> Self {
        Self {
            status,
            objective: problem.objective_value(&x),
            residual: problem.residual(&x),
            x,
            iterations,
        }
    }
}

/// What a backend can express.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Capabilities {
    /// Quadratic objectives (squared L2).
    pub quadratic: bool,
    /// Linear objectives (none, L1, L-infinity).
    pub linear: bool,
}

/// A convex solver for the neutral [`Problem`] form.
pub trait Backend: Send + Sync {
    /// Which backend this is.
    fn kind(&self) -> BackendKind;
    /// What it can express.
    fn capabilities(&self) -> Capabilities;
    /// Solves the problem. Infeasibility is a [`SolveStatus`], not an error.
    ///
    /// # Errors
    /// [`OptimError::Unsupported`] for an objective the backend cannot express,
    /// [`OptimError::Backend`] when the solver cannot be set up.
    fn solve(&self, problem: &Problem) -> Result<Solution, OptimError>;
}

/// The backends, chosen at run time among those compiled in. More may come: match with a
/// wildcard arm, and list them with [`BackendKind::all`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BackendKind {
    /// Clarabel interior-point solver, called directly (feature `clarabel`).
    Clarabel,
    /// rsnn's dense interior-point method for dense rows (its Newton systems reduced to the
    /// rows or to the variables, whichever are fewer), with Clarabel as its fallback (feature
    /// `clarabel`; see [`dense`]).
    Dense,
    /// good_lp with its pure-Rust microlp solver (feature `good_lp`).
    GoodLp,
}

impl Default for BackendKind {
    fn default() -> Self {
        if cfg!(feature = "clarabel") {
            BackendKind::Dense
        } else {
            BackendKind::GoodLp
        }
    }
}

impl BackendKind {
    /// Every backend kind, compiled in or not (the list may grow).
    pub fn all() -> &'static [BackendKind] {
        &[
            BackendKind::Clarabel,
            BackendKind::Dense,
            BackendKind::GoodLp,
        ]
    }

    /// The backends compiled into this build.
    pub fn available() -> Vec<BackendKind> {
        Self::all()
            .iter()
            .copied()
            .filter(|k| k.is_available())
            .collect()
    }

    /// Whether this backend is compiled in.
    pub fn is_available(self) -> bool {
        match self {
            BackendKind::Clarabel | BackendKind::Dense => cfg!(feature = "clarabel"),
            BackendKind::GoodLp => cfg!(feature = "good_lp"),
        }
    }

    /// The name used in files and on the command line (also the cargo feature).
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Clarabel => "clarabel",
            BackendKind::Dense => "dense",
            BackendKind::GoodLp => "good_lp",
        }
    }

    /// What the backend can express.
    pub fn capabilities(self) -> Capabilities {
        match self {
            BackendKind::Clarabel | BackendKind::Dense => Capabilities {
                quadratic: true,
                linear: true,
            },
            BackendKind::GoodLp => Capabilities {
                quadratic: false,
                linear: true,
            },
        }
    }

    /// An instance of the backend with its default settings.
    ///
    /// # Errors
    /// [`OptimError::BackendUnavailable`] when its feature is not compiled in.
    pub fn backend(self) -> Result<Box<dyn Backend>, OptimError> {
        match self {
            #[cfg(feature = "clarabel")]
            BackendKind::Clarabel => Ok(Box::new(clarabel::ClarabelBackend::default())),
            #[cfg(feature = "clarabel")]
            BackendKind::Dense => Ok(Box::new(dense::DenseBackend::default())),
            #[cfg(feature = "good_lp")]
            BackendKind::GoodLp => Ok(Box::new(good_lp::GoodLpBackend)),
            #[allow(unreachable_patterns)]
            other => Err(OptimError::BackendUnavailable { backend: other }),
        }
    }
}

impl fmt::Display for BackendKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown backend name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown backend `{0}` (known: clarabel, dense, good_lp)")]
pub struct UnknownBackend(pub String);

impl FromStr for BackendKind {
    type Err = UnknownBackend;
    fn from_str(s: &str) -> Result<Self, UnknownBackend> {
        match s.to_ascii_lowercase().as_str() {
            "clarabel" => Ok(BackendKind::Clarabel),
            "dense" => Ok(BackendKind::Dense),
            "good_lp" | "good-lp" | "goodlp" | "microlp" => Ok(BackendKind::GoodLp),
            _ => Err(UnknownBackend(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_serialize() {
        for &kind in BackendKind::all() {
            assert_eq!(kind.name().parse::<BackendKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).expect("serializable");
            assert_eq!(json, format!("\"{}\"", kind.name()));
        }
        assert!("highs".parse::<BackendKind>().is_err());
        assert!(BackendKind::default().is_available());
        assert!(!BackendKind::available().is_empty());
    }

    #[test]
    fn unavailable_backends_are_typed_errors() {
        for &kind in BackendKind::all() {
            match kind.backend() {
                Ok(b) => assert_eq!(b.kind(), kind),
                Err(e) => assert!(matches!(e, OptimError::BackendUnavailable { .. })),
            }
        }
    }

    #[test]
    fn infeasible_is_never_success() {
        for s in [SolveStatus::Infeasible, SolveStatus::AlmostInfeasible] {
            assert!(s.is_infeasible() && !s.is_success());
        }
    }
}
