//! The demo's printed report, rendered from the pipeline's summary (`summary.json`, schema in
//! docs/guide.md).

use crate::table::{f3, mag, table};
use rsnn::pipeline::PipelineSummary;

/// The human-readable report of a pipeline run.
pub fn render(s: &PipelineSummary) -> String {
    let c = &s.config;
    let mut out = header(s);
    out.push(String::new());
    out.push(format!(
        "free run from the perfect initial condition, sigma = {}:",
        c.noise
    ));
    let rows: Vec<Vec<String>> = s
        .free_run
        .cycles
        .iter()
        .map(|r| vec![r.cycle.to_string(), f3(r.precision), f3(r.recall)])
        .collect();
    out.push(table(&["cycle", "precision", "recall"], &rows));
    out.push(String::new());
    let r = &c.recall;
    out.push(format!(
        "associative recall: {} of {} neurons prompted (jitter {}) for {} cycles, the others \
         starting {}, then {} free cycles:",
        s.recall.prompted_neurons,
        c.network.neurons,
        r.prompt_jitter,
        r.prompt_cycles,
        r.free_start,
        r.free_cycles
    ));
    out.push(crate::commands::recall::cycles_table(&s.recall.cycles));
    out.join("\n")
}

/// How the stability line says that the neurons without weights were clamped to the score.
fn clamped_note(without_weights: usize) -> String {
    match without_weights {
        0 => String::new(),
        1 => ", with the neuron without weights clamped to the score".to_string(),
        n => format!(", with the {n} neurons without weights clamped to the score"),
    }
}

/// The lines on the parameters, the score, memorization and stability.
fn header(s: &PipelineSummary) -> Vec<String> {
    let c = &s.config;
    let n = &c.network;
    let m = &s.memorize;
    let counts = &m.counts;
    let verdict = if s.stability.stable {
        "stable"
    } else {
        "NOT stable"
    };
    vec![
        format!(
            "rsnn demo: L = {}, K = {}, T = {}, lambda = {}, |w| <= {}, sigma = {}, seed {}",
            n.neurons, n.inputs, n.period, n.rate, c.memorize.weight_bound, c.noise, c.seed
        ),
        format!(
            "score: {} spikes per period ({:.2} per neuron)",
            s.score.spikes, s.score.mean_spikes_per_neuron
        ),
        format!(
            "memorization ({}{}): {}/{} neurons memorized, {} infeasible, {} unverified, {} \
             failed, {} out of time, {:.1} s, max violation {:.1e}",
            m.backend,
            c.memorize
                .quantization
                .map(|q| format!(", {} levels, {}", q.levels, q.method))
                .unwrap_or_default(),
            counts.memorized,
            counts.total(),
            counts.infeasible,
            counts.unverified,
            counts.failed,
            counts.time_limit,
            m.seconds,
            m.max_violation
        ),
        format!(
            "stability: spectral radius {} ({verdict}){}",
            mag(s.stability.spectral_radius),
            clamped_note(counts.infeasible + counts.failed)
        ),
    ]
}
