//! The summary of the original two-memories protocol: the memorization of each template, the
//! similarity at the end of each phase, the CSV file and the Markdown section.

use super::OriginalFinished;
use crate::experiments::common::{f3, group, mean_min};
use crate::experiments::protocol::Template;
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use std::path::Path;

/// Similarity at least this high counts as settled on the prompted memory.
const SETTLED: f64 = 0.9;

/// The memorization with one template over the networks.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    /// The template.
    pub template: Template,
    /// Networks.
    pub networks: usize,
    /// Neurons per network.
    pub neurons: usize,
    /// Mean neurons per network memorized (verified), unverified, infeasible, failed.
    pub statuses: [f64; 4],
    /// Mean memorization time.
    pub seconds: f64,
}

/// The end of one phase with one template, over the networks.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseRow {
    /// The template.
    pub template: Template,
    /// Phase index.
    pub phase: usize,
    /// The memory prompted in the phase.
    pub memory: usize,
    /// Every network's min(precision, recall) against the prompted memory in the last cycle of
    /// the phase.
    pub prompted: Vec<f64>,
    /// The same against the other memory.
    pub other: Vec<f64>,
}

/// Writes `two-memories-original.csv`; returns the Markdown section.
pub fn summarize(done: &[OriginalFinished], dir: &Path) -> Result<String> {
    write_cycles(dir, done)?;
    Ok(markdown(&template_rows(done), &phase_rows(done)))
}

/// The memorization per template, in the order of the first job of each.
pub fn template_rows(done: &[OriginalFinished]) -> Vec<TemplateRow> {
    group(done.iter().map(|f| (f.job.params.template, f)))
        .into_iter()
        .map(|(template, jobs)| {
            let mean = |v: fn(&OriginalFinished) -> f64| {
                mean_min(&jobs.iter().map(|f| v(f)).collect::<Vec<_>>()).0
            };
            TemplateRow {
                template,
                networks: jobs.len(),
                neurons: jobs[0].result.memorize.neurons,
                statuses: [
                    mean(|f| f.result.statuses.memorized as f64),
                    mean(|f| f.result.statuses.unverified as f64),
                    mean(|f| f.result.statuses.infeasible as f64),
                    mean(|f| f.result.statuses.failed as f64),
                ],
                seconds: mean(|f| f.result.memorize.seconds),
            }
        })
        .collect()
}

/// The last cycle of every phase, per template and phase.
pub fn phase_rows(done: &[OriginalFinished]) -> Vec<PhaseRow> {
    let ends = done.iter().flat_map(|f| {
        let cycles = &f.result.cycles;
        cycles.iter().enumerate().filter_map(move |(i, c)| {
            let last = cycles.get(i + 1).is_none_or(|n| n.phase != c.phase);
            let sim = |m: usize| {
                c.against
                    .get(m)
                    .map_or(f64::NAN, |s| s.precision.min(s.recall))
            };
            last.then(|| {
                let key = (f.job.params.template, c.phase, c.memory);
                (key, (sim(c.memory), sim(1 - c.memory.min(1))))
            })
        })
    });
    group(ends)
        .into_iter()
        .map(|((template, phase, memory), values)| PhaseRow {
            template,
            phase,
            memory,
            prompted: values.iter().map(|v| v.0).collect(),
            other: values.iter().map(|v| v.1).collect(),
        })
        .collect()
}

fn write_cycles(dir: &Path, done: &[OriginalFinished]) -> Result<()> {
    let mut rows = Vec::new();
    for f in done {
        for c in &f.result.cycles {
            let mut row = vec![
                f.job.params.net.to_string(),
                f.job.params.template.name().to_owned(),
                c.cycle.to_string(),
                c.memory.to_string(),
                c.prompting.to_string(),
            ];
            row.extend(
                c.against
                    .iter()
                    .flat_map(|s| [s.precision.to_string(), s.recall.to_string()]),
            );
            rows.push(row);
        }
    }
    let header = ["net", "template", "cycle", "memory", "prompting"];
    write_csv(
        &dir.join("two-memories-original.csv"),
        &[&header[..], &["p0", "r0", "p1", "r1"]].concat(),
        &rows,
    )
}

fn markdown(templates: &[TemplateRow], phases: &[PhaseRow]) -> String {
    let mut md = String::from(
        "Two scores of period 50 (at full scale) in one network, memorized with each template; \
         150 of 200 neurons prompted for 1 cycle, then 3 free cycles, memory 0, 1, 0, silent \
         start (raw data: two-memories/two-memories-original.csv). Neurons per network by \
         memorization status (means over networks; unverified: weights found that violate \
         the continuous template; a neuron without weights stays silent):\n\n",
    );
    let rows: Vec<Vec<String>> = templates
        .iter()
        .map(|r| {
            let mut row = vec![r.template.name().to_owned(), r.networks.to_string()];
            row.extend(r.statuses.map(|x| format!("{x:.1}/{}", r.neurons)));
            row.push(format!("{:.1}", r.seconds));
            row
        })
        .collect();
    let header = ["template", "networks", "memorized", "unverified"];
    let more = ["infeasible", "failed", "seconds"];
    md.push_str(&table(&[&header[..], &more[..]].concat(), &rows));
    md.push_str(
        "\nAt the end of each phase, min(precision, recall) of all neurons against the prompted \
         memory and against the other one (mean and minimum over networks):\n\n",
    );
    let rows: Vec<Vec<String>> = phases
        .iter()
        .map(|r| {
            let (mean, min) = mean_min(&r.prompted);
            let ok = r.prompted.iter().filter(|&&x| x >= SETTLED).count();
            vec![
                r.template.name().to_owned(),
                r.phase.to_string(),
                r.memory.to_string(),
                f3(mean),
                f3(min),
                format!("{ok}/{}", r.prompted.len()),
                f3(mean_min(&r.other).0),
            ]
        })
        .collect();
    let header = ["template", "phase", "memory", "vs prompted: mean", "min"];
    let more = ["networks >= 0.9", "vs other: mean"];
    md.push_str(&table(&[&header[..], &more[..]].concat(), &rows));
    md.push_str(
        "\nExpected (original scripts): after each prompt the network settles on the prompted \
         memory (about 0.95) and stays at chance (about 0.1) against the other one.\n",
    );
    md
}
