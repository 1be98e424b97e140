//! The summary of the original recall protocol: per-cycle means of the control (clamped),
//! autonomous and all neurons, the CSV file, the figures and the Markdown section.

use super::OriginalFinished;
use super::original::STARTS;
use super::summary::{MeanRow, group_curves, mean_rows, runs_rows, write_cycles};
use crate::experiments::common::{f3, group, mean_min, plot_lines, unmemorized_note};
use crate::reproduce::report::table;
use anyhow::Result;
use std::path::Path;

/// One start and sigma of the original protocol, over networks and cycles.
#[derive(Debug, Clone, PartialEq)]
pub struct StartRow {
    /// How the autonomous neurons started.
    pub start: super::Start,
    /// Threshold noise.
    pub sigma: f64,
    /// Mean precision and recall of the autonomous neurons in the first cycle.
    pub first: (f64, f64),
    /// The same in the second cycle (NaN with a single cycle).
    pub second: (f64, f64),
    /// The same in the last cycle.
    pub last: (f64, f64),
    /// Mean precision and recall of all neurons in the last cycle.
    pub all_last: (f64, f64),
    /// Mean precision and recall of the control neurons over every cycle.
    pub control: (f64, f64),
}

/// Writes `recall-original.csv` and the figures; returns the Markdown section.
pub fn summarize(done: &[OriginalFinished], dir: &Path) -> Result<String> {
    let cycles = runs_rows(done.iter().map(|f| (f.job.params.net, &f.result.runs[..])));
    write_cycles(
        dir,
        "recall-original.csv",
        ["control", "autonomous", "all"],
        &cycles,
    )?;
    let means = mean_rows(&cycles);
    for start in STARTS {
        let name = start.name();
        plot_lines(
            dir,
            &format!("recall-original-{name}.svg"),
            &format!("Clamped recall, autonomous neurons start {name}: min(P, R)"),
            (
                "cycle (half of the neurons clamped in every cycle)",
                "similarity",
            ),
            Some((0.0, 1.02)),
            group_curves(start, &means, 1),
        )?;
    }
    let networks = done.len();
    let note = unmemorized_note(done.iter().map(|f| (f.job.params.net, &f.result.memorize)));
    Ok(markdown(&start_rows(&means), networks) + &note)
}

/// The means of every start and sigma, in the order of their first appearance.
pub fn start_rows(means: &[MeanRow]) -> Vec<StartRow> {
    group(means.iter().map(|m| ((m.start, m.sigma), m)))
        .into_iter()
        .map(|((start, sigma), cycles)| {
            let pair = |m: Option<&&MeanRow>, i: usize| {
                m.map_or((f64::NAN, f64::NAN), |m| (m.means[i], m.means[i + 1]))
            };
            let mean =
                |i: usize| mean_min(&cycles.iter().map(|m| m.means[i]).collect::<Vec<_>>()).0;
            StartRow {
                start,
                sigma,
                first: pair(cycles.first(), 2),
                second: pair(cycles.get(1), 2),
                last: pair(cycles.last(), 2),
                all_last: pair(cycles.last(), 4),
                control: (mean(0), mean(1)),
            }
        })
        .collect()
}

fn pr((p, r): (f64, f64)) -> String {
    format!("{} / {}", f3(p), f3(r))
}

fn markdown(rows: &[StartRow], networks: usize) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.start.name().to_owned(),
                r.sigma.to_string(),
                pr(r.first),
                pr(r.second),
                pr(r.last),
                pr(r.all_last),
                pr(r.control),
            ]
        })
        .collect();
    let mut md = format!(
        "Half of the neurons (control) are clamped in every cycle, from cycle -1 on, to fresh \
         jitter-0.1 copies of their trains; the others (autonomous) start silent, on an \
         unrelated random score or on the memory. Mean precision / recall over {networks} \
         network(s) (raw data per cycle: recall/recall-original.csv; figures: \
         [silent](recall/recall-original-silent.svg), \
         [random](recall/recall-original-random.svg), \
         [memory](recall/recall-original-memory.svg)):\n\n"
    );
    let header = [
        "autonomous start",
        "sigma",
        "autonomous, cycle 0",
        "cycle 1",
    ];
    let more = [
        "last cycle",
        "all neurons, last cycle",
        "control, all cycles",
    ];
    md.push_str(&table(&[&header[..], &more[..]].concat(), &body));
    md.push_str(
        "\nExpected (paper): the autonomous neurons complete the memory (about 0.95 at \
         sigma = 0.1) whatever their start; the control neurons replay jittered copies, which \
         score about 0.84 against the score (jitter 0.1 against the triangular kernel of \
         half-width 0.5). The original package's per-cycle values of this protocol are not \
         available for comparison.\n",
    );
    md
}
