//! The summary of `two-memories`: aggregate the phases' settled similarities, then write the
//! CSV file, the figure and the Markdown section.

use super::Finished;
use crate::experiments::common::{Curves, f3, group, mean_min, plot_lines};
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use rsnn::recipes::SequenceCycle;
use std::path::Path;

/// Similarity at least this high counts as settled on the prompted memory.
const SETTLED: f64 = 0.9;

/// One cycle of one job (a row of `two-memories.csv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleRow<'a> {
    /// Network index.
    pub net: usize,
    /// Fraction of the neurons prompted.
    pub fraction: f64,
    /// The cycle.
    pub cycle: &'a SequenceCycle,
    /// Whether it is the last cycle of its phase.
    pub last_of_phase: bool,
}

impl CycleRow<'_> {
    /// min(precision, recall) against memory `m` (NaN when not measured).
    fn similarity(&self, m: usize) -> f64 {
        self.cycle
            .against
            .get(m)
            .map_or(f64::NAN, |s| s.precision.min(s.recall))
    }
}

/// The similarity with the prompted memory at the end of one phase, over networks.
#[derive(Debug, Clone, PartialEq)]
pub struct SettledRow {
    /// Fraction of the neurons prompted.
    pub fraction: f64,
    /// Phase index.
    pub phase: usize,
    /// Every network's min(precision, recall) against the phase's memory.
    pub values: Vec<f64>,
}

/// Writes `two-memories.csv` and the figure; returns the Markdown section.
pub fn summarize(done: &[Finished], dir: &Path) -> Result<String> {
    let cycles = cycle_rows(done);
    write_cycles(dir, &cycles)?;
    let detail: Vec<CycleRow> = cycles
        .iter()
        .copied()
        .filter(|c| c.net == 0 && c.fraction == 0.5)
        .collect();
    plot_lines(
        dir,
        "network0-half.svg",
        "Two memories, first network, half prompted (memory 0, 1, 0): min(P, R)",
        ("cycle", "similarity"),
        Some((0.0, 1.02)),
        curves(&detail),
    )?;
    Ok(markdown(&settled_rows(&cycles), &detail))
}

/// Every cycle of every job, in job order.
pub fn cycle_rows(done: &[Finished]) -> Vec<CycleRow<'_>> {
    let mut rows = Vec::new();
    for f in done {
        let cycles = &f.result.cycles;
        rows.extend(cycles.iter().enumerate().map(|(i, cycle)| CycleRow {
            net: f.job.params.net,
            fraction: f.job.params.prompted_fraction,
            cycle,
            last_of_phase: cycles.get(i + 1).is_none_or(|n| n.phase != cycle.phase),
        }));
    }
    rows
}

/// The last cycle of every phase, grouped by fraction and phase.
pub fn settled_rows(cycles: &[CycleRow]) -> Vec<SettledRow> {
    let last = cycles.iter().filter(|c| c.last_of_phase);
    group(last.map(|c| ((c.fraction, c.cycle.phase), c.similarity(c.cycle.memory))))
        .into_iter()
        .map(|((fraction, phase), values)| SettledRow {
            fraction,
            phase,
            values,
        })
        .collect()
}

/// min(precision, recall) against each memory per cycle of `detail`.
pub fn curves(detail: &[CycleRow]) -> Curves {
    let points = detail.iter().flat_map(|c| {
        let x = c.cycle.cycle as f64;
        (0..2).map(move |m| (format!("vs memory {m}"), (x, c.similarity(m))))
    });
    group(points)
}

/// Precision and recall against every memory, flattened (p0, r0, p1, r1).
fn against(c: &SequenceCycle) -> impl Iterator<Item = f64> + '_ {
    c.against.iter().flat_map(|s| [s.precision, s.recall])
}

fn write_cycles(dir: &Path, cycles: &[CycleRow]) -> Result<()> {
    let rows: Vec<Vec<String>> = cycles
        .iter()
        .map(|c| {
            let s = c.cycle;
            let mut row = vec![
                c.net.to_string(),
                c.fraction.to_string(),
                s.cycle.to_string(),
            ];
            row.extend([s.memory.to_string(), s.prompting.to_string()]);
            row.extend(against(s).map(|v| v.to_string()));
            row
        })
        .collect();
    let header = ["net", "prompted_fraction", "cycle", "memory", "prompting"];
    let header = [&header[..], &["p0", "r0", "p1", "r1"]].concat();
    write_csv(&dir.join("two-memories.csv"), &header, &rows)
}

fn markdown(settled: &[SettledRow], detail: &[CycleRow]) -> String {
    let mut md = String::from(
        "Figure: [first network, half prompted](two-memories/network0-half.svg).\n\n\
         At the end of each phase (last free cycle), the smaller of precision and recall \
         against the memory prompted in that phase (phases: memory 0, 1, 0):\n\n",
    );
    md.push_str(&settled_table(settled));
    md.push_str(
        "\nFirst network, half of the neurons prompted, per cycle (raw data for all networks: \
         two-memories/two-memories.csv):\n\n",
    );
    md.push_str(&detail_table(detail));
    md.push_str(
        "\nExpected: after each prompt the network settles on the prompted memory (about 0.95) \
         and is unrelated to the other one (about 0.1, the level of chance).\n",
    );
    md
}

fn settled_table(settled: &[SettledRow]) -> String {
    let rows: Vec<Vec<String>> = settled
        .iter()
        .map(|r| {
            let ok = r.values.iter().filter(|&&x| x >= SETTLED).count();
            let (mean, min) = mean_min(&r.values);
            let count = format!("{ok}/{}", r.values.len());
            let (fraction, phase) = (r.fraction.to_string(), r.phase.to_string());
            vec![fraction, phase, f3(mean), f3(min), count]
        })
        .collect();
    let header = [
        "prompted fraction",
        "phase",
        "mean",
        "min",
        "networks >= 0.9",
    ];
    table(&header, &rows)
}

fn detail_table(detail: &[CycleRow]) -> String {
    let rows: Vec<Vec<String>> = detail
        .iter()
        .map(|c| {
            let s = c.cycle;
            let phase = if s.prompting { "prompt" } else { "free" };
            let mut row = vec![s.cycle.to_string(), s.memory.to_string(), phase.to_owned()];
            row.extend(against(s).map(f3));
            row
        })
        .collect();
    let header = ["cycle", "prompted memory", "phase", "P vs 0", "R vs 0"];
    table(&[&header[..], &["P vs 1", "R vs 1"]].concat(), &rows)
}
