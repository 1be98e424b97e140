//! The demo's figures.

use crate::commands::plot::{potential_trace, prescribed};
use anyhow::Result;
use rsnn::neuron::Network;
use rsnn::optim::MemorizeConfig;
use rsnn::recipes::RecallOutcome;
use rsnn::signal::Score;
use rsnn::sim::CycleRow;
use rsnn::sim::{Recording, StabilityReport};
use rsnn_plot as plot;
use std::path::Path;

/// Rows shown in a raster.
const RASTER_ROWS: usize = 60;

/// Everything the figures are drawn from.
pub struct FigureData<'a> {
    /// The score.
    pub score: &'a Score,
    /// The memorized network.
    pub network: &'a Network,
    /// Memorization parameters (template of the potential figure).
    pub config: &'a MemorizeConfig,
    /// Stability report.
    pub stability: &'a StabilityReport,
    /// The free run.
    pub free_run: &'a Recording,
    /// Its measurement.
    pub cycles: &'a [CycleRow],
    /// The recall run.
    pub recall: &'a RecallOutcome,
}

/// Draws every figure into `dir`, returning the file names.
///
/// # Errors
/// Drawing or I/O failures.
pub fn draw(dir: &Path, d: &FigureData<'_>) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let mut name = |n: &str| {
        names.push(n.to_string());
        dir.join(n)
    };
    let period = d.score.period();
    let total = d.network.num_neurons();
    let first: Vec<usize> = (0..total.min(RASTER_ROWS)).collect();
    let to = d.free_run.end().min(3.0 * period);
    let produced = select(&d.free_run.window(0.0, to), &first);
    let title = format!(
        "free run, neurons 0-{}, first cycles",
        first.len().saturating_sub(1)
    );
    plot::raster(
        &name("raster-free.svg"),
        &title,
        &prescribed(d.score, &first, 0.0, to),
        &produced,
        (0.0, to),
    )?;
    // Prompted rows first, then free ones.
    let half = RASTER_ROWS / 2;
    let free: Vec<usize> = (0..total)
        .filter(|n| d.recall.prompted.binary_search(n).is_err())
        .collect();
    let mut rows: Vec<usize> = d.recall.prompted.iter().take(half).copied().collect();
    rows.extend(free.iter().take(RASTER_ROWS - rows.len()));
    let end = d.recall.recording.end();
    let produced = select(&d.recall.recording.window(0.0, end), &rows);
    let shown = d.recall.prompted.len().min(half);
    let title = format!(
        "associative recall: rows 0-{} prompted, rows {}-{} free",
        shown.saturating_sub(1),
        shown,
        rows.len().saturating_sub(1)
    );
    plot::raster(
        &name("raster-recall.svg"),
        &title,
        &prescribed(d.score, &rows, 0.0, end),
        &produced,
        (0.0, end),
    )?;
    let neuron = (0..total)
        .find(|&n| d.score.channel(n).is_some_and(|c| !c.is_empty()))
        .unwrap_or(0);
    let c = d.config;
    let t = potential_trace(
        d.network,
        d.score,
        neuron,
        c.half_width,
        d.network.threshold(),
        c.silent_level,
        3000,
    )?;
    plot::potential(
        &name("potential.svg"),
        &format!("potential of neuron {neuron} over one period"),
        &t,
    )?;
    let rows: Vec<(usize, f64, f64)> = d
        .cycles
        .iter()
        .map(|r| (r.cycle, r.precision, r.recall))
        .collect();
    plot::cycles(
        &name("cycles-free.svg"),
        "free run from the perfect initial condition",
        &rows,
    )?;
    let rows: Vec<(usize, f64, f64)> = d
        .recall
        .cycles
        .iter()
        .map(|r| (r.cycle, r.all.precision, r.all.recall))
        .collect();
    plot::cycles(
        &name("cycles-recall.svg"),
        "associative recall, all neurons",
        &rows,
    )?;
    let title = format!(
        "jitter map, spectral radius {}",
        crate::table::mag(d.stability.spectral_radius)
    );
    plot::eigenvalues(&name("eigenvalues.svg"), &title, &d.stability.eigenvalues)?;
    Ok(names)
}

fn select(all: &[Vec<f64>], rows: &[usize]) -> Vec<Vec<f64>> {
    rows.iter()
        .map(|&n| all.get(n).cloned().unwrap_or_default())
        .collect()
}
