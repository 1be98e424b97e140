//! The summary of the original capacity protocol: the cells and capacity of each template,
//! the CSV file, the figure of both templates and the Markdown section.

use super::OriginalFinished;
use super::summary::{
    CAPACITY_HEADER, CapacityRow, Cells, block_cells, capacity_columns, capacity_rows,
};
use super::templates::feasible;
use crate::experiments::common::plot_lines;
use crate::experiments::protocol::Template;
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use std::path::Path;

/// The cells of each template (periods after its first failing one left out).
pub fn template_cells(done: &[OriginalFinished]) -> Vec<(Template, Cells)> {
    Template::ALL
        .into_iter()
        .map(|template| {
            let blocks = done.iter().map(|f| {
                let block = f.result.get(template);
                (&f.job.params, block, feasible(template, &block.statuses))
            });
            (template, block_cells(blocks))
        })
        .collect()
}

/// The capacity of every K and template, by K then template.
pub fn template_capacities(cells: &[(Template, Cells)]) -> Vec<(Template, CapacityRow)> {
    let mut rows: Vec<(Template, CapacityRow)> = cells
        .iter()
        .flat_map(|(template, cells)| capacity_rows(cells).into_iter().map(|r| (*template, r)))
        .collect();
    rows.sort_by_key(|(template, r)| (r.inputs, *template));
    rows
}

/// Writes `capacity-original.csv` and the figure `templates.svg`; returns the Markdown section.
pub fn summarize(done: &[OriginalFinished], dir: &Path) -> Result<String> {
    let cells = template_cells(done);
    let mut rows = Vec::new();
    let mut series = Vec::new();
    for (template, cells) in &cells {
        for (&(k, t), c) in cells {
            rows.push(vec![
                template.name().to_owned(),
                k.to_string(),
                t.to_string(),
                c.feasible.to_string(),
                c.trials.to_string(),
                c.fraction().to_string(),
            ]);
        }
        let by_k = crate::experiments::common::group(
            cells
                .iter()
                .map(|(&(k, t), c)| (k, (t as f64, c.fraction()))),
        );
        series.extend(
            by_k.into_iter()
                .map(|(k, points)| (format!("K = {k}, {}", template.name()), points)),
        );
    }
    let header = [
        "template", "inputs", "period", "feasible", "trials", "fraction",
    ];
    write_csv(&dir.join("capacity-original.csv"), &header, &rows)?;
    plot_lines(
        dir,
        "templates.svg",
        "Fraction of feasible trials against the period, both templates",
        ("period T", "fraction feasible"),
        Some((0.0, 1.02)),
        series,
    )?;
    Ok(markdown(&template_capacities(&cells)))
}

fn markdown(rows: &[(Template, CapacityRow)]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|(template, r)| {
            let head = vec![r.inputs.to_string(), template.name().to_owned()];
            [head, capacity_columns(r)].concat()
        })
        .collect();
    let mut md = String::from(
        "Periods from T = 20; every trial is solved with both templates: the published grid \
         template with the objective none (a simplex vertex), as the original scripts, and the \
         continuous template with L2 (feasibility does not depend on the objective, and \
         constraint generation from simplex vertices does not converge at large T). A trial \
         counts as feasible with the continuous template when the neuron is memorized and \
         verified in continuous time, with the published template when its grid problem is \
         feasible (as the original scripts counted). Raw data: capacity/capacity-original.csv; \
         figure: [both templates](capacity/templates.svg).\n\n",
    );
    md.push_str(&table(
        &[&["K", "template"][..], &CAPACITY_HEADER[..]].concat(),
        &body,
    ));
    md.push_str(
        "\nReference (paper, published template): the capacity grows linearly in K, so T*/K \
         does not vanish as K grows.\n",
    );
    md
}
