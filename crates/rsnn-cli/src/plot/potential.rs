//! One neuron's potential over a period with its template regions and threshold.

use super::{Frame, draw_chart, draw_err, padded_range};
use anyhow::Result;
use plotters::prelude::*;
use std::path::Path;

/// A sampled potential trace with the template it should satisfy (for display only: the
/// constraints themselves are checked exactly, not on these samples).
#[derive(Debug, Clone, PartialEq)]
pub struct PotentialTrace {
    /// Sample times.
    pub times: Vec<f64>,
    /// Potential at the sample times.
    pub values: Vec<f64>,
    /// Firing threshold.
    pub threshold: f64,
    /// The level the potential must stay below in silent regions.
    pub silent_level: f64,
    /// Prescribed firing times.
    pub firing: Vec<f64>,
    /// Silent regions `(start, end)`.
    pub silent: Vec<(f64, f64)>,
    /// Active regions `(start, end)` where the slope must be steep.
    pub active: Vec<(f64, f64)>,
}

/// Draws the potential with shaded silent (green) and active (orange) regions, the threshold and
/// the prescribed firing times.
///
/// # Errors
/// Drawing or I/O failures.
pub fn potential(path: &Path, title: &str, trace: &PotentialTrace) -> Result<()> {
    let (x0, x1) = padded_range(trace.times.iter().copied(), 0.0);
    let (y0, y1) = padded_range(
        trace
            .values
            .iter()
            .copied()
            .chain([trace.threshold, trace.silent_level]),
        0.05,
    );
    let frame = Frame {
        title,
        x: (x0, x1),
        y: (y0, y1),
        x_desc: "time (refractory periods)",
        y_desc: "potential (thresholds)",
        grid: false,
        legend: SeriesLabelPosition::UpperRight,
    };
    draw_chart(path, &frame, |chart| {
        let green = RGBColor(200, 235, 200);
        let orange = RGBColor(250, 215, 170);
        chart
            .draw_series(
                trace
                    .silent
                    .iter()
                    .map(|&(a, b)| Rectangle::new([(a, y0), (b, y1)], green.filled())),
            )
            .map_err(draw_err)?
            .label("silent region")
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 15, y + 5)], green.filled()));
        chart
            .draw_series(
                trace
                    .active
                    .iter()
                    .map(|&(a, b)| Rectangle::new([(a, y0), (b, y1)], orange.filled())),
            )
            .map_err(draw_err)?
            .label("active region")
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 15, y + 5)], orange.filled()));
        for (level, color, name) in [
            (trace.threshold, RED, "threshold"),
            (trace.silent_level, GREEN, "silent level"),
        ] {
            chart
                .draw_series(LineSeries::new(vec![(x0, level), (x1, level)], color))
                .map_err(draw_err)?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        }
        let pts: Vec<(f64, f64)> = trace
            .times
            .iter()
            .copied()
            .zip(trace.values.iter().copied())
            .collect();
        chart
            .draw_series(LineSeries::new(pts, BLUE.stroke_width(2)))
            .map_err(draw_err)?
            .label("potential")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
        chart
            .draw_series(
                trace
                    .firing
                    .iter()
                    .map(|&t| Circle::new((t, trace.threshold), 5, BLACK.filled())),
            )
            .map_err(draw_err)?
            .label("prescribed spike")
            .legend(|(x, y)| Circle::new((x, y), 4, BLACK.filled()));
        Ok(())
    })
}
