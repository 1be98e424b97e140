//! Eigenvalues of the jitter-propagation map in the complex plane.

use crate::PlotError;
use crate::frame::{draw_err, finite_points, save};
use crate::scale::Scale;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

const FIGURE: &str = "eigenvalues";

/// Below this magnitude of the non-trivial eigenvalues a zoomed panel is added.
const ZOOM_BELOW: f64 = 0.5;

/// Renders eigenvalues `(re, im)` with the unit circle. When every eigenvalue but the largest
/// one (the trivial eigenvalue 1) is small, a second panel zooms in on them. Eigenvalues with a
/// non-finite part are left out.
///
/// # Errors
/// [`PlotError::Draw`].
pub fn eigenvalues_svg(title: &str, eig: &[(f64, f64)]) -> Result<String, PlotError> {
    let eig = finite_points(eig.iter().copied());
    let mut magnitudes: Vec<f64> = eig.iter().map(|(r, i)| r.hypot(*i)).collect();
    magnitudes.sort_by(|a, b| b.total_cmp(a));
    let largest = magnitudes.first().copied().unwrap_or(0.0);
    let reach = if largest.is_finite() {
        largest.max(1.0) * 1.1
    } else {
        1.1
    };
    let second = magnitudes.get(1).copied().unwrap_or(0.0);
    let zoom = (second > 0.0 && second < ZOOM_BELOW).then_some(second * 1.2);
    let size = if zoom.is_some() {
        (1200, 620)
    } else {
        (640, 640)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(|e| draw_err(FIGURE, e))?;
        let root = root
            .titled(title, ("sans-serif", 20))
            .map_err(|e| draw_err(FIGURE, e))?;
        match zoom {
            Some(r) => {
                let (left, right) = root.split_horizontally(600);
                panel(&left, "whole spectrum", reach, &eig)?;
                panel(&right, "zoom on the non-trivial eigenvalues", r, &eig)?;
            }
            None => panel(&root, "", reach, &eig)?,
        }
        root.present().map_err(|e| draw_err(FIGURE, e))?;
    }
    Ok(svg)
}

/// Draws [`eigenvalues_svg`] into the SVG file `path` (written atomically).
///
/// # Errors
/// As [`eigenvalues_svg`], and [`PlotError::Io`] when the file cannot be written.
pub fn eigenvalues(path: &Path, title: &str, eig: &[(f64, f64)]) -> Result<(), PlotError> {
    save(path, &eigenvalues_svg(title, eig)?)
}

/// One square panel of half-width `reach` around 0.
fn panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    caption: &str,
    reach: f64,
    eig: &[(f64, f64)],
) -> Result<(), PlotError> {
    let err = |e: DrawingAreaErrorKind<_>| draw_err(FIGURE, e);
    let axis = Scale::real((-reach, reach));
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 16))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(axis, axis)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("real part")
        .y_desc("imaginary part")
        .draw()
        .map_err(err)?;
    let circle: Vec<(f64, f64)> = (0..=360)
        .map(|k| {
            let a = f64::from(k).to_radians();
            (a.cos(), a.sin())
        })
        .filter(|(x, y)| x.abs() <= reach && y.abs() <= reach)
        .collect();
    if !circle.is_empty() {
        chart
            .draw_series(LineSeries::new(circle, BLACK.mix(0.6)))
            .map_err(err)?
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
        .map_err(err)?
        .label("eigenvalues")
        .legend(|(x, y)| Cross::new((x, y), 4, RED.stroke_width(2)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::testing::assert_svg;

    #[test]
    fn renders_with_and_without_the_zoom() {
        let zoomed = eigenvalues_svg("eig", &[(1.0, 0.0), (0.1, -0.2), (0.1, 0.2)]).expect("svg");
        assert_svg(&zoomed);
        assert!(zoomed.contains("zoom on the non-trivial eigenvalues"));
        let whole = eigenvalues_svg("eig", &[(1.0, 0.0), (0.9, 0.3)]).expect("svg");
        assert!(!whole.contains("zoom"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("e.svg");
        eigenvalues(&path, "eig", &[(1.0, 0.0)]).expect("written");
        assert_svg(&std::fs::read_to_string(&path).expect("read"));
    }

    #[test]
    fn degenerate_inputs_give_a_figure() {
        assert_svg(&eigenvalues_svg("none", &[]).expect("svg"));
        let odd = [
            (f64::NAN, 0.0),
            (f64::INFINITY, 1.0),
            (1e308, 1e308),
            (0.0, 0.0),
        ];
        assert_svg(&eigenvalues_svg("odd", &odd).expect("svg"));
    }
}
