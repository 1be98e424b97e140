//! Constraint generation with mixed-integer solves: solve over the levels, measure the weights
//! against the continuous template with the exact extrema, add the most violated points, solve
//! again (docs/model.md §5.3, §5.7). Used by the exact method (every weight free) and by the
//! repair of the rounding method (a few weights free).

use super::mip::{MipObjective, MipProblem};
use super::{Levels, Quantization};
use crate::backend::SolveStatus;
use crate::generator::Generator;
use crate::measure::measure;
use crate::report::{NeuronStatus, Violations};
use crate::{Mode, OptimError, Row};
use std::time::Instant;

/// Where the rows come from.
pub(crate) enum Rows<'a> {
    /// The generator's rows (continuous time or grid): firing rows in the band.
    Generated,
    /// The published template's fixed rows (inequalities only; solved once).
    Published(&'a [Row]),
}

/// The outcome of a run of constraint generation over the levels.
pub(crate) struct Generated {
    /// Memorized, unverified, infeasible, failed or out of time.
    pub status: NeuronStatus,
    /// The status of the last solve.
    pub solver_status: SolveStatus,
    /// The weights (on the levels) with their worst violation and violations by kind.
    pub weights: Option<(Vec<f64>, f64, Violations)>,
}

/// Runs constraint generation until no point is added, the round cap (solves of this run), or
/// `deadline`; `rounds` counts the solves.
#[allow(clippy::too_many_arguments)]
pub(crate) fn generate(
    g: &mut Generator,
    rows: &Rows,
    levels: Levels,
    settings: &Quantization,
    fixed: &[Option<usize>],
    objective: MipObjective,
    threshold: f64,
    deadline: Instant,
    rounds: &mut usize,
) -> Result<Generated, OptimError> {
    let config = g.config;
    let once = !matches!(config.mode, Mode::ContinuousTime);
    // The round cap counts this run's solves (`rounds` also counts the caller's).
    let mut solves = 0;
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left <= 0.0 {
            return Ok(Generated {
                status: NeuronStatus::TimeLimit,
                solver_status: SolveStatus::TimeLimit,
                weights: None,
            });
        }
        *rounds += 1;
        solves += 1;
        let (firing, inequalities): (&[Row], &[Row]) = match rows {
            Rows::Generated => (&g.equalities, &g.inequalities),
            Rows::Published(r) => (&[], r),
        };
        let problem = MipProblem {
            levels,
            firing,
            band: settings.firing_band,
            inequalities,
            fixed,
            objective,
        };
        let out = problem.solve(settings, left);
        let Some(indices) = out.indices else {
            let status = match out.status {
                SolveStatus::Infeasible => NeuronStatus::Infeasible,
                SolveStatus::TimeLimit => NeuronStatus::TimeLimit,
                _ => NeuronStatus::Failed,
            };
            return Ok(Generated {
                status,
                solver_status: out.status,
                weights: None,
            });
        };
        let w: Vec<f64> = indices.iter().map(|&k| levels.value(k)).collect();
        let last = solves >= config.max_rounds || once;
        let k = if last { 0 } else { config.points_per_round };
        let m = measure(&g.memories, config, threshold, &w, k)?;
        let mut found = m.found;
        let mut added = 0;
        if m.worst > config.tolerance && !last {
            found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.time.total_cmp(&b.1.time)));
            for (_, p) in found {
                if added == config.points_per_round {
                    break;
                }
                added += usize::from(g.add_point(p));
            }
        }
        if added == 0 {
            let status = if m.worst <= config.tolerance {
                NeuronStatus::Memorized
            } else {
                NeuronStatus::Unverified
            };
            return Ok(Generated {
                status,
                solver_status: out.status,
                weights: Some((w, m.worst, m.violations)),
            });
        }
    }
}
