//! Precision and recall per cycle.

use super::{SIZE, draw_err, write_svg};
use anyhow::Result;
use plotters::prelude::*;
use std::path::Path;

/// Draws precision and recall against the cycle index; `rows` are `(cycle, precision, recall)`.
///
/// # Errors
/// Drawing or I/O failures.
pub fn cycles(path: &Path, title: &str, rows: &[(usize, f64, f64)]) -> Result<()> {
    let last = rows.iter().map(|r| r.0).max().unwrap_or(0) as f64;
    let low = rows
        .iter()
        .flat_map(|r| [r.1, r.2])
        .fold(1.0f64, f64::min)
        .clamp(0.0, 0.9);
    write_svg(path, |svg| {
        let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5..last + 0.5, low - 0.02..1.01)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .x_desc("cycle")
            .y_desc("similarity")
            .draw()
            .map_err(draw_err)?;
        let series = [("precision", 1usize, BLUE), ("recall", 2, RED)];
        for (name, col, color) in series {
            let pts: Vec<(f64, f64)> = rows
                .iter()
                .map(|r| (r.0 as f64, if col == 1 { r.1 } else { r.2 }))
                .collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), color.stroke_width(2)))
                .map_err(draw_err)?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
            chart
                .draw_series(pts.into_iter().map(|p| Circle::new(p, 4, color.filled())))
                .map_err(draw_err)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
        Ok(())
    })
}
