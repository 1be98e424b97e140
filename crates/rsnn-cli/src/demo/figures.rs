//! The demo's figures, drawn from the pipeline's outcome with `rsnn-plot`.

use crate::commands::plot::{potential_trace, prescribed};
use crate::table::mag;
use anyhow::Result;
use rsnn::pipeline::PipelineOutcome;
use rsnn::sim::Recording;
use rsnn_plot as plot;

/// Rows shown in a raster.
const RASTER_ROWS: usize = 60;

/// Samples of the potential figure.
const POTENTIAL_SAMPLES: usize = 3000;

/// Every figure as `(file name, SVG document)`.
///
/// # Errors
/// Drawing failures.
pub fn draw(o: &PipelineOutcome) -> Result<Vec<(&'static str, String)>> {
    let mut figures = vec![
        ("raster-free.svg", raster_free(o)?),
        ("raster-recall.svg", raster_recall(o)?),
        ("potential.svg", potential(o)?),
    ];
    let free: Vec<(usize, f64, f64)> = o
        .free_run
        .measurement
        .cycles
        .iter()
        .map(|r| (r.cycle, r.precision, r.recall))
        .collect();
    let title = "free run from the perfect initial condition";
    figures.push(("cycles-free.svg", plot::cycles_svg(title, &free)?));
    let recall: Vec<(usize, f64, f64)> = o
        .recall
        .record
        .cycles
        .iter()
        .map(|r| (r.cycle, r.all.precision, r.all.recall))
        .collect();
    let title = "associative recall, all neurons";
    figures.push(("cycles-recall.svg", plot::cycles_svg(title, &recall)?));
    let s = &o.stability;
    let title = format!("jitter map, spectral radius {}", mag(s.spectral_radius));
    figures.push((
        "eigenvalues.svg",
        plot::eigenvalues_svg(&title, &s.eigenvalues)?,
    ));
    Ok(figures)
}

/// The first neurons over the first cycles of the free run.
fn raster_free(o: &PipelineOutcome) -> Result<String> {
    let rows: Vec<usize> = (0..o.network.num_neurons().min(RASTER_ROWS)).collect();
    let to = o.free_run.recording.end().min(3.0 * o.score.period());
    let title = format!(
        "free run, neurons 0-{}, first cycles",
        rows.len().saturating_sub(1)
    );
    raster(&title, o, &o.free_run.recording, &rows, to)
}

/// The recall run: prompted rows first, then free ones.
fn raster_recall(o: &PipelineOutcome) -> Result<String> {
    let prompted = &o.recall.record.prompted;
    let half = RASTER_ROWS / 2;
    let mut rows: Vec<usize> = prompted.iter().take(half).copied().collect();
    let shown = rows.len();
    let free = (0..o.network.num_neurons()).filter(|n| prompted.binary_search(n).is_err());
    rows.extend(free.take(RASTER_ROWS - shown));
    let title = format!(
        "associative recall: rows 0-{} prompted, rows {}-{} free",
        shown.saturating_sub(1),
        shown,
        rows.len().saturating_sub(1)
    );
    let end = o.recall.recording.end();
    raster(&title, o, &o.recall.recording, &rows, end)
}

/// Produced over prescribed spikes of the neurons `rows` on `[0, to)`.
fn raster(
    title: &str,
    o: &PipelineOutcome,
    recording: &Recording,
    rows: &[usize],
    to: f64,
) -> Result<String> {
    let window = recording.window(0.0, to);
    let produced: Vec<Vec<f64>> = rows
        .iter()
        .map(|&n| window.get(n).cloned().unwrap_or_default())
        .collect();
    let prescribed = prescribed(&o.score, rows, 0.0, to);
    Ok(plot::raster_svg(title, &prescribed, &produced, (0.0, to))?)
}

/// The potential of the first neuron that fires, over one period, with its template.
fn potential(o: &PipelineOutcome) -> Result<String> {
    let neuron = (0..o.network.num_neurons())
        .find(|&n| o.score.channel(n).is_some_and(|c| !c.is_empty()))
        .unwrap_or(0);
    let c = &o.memorize.config;
    let trace = potential_trace(
        &o.network,
        &o.score,
        neuron,
        c.half_width,
        o.network.threshold(),
        c.silent_level,
        POTENTIAL_SAMPLES,
    )?;
    let title = format!("potential of neuron {neuron} over one period");
    Ok(plot::potential_svg(&title, &trace)?)
}
