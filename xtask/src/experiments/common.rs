//! Pieces shared by the experiments: building a random network with its score, memorizing,
//! summarizing similarities.

use anyhow::Result;
use rsnn::prelude::*;

/// The size of a random network and its scores.
pub use rsnn::recipes::NetworkSpec as NetSpec;

/// Samples `memories` scores and a fixed in-degree network with master seed `seed` (weights
/// still zero), by the facade's seed policy.
pub fn build(spec: &NetSpec, memories: usize, seed: u64) -> Result<(Vec<Score>, Network)> {
    Ok(spec.sample(memories, &rsnn::seeds::Seeds::new(seed))?)
}

/// Memorizes `scores` with `objective` and summarizes the report as JSON.
pub fn memorize(
    network: &mut Network,
    scores: &[Score],
    objective: Objective,
) -> Result<(NetworkReport, serde_json::Value)> {
    let config = MemorizeConfig {
        objective,
        ..Default::default()
    };
    let report = memorize_network(network, scores, &config, |_, _| {})?;
    let summary = serde_json::json!({
        "neurons": report.neurons.len(),
        "feasible": report.num_memorized(),
        "infeasible": report.infeasible().len(),
        "seconds": report.seconds,
        "max_violation": report.max_violation(),
        "mean_rounds": report.mean_rounds(),
        "mean_constraints": report.mean_constraints(),
    });
    Ok((report, summary))
}

/// The objectives by name (`none`, `l1`, `l2`, `linf`).
pub fn objective(name: &str) -> Result<Objective> {
    Ok(name.parse()?)
}

/// Mean and minimum of a list (NaN when empty).
pub fn mean_min(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (mean, values.iter().copied().fold(f64::INFINITY, f64::min))
}

/// Formats a number with 3 decimals (or `-` for NaN).
pub fn f3(x: f64) -> String {
    if x.is_nan() {
        "-".to_owned()
    } else {
        format!("{x:.3}")
    }
}

/// Reads a field of a JSON value as f64 (NaN when absent).
pub fn num(v: &serde_json::Value, key: &str) -> f64 {
    v.get(key)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(f64::NAN)
}

/// Draws a line chart `dir/name` with one series per `(label, points)`; `y_range` fixes the y
/// axis (None fits the data). An x axis whose label starts with "cycle" is a cycle index and
/// gets integer ticks only.
pub fn plot_lines(
    dir: &std::path::Path,
    name: &str,
    title: &str,
    (x, y): (&str, &str),
    y_range: Option<(f64, f64)>,
    series: Vec<(String, Vec<(f64, f64)>)>,
) -> Result<()> {
    use rsnn_plot::{Axes, Series, lines};
    let series: Vec<Series> = series
        .into_iter()
        .map(|(label, points)| Series { label, points })
        .collect();
    let axes = Axes {
        x,
        y,
        y_range,
        integer_x: x.starts_with("cycle"),
    };
    Ok(lines(&dir.join(name), title, &axes, &series)?)
}
