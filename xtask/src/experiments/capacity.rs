//! `capacity`: how long a random periodic train one neuron with K independent random inputs can
//! store, with at least 99% of random trials feasible.

use super::common::{f3, num, plot_lines};
use crate::reproduce::report::{Finished, table, write_csv};
use crate::reproduce::{Context, Experiment, Job, Scale};
use anyhow::Result;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn::neuron::independent_inputs;
use rsnn::optim::memorize_neuron;
use rsnn::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

/// The experiment.
pub struct Capacity;

/// Fraction of feasible trials required at a period for it to count as stored.
const REQUIRED: f64 = 0.99;
const RATE: f64 = 0.2;

#[derive(Serialize, Deserialize)]
struct Params {
    inputs: usize,
    period: f64,
    first_trial: usize,
    trials: usize,
    total_trials: usize,
}

/// The periods tried for `k` inputs: 10, 15, 20, ... up to a bound that grows with `k`.
fn periods(k: usize, scale: Scale) -> Vec<f64> {
    let top = match scale {
        Scale::Quick => 40,
        Scale::Full => (k / 2).clamp(40, 400),
    };
    (10..=top).step_by(5).map(|t| t as f64).collect()
}

/// One trial: a neuron with `k` inputs, each from its own random periodic train, delays
/// uniform in [0.1, 10]; the neuron's own train is random too. Returns the neuron's status.
fn trial(k: usize, period: f64, seed: u64) -> Result<NeuronStatus> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = ScoreSampler::new(period, RATE)?.sample_score(&mut rng, k + 1)?;
    let network = independent_inputs(k, 0.1, 10.0, AlphaKernel::default(), &mut rng)?;
    let config = MemorizeConfig::default().validate()?;
    Ok(memorize_neuron(&network, 0, &[score], &config)?
        .report
        .status)
}

