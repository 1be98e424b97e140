//! One neuron's potential over a period with its template regions and threshold.

use crate::PlotError;
use crate::frame::{Frame, draw_err, finite_points, render_chart, save};
use crate::scale::{Scale, padded_range};
use plotters::prelude::*;
use std::path::Path;

const FIGURE: &str = "potential";

/// A sampled potential with the template it should satisfy. The samples serve display only:
/// the constraints themselves are checked exactly elsewhere, not on these samples.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PotentialTrace {
    /// Sample times (one per value).
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

/// Renders the potential with shaded silent (green) and active (orange) regions, the threshold,
/// the silent level and the prescribed firing times. The time axis spans the finite sample
/// times; non-finite samples and levels are left out.
///
/// # Errors
/// [`PlotError::LengthMismatch`] when times and values differ in length, [`PlotError::Draw`].
pub fn potential_svg(title: &str, trace: &PotentialTrace) -> Result<String, PlotError> {
    if trace.times.len() != trace.values.len() {
        return Err(PlotError::LengthMismatch {
            what: "potential times and values",
            left: trace.times.len(),
            right: trace.values.len(),
        });
    }
    let (x0, x1) = padded_range(trace.times.iter().copied(), 0.0);
    let levels = [trace.threshold, trace.silent_level];
    let (y0, y1) = padded_range(trace.values.iter().copied().chain(levels), 0.05);
    let frame = Frame {
        figure: FIGURE,
        title,
        x: Scale::real((x0, x1)),
        y: Scale::real((y0, y1)),
        x_desc: "time (refractory periods)",
        y_desc: "potential (thresholds)",
        grid: false,
        legend: SeriesLabelPosition::UpperRight,
    };
    let regions = |list: &[(f64, f64)]| finite_points(list.iter().copied());
    render_chart(&frame, |chart| {
        let green = RGBColor(200, 235, 200);
        let orange = RGBColor(250, 215, 170);
        for (list, color, name) in [
            (&trace.silent, green, "silent region"),
            (&trace.active, orange, "active region"),
        ] {
            chart
                .draw_series(
                    regions(list)
                        .into_iter()
                        .map(|(a, b)| Rectangle::new([(a, y0), (b, y1)], color.filled())),
                )
                .map_err(|e| draw_err(FIGURE, e))?
                .label(name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 15, y + 5)], color.filled())
                });
        }
        for (level, color, name) in [
            (trace.threshold, RED, "threshold"),
            (trace.silent_level, GREEN, "silent level"),
        ] {
            chart
                .draw_series(LineSeries::new(
                    finite_points([(x0, level), (x1, level)]),
                    color,
                ))
                .map_err(|e| draw_err(FIGURE, e))?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        }
        let samples = trace
            .times
            .iter()
            .copied()
            .zip(trace.values.iter().copied());
        chart
            .draw_series(LineSeries::new(
                finite_points(samples),
                BLUE.stroke_width(2),
            ))
            .map_err(|e| draw_err(FIGURE, e))?
            .label("potential")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE));
        let spikes = finite_points(trace.firing.iter().map(|&t| (t, trace.threshold)));
        chart
            .draw_series(
                spikes
                    .into_iter()
                    .map(|p| Circle::new(p, 5, BLACK.filled())),
            )
            .map_err(|e| draw_err(FIGURE, e))?
            .label("prescribed spike")
            .legend(|(x, y)| Circle::new((x, y), 4, BLACK.filled()));
        Ok(())
    })
}

/// Draws [`potential_svg`] into the SVG file `path` (written atomically).
///
/// # Errors
/// As [`potential_svg`], and [`PlotError::Io`] when the file cannot be written.
pub fn potential(path: &Path, title: &str, trace: &PotentialTrace) -> Result<(), PlotError> {
    save(path, &potential_svg(title, trace)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::testing::assert_svg;

    fn trace() -> PotentialTrace {
        PotentialTrace {
            times: vec![0.0, 1.0, 2.0],
            values: vec![0.0, 1.0, -0.5],
            threshold: 1.0,
            silent_level: 0.0,
            firing: vec![1.0],
            silent: vec![(2.0, 9.8)],
            active: vec![(0.8, 1.2)],
        }
    }

    #[test]
    fn renders_and_writes() {
        assert_svg(&potential_svg("neuron 0", &trace()).expect("svg"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.svg");
        potential(&path, "neuron 0", &trace()).expect("written");
        assert_svg(&std::fs::read_to_string(&path).expect("read"));
    }

    #[test]
    fn degenerate_inputs_give_a_figure_or_an_error() {
        assert_svg(&potential_svg("empty", &PotentialTrace::default()).expect("svg"));
        let nan = PotentialTrace {
            values: vec![f64::NAN, 1.0, f64::INFINITY],
            threshold: f64::NAN,
            firing: vec![f64::NAN],
            silent: vec![(f64::NAN, 2.0)],
            ..trace()
        };
        assert_svg(&potential_svg("nan", &nan).expect("svg"));
        let short = PotentialTrace {
            values: vec![1.0],
            ..trace()
        };
        assert!(matches!(
            potential_svg("short", &short),
            Err(PlotError::LengthMismatch {
                left: 3,
                right: 1,
                ..
            })
        ));
    }
}
