//! The frame shared by the figures (canvas, title, axes, legend) and the output helpers.

use crate::PlotError;
use crate::scale::Scale;
use plotters::prelude::*;
use std::path::Path;

/// Figure size in pixels.
pub const SIZE: (u32, u32) = (960, 600);

/// The cartesian chart the single-panel figures draw on.
pub(crate) type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Scale, Scale>>;

/// Converts a plotters error (which need not be `Send`) into [`PlotError::Draw`].
pub(crate) fn draw_err(figure: &'static str, e: impl std::fmt::Display) -> PlotError {
    PlotError::Draw {
        figure,
        message: e.to_string(),
    }
}

/// Writes an SVG document to `path` atomically (temporary file in the same folder, then rename).
///
/// # Errors
/// [`PlotError::Io`] when the file cannot be written.
pub fn save(path: &Path, svg: &str) -> Result<(), PlotError> {
    rsnn_signal::io::write_atomically(path, svg.as_bytes())?;
    Ok(())
}

/// The frame of a single-panel figure: title, axes, grid and legend position.
pub(crate) struct Frame<'a> {
    /// Which figure (in error messages).
    pub figure: &'static str,
    pub title: &'a str,
    pub x: Scale,
    pub y: Scale,
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    pub grid: bool,
    pub legend: SeriesLabelPosition,
}

/// Renders a figure into an SVG string: a white canvas with the frame's axes, the series drawn
/// by `draw`, then the legend.
pub(crate) fn render_chart(
    frame: &Frame<'_>,
    draw: impl FnOnce(&mut Chart<'_, '_>) -> Result<(), PlotError>,
) -> Result<String, PlotError> {
    let fig = frame.figure;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| draw_err(fig, e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(frame.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(55)
            .build_cartesian_2d(frame.x, frame.y)
            .map_err(|e| draw_err(fig, e))?;
        let mut mesh = chart.configure_mesh();
        if !frame.grid {
            mesh.disable_mesh();
        }
        mesh.x_desc(frame.x_desc)
            .y_desc(frame.y_desc)
            .draw()
            .map_err(|e| draw_err(fig, e))?;
        draw(&mut chart)?;
        chart
            .configure_series_labels()
            .position(frame.legend.clone())
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(|e| draw_err(fig, e))?;
        root.present().map_err(|e| draw_err(fig, e))?;
    }
    Ok(svg)
}

/// The points whose coordinates are both finite (plotters cannot place the others).
pub(crate) fn finite_points(points: impl IntoIterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    points
        .into_iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect()
}

/// Helpers for the tests of the figures.
#[cfg(test)]
pub(crate) mod testing {
    /// The `(attributes, content)` of every `<text>` element of an SVG document.
    pub fn texts(svg: &str) -> Vec<(String, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let close = t.find('>')?;
                let body = &t[close + 1..];
                let end = body.find("</text>")?;
                Some((t[..close].to_owned(), body[..end].trim().to_owned()))
            })
            .collect()
    }

    /// The numeric tick labels of the x axis (centred under it) or of the y axis (right-aligned
    /// left of it).
    pub fn ticks(svg: &str, y_axis: bool) -> Vec<String> {
        let anchor = if y_axis {
            "text-anchor=\"end\""
        } else {
            "text-anchor=\"middle\""
        };
        texts(svg)
            .into_iter()
            .filter(|(attrs, body)| attrs.contains(anchor) && body.parse::<f64>().is_ok())
            .map(|(_, body)| body)
            .collect()
    }

    /// Checks that there are tick labels and that all of them are integers written without a
    /// decimal point.
    pub fn assert_integer_ticks(labels: &[String]) {
        assert!(!labels.is_empty());
        for l in labels {
            assert!(l.parse::<i64>().is_ok(), "tick label {l:?} in {labels:?}");
        }
    }

    /// Checks a rendered figure: an SVG document of some substance.
    pub fn assert_svg(svg: &str) {
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        assert!(svg.len() > 500, "{} bytes", svg.len());
    }
}
