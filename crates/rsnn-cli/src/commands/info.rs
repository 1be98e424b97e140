//! `rsnn info`: describe any rsnn file from its header and a summary of its data.

use crate::Output;
use crate::commands::memorize::status_counts;
use crate::files::{self, Measurement, MemorizeRecord, RecallRecord, StabilityRecord};
use anyhow::Result;
use clap::Args;
use rsnn::neuron::Network;
use rsnn::signal::{PeriodicTrain, Score, SpikeTrain, io};
use rsnn::sim::Recording;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Arguments of `rsnn info`.
#[derive(Debug, Clone, Args)]
pub struct InfoArgs {
    /// The file.
    pub file: PathBuf,
}

type Facts = Vec<(&'static str, Value)>;

fn score_facts(s: &Score) -> Facts {
    vec![
        ("neurons", json!(s.num_channels())),
        ("period", json!(s.period())),
        ("spikes", json!(s.num_spikes())),
        ("mean spikes per neuron", json!(s.mean_spikes_per_channel())),
        (
            "silent neurons",
            json!(s.channels().iter().filter(|c| c.is_empty()).count()),
        ),
    ]
}

fn network_facts(n: &Network) -> Facts {
    let inputs = n.neurons().iter().flat_map(|c| c.inputs.iter());
    let (mut dmin, mut dmax, mut wmax, mut nonzero) = (f64::INFINITY, 0.0f64, 0.0f64, 0usize);
    for i in inputs {
        dmin = dmin.min(i.delay);
        dmax = dmax.max(i.delay);
        wmax = wmax.max(i.weight.abs());
        nonzero += usize::from(i.weight != 0.0);
    }
    let degrees: Vec<usize> = n.neurons().iter().map(|c| c.inputs.len()).collect();
    vec![
        ("neurons", json!(n.num_neurons())),
        ("inputs", json!(n.num_inputs())),
        (
            "inputs per neuron",
            json!([degrees.iter().min(), degrees.iter().max()]),
        ),
        (
            "delays",
            json!([if dmin.is_finite() { dmin } else { 0.0 }, dmax]),
        ),
        ("kernel tau", json!(n.kernel().tau())),
        ("threshold", json!(n.threshold())),
        ("nonzero weights", json!(nonzero)),
        ("largest |weight|", json!(wmax)),
    ]
}

fn recording_facts(r: &Recording) -> Facts {
    let span = r.end() - r.start();
    let rate = if span > 0.0 && r.num_neurons() > 0 {
        r.num_spikes() as f64 / (span * r.num_neurons() as f64)
    } else {
        0.0
    };
    vec![
        ("neurons", json!(r.num_neurons())),
        ("span", json!([r.start(), r.end()])),
        ("spikes", json!(r.num_spikes())),
        ("spikes per neuron per unit time", json!(rate)),
    ]
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { f64::NAN } else { s / n as f64 }
}

/// The kind-specific facts of a file (None for a kind this build does not know).
///
/// # Errors
/// A file whose data cannot be loaded.
pub fn facts(path: &Path, kind: &str) -> Result<Option<Facts>> {
    Ok(Some(match kind {
        "score" => score_facts(&files::load::<Score>(path)?.0),
        "network" => network_facts(&files::load::<Network>(path)?.0),
        "recording" => recording_facts(&files::load::<Recording>(path)?.0),
        "spike-train" => vec![("spikes", json!(files::load::<SpikeTrain>(path)?.0.len()))],
        "spike-trains" => {
            let (t, _) = files::load::<Vec<SpikeTrain>>(path)?;
            vec![
                ("trains", json!(t.len())),
                ("spikes", json!(t.iter().map(|x| x.len()).sum::<usize>())),
            ]
        }
        "periodic-train" => {
            let (t, _) = files::load::<PeriodicTrain>(path)?;
            vec![("period", json!(t.period())), ("spikes", json!(t.len()))]
        }
        "memorize-report" => {
            let (r, _) = files::load::<MemorizeRecord>(path)?;
            let (m, u, i, f) = status_counts(&r.report);
            vec![
                ("memories", json!(r.memories)),
                ("backend", json!(r.config.backend.name())),
                ("neurons", json!(r.report.neurons.len())),
                (
                    "memorized / unverified / infeasible / failed",
                    json!([m, u, i, f]),
                ),
                ("max violation", json!(r.report.max_violation())),
                ("seconds", json!(r.report.seconds)),
            ]
        }
        "measurement" => {
            let (m, _) = files::load::<Measurement>(path)?;
            vec![
                ("cycles", json!(m.cycles.len())),
                (
                    "mean precision",
                    json!(mean(m.cycles.iter().map(|c| c.precision))),
                ),
                (
                    "mean recall",
                    json!(mean(m.cycles.iter().map(|c| c.recall))),
                ),
            ]
        }
        "stability" => {
            let (StabilityRecord(s), _) = files::load::<StabilityRecord>(path)?;
            vec![
                ("spikes per period", json!(s.num_spikes)),
                ("spectral radius", json!(s.spectral_radius)),
                ("stable", json!(s.is_stable())),
            ]
        }
        "recall" => {
            let (r, _) = files::load::<RecallRecord>(path)?;
            let last = r.cycles.last();
            vec![
                ("prompted neurons", json!(r.prompted.len())),
                ("cycles", json!(r.cycles.len())),
                (
                    "last cycle, all: precision",
                    json!(last.map(|c| c.all.precision)),
                ),
                ("last cycle, all: recall", json!(last.map(|c| c.all.recall))),
            ]
        }
        "demo-summary" => {
            let text = std::fs::read_to_string(path)?;
            let v: Value = serde_json::from_str(&text)?;
            let c = &v["config"];
            let m = &v["memorize"];
            let last = |x: &Value| x.as_array().and_then(|a| a.last()).cloned();
            vec![
                (
                    "neurons, inputs, period, rate, noise",
                    json!([
                        c["neurons"],
                        c["inputs"],
                        c["period"],
                        c["rate"],
                        c["noise"]
                    ]),
                ),
                ("memorized / neurons", json!([m["feasible"], m["neurons"]])),
                ("memorization seconds", m["seconds"].clone()),
                ("spectral radius", v["stability"]["spectral_radius"].clone()),
                ("last free cycle", json!(last(&v["cycles"]))),
                (
                    "last recall cycle, all",
                    json!(last(&v["recall"]["cycles"]).map(|c| c["all"].clone())),
                ),
            ]
        }
        _ => return Ok(None),
    }))
}

/// Runs `rsnn info`.
///
/// # Errors
/// An unreadable file or a malformed header or data.
pub fn run(args: &InfoArgs, out: &Output) -> Result<()> {
    let header = io::read_header(&args.file)?;
    let facts = facts(&args.file, &header.kind)?;
    let seed = header.seed.map_or("none".to_string(), |s| s.to_string());
    out.text(format!(
        "{}: rsnn `{}` file, version {}, seed {seed}",
        args.file.display(),
        header.kind,
        header.version
    ));
    match &facts {
        Some(list) => list
            .iter()
            .for_each(|(k, v)| out.text(format!("  {k}: {v}"))),
        None => out.text("  (a kind this build does not know)"),
    }
    let summary: serde_json::Map<String, Value> = facts
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    out.json(&json!({ "path": args.file, "header": header, "summary": summary }))
}
