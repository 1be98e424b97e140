//! The pipeline of `rsnn demo` as a few calls of the facade: sample a score, wire a network,
//! memorize, analyse stability, run freely from the perfect initial condition, run associative
//! recall, and print the summary. With the same master seed it gives exactly the score,
//! weights and precision/recall of `rsnn demo` (a test checks it).
//!
//! ```text
//! cargo run --release -p rsnn-examples --example pipeline                 # the demo's defaults
//! cargo run --release -p rsnn-examples --example pipeline -- config.json  # a PipelineConfig
//! ```
//!
//! The optional argument is a JSON `PipelineConfig` (every field optional, e.g.
//! `{"seed": 2, "network": {"neurons": 100}}`).

use rsnn::pipeline::{Pipeline, PipelineConfig, PipelineOutcome};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config: PipelineConfig = match std::env::args().nth(1) {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|e| format!("{path}: not a pipeline configuration: {e}"))?,
        None => PipelineConfig::default(),
    };
    let outcome = run(config)?;
    let summary = outcome.summary();
    println!(
        "{} neurons, {} spikes per period; memorized {}/{} in {:.1} s; spectral radius {:.3e}",
        summary.config.network.neurons,
        summary.score.spikes,
        summary.memorize.counts.memorized,
        summary.memorize.counts.total(),
        summary.memorize.seconds,
        summary.stability.spectral_radius
    );
    println!("free run (cycle, precision, recall):");
    for c in &summary.free_run.cycles {
        println!("  {:>3}  {:.3}  {:.3}", c.cycle, c.precision, c.recall);
    }
    let last = summary.recall.cycles.last().map(|c| c.all);
    println!("associative recall, last cycle, all neurons: {last:?}");
    // The example fails when the science does: the free run must replay the score.
    if let Some(c) = summary.free_run.cycles.iter().find(|c| c.precision < 0.9) {
        return Err(format!(
            "free run cycle {} has precision {:.3}",
            c.cycle, c.precision
        )
        .into());
    }
    Ok(())
}

/// Runs every step of the demo's pipeline with `config`, without progress reports.
///
/// # Errors
/// An invalid configuration, or a step that fails.
pub fn run(config: PipelineConfig) -> Result<PipelineOutcome, rsnn::Error> {
    Pipeline::new(config)?.run(&())
}
