//! A general line chart: several named series of `(x, y)` points.

use super::{Frame, draw_chart, draw_err, padded_range};
use anyhow::Result;
use plotters::prelude::*;
use std::path::Path;

/// One named series of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Points, drawn in order and marked.
    pub points: Vec<(f64, f64)>,
}

/// Axis labels and the optional fixed y range of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes<'a> {
    /// Label of the x axis.
    pub x: &'a str,
    /// Label of the y axis.
    pub y: &'a str,
    /// The y range; `None` fits the data.
    pub y_range: Option<(f64, f64)>,
}

/// Draws every series as a line with markers, with a legend.
///
/// # Errors
/// Drawing or I/O failures.
pub fn lines(path: &Path, title: &str, axes: &Axes<'_>, series: &[Series]) -> Result<()> {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let (x0, x1) = padded_range(all().map(|p| p.0), 0.03);
    let (y0, y1) = axes
        .y_range
        .unwrap_or_else(|| padded_range(all().map(|p| p.1), 0.05));
    let frame = Frame {
        title,
        x: (x0, x1),
        y: (y0, y1),
        x_desc: axes.x,
        y_desc: axes.y,
        grid: true,
        legend: SeriesLabelPosition::LowerRight,
    };
    draw_chart(path, &frame, |chart| {
        for (i, s) in series.iter().enumerate() {
            let color = Palette99::pick(i).to_rgba();
            chart
                .draw_series(LineSeries::new(s.points.clone(), color.stroke_width(2)))
                .map_err(draw_err)?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
            chart
                .draw_series(s.points.iter().map(|&p| Circle::new(p, 3, color.filled())))
                .map_err(draw_err)?;
        }
        Ok(())
    })
}
