//! Quantized memorization of one neuron: the exact method, or rounding the continuous solution
//! with a repair of the violated rows (module doc of [`crate::quantize`]).

use super::exact::{Generated, Rows, generate};
use super::mip::MipObjective;
use super::{Levels, QuantMethod, Quantization};
use crate::backend::{Backend, SolveStatus};
use crate::generation::{NeuronResult, memorize_neuron_with, objective_value};
use crate::generator::Generator;
use crate::measure::{measure, memory_rows};
use crate::published::published_problem;
use crate::report::{NeuronReport, NeuronStatus, QuantizedReport};
use crate::{Mode, OptimError, Row, ValidConfig};
use rsnn_neuron::Network;
use rsnn_signal::Score;
use std::time::{Duration, Instant};

/// Memorizes neuron `id` with quantized weights (`config.quantization` is set).
pub(crate) fn memorize_quantized(
    network: &Network,
    id: usize,
    memories: &[Score],
    config: &ValidConfig,
    backend: &dyn Backend,
) -> Result<NeuronResult, OptimError> {
    let started = Instant::now();
    let Some(settings) = config.quantization else {
        return memorize_neuron_with(network, id, memories, config, backend);
    };
    let levels = settings.levels(config.weight_bound)?;
    let deadline = started + Duration::from_secs_f64(settings.time_limit);
    let rows = memory_rows(network, id, memories, config)?;
    let neuron = network.neuron(id);
    let n = neuron.map_or(0, |n| n.inputs.len());
    let threshold = network.threshold();
    let mut g = Generator::new(config, threshold, rows, n);
    let published: Option<Vec<Row>> = match (config.mode, neuron) {
        (Mode::Published, Some(neuron)) => {
            let kernel = network.kernel();
            let (p, _) = published_problem(neuron, id, memories, kernel, threshold, config)?;
            // The template rows only (the objective's rows involve auxiliary variables).
            let template = p
                .inequalities()
                .iter()
                .filter(|r| r.coefficients.iter().all(|&(j, _)| j < n));
            Some(template.cloned().collect())
        }
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
    let source = match &published {
        Some(r) => Rows::Published(r),
        None => Rows::Generated,
    };
    let mut rounds = 0;
    let mut info = QuantizedReport {
        levels: settings.levels,
        method: settings.method,
        rounding_sufficed: None,
        free_weights: n,
    };
    let all_free = vec![None; n];
    let objective = MipObjective::Config(config.objective);
    let outcome = if n == 0 {
        let m = measure(&g.memories, config, threshold, &[], 0)?;
        let status = if m.worst <= config.tolerance {
            NeuronStatus::Memorized
        } else {
            NeuronStatus::Infeasible
        };
        let weights =
            (status == NeuronStatus::Memorized).then(|| (Vec::new(), m.worst, m.violations));
        Generated {
            status,
            solver_status: SolveStatus::Solved,
            weights,
        }
    } else if settings.method == QuantMethod::Exact {
        generate(
            &mut g,
            &source,
            levels,
            &settings,
            &all_free,
            objective,
            threshold,
            deadline,
            &mut rounds,
        )?
    } else {
        let continuous = ValidConfig::continuous(config);
        let c = memorize_neuron_with(network, id, memories, &continuous, backend)?;
        rounds += c.report.rounds;
        match c.weights {
            Some(w) => {
                let rounded: Vec<usize> = w.iter().map(|&x| levels.nearest(x)).collect();
                repair(
                    &mut g,
                    &source,
                    levels,
                    &settings,
                    &rounded,
                    threshold,
                    deadline,
                    &mut rounds,
                    &mut info,
                )?
            }
            // No continuous solution to round: the exact method decides.
            None => generate(
                &mut g,
                &source,
                levels,
                &settings,
                &all_free,
                objective,
                threshold,
                deadline,
                &mut rounds,
            )?,
        }
    };
    let constraints = match &published {
        Some(r) => r.len(),
        None => g.equalities.len() + g.inequalities.len(),
    };
    let (weights, objective, max_violation, violations) = match outcome.weights {
        Some((w, worst, v)) => {
            let value = objective_value(config.objective, &w);
            (Some(w), Some(value), Some(worst), Some(v))
        }
        None => (None, None, None, None),
    };
    let report = NeuronReport {
        neuron: id,
        status: outcome.status,
        solver_status: outcome.solver_status,
        rounds,
        constraints,
        objective,
        max_violation,
        continuous_violations: violations,
        seconds: started.elapsed().as_secs_f64(),
        quantized: Some(info),
    };
    Ok(NeuronResult { weights, report })
}

/// Rounding, then repairs with more and more free weights until one meets the rows.
#[allow(clippy::too_many_arguments)]
fn repair(
    g: &mut Generator,
    source: &Rows,
    levels: Levels,
    settings: &Quantization,
    rounded: &[usize],
    threshold: f64,
    deadline: Instant,
    rounds: &mut usize,
    info: &mut QuantizedReport,
) -> Result<Generated, OptimError> {
    let config = g.config;
    let w: Vec<f64> = rounded.iter().map(|&k| levels.value(k)).collect();
    let m = measure(&g.memories, config, threshold, &w, config.points_per_round)?;
    if m.worst <= config.tolerance {
        info.rounding_sufficed = Some(true);
        info.free_weights = 0;
        return Ok(Generated {
            status: NeuronStatus::Memorized,
            solver_status: SolveStatus::Solved,
            weights: Some((w, m.worst, m.violations)),
        });
    }
    info.rounding_sufficed = Some(false);
    if matches!(config.mode, Mode::ContinuousTime) {
        for (_, p) in m.found {
            g.add_point(p);
        }
    }
    let n = rounded.len();
    let order = involvement(g, source, settings.firing_band, &w);
    let mut free = settings.repair_free.min(n);
    loop {
        let mut fixed: Vec<Option<usize>> = rounded.iter().map(|&k| Some(k)).collect();
        for &j in &order[..free] {
            fixed[j] = None;
        }
        info.free_weights = free;
        let objective = MipObjective::Distance(rounded);
        let out = generate(
            g, source, levels, settings, &fixed, objective, threshold, deadline, rounds,
        )?;
        if out.status != NeuronStatus::Infeasible || free == n {
            return Ok(out);
        }
        free = (4 * free).min(n);
    }
}

/// The weights ordered by how much they take part in the rows that `w` violates (the sum over
/// those rows of `|coefficient| * violation`), most first; ties by index.
fn involvement(g: &Generator, source: &Rows, band: f64, w: &[f64]) -> Vec<usize> {
    let mut score = vec![0.0; w.len()];
    let mut add = |row: &Row, violation: f64| {
        if violation > 0.0 {
            for &(j, a) in &row.coefficients {
                if let Some(s) = score.get_mut(j) {
                    *s += a.abs() * violation;
                }
            }
        }
    };
    match source {
        Rows::Generated => {
            for r in &g.equalities {
                add(r, (r.eval(w) - r.rhs).abs() - band);
            }
            for r in &g.inequalities {
                add(r, r.eval(w) - r.rhs);
            }
        }
        Rows::Published(rows) => {
            for r in rows.iter() {
                add(r, r.eval(w) - r.rhs);
            }
        }
    }
    let mut order: Vec<usize> = (0..w.len()).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    order
}
