//! Eigenvalues of the jitter-propagation map in the complex plane.

use super::{draw_err, write_svg};
use anyhow::Result;
use plotters::prelude::*;
use std::path::Path;

/// Draws eigenvalues `(re, im)` with the unit circle.
///
/// # Errors
/// Drawing or I/O failures.
pub fn eigenvalues(path: &Path, title: &str, eig: &[(f64, f64)]) -> Result<()> {
    let reach = eig.iter().map(|(r, i)| r.hypot(*i)).fold(1.0f64, f64::max) * 1.1;
    write_svg(path, |svg| {
        let root = SVGBackend::with_string(svg, (640, 640)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(50)
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
            .collect();
        chart
            .draw_series(LineSeries::new(circle, BLACK.mix(0.6)))
            .map_err(draw_err)?
            .label("unit circle")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.6)));
        chart
            .draw_series(eig.iter().map(|&p| Cross::new(p, 4, RED.stroke_width(2))))
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
        root.present().map_err(draw_err)?;
        Ok(())
    })
}
