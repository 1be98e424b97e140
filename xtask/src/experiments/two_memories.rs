//! `two-memories`: two scores stored in one network; prompt memory 0, run free, prompt memory 1,
//! run free, prompt memory 0 again.

use super::common::{NetSpec, build, f3, mean_min, memorize, num, plot_lines};
use crate::reproduce::report::{Finished, table, write_csv};
use crate::reproduce::{Context, Experiment, Job, Scale};
use anyhow::{Result, bail};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn::prelude::*;
use rsnn::recipes::{Phase, choose_neurons, prompt_sequence};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::Path;

/// The experiment.
pub struct TwoMemories;

#[derive(Serialize, Deserialize)]
struct Params {
    net: usize,
    spec: NetSpec,
    sigma: f64,
    prompted_fraction: f64,
    prompt_cycles: usize,
    free_cycles: usize,
}

/// Fractions of neurons prompted: half (associative recall) or all (a plain switch).
const FRACTIONS: [(&str, f64); 2] = [("half", 0.5), ("all", 1.0)];

impl Experiment for TwoMemories {
    fn name(&self) -> &'static str {
        "two-memories"
    }

    fn description(&self) -> &'static str {
        "Two scores stored in one network (L2): half of the neurons (or all of them) are \
         prompted with jittered copies of memory 0 for 2 cycles, then all run freely; then \
         memory 1 is prompted, then memory 0 again. Precision and recall of all neurons against \
         both memories in every cycle."
    }

    fn jobs(&self, scale: Scale) -> Vec<Job> {
        let (nets, spec, free_cycles) = match scale {
            Scale::Quick => (
                1,
                NetSpec {
                    neurons: 60,
                    inputs: 500,
                    period: 15.0,
                    rate: 0.2,
                },
                3,
            ),
            Scale::Full => (
                3,
                NetSpec {
                    neurons: 200,
                    inputs: 500,
                    period: 25.0,
                    rate: 0.2,
                },
                5,
            ),
        };
        (0..nets)
            .flat_map(|net| {
                FRACTIONS.map(|(name, prompted_fraction)| Job {
                    id: format!("{scale}-net{net}-{name}"),
                    seed: 3000 + net as u64,
                    params: json!(Params {
                        net,
                        spec,
                        sigma: 0.1,
                        prompted_fraction,
                        prompt_cycles: 2,
                        free_cycles
                    }),
                })
            })
            .collect()
    }

    fn run(&self, job: &Job, _context: &Context) -> Result<serde_json::Value> {
        let p: Params = serde_json::from_value(job.params.clone())?;
        let (scores, mut network) = build(&p.spec, 2, job.seed)?;
        let (report, memorize) = memorize(&mut network, &scores, Objective::L2)?;
        if !report.all_memorized() {
            bail!("{} neurons infeasible", report.infeasible().len());
        }
        let mut rng = ChaCha8Rng::seed_from_u64(job.seed + 1);
        let count = (p.prompted_fraction * p.spec.neurons as f64).round() as usize;
        let prompted = choose_neurons(&mut rng, p.spec.neurons, count);
        let phases = [0, 1, 0].map(|memory| Phase {
            memory,
            prompt_cycles: p.prompt_cycles,
            free_cycles: p.free_cycles,
        });
        let (_, cycles) = prompt_sequence(
            &network,
            &scores,
            &phases,
            &prompted,
            0.1,
            p.sigma,
            job.seed + 2,
        )?;
        Ok(json!({ "memorize": memorize, "cycles": cycles }))
    }

    fn summarize(&self, finished: &[Finished], dir: &Path) -> Result<String> {
        let mut csv = Vec::new();
        let mut detail = Vec::new();
        let mut curves: [Vec<(f64, f64)>; 2] = Default::default();
        // (fraction, phase) -> recall of the prompted memory in the phase's last cycle
        let mut settled: std::collections::BTreeMap<(String, u64), Vec<f64>> = Default::default();
        for f in finished {
            let net = f.job.params["net"].as_u64().unwrap_or(0);
            let fraction = num(&f.job.params, "prompted_fraction");
            let cycles: Vec<&serde_json::Value> = f.result["cycles"]
                .as_array()
                .into_iter()
                .flatten()
                .collect();
            for (i, c) in cycles.iter().enumerate() {
                let against: Vec<[f64; 2]> = c["against"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| [num(s, "precision"), num(s, "recall")])
                    .collect();
                let mut row = vec![
                    net.to_string(),
                    fraction.to_string(),
                    c["cycle"].to_string(),
                    c["memory"].to_string(),
                    c["prompting"].to_string(),
                ];
                row.extend(against.iter().flatten().map(f64::to_string));
                csv.push(row);
                let last_of_phase = cycles.get(i + 1).is_none_or(|n| n["phase"] != c["phase"]);
                if last_of_phase {
                    let memory = c["memory"].as_u64().unwrap_or(0) as usize;
                    let phase = c["phase"].as_u64().unwrap_or(0);
                    let value = against.get(memory).map_or(f64::NAN, |v| v[0].min(v[1]));
                    settled
                        .entry((fraction.to_string(), phase))
                        .or_default()
                        .push(value);
                }
                if net == 0 && fraction == 0.5 {
                    let mut r = vec![
                        c["cycle"].to_string(),
                        c["memory"].to_string(),
                        if c["prompting"] == true {
                            "prompt"
                        } else {
                            "free"
                        }
                        .to_owned(),
                    ];
                    r.extend(against.iter().flatten().map(|v| f3(*v)));
                    detail.push(r);
                    let cycle = c["cycle"].as_f64().unwrap_or(f64::NAN);
                    for (curve, v) in curves.iter_mut().zip(&against) {
                        curve.push((cycle, v[0].min(v[1])));
                    }
                }
            }
        }
        write_csv(
            &dir.join("two-memories.csv"),
            &[
                "net",
                "prompted_fraction",
                "cycle",
                "memory",
                "prompting",
                "p0",
                "r0",
                "p1",
                "r1",
            ],
            &csv,
        )?;
        let rows: Vec<Vec<String>> = settled
            .iter()
            .map(|((fraction, phase), v)| {
                let ok = v.iter().filter(|&&x| x >= 0.9).count();
                vec![
                    fraction.clone(),
                    phase.to_string(),
                    f3(mean_min(v).0),
                    f3(mean_min(v).1),
                    format!("{ok}/{}", v.len()),
                ]
            })
            .collect();
        plot_lines(
            dir,
            "network0-half.svg",
            "Two memories, first network, half prompted (memory 0, 1, 0): min(P, R)",
            ("cycle", "similarity"),
            Some((0.0, 1.02)),
            curves
                .into_iter()
                .enumerate()
                .map(|(m, c)| (format!("vs memory {m}"), c))
                .collect(),
        )?;
        let mut md = String::from(
            "Figure: [first network, half prompted](two-memories/network0-half.svg).\n\n\
             At the end of each phase (last free cycle), the smaller of precision and recall \
             against the memory prompted in that phase (phases: memory 0, 1, 0):\n\n",
        );
        md.push_str(&table(
            &[
                "prompted fraction",
                "phase",
                "mean",
                "min",
                "networks >= 0.9",
            ],
            &rows,
        ));
        md.push_str(
            "\nFirst network, half of the neurons prompted, per cycle (raw data for all networks: \
             two-memories/two-memories.csv):\n\n",
        );
        md.push_str(&table(
            &[
                "cycle",
                "prompted memory",
                "phase",
                "P vs 0",
                "R vs 0",
                "P vs 1",
                "R vs 1",
            ],
            &detail,
        ));
        md.push_str(
            "\nExpected: after each prompt the network settles on the prompted memory (about 0.95) \
             and is unrelated to the other one (about 0.1, the level of chance).\n",
        );
        Ok(md)
    }
}
