//! The summary of `quantization`: one row per job (levels), the CSV file, the figures and the
//! Markdown section.

use super::Finished;
use crate::experiments::common::{f3, mean_min, plot_lines};
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use std::path::Path;

/// One memorization (a row of `quantization.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Network index.
    pub net: usize,
    /// Levels (None: continuous L2).
    pub levels: Option<usize>,
    /// Neurons memorized, of `neurons`.
    pub memorized: usize,
    /// Neurons of the network.
    pub neurons: usize,
    /// Neurons out of time.
    pub time_limit: usize,
    /// Wall time of the memorization and median time per neuron.
    pub seconds: (f64, f64),
    /// Rounding alone sufficed, of tried.
    pub rounding: (usize, usize),
    /// Distinct weight values.
    pub distinct_weights: usize,
    /// Spectral radius (None when not defined).
    pub radius: Option<f64>,
    /// Mean and minimum precision over the cycles.
    pub precision: (f64, f64),
    /// Mean and minimum recall over the cycles.
    pub recall: (f64, f64),
}

/// The rows, in the order of the plan (continuous first, then increasing levels).
pub fn rows(done: &[Finished]) -> Vec<Row> {
    done.iter()
        .map(|f| {
            let r = &f.result;
            let of = |pick: fn(&rsnn::prelude::Similarity) -> f64| {
                mean_min(&r.cycles.iter().map(pick).collect::<Vec<_>>())
            };
            Row {
                net: f.job.params.net,
                levels: f.job.params.levels,
                memorized: r.memorize.feasible,
                neurons: r.memorize.neurons,
                time_limit: r.time_limit,
                seconds: (r.memorize.seconds, r.median_seconds),
                rounding: r.rounding,
                distinct_weights: r.distinct_weights,
                radius: r.spectral_radius,
                precision: of(|s| s.precision),
                recall: of(|s| s.recall),
            }
        })
        .collect()
}

fn levels_name(levels: Option<usize>) -> String {
    levels.map_or_else(|| "continuous L2".to_owned(), |q| q.to_string())
}

fn radius(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_owned(), |x| format!("{x:.3e}"))
}

/// Writes `quantization.csv` and the figures; returns the Markdown section.
///
/// Wall times go only into the Markdown table: the CSV file is a function of the seed alone,
/// so that shards merged give the same file as one run.
pub fn summarize(done: &[Finished], dir: &Path) -> Result<String> {
    let rows = rows(done);
    let csv: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.net.to_string(),
                r.levels.map_or_else(String::new, |q| q.to_string()),
                r.memorized.to_string(),
                r.neurons.to_string(),
                r.time_limit.to_string(),
                r.rounding.0.to_string(),
                r.rounding.1.to_string(),
                r.distinct_weights.to_string(),
                r.radius.map_or_else(String::new, |x| x.to_string()),
                r.precision.0.to_string(),
                r.precision.1.to_string(),
                r.recall.0.to_string(),
                r.recall.1.to_string(),
            ]
        })
        .collect();
    let header = [
        "net",
        "levels",
        "memorized",
        "neurons",
        "time_limit",
        "rounding_sufficed",
        "rounding_tried",
        "distinct_weights",
        "spectral_radius",
        "mean_precision",
        "min_precision",
        "mean_recall",
        "min_recall",
    ];
    write_csv(&dir.join("quantization.csv"), &header, &csv)?;
    plot(dir, &rows)?;
    Ok(markdown(&rows))
}

/// Curves against `log2(Q - 1)`: the quantized values, and the continuous value as a line.
fn curves(rows: &[Row], value: impl Fn(&Row) -> Option<f64>) -> Vec<(String, Vec<(f64, f64)>)> {
    let x = |q: usize| ((q - 1) as f64).log2();
    let quantized: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|r| Some((x(r.levels?), value(r)?)))
        .collect();
    let mut out = vec![(
        "quantized (rounding + repair)".to_owned(),
        quantized.clone(),
    )];
    if let (Some(c), Some(first), Some(last)) = (
        rows.iter().find(|r| r.levels.is_none()).and_then(&value),
        quantized.first(),
        quantized.last(),
    ) {
        out.push(("continuous L2".to_owned(), vec![(first.0, c), (last.0, c)]));
    }
    out
}

fn plot(dir: &Path, rows: &[Row]) -> Result<()> {
    plot_lines(
        dir,
        "precision-vs-levels.svg",
        "Free recall at sigma = 0.1: mean precision over the cycles",
        ("log2(Q - 1)", "precision"),
        Some((0.0, 1.02)),
        curves(rows, |r| Some(r.precision.0)),
    )?;
    plot_lines(
        dir,
        "radius-vs-levels.svg",
        "Spectral radius of the jitter map (without the eigenvalue 1)",
        ("log2(Q - 1)", "spectral radius"),
        None,
        curves(rows, |r| r.radius),
    )
}

fn markdown(rows: &[Row]) -> String {
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                levels_name(r.levels),
                format!("{} / {}", r.memorized, r.neurons),
                r.time_limit.to_string(),
                if r.rounding.1 > 0 {
                    format!("{} / {}", r.rounding.0, r.rounding.1)
                } else {
                    "-".to_owned()
                },
                r.distinct_weights.to_string(),
                format!("{:.1} s ({:.3} s)", r.seconds.0, r.seconds.1),
                radius(r.radius),
                format!("{} ({})", f3(r.precision.0), f3(r.precision.1)),
                format!("{} ({})", f3(r.recall.0), f3(r.recall.1)),
            ]
        })
        .collect();
    let mut s = String::from(
        "Figures: [precision against Q](quantization/precision-vs-levels.svg), [spectral \
         radius against Q](quantization/radius-vs-levels.svg). Quantized weights: the L2 \
         solution rounded to the nearest of Q levels over [-0.2, 0.2]; where that violates the \
         template, a dive (progressive rounding with continuous re-solves) and a mixed-integer \
         repair of the last free weights (microlp), 10 s per neuron, firing band 0.1 (spike \
         times within 0.05), verified in continuous time. Spectral radius: with the neurons \
         without weights clamped to the score. Precision and recall: mean (minimum) over the \
         cycles of a free run at sigma = 0.1 (raw data: quantization/quantization.csv):\n\n",
    );
    s.push_str(&table(
        &[
            "levels Q",
            "memorized",
            "out of time or nodes",
            "rounding alone sufficed",
            "distinct weights",
            "time (median per neuron)",
            "spectral radius",
            "precision",
            "recall",
        ],
        &table_rows,
    ));
    crate::experiments::protocol::sections(Some(s), None)
}
