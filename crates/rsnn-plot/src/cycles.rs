//! Precision and recall per cycle.

use crate::PlotError;
use crate::frame::save;
use crate::lines::{Axes, Series, lines_svg};
use std::path::Path;

/// Renders precision and recall against the cycle index (integer ticks); `rows` are
/// `(cycle, precision, recall)`. The y axis spans from just below the lowest value (at most 0.9,
/// at least 0) to 1.01.
///
/// # Errors
/// [`PlotError::Draw`].
pub fn cycles_svg(title: &str, rows: &[(usize, f64, f64)]) -> Result<String, PlotError> {
    let low = rows
        .iter()
        .flat_map(|r| [r.1, r.2])
        .fold(1.0f64, f64::min)
        .clamp(0.0, 0.9);
    let series = |label: &str, pick: fn(&(usize, f64, f64)) -> f64| Series {
        label: label.to_owned(),
        points: rows.iter().map(|r| (r.0 as f64, pick(r))).collect(),
    };
    let axes = Axes::new("cycle", "similarity")
        .with_y_range(low - 0.02, 1.01)
        .with_integer_x();
    lines_svg(
        title,
        &axes,
        &[series("precision", |r| r.1), series("recall", |r| r.2)],
    )
}

/// Draws [`cycles_svg`] into the SVG file `path` (written atomically).
///
/// # Errors
/// As [`cycles_svg`], and [`PlotError::Io`] when the file cannot be written.
pub fn cycles(path: &Path, title: &str, rows: &[(usize, f64, f64)]) -> Result<(), PlotError> {
    save(path, &cycles_svg(title, rows)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::testing::{assert_integer_ticks, assert_svg, ticks};

    #[test]
    fn the_cycle_axis_has_integer_ticks_only() {
        for n in [1, 2, 3, 4, 6, 10, 41] {
            let rows: Vec<_> = (0..n).map(|c| (c, 0.9, 0.95)).collect();
            let svg = cycles_svg("cycles", &rows).expect("svg");
            assert_svg(&svg);
            assert_integer_ticks(&ticks(&svg, false));
        }
    }

    #[test]
    fn degenerate_inputs_give_a_figure() {
        assert_svg(&cycles_svg("empty", &[]).expect("svg"));
        let rows = [(0, f64::NAN, 0.5), (1, 1.0, f64::NAN), (2, -3.0, 7.0)];
        assert_svg(&cycles_svg("nan", &rows).expect("svg"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.svg");
        cycles(&path, "cycles", &[(0, 0.9, 0.95), (1, 0.97, 0.96)]).expect("written");
        assert_svg(&std::fs::read_to_string(&path).expect("read"));
    }
}
