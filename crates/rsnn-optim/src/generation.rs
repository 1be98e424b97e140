//! Memorizing one neuron: constraint generation to continuous-time feasibility (or one solve on
//! a grid), then verification of the weights against the continuous template.

use crate::backend::{Backend, SolveStatus};
use crate::generator::Generator;
use crate::measure::{measure, memory_rows};
use crate::published::published_problem;
use crate::report::{NeuronReport, NeuronStatus, Violations};
use crate::{Mode, Objective, OptimError, ValidConfig};
use rsnn_neuron::Network;
use rsnn_signal::Score;
use std::time::Instant;

/// The weights and the report of one neuron.
#[derive(Debug, Clone, PartialEq)]
pub struct NeuronResult {
    /// The new weights (None when infeasible or failed: keep the old ones).
    pub weights: Option<Vec<f64>>,
    /// What happened.
    pub report: NeuronReport,
}

pub(crate) fn objective_value(objective: Objective, w: &[f64]) -> f64 {
    match objective {
        Objective::None => 0.0,
        Objective::L1 => w.iter().map(|x| x.abs()).sum(),
        Objective::L2 => 0.5 * w.iter().map(|x| x * x).sum::<f64>(),
        Objective::LInf => w.iter().fold(0.0, |m, x| m.max(x.abs())),
    }
}

/// Memorizes neuron `id` (channel `id` of every memory) with the backend of `config`; the
/// firing equalities hold at the network's nominal threshold ([`Network::threshold`]).
///
/// # Errors
/// Unknown neuron, a silent level not below the network's threshold, no memory, missing
/// source channels, or a backend error (not an infeasibility: that is a [`NeuronStatus`]).
pub fn memorize_neuron(
    network: &Network,
    id: usize,
    memories: &[Score],
    config: &ValidConfig,
) -> Result<NeuronResult, OptimError> {
    let backend = config.backend.backend()?;
    memorize_neuron_with(network, id, memories, config, backend.as_ref())
}

/// [`memorize_neuron`] with a given backend instance.
///
/// # Errors
/// As [`memorize_neuron`].
pub fn memorize_neuron_with(
    network: &Network,
    id: usize,
    memories: &[Score],
    config: &ValidConfig,
    backend: &dyn Backend,
) -> Result<NeuronResult, OptimError> {
    if config.quantization.is_some() {
        return crate::quantize::memorize_quantized(network, id, memories, config, backend);
    }
    let started = Instant::now();
    let rows = memory_rows(network, id, memories, config)?;
    let neuron = network.neuron(id);
    let num_weights = neuron.map_or(0, |n| n.inputs.len());
    let threshold = network.threshold();
    let mut g = Generator::new(config, threshold, rows, num_weights);
    let published = match (config.mode, neuron) {
        (Mode::Published, Some(n)) => Some(published_problem(
            n,
            id,
            memories,
            network.kernel(),
            threshold,
            config,
        )?),
        _ => None,
    };
    let initial = match config.mode {
        Mode::ContinuousTime => g.initial_points(),
        Mode::Grid { step } => g.grid_points(step),
        Mode::Published => Vec::new(),
    };
    for p in initial {
        g.add_point(p);
    }
    let constraints = |g: &Generator| match &published {
        Some((_, rows)) => *rows,
        None => g.equalities.len() + g.inequalities.len(),
    };
    let report = |status,
                  solver_status,
                  rounds,
                  g: &Generator,
                  w: Option<&[f64]>,
                  v: Option<(f64, Violations)>| NeuronReport {
        neuron: id,
        status,
        solver_status,
        rounds,
        constraints: constraints(g),
        objective: w.map(|w| objective_value(config.objective, w)),
        max_violation: v.map(|v| v.0),
        continuous_violations: v.map(|v| v.1),
        seconds: started.elapsed().as_secs_f64(),
        quantized: None,
    };
    if num_weights == 0 {
        // Nothing to solve: the zero potential either meets the template or nothing does.
        let m = measure(&g.memories, config, threshold, &[], 0)?;
        let feasible = match &published {
            Some((p, _)) => p.residual(&[]) <= 0.0,
            None => m.worst <= config.tolerance,
        };
        let (status, solver) = match (feasible, m.worst <= config.tolerance) {
            (false, _) => (NeuronStatus::Infeasible, SolveStatus::Infeasible),
            (true, true) => (NeuronStatus::Memorized, SolveStatus::Solved),
            (true, false) => (NeuronStatus::Unverified, SolveStatus::Solved),
        };
        let w: &[f64] = &[];
        let weights = status.has_weights().then(Vec::new);
        let v = weights.as_ref().map(|_| (m.worst, m.violations));
        let report = report(status, solver, 0, &g, weights.as_ref().map(|_| w), v);
        return Ok(NeuronResult { weights, report });
    }
    let mut rounds = 0;
    loop {
        rounds += 1;
        let solution = match &published {
            Some((p, _)) => backend.solve(p)?,
            None => backend.solve(&g.problem()?)?,
        };
        let usable = solution.x.len() >= num_weights
            && solution.x[..num_weights].iter().all(|x| x.is_finite());
        if !solution.status.is_success() || !usable {
            let status = if solution.status.is_infeasible() {
                NeuronStatus::Infeasible
            } else {
                NeuronStatus::Failed
            };
            let report = report(status, solution.status, rounds, &g, None, None);
            return Ok(NeuronResult {
                weights: None,
                report,
            });
        }
        let w = &solution.x[..num_weights];
        let once = matches!(config.mode, Mode::Grid { .. } | Mode::Published);
        let last = rounds >= config.max_rounds || once;
        let k = if last { 0 } else { config.points_per_round };
        let m = measure(&g.memories, config, threshold, w, k)?;
        let (worst, mut found) = (m.worst, m.found);
        let mut added = 0;
        if worst > config.tolerance && !last {
            found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.time.total_cmp(&b.1.time)));
            for (_, p) in found {
                if added == config.points_per_round {
                    break;
                }
                added += usize::from(g.add_point(p));
            }
        }
        if added == 0 {
            let status = if worst <= config.tolerance {
                NeuronStatus::Memorized
            } else {
                NeuronStatus::Unverified
            };
            let v = Some((worst, m.violations));
            let report = report(status, solution.status, rounds, &g, Some(w), v);
            return Ok(NeuronResult {
                weights: Some(w.to_vec()),
                report,
            });
        }
    }
}
