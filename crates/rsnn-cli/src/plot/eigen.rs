//! Eigenvalues of the jitter-propagation map in the complex plane.

use super::{draw_err, write_svg};
use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Below this magnitude of the non-trivial eigenvalues a zoomed panel is added.
const ZOOM_BELOW: f64 = 0.5;

/// Draws eigenvalues `(re, im)` with the unit circle. When every eigenvalue but the largest one
/// (the trivial eigenvalue 1) is small, a second panel zooms in on them.
///
/// # Errors
/// Drawing or I/O failures.
pub fn eigenvalues(path: &Path, title: &str, eig: &[(f64, f64)]) -> Result<()> {
    let mut magnitudes: Vec<f64> = eig.iter().map(|(r, i)| r.hypot(*i)).collect();
    magnitudes.sort_by(|a, b| b.total_cmp(a));
    let reach = magnitudes.first().copied().unwrap_or(0.0).max(1.0) * 1.1;
    let second = magnitudes.get(1).copied().unwrap_or(0.0);
    let zoom = (second > 0.0 && second < ZOOM_BELOW).then_some(second * 1.2);
    let size = if zoom.is_some() {
        (1200, 620)
    } else {
        (640, 640)
    };
    write_svg(path, |svg| {
        let root = SVGBackend::with_string(svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let root = root.titled(title, ("sans-serif", 20)).map_err(draw_err)?;
        match zoom {
            Some(r) => {
                let (left, right) = root.split_horizontally(600);
                panel(&left, "whole spectrum", reach, eig)?;
                panel(&right, "zoom on the non-trivial eigenvalues", r, eig)?;
            }
            None => panel(&root, "", reach, eig)?,
        }
        root.present().map_err(draw_err)?;
        Ok(())
    })
}

/// One square panel of half-width `reach` around 0.
fn panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    caption: &str,
    reach: f64,
    eig: &[(f64, f64)],
) -> Result<()> {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 16))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(-reach..reach, -reach..reach)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .x_desc("real part")
        .y_desc("imaginary part")
        .draw()
        .map_err(draw_err)?;
    let circle: Vec<(f64, f64)> = (0..=360)
        .map(|k| {
            let a = (k as f64).to_radians();
            (a.cos(), a.sin())
        })
        .filter(|(x, y)| x.abs() <= reach && y.abs() <= reach)
        .collect();
    if !circle.is_empty() {
        chart
            .draw_series(LineSeries::new(circle, BLACK.mix(0.6)))
            .map_err(draw_err)?
            .label("unit circle")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.6)));
    }
    let inside = |p: &&(f64, f64)| p.0.abs() <= reach && p.1.abs() <= reach;
    chart
        .draw_series(
            eig.iter()
                .filter(inside)
                .map(|&p| Cross::new(p, 4, RED.stroke_width(2))),
        )
        .map_err(draw_err)?
        .label("eigenvalues")
        .legend(|(x, y)| Cross::new((x, y), 4, RED.stroke_width(2)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(draw_err)?;
    Ok(())
}
