//! Raster plot of prescribed versus produced spikes.

use super::{Frame, draw_chart, draw_err};
use anyhow::Result;
use plotters::prelude::*;
use std::path::Path;

/// Draws prescribed spikes (grey bars) and produced spikes (blue dots), one row per neuron, over
/// `window = (start, end)`.
///
/// # Errors
/// Drawing or I/O failures.
pub fn raster(
    path: &Path,
    title: &str,
    prescribed: &[Vec<f64>],
    produced: &[Vec<f64>],
    window: (f64, f64),
) -> Result<()> {
    let rows = prescribed.len().max(produced.len()).max(1);
    let frame = Frame {
        title,
        x: window,
        y: (-0.5, rows as f64 - 0.5),
        x_desc: "time (refractory periods)",
        y_desc: "neuron",
        grid: false,
        legend: SeriesLabelPosition::UpperRight,
    };
    draw_chart(path, &frame, |chart| {
        let inside = |t: &f64| *t >= window.0 && *t <= window.1;
        let grey = RGBColor(130, 130, 130).stroke_width(2);
        chart
            .draw_series(prescribed.iter().enumerate().flat_map(|(n, ts)| {
                ts.iter().copied().filter(inside).map(move |t| {
                    PathElement::new(vec![(t, n as f64 - 0.45), (t, n as f64 + 0.45)], grey)
                })
            }))
            .map_err(draw_err)?
            .label("prescribed")
            .legend(move |(x, y)| PathElement::new(vec![(x, y - 6), (x, y + 6)], grey));
        chart
            .draw_series(produced.iter().enumerate().flat_map(|(n, ts)| {
                ts.iter()
                    .copied()
                    .filter(inside)
                    .map(move |t| Circle::new((t, n as f64), 2, BLUE.filled()))
            }))
            .map_err(draw_err)?
            .label("produced")
            .legend(|(x, y)| Circle::new((x, y), 3, BLUE.filled()));
        Ok(())
    })
}
