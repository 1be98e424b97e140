//! The summary of `capacity`: aggregate the trial blocks into (K, T) cells and capacities, then
//! write the CSV file, the figure and the Markdown section.

use super::{Finished, Output, Params, REQUIRED};
use crate::experiments::common::{f3, group, plot_lines};
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;

/// The trials of one number of inputs K and one period T, over all blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// Feasible trials.
    pub feasible: usize,
    /// Trials run.
    pub trials: usize,
    /// Whether some block decided that the period fails.
    pub failed: bool,
}

impl Cell {
    /// Fraction of feasible trials.
    pub fn fraction(&self) -> f64 {
        self.feasible as f64 / self.trials as f64
    }

    fn stored(&self) -> bool {
        !self.failed && self.fraction() >= REQUIRED
    }
}

/// The cells by (K, T).
pub type Cells = BTreeMap<(usize, u64), Cell>;

/// The capacity of one K.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapacityRow {
    /// Number of inputs K.
    pub inputs: usize,
    /// The most trials run at one period.
    pub max_trials: usize,
    /// The longest period stored before the first failing one (None: already the first period
    /// fails).
    pub capacity: Option<u64>,
    /// The first failing period and its fraction of feasible trials (None: none failed).
    pub first_fail: Option<(u64, f64)>,
}

/// Writes `capacity.csv` and the figure; returns the Markdown section.
pub fn summarize(done: &[Finished], dir: &Path) -> Result<String> {
    let cells = cells(done);
    write_cells(dir, &cells)?;
    plot_feasibility(dir, &cells)?;
    Ok(markdown(&capacity_rows(&cells)))
}

/// Sums the blocks that ran into cells (a trial is feasible when memorized and verified).
pub fn cells(done: &[Finished]) -> Cells {
    block_cells(
        done.iter()
            .map(|f| (&f.job.params, &f.result, f.result.statuses.memorized)),
    )
}

/// Sums blocks `(parameters, result, feasible trials)` into cells. Periods beyond the first
/// failing one (per K) are irrelevant to the capacity and are computed or skipped depending on
/// timing and sharding: they are left out.
pub fn block_cells<'a>(blocks: impl IntoIterator<Item = (&'a Params, &'a Output, usize)>) -> Cells {
    let mut cells = Cells::new();
    for (params, result, feasible) in blocks.into_iter().filter(|b| !b.1.skipped) {
        let key = (params.inputs, params.period as u64);
        let cell = cells.entry(key).or_default();
        cell.feasible += feasible;
        cell.trials += result.trials;
        cell.failed |= result.decided_fail;
    }
    let mut first_failing: BTreeMap<usize, u64> = BTreeMap::new();
    for (&(k, t), cell) in &cells {
        if !cell.stored() {
            first_failing.entry(k).or_insert(t);
        }
    }
    cells.retain(|(k, t), _| first_failing.get(k).is_none_or(|&f| *t <= f));
    cells
}

/// The capacity of every K.
pub fn capacity_rows(cells: &Cells) -> Vec<CapacityRow> {
    let by_k = group(cells.iter().map(|(&(k, t), cell)| (k, (t, *cell))));
    by_k.into_iter()
        .map(|(inputs, periods)| {
            let capacity = periods.iter().take_while(|(_, c)| c.stored()).last();
            let first_fail = periods.iter().find(|(_, c)| !c.stored());
            CapacityRow {
                inputs,
                max_trials: periods.iter().map(|(_, c)| c.trials).max().unwrap_or(0),
                capacity: capacity.map(|(t, _)| *t),
                first_fail: first_fail.map(|(t, c)| (*t, c.fraction())),
            }
        })
        .collect()
}

fn write_cells(dir: &Path, cells: &Cells) -> Result<()> {
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|(&(k, t), c)| {
            let fraction = c.fraction().to_string();
            vec![
                k.to_string(),
                t.to_string(),
                c.feasible.to_string(),
                c.trials.to_string(),
                fraction,
            ]
        })
        .collect();
    write_csv(
        &dir.join("capacity.csv"),
        &["inputs", "period", "feasible", "trials", "fraction"],
        &rows,
    )
}

fn plot_feasibility(dir: &Path, cells: &Cells) -> Result<()> {
    let points = cells
        .iter()
        .map(|(&(k, t), c)| (format!("K = {k}"), (t as f64, c.fraction())));
    plot_lines(
        dir,
        "feasibility.svg",
        "Fraction of feasible trials against the period",
        ("period T", "fraction feasible"),
        Some((0.0, 1.02)),
        group(points),
    )
}

/// The columns of a capacity row after K: trials per period, T*, T*/K, the first period below
/// 99%.
pub fn capacity_columns(r: &CapacityRow) -> Vec<String> {
    let k = r.inputs;
    vec![
        r.max_trials.to_string(),
        match (r.capacity, r.first_fail) {
            (None, Some((t, _))) => format!("< {t}"),
            (None, None) => "-".into(),
            (Some(t), None) => format!(">= {t}"),
            (Some(t), Some(_)) => t.to_string(),
        },
        r.capacity
            .map_or("-".into(), |t| format!("{:.3}", t as f64 / k as f64)),
        r.first_fail
            .map_or("none up to the longest period tried".into(), |(t, fr)| {
                format!("T = {t}: {}", f3(fr))
            }),
    ]
}

/// The header of [`capacity_columns`].
pub const CAPACITY_HEADER: [&str; 4] = [
    "trials per period (at most)",
    "T*",
    "T*/K",
    "first T below 99%",
];

fn markdown(capacities: &[CapacityRow]) -> String {
    let rows: Vec<Vec<String>> = capacities
        .iter()
        .map(|r| [vec![r.inputs.to_string()], capacity_columns(r)].concat())
        .collect();
    let mut md = String::from(
        "Capacity T* (largest T with at least 99% feasible trials; raw data: \
         capacity/capacity.csv; figure: [feasibility](capacity/feasibility.svg)):\n\n",
    );
    md.push_str(&table(&[&["K"][..], &CAPACITY_HEADER[..]].concat(), &rows));
    md.push_str(
        "\nReference (paper): the capacity grows linearly in K when the inputs are diverse, \
         so T*/K does not vanish as K grows.\n",
    );
    md
}
