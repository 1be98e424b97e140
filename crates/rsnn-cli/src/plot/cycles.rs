//! Precision and recall per cycle.

use super::{Axes, Series, lines};
use anyhow::Result;
use std::path::Path;

/// Draws precision and recall against the cycle index; `rows` are `(cycle, precision, recall)`.
///
/// # Errors
/// Drawing or I/O failures.
pub fn cycles(path: &Path, title: &str, rows: &[(usize, f64, f64)]) -> Result<()> {
    let low = rows
        .iter()
        .flat_map(|r| [r.1, r.2])
        .fold(1.0f64, f64::min)
        .clamp(0.0, 0.9);
    let series = |label: &str, pick: fn(&(usize, f64, f64)) -> f64| Series {
        label: label.to_owned(),
        points: rows.iter().map(|r| (r.0 as f64, pick(r))).collect(),
    };
    let axes = Axes {
        x: "cycle",
        y: "similarity",
        y_range: Some((low - 0.02, 1.01)),
    };
    lines(
        path,
        title,
        &axes,
        &[series("precision", |r| r.1), series("recall", |r| r.2)],
    )
}
