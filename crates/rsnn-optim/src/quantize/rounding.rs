//! Quantized memorization of one neuron: the exact method, or rounding the continuous solution
//! with a repair of the violated rows (module doc of [`crate::quantize`]).

use super::dive::{DiveRows, dive};
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
            Some(w) => repair(
                &mut g,
                &source,
                levels,
                &settings,
                &w,
                backend,
                threshold,
                deadline,
                &mut rounds,
                &mut info,
            )?,
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

/// Depth-first trials of the first dive (doubled at every further attempt).
const DIVE_TRIALS: usize = 200;
/// Dives on the same rows before the mixed-integer program frees every weight.
const DIVE_ATTEMPTS: u32 = 3;

/// Rounding; if that violates the rows, dives from the continuous solution
/// ([`super::dive`]) and repairs the last free weights with the mixed-integer program; when
/// that is infeasible on the rows known so far, more weights are freed (4 times as many, then
/// all); a dive is repeated whenever the repair added rows.
#[allow(clippy::too_many_arguments)]
fn repair(
    g: &mut Generator,
    source: &Rows,
    levels: Levels,
    settings: &Quantization,
    continuous: &[f64],
    backend: &dyn Backend,
    threshold: f64,
    deadline: Instant,
    rounds: &mut usize,
    info: &mut QuantizedReport,
) -> Result<Generated, OptimError> {
    let config = g.config;
    let rounded: Vec<usize> = continuous.iter().map(|&x| levels.nearest(x)).collect();
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
    let free = settings.repair_free.min(n);
    let mut verifications = 0;
    let mut attempt = 0;
    loop {
        let rows_before = g.equalities.len() + g.inequalities.len();
        let (firing, inequalities): (&[Row], &[Row]) = match source {
            Rows::Generated => (&g.equalities, &g.inequalities),
            Rows::Published(r) => (&[], r),
        };
        let dive_rows = DiveRows {
            firing,
            band: settings.firing_band,
            inequalities,
            margin: 0.0,
        };
        let d = dive(
            &dive_rows,
            levels,
            continuous,
            backend,
            free << attempt,
            DIVE_TRIALS << attempt,
            deadline,
        )?;
        *rounds += d.solves;
        if d.free_left == 0 {
            // Every weight on a level and the rows known hold: verify in continuous time.
            let w: Vec<f64> = d.indices.iter().map(|&k| levels.value(k)).collect();
            *rounds += 1;
            verifications += 1;
            let last =
                verifications >= config.max_rounds || !matches!(config.mode, Mode::ContinuousTime);
            let k = if last { 0 } else { config.points_per_round };
            let mut m = measure(&g.memories, config, threshold, &w, k)?;
            if m.worst <= config.tolerance || last || Instant::now() >= deadline {
                let status = if m.worst <= config.tolerance {
                    NeuronStatus::Memorized
                } else {
                    NeuronStatus::Unverified
                };
                info.free_weights = 0;
                return Ok(Generated {
                    status,
                    solver_status: SolveStatus::Solved,
                    weights: Some((w, m.worst, m.violations)),
                });
            }
            m.found
                .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.time.total_cmp(&b.1.time)));
            let mut added = 0;
            for (_, p) in m.found {
                if added == config.points_per_round {
                    break;
                }
                added += usize::from(g.add_point(p));
            }
            if added > 0 {
                continue;
            }
        }
        let mut fixed: Vec<Option<usize>> = d.indices.iter().map(|&k| Some(k)).collect();
        for &j in d.order.iter().take(free) {
            fixed[j] = None;
        }
        info.free_weights = free;
        let objective = MipObjective::Distance(&d.indices);
        let out = generate(
            g, source, levels, settings, &fixed, objective, threshold, deadline, rounds,
        )?;
        let stuck = matches!(out.status, NeuronStatus::Infeasible | NeuronStatus::Failed);
        if !stuck || free == n {
            return Ok(out);
        }
        if g.equalities.len() + g.inequalities.len() == rows_before {
            // The same rows would give the same dive: dive deeper, then let every weight free.
            attempt += 1;
            if attempt == DIVE_ATTEMPTS {
                info.free_weights = n;
                let all_free = vec![None; n];
                let objective = MipObjective::Distance(&d.indices);
                return generate(
                    g, source, levels, settings, &all_free, objective, threshold, deadline, rounds,
                );
            }
        }
    }
}