impl Experiment for Capacity {
    fn name(&self) -> &'static str {
        "capacity"
    }

    fn description(&self) -> &'static str {
        "Storage capacity of one neuron: the longest period T (step 5) such that at least 99% of \
         random trials with K independent random inputs are feasible (lambda = 0.2, |w| <= 0.2, \
         delays U[0.1, 10]), and T*/K, the duration stored per synapse."
    }

    fn jobs(&self, scale: Scale) -> Vec<Job> {
        let (ks, trials, block): (&[usize], usize, usize) = match scale {
            Scale::Quick => (&[100, 200, 400], 20, 20),
            Scale::Full => (&[50, 100, 200, 400, 800], 1000, 100),
        };
        let mut jobs = Vec::new();
        for &k in ks {
            for period in periods(k, scale) {
                for first_trial in (0..trials).step_by(block) {
                    jobs.push(Job {
                        id: format!("{scale}-k{k}-t{period}-from{first_trial}"),
                        seed: (k as u64) << 32 | (period as u64) << 16,
                        params: json!(Params {
                            inputs: k,
                            period,
                            first_trial,
                            trials: block,
                            total_trials: trials,
                        }),
                    });
                }
            }
        }
        jobs
    }

    fn run(&self, job: &Job, context: &Context) -> Result<serde_json::Value> {
        let p: Params = serde_json::from_value(job.params.clone())?;
        // A period is decided as soon as more trials failed than the 1% allowed; longer periods
        // with the same K are then skipped (the capacity is the last period before the first
        // failing one).
        let shorter_failed = self.jobs(context.scale).iter().any(|j| {
            j.params["inputs"] == job.params["inputs"]
                && num(&j.params, "period") < p.period
                && context
                    .finished(self.name(), j)
                    .is_some_and(|r| r["decided_fail"] == true)
        });
        if shorter_failed {
            return Ok(
                json!({ "trials": 0, "feasible": 0, "skipped": true, "decided_fail": true }),
            );
        }
        let allowed = ((1.0 - REQUIRED) * p.total_trials as f64).floor() as usize;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut run = 0;
        for t in p.first_trial..p.first_trial + p.trials {
            let status = trial(p.inputs, p.period, job.seed + t as u64)?;
            *counts
                .entry(format!("{status:?}").to_lowercase())
                .or_default() += 1;
            run += 1;
            if run - counts.get("memorized").copied().unwrap_or(0) > allowed {
                break;
            }
        }
        let feasible = counts.get("memorized").copied().unwrap_or(0);
        Ok(json!({
            "trials": run,
            "feasible": feasible,
            "statuses": counts,
            "skipped": false,
            "decided_fail": run - feasible > allowed,
        }))
    }

    fn summarize(&self, finished: &[Finished], dir: &Path) -> Result<String> {
        // (K, T) -> (feasible, trials run, decided to fail)
        let mut cells: BTreeMap<(usize, u64), (f64, f64, bool)> = BTreeMap::new();
        for f in finished {
            let k = f.job.params["inputs"].as_u64().unwrap_or(0) as usize;
            let t = num(&f.job.params, "period") as u64;
            if f.result["skipped"] == true {
                continue;
            }
            let cell = cells.entry((k, t)).or_default();
            cell.0 += num(&f.result, "feasible");
            cell.1 += num(&f.result, "trials");
            if f.result["decided_fail"] == true {
                cell.2 = true;
            }
        }
        // Periods beyond the first failing one (per K) are irrelevant to the capacity and are
        // computed or skipped depending on timing and sharding: leave them out of the data.
        let mut first_failing: BTreeMap<usize, u64> = BTreeMap::new();
        for (&(k, t), &(ok, n, failed)) in &cells {
            if failed || ok / n < REQUIRED {
                first_failing.entry(k).or_insert(t);
            }
        }
        cells.retain(|(k, t), _| first_failing.get(k).is_none_or(|&f| *t <= f));
        let csv: Vec<Vec<String>> = cells
            .iter()
            .map(|(&(k, t), &(ok, n, _))| {
                vec![
                    k.to_string(),
                    t.to_string(),
                    ok.to_string(),
                    n.to_string(),
                    (ok / n).to_string(),
                ]
            })
            .collect();
        write_csv(
            &dir.join("capacity.csv"),
            &["inputs", "period", "feasible", "trials", "fraction"],
            &csv,
        )?;
        let ks: Vec<usize> = cells
            .keys()
            .map(|c| c.0)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut rows = Vec::new();
        for k in ks {
            let mut capacity: Option<u64> = None;
            let mut first_fail: Option<(u64, f64)> = None;
            for (&(_, t), &(ok, n, failed)) in cells.range((k, 0)..(k + 1, 0)) {
                if !failed && ok / n >= REQUIRED {
                    capacity = Some(t);
                } else {
                    first_fail = Some((t, ok / n));
                    break;
                }
            }
            let trials = cells
                .range((k, 0)..(k + 1, 0))
                .map(|(_, c)| c.1)
                .fold(0.0, f64::max);
            rows.push(vec![
                k.to_string(),
                format!("{trials}"),
                match (capacity, first_fail) {
                    (None, _) => "< 10".into(),
                    (Some(t), None) => format!(">= {t}"),
                    (Some(t), Some(_)) => t.to_string(),
                },
                capacity.map_or("-".into(), |t| format!("{:.3}", t as f64 / k as f64)),
                first_fail.map_or("none up to the longest period tried".into(), |(t, fr)| {
                    format!("T = {t}: {}", f3(fr))
                }),
            ]);
        }
        let mut curves: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
        for (&(k, t), &(ok, n, _)) in &cells {
            let label = format!("K = {k}");
            match curves.last_mut() {
                Some((l, points)) if *l == label => points.push((t as f64, ok / n)),
                _ => curves.push((label, vec![(t as f64, ok / n)])),
            }
        }
        plot_lines(
            dir,
            "feasibility.svg",
            "Fraction of feasible trials against the period",
            ("period T", "fraction feasible"),
            Some((0.0, 1.02)),
            curves,
        )?;
        let mut md = String::from(
            "Capacity T* (largest T with at least 99% feasible trials; raw data: \
             capacity/capacity.csv; figure: [feasibility](capacity/feasibility.svg)):\n\n",
        );
        md.push_str(&table(
            &[
                "K",
                "trials per period (at most)",
                "T*",
                "T*/K",
                "first T below 99%",
            ],
            &rows,
        ));
        md.push_str(
            "\nReference (paper): the capacity grows linearly in K when the inputs are diverse, \
             so T*/K does not vanish as K grows.\n",
        );
        Ok(md)
    }
}
