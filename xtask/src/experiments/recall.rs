//! `recall`: associative recall. Half of the neurons are prompted with jittered copies of the
//! memory for two cycles while the others start silent (or from an unrelated random score);
//! then every neuron runs freely.

use super::common::{NetSpec, build, f3, mean_min, memorize, num, plot_lines};
use crate::reproduce::report::{Finished, table, write_csv};
use crate::reproduce::{Context, Experiment, Job, Scale};
use anyhow::{Result, bail};
use rsnn::prelude::*;
use rsnn::recipes::{FreeStart, RecallProtocol, associative_recall};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::Path;

/// The experiment.
pub struct Recall;

const STARTS: [&str; 2] = ["silent", "random"];

#[derive(Serialize, Deserialize)]
struct Params {
    net: usize,
    spec: NetSpec,
    sigmas: Vec<f64>,
    prompt_cycles: usize,
    cycles: usize,
}

impl Experiment for Recall {
    fn name(&self) -> &'static str {
        "recall"
    }

    fn description(&self) -> &'static str {
        "Associative recall (L2 objective): half of the neurons are prompted with jitter-0.1 \
         copies of the memory for 2 cycles, the others start silent (or from an unrelated random \
         score); then all run freely. Precision and recall of prompted, free and all neurons."
    }

    fn jobs(&self, scale: Scale) -> Vec<Job> {
        let (nets, spec, sigmas) = match scale {
            Scale::Quick => (
                1,
                NetSpec {
                    neurons: 60,
                    inputs: 500,
                    period: 20.0,
                    rate: 0.2,
                },
                vec![0.1],
            ),
            Scale::Full => (
                3,
                NetSpec {
                    neurons: 200,
                    inputs: 500,
                    period: 50.0,
                    rate: 0.2,
                },
                vec![0.05, 0.1, 0.15, 0.2],
            ),
        };
        let cycles = if scale == Scale::Quick { 5 } else { 10 };
        (0..nets)
            .map(|net| Job {
                id: format!("{scale}-net{net}"),
                seed: 2000 + net as u64,
                params: json!(Params {
                    net,
                    spec,
                    sigmas: sigmas.clone(),
                    prompt_cycles: 2,
                    cycles
                }),
            })
            .collect()
    }

    fn run(&self, job: &Job, _context: &Context) -> Result<serde_json::Value> {
        let p: Params = serde_json::from_value(job.params.clone())?;
        let (scores, mut network) = build(&p.spec, 1, job.seed)?;
        let (report, memorize) = memorize(&mut network, &scores, Objective::L2)?;
        if !report.all_memorized() {
            bail!("{} neurons infeasible", report.infeasible().len());
        }
        let mut runs = Vec::new();
        for (i, &sigma) in p.sigmas.iter().enumerate() {
            for (j, start) in STARTS.iter().enumerate() {
                let protocol = RecallProtocol {
                    prompted_fraction: 0.5,
                    prompt_jitter: 0.1,
                    prompt_cycles: p.prompt_cycles,
                    free_cycles: p.cycles - p.prompt_cycles,
                    sigma,
                    seed: job.seed * 100 + (i * STARTS.len() + j) as u64,
                    free_start: if *start == "silent" {
                        FreeStart::Silent
                    } else {
                        FreeStart::RandomScore { rate: p.spec.rate }
                    },
                };
                let outcome = associative_recall(&network, &scores[0], &protocol)?;
                runs.push(json!({ "sigma": sigma, "start": start, "cycles": outcome.cycles }));
            }
        }
        Ok(json!({ "memorize": memorize, "runs": runs }))
    }

    fn summarize(&self, finished: &[Finished], dir: &Path) -> Result<String> {
        let mut csv = Vec::new();
        // (start, sigma, cycle) -> values of all precision/recall per group
        let mut groups: std::collections::BTreeMap<(String, String, usize), [Vec<f64>; 6]> =
            Default::default();
        for f in finished {
            let net = f.job.params["net"].as_u64().unwrap_or(0);
            for run in f.result["runs"].as_array().into_iter().flatten() {
                let sigma = num(run, "sigma");
                let start = run["start"].as_str().unwrap_or("?").to_owned();
                for c in run["cycles"].as_array().into_iter().flatten() {
                    let cycle = c["cycle"].as_u64().unwrap_or(0) as usize;
                    let vals = ["prompted", "free", "all"]
                        .map(|g| [num(&c[g], "precision"), num(&c[g], "recall")]);
                    let mut row = vec![
                        net.to_string(),
                        start.clone(),
                        sigma.to_string(),
                        cycle.to_string(),
                    ];
                    row.extend(vals.iter().flatten().map(f64::to_string));
                    csv.push(row);
                    let e = groups
                        .entry((start.clone(), format!("{sigma}"), cycle))
                        .or_default();
                    for (slot, v) in e.iter_mut().zip(vals.iter().flatten()) {
                        slot.push(*v);
                    }
                }
            }
        }
        write_csv(
            &dir.join("recall.csv"),
            &[
                "net",
                "start",
                "sigma",
                "cycle",
                "prompted_precision",
                "prompted_recall",
                "free_precision",
                "free_recall",
                "all_precision",
                "all_recall",
            ],
            &csv,
        )?;
        let rows: Vec<Vec<String>> = groups
            .iter()
            .map(|((start, sigma, cycle), v)| {
                let mut row = vec![start.clone(), sigma.clone(), cycle.to_string()];
                row.extend(v.iter().map(|x| f3(mean_min(x).0)));
                row
            })
            .collect();
        for start in STARTS {
            let mut curves: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
            for ((st, sigma, cycle), v) in &groups {
                if st != start {
                    continue;
                }
                let label = format!("sigma = {sigma}");
                let point = (*cycle as f64, mean_min(&v[4]).0.min(mean_min(&v[5]).0));
                match curves.last_mut() {
                    Some((l, points)) if *l == label => points.push(point),
                    _ => curves.push((label, vec![point])),
                }
            }
            plot_lines(
                dir,
                &format!("recall-{start}.svg"),
                &format!("Associative recall, others start {start}: all neurons, min(P, R)"),
                ("cycle (prompt in cycles 0 and 1)", "similarity"),
                Some((0.0, 1.02)),
                curves,
            )?;
        }
        let mut md = String::from(
            "Figures: [others silent](recall/recall-silent.svg), \
             [others on a random score](recall/recall-random.svg).\n\n\
             Mean over networks per cycle (the prompt is replayed in cycles 0 and 1; raw data: recall/recall.csv):\n\n",
        );
        md.push_str(&table(
            &[
                "others start",
                "sigma",
                "cycle",
                "prompted P",
                "prompted R",
                "free P",
                "free R",
                "all P",
                "all R",
            ],
            &rows,
        ));
        md.push_str(
            "\nReference (paper): once all neurons run freely, precision and recall of all neurons \
             reach about 0.95.\n",
        );
        Ok(md)
    }
}
