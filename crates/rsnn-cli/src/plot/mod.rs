//! SVG figures drawn with plotters: spike rasters, a neuron's potential with its template,
//! precision and recall per cycle, and eigenvalues of the jitter map.
//!
//! Every function takes plain data and writes one SVG file atomically.

mod cycles;
mod eigen;
mod lines;
mod potential;
mod raster;

pub use cycles::cycles;
pub use eigen::eigenvalues;
pub use lines::{Axes, Series, lines};
pub use potential::{PotentialTrace, potential};
pub use raster::raster;

use anyhow::{Result, anyhow};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::path::Path;

/// Figure size in pixels.
pub const SIZE: (u32, u32) = (960, 600);

/// Converts any plotters error (which need not be `Send`) into an `anyhow` error.
pub(crate) fn draw_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("drawing failed: {e}")
}

/// Renders into an SVG string with `draw`, then writes the file atomically.
pub(crate) fn write_svg(path: &Path, draw: impl FnOnce(&mut String) -> Result<()>) -> Result<()> {
    let mut svg = String::new();
    draw(&mut svg)?;
    rsnn::signal::io::write_atomically(path, svg.as_bytes())?;
    Ok(())
}

/// The cartesian chart every figure draws on.
pub(crate) type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The frame shared by the figures: title, axis ranges and labels, grid and legend position.
pub(crate) struct Frame<'a> {
    pub title: &'a str,
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    pub grid: bool,
    pub legend: SeriesLabelPosition,
}

/// Draws a figure: a white canvas with the frame's axes, the series drawn by `draw`, then the
/// legend; written atomically to `path`.
pub(crate) fn draw_chart(
    path: &Path,
    frame: &Frame<'_>,
    draw: impl FnOnce(&mut Chart<'_, '_>) -> Result<()>,
) -> Result<()> {
    write_svg(path, |svg| {
        let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(frame.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(55)
            .build_cartesian_2d(frame.x.0..frame.x.1, frame.y.0..frame.y.1)
            .map_err(draw_err)?;
        let mut mesh = chart.configure_mesh();
        if !frame.grid {
            mesh.disable_mesh();
        }
        mesh.x_desc(frame.x_desc)
            .y_desc(frame.y_desc)
            .draw()
            .map_err(draw_err)?;
        draw(&mut chart)?;
        chart
            .configure_series_labels()
            .position(frame.legend.clone())
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
        Ok(())
    })
}

/// `(min, max)` of the values, padded by `pad` of the range (or by 1 when the range is empty).
pub(crate) fn padded_range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = hi - lo;
    if span <= 0.0 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo - pad * span, hi + pad * span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_range_handles_degenerate_input() {
        assert_eq!(padded_range([].into_iter(), 0.1), (-1.0, 1.0));
        assert_eq!(padded_range([2.0].into_iter(), 0.1), (1.0, 3.0));
        let (lo, hi) = padded_range([0.0, 10.0, f64::NAN].into_iter(), 0.1);
        assert!((lo + 1.0).abs() < 1e-12 && (hi - 11.0).abs() < 1e-12);
    }

    #[test]
    fn every_figure_renders() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        raster(
            &p("r.svg"),
            "raster",
            &[vec![1.0, 5.0], vec![]],
            &[vec![1.1], vec![7.0]],
            (0.0, 10.0),
        )
        .unwrap();
        let trace = PotentialTrace {
            times: vec![0.0, 1.0, 2.0],
            values: vec![0.0, 1.0, -0.5],
            threshold: 1.0,
            silent_level: 0.0,
            firing: vec![1.0],
            silent: vec![(2.0, 9.8)],
            active: vec![(0.8, 1.2)],
        };
        potential(&p("p.svg"), "neuron 0", &trace).unwrap();
        cycles(&p("c.svg"), "cycles", &[(0, 0.9, 0.95), (1, 0.97, 0.96)]).unwrap();
        eigenvalues(&p("e.svg"), "eigenvalues", &[(1.0, 0.0), (0.1, -0.2)]).unwrap();
        for n in ["r.svg", "p.svg", "c.svg", "e.svg"] {
            let text = std::fs::read_to_string(p(n)).unwrap();
            assert!(text.starts_with("<svg") && text.len() > 500, "{n}");
        }
    }
}
