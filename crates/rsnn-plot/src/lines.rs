//! A general line chart: several named series of `(x, y)` points.

use crate::PlotError;
use crate::frame::{Frame, draw_err, finite_points, render_chart, save};
use crate::scale::{Scale, checked_range, padded_range};
use plotters::prelude::*;
use std::path::Path;

const FIGURE: &str = "line chart";

/// One named series of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Points, drawn in order and marked; points with a non-finite coordinate are left out.
    pub points: Vec<(f64, f64)>,
}

/// The axes of a line chart: labels, the optional fixed y range, and whether x is an integer
/// quantity (a cycle index, a count), whose ticks then fall on integers only.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes<'a> {
    /// Label of the x axis.
    pub x: &'a str,
    /// Label of the y axis.
    pub y: &'a str,
    /// The y range; `None` fits the data.
    pub y_range: Option<(f64, f64)>,
    /// Ticks and tick labels of the x axis on integers only.
    pub integer_x: bool,
}

impl<'a> Axes<'a> {
    /// Axes labelled `x` and `y`, fitted to the data, with decimal ticks.
    pub fn new(x: &'a str, y: &'a str) -> Self {
        Self {
            x,
            y,
            y_range: None,
            integer_x: false,
        }
    }

    /// The same axes with the y range fixed to `(start, end)`.
    #[must_use]
    pub fn with_y_range(self, start: f64, end: f64) -> Self {
        Self {
            y_range: Some((start, end)),
            ..self
        }
    }

    /// The same axes with integer ticks on the x axis (for a cycle index or a count).
    #[must_use]
    pub fn with_integer_x(self) -> Self {
        Self {
            integer_x: true,
            ..self
        }
    }
}

/// Renders every series as a line with markers, with a legend. The x range fits the data; the
/// y range is `axes.y_range` or fits the data.
///
/// # Errors
/// [`PlotError::InvalidRange`] for a non-finite or empty `axes.y_range`, [`PlotError::Draw`].
pub fn lines_svg(title: &str, axes: &Axes<'_>, series: &[Series]) -> Result<String, PlotError> {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x = padded_range(all().map(|p| p.0), 0.03);
    let y = match axes.y_range {
        Some(r) => checked_range("y range", r)?,
        None => padded_range(all().map(|p| p.1), 0.05),
    };
    let frame = Frame {
        figure: FIGURE,
        title,
        x: if axes.integer_x {
            Scale::integer(x)
        } else {
            Scale::real(x)
        },
        y: Scale::real(y),
        x_desc: axes.x,
        y_desc: axes.y,
        grid: true,
        legend: SeriesLabelPosition::LowerRight,
    };
    render_chart(&frame, |chart| {
        for (i, s) in series.iter().enumerate() {
            let color = Palette99::pick(i).to_rgba();
            let points = finite_points(s.points.iter().copied());
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
                .map_err(|e| draw_err(FIGURE, e))?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, 3, color.filled())),
                )
                .map_err(|e| draw_err(FIGURE, e))?;
        }
        Ok(())
    })
}

/// Draws [`lines_svg`] into the SVG file `path` (written atomically).
///
/// # Errors
/// As [`lines_svg`], and [`PlotError::Io`] when the file cannot be written.
pub fn lines(
    path: &Path,
    title: &str,
    axes: &Axes<'_>,
    series: &[Series],
) -> Result<(), PlotError> {
    save(path, &lines_svg(title, axes, series)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::testing::{assert_integer_ticks, assert_svg, ticks};

    fn series(points: Vec<(f64, f64)>) -> Vec<Series> {
        vec![Series {
            label: "a".into(),
            points,
        }]
    }

    #[test]
    fn an_integer_x_axis_has_integer_ticks_only() {
        for n in [1, 2, 3, 5, 8, 30, 250] {
            let pts = (0..n).map(|c| (c as f64, 0.5 + 0.01 * c as f64)).collect();
            let axes = Axes::new("cycle", "similarity").with_integer_x();
            let svg = lines_svg("per cycle", &axes, &series(pts)).expect("svg");
            assert_svg(&svg);
            assert_integer_ticks(&ticks(&svg, false));
        }
        // Without the declaration, x = 0, 1, 2 gets decimal ticks.
        let pts = vec![(0.0, 0.1), (1.0, 0.2), (2.0, 0.3)];
        let svg = lines_svg("t", &Axes::new("x", "y"), &series(pts)).expect("svg");
        assert!(ticks(&svg, false).iter().any(|l| l.contains('.')));
    }

    #[test]
    fn degenerate_inputs_give_a_figure_or_an_error() {
        let axes = Axes::new("x", "y");
        assert_svg(&lines_svg("none", &axes, &[]).expect("svg"));
        assert_svg(&lines_svg("empty", &axes, &series(vec![])).expect("svg"));
        let nan = vec![
            (f64::NAN, 1.0),
            (1.0, f64::NAN),
            (2.0, 3.0),
            (f64::INFINITY, 0.0),
        ];
        assert_svg(&lines_svg("nan", &axes.clone().with_integer_x(), &series(nan)).expect("svg"));
        for (a, b) in [(1.0, 0.0), (f64::NAN, 1.0), (0.0, 0.0)] {
            assert!(matches!(
                lines_svg("bad", &axes.clone().with_y_range(a, b), &[]),
                Err(PlotError::InvalidRange {
                    what: "y range",
                    ..
                })
            ));
        }
    }
}
