//! The summary of `recall`: aggregate the runs into per-cycle means, then write the CSV file,
//! the figures and the Markdown section.

use super::{Finished, RecallRun, Start};
use crate::experiments::common::{Curves, f3, group, mean_min, plot_lines, unmemorized_note};
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use rsnn::prelude::Similarity;
use std::path::Path;

/// One cycle of one run (a row of `recall.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct CycleRow {
    /// Network index.
    pub net: usize,
    /// How the others started.
    pub start: Start,
    /// Threshold noise.
    pub sigma: f64,
    /// Cycle index (the prompt is replayed in the first cycles).
    pub cycle: usize,
    /// Precision and recall of the prompted, the free and all neurons.
    pub groups: [Similarity; 3],
}

impl CycleRow {
    /// Precision and recall of prompted, free and all neurons, in this order.
    fn values(&self) -> [f64; 6] {
        let [p, f, a] = self.groups;
        [
            p.precision,
            p.recall,
            f.precision,
            f.recall,
            a.precision,
            a.recall,
        ]
    }
}

/// Means over networks of one start, sigma and cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct MeanRow {
    /// How the others started.
    pub start: Start,
    /// Threshold noise.
    pub sigma: f64,
    /// Cycle index.
    pub cycle: usize,
    /// Mean precision and recall of prompted, free and all neurons.
    pub means: [f64; 6],
}

/// Writes `recall.csv` and the figures; returns the Markdown section.
pub fn summarize(done: &[Finished], dir: &Path) -> Result<String> {
    let cycles = cycle_rows(done);
    write_cycles(dir, "recall.csv", ["prompted", "free", "all"], &cycles)?;
    let means = mean_rows(&cycles);
    for start in Start::ALL {
        plot_start(dir, start, &means)?;
    }
    let note = unmemorized_note(done.iter().map(|f| (f.job.params.net, &f.result.memorize)));
    Ok(markdown(&means) + &note)
}

/// The similarity of an empty group (never the case in this experiment, whose prompted
/// fraction is strictly between 0 and 1): NaN in the tables.
const UNDEFINED: Similarity = Similarity {
    precision: f64::NAN,
    recall: f64::NAN,
};

/// Every cycle of every run, in job order.
pub fn cycle_rows(done: &[Finished]) -> Vec<CycleRow> {
    runs_rows(done.iter().map(|f| (f.job.params.net, &f.result.runs[..])))
}

/// Every cycle of the runs of each network `(net, runs)`, in the order given.
pub fn runs_rows<'a>(
    networks: impl IntoIterator<Item = (usize, &'a [RecallRun])>,
) -> Vec<CycleRow> {
    let mut rows = Vec::new();
    for (net, runs) in networks {
        for run in runs {
            rows.extend(run.cycles.iter().map(|c| CycleRow {
                net,
                start: run.start,
                sigma: run.sigma,
                cycle: c.cycle,
                groups: [
                    c.prompted.unwrap_or(UNDEFINED),
                    c.free.unwrap_or(UNDEFINED),
                    c.all,
                ],
            }));
        }
    }
    rows
}

/// Means over networks per start, sigma and cycle.
pub fn mean_rows(cycles: &[CycleRow]) -> Vec<MeanRow> {
    group(
        cycles
            .iter()
            .map(|c| ((c.start, c.sigma, c.cycle), c.values())),
    )
    .into_iter()
    .map(|((start, sigma, cycle), values)| {
        let means =
            std::array::from_fn(|i| mean_min(&values.iter().map(|v| v[i]).collect::<Vec<_>>()).0);
        MeanRow {
            start,
            sigma,
            cycle,
            means,
        }
    })
    .collect()
}

/// For one start, min(mean precision, mean recall) of all neurons per cycle, one curve per
/// sigma.
pub fn start_curves(start: Start, means: &[MeanRow]) -> Curves {
    group_curves(start, means, 2)
}

/// For one start, min(mean precision, mean recall) of the neurons of `set` (0 prompted, 1
/// free, 2 all) per cycle, one curve per sigma.
pub fn group_curves(start: Start, means: &[MeanRow], set: usize) -> Curves {
    let points = means.iter().filter(|m| m.start == start).map(|m| {
        let (p, r) = (m.means[2 * set], m.means[2 * set + 1]);
        (format!("sigma = {}", m.sigma), (m.cycle as f64, p.min(r)))
    });
    group(points)
}

/// Writes the cycles into `dir/file`, naming the three sets of neurons `sets` in the header.
pub fn write_cycles(dir: &Path, file: &str, sets: [&str; 3], cycles: &[CycleRow]) -> Result<()> {
    let rows: Vec<Vec<String>> = cycles
        .iter()
        .map(|c| {
            let mut row = vec![
                c.net.to_string(),
                c.start.name().to_owned(),
                c.sigma.to_string(),
            ];
            row.push(c.cycle.to_string());
            row.extend(c.values().iter().map(f64::to_string));
            row
        })
        .collect();
    let mut header: Vec<String> = ["net", "start", "sigma", "cycle"]
        .map(String::from)
        .to_vec();
    for set in sets {
        header.extend([format!("{set}_precision"), format!("{set}_recall")]);
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_csv(&dir.join(file), &header, &rows)
}

fn plot_start(dir: &Path, start: Start, means: &[MeanRow]) -> Result<()> {
    let name = start.name();
    plot_lines(
        dir,
        &format!("recall-{name}.svg"),
        &format!("Associative recall, others start {name}: all neurons, min(P, R)"),
        ("cycle (prompt in cycles 0 and 1)", "similarity"),
        Some((0.0, 1.02)),
        start_curves(start, means),
    )
}

fn markdown(means: &[MeanRow]) -> String {
    let rows: Vec<Vec<String>> = means
        .iter()
        .map(|m| {
            let mut row = vec![
                m.start.name().to_owned(),
                m.sigma.to_string(),
                m.cycle.to_string(),
            ];
            row.extend(m.means.iter().map(|x| f3(*x)));
            row
        })
        .collect();
    let mut md = String::from(
        "Figures: [others silent](recall/recall-silent.svg), \
         [others on a random score](recall/recall-random.svg).\n\n\
         Mean over networks per cycle (the prompt is replayed in cycles 0 and 1; raw data: \
         recall/recall.csv):\n\n",
    );
    let header = ["others start", "sigma", "cycle", "prompted P", "prompted R"];
    let more = ["free P", "free R", "all P", "all R"];
    md.push_str(&table(&[&header[..], &more[..]].concat(), &rows));
    md.push_str(
        "\nReference (paper): once all neurons run freely, precision and recall of all neurons \
         reach about 0.95. Reference (the original package's shipped networks, L = 200, \
         K = 500, T = 50, half of the neurons prompted): its L2 network recalls the memory \
         (0.953 / 0.955 after the prompt), its L1 network does not (0.14 / 0.09).\n",
    );
    md
}
