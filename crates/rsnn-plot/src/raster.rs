//! Raster plot of prescribed versus produced spikes.

use crate::PlotError;
use crate::frame::{Frame, draw_err, render_chart, save};
use crate::scale::{Scale, checked_range};
use plotters::prelude::*;
use std::path::Path;

const FIGURE: &str = "raster";

/// Renders prescribed spikes (grey bars) and produced spikes (blue dots), one row per neuron
/// (row `n` of both lists is neuron axis value `n`, labelled with integers only), over
/// `window = (start, end)`; spikes outside the window and non-finite times are left out.
///
/// # Errors
/// [`PlotError::InvalidRange`] for a non-finite or empty window, [`PlotError::Draw`].
pub fn raster_svg(
    title: &str,
    prescribed: &[Vec<f64>],
    produced: &[Vec<f64>],
    window: (f64, f64),
) -> Result<String, PlotError> {
    let window = checked_range("window", window)?;
    let rows = prescribed.len().max(produced.len()).max(1);
    let frame = Frame {
        figure: FIGURE,
        title,
        x: Scale::real(window),
        y: Scale::integer((-0.5, rows as f64 - 0.5)),
        x_desc: "time (refractory periods)",
        y_desc: "neuron",
        grid: false,
        legend: SeriesLabelPosition::UpperRight,
    };
    render_chart(&frame, |chart| {
        let inside = |t: &f64| *t >= window.0 && *t <= window.1;
        let grey = RGBColor(130, 130, 130).stroke_width(2);
        chart
            .draw_series(prescribed.iter().enumerate().flat_map(|(n, ts)| {
                ts.iter().copied().filter(inside).map(move |t| {
                    PathElement::new(vec![(t, n as f64 - 0.45), (t, n as f64 + 0.45)], grey)
                })
            }))
            .map_err(|e| draw_err(FIGURE, e))?
            .label("prescribed")
            .legend(move |(x, y)| PathElement::new(vec![(x, y - 6), (x, y + 6)], grey));
        chart
            .draw_series(produced.iter().enumerate().flat_map(|(n, ts)| {
                ts.iter()
                    .copied()
                    .filter(inside)
                    .map(move |t| Circle::new((t, n as f64), 2, BLUE.filled()))
            }))
            .map_err(|e| draw_err(FIGURE, e))?
            .label("produced")
            .legend(|(x, y)| Circle::new((x, y), 3, BLUE.filled()));
        Ok(())
    })
}

/// Draws [`raster_svg`] into the SVG file `path` (written atomically).
///
/// # Errors
/// As [`raster_svg`], and [`PlotError::Io`] when the file cannot be written.
pub fn raster(
    path: &Path,
    title: &str,
    prescribed: &[Vec<f64>],
    produced: &[Vec<f64>],
    window: (f64, f64),
) -> Result<(), PlotError> {
    save(path, &raster_svg(title, prescribed, produced, window)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::testing::{assert_integer_ticks, assert_svg, ticks};

    #[test]
    fn neuron_axis_has_integer_ticks_only() {
        for rows in [1, 2, 3, 4, 7, 12, 60, 333] {
            let prescribed: Vec<Vec<f64>> = (0..rows).map(|n| vec![n as f64 % 10.0]).collect();
            let svg = raster_svg("raster", &prescribed, &[vec![1.1]], (0.0, 10.0)).expect("svg");
            assert_svg(&svg);
            let labels = ticks(&svg, true);
            assert_integer_ticks(&labels);
            assert!(labels.iter().all(|l| l != "2.5" && l != "-0.5"));
            // The time axis keeps its decimal ticks.
            assert!(ticks(&svg, false).contains(&"5.0".to_owned()));
        }
    }

    #[test]
    fn degenerate_inputs_give_a_figure_or_an_error() {
        assert_svg(&raster_svg("empty", &[], &[], (0.0, 1.0)).expect("svg"));
        let nan = [vec![f64::NAN, 0.5, f64::INFINITY]];
        assert_svg(&raster_svg("nan", &nan, &nan, (0.0, 1.0)).expect("svg"));
        for window in [
            (1.0, 1.0),
            (2.0, 1.0),
            (f64::NAN, 1.0),
            (0.0, f64::INFINITY),
        ] {
            assert!(matches!(
                raster_svg("bad", &[], &[], window),
                Err(PlotError::InvalidRange { what: "window", .. })
            ));
        }
    }

    #[test]
    fn writes_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.svg");
        raster(
            &path,
            "raster",
            &[vec![1.0, 5.0], vec![]],
            &[vec![1.1], vec![7.0]],
            (0.0, 10.0),
        )
        .expect("written");
        assert_svg(&std::fs::read_to_string(&path).expect("read"));
        let missing = dir.path().join("no/such/dir/r.svg");
        assert!(matches!(
            raster(&missing, "raster", &[], &[], (0.0, 1.0)),
            Err(PlotError::Io { path, .. }) if path == missing
        ));
    }
}
