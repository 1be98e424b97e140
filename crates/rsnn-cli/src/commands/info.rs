//! `rsnn info`: describe any rsnn file from its header and a summary of its data.

use crate::Output;
use anyhow::Result;
use clap::Args;
use rsnn::io::AnyFile;
use rsnn::neuron::Network;
use rsnn::optim::MemorizeRecord;
use rsnn::parts::MemorizePart;
use rsnn::pipeline::PipelineSummary;
use rsnn::recipes::RecallRecord;
use rsnn::signal::Score;
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
        ("distinct weight values", json!(distinct_weights(n))),
        ("largest |weight|", json!(wmax)),
    ]
}

/// The number of distinct weight values of a network (exact comparison; -0 and 0 are one value).
pub fn distinct_weights(n: &Network) -> usize {
    let mut w: Vec<f64> = n
        .neurons()
        .iter()
        .flat_map(|c| c.inputs.iter().map(|i| i.weight + 0.0))
        .collect();
    w.sort_by(f64::total_cmp);
    w.dedup();
    w.len()
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

fn memorize_facts(r: &MemorizeRecord) -> Facts {
    let c = r.report.counts();
    vec![
        ("memories", json!(r.memories)),
        ("backend", json!(r.config.backend.name())),
        ("objective", json!(r.config.objective.name())),
        ("template", json!(r.config.mode)),
        ("quantization", json!(r.config.quantization)),
        ("neurons", json!(c.total())),
        (
            "memorized / unverified / infeasible / failed / out of time",
            json!([
                c.memorized,
                c.unverified,
                c.infeasible,
                c.failed,
                c.time_limit
            ]),
        ),
        ("max violation", json!(r.report.max_violation())),
        ("seconds", json!(r.report.seconds)),
    ]
}

fn part_facts(p: &MemorizePart) -> Facts {
    let report = p.report();
    let c = report.counts();
    let ids = p.neuron_ids();
    vec![
        ("neurons", json!(ids.len())),
        ("neurons of the network", json!(p.num_neurons)),
        ("first and last neuron", json!([ids.first(), ids.last()])),
        ("memories", json!(p.memories)),
        ("backend", json!(p.config.backend.name())),
        (
            "memorized / unverified / infeasible / failed / out of time",
            json!([
                c.memorized,
                c.unverified,
                c.infeasible,
                c.failed,
                c.time_limit
            ]),
        ),
        ("max violation", json!(report.max_violation())),
        ("network sha256", json!(p.network_sha256)),
        ("scores sha256", json!(p.scores_sha256)),
        ("seconds", json!(p.seconds)),
    ]
}

fn recall_facts(r: &RecallRecord) -> Facts {
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

fn summary_facts(s: &PipelineSummary) -> Facts {
    let n = &s.config.network;
    let c = &s.memorize.counts;
    vec![
        (
            "neurons, inputs, period, rate, noise",
            json!([n.neurons, n.inputs, n.period, n.rate, s.config.noise]),
        ),
        ("memorized / neurons", json!([c.memorized, c.total()])),
        ("memorization seconds", json!(s.memorize.seconds)),
        ("spectral radius", json!(s.stability.spectral_radius)),
        ("last free cycle", json!(s.free_run.cycles.last())),
        (
            "last recall cycle, all",
            json!(s.recall.cycles.last().map(|c| c.all)),
        ),
    ]
}

/// The kind-specific facts of a file (None for a kind this build does not know).
///
/// # Errors
/// A file whose data cannot be loaded.
pub fn facts(path: &Path, kind: &str) -> Result<Option<Facts>> {
    if !rsnn::io::KINDS.contains(&kind) {
        return Ok(None);
    }
    Ok(Some(match crate::files::load_any(path)?.0 {
        AnyFile::Score(s) => score_facts(&s),
        AnyFile::Network(n) => network_facts(&n),
        AnyFile::Recording(r) => recording_facts(&r),
        AnyFile::SpikeTrain(t) => vec![("spikes", json!(t.len()))],
        AnyFile::SpikeTrains(t) => vec![
            ("trains", json!(t.len())),
            ("spikes", json!(t.iter().map(|x| x.len()).sum::<usize>())),
        ],
        AnyFile::PeriodicTrain(t) => {
            vec![("period", json!(t.period())), ("spikes", json!(t.len()))]
        }
        AnyFile::MemorizeReport(r) => memorize_facts(&r),
        AnyFile::MemorizePart(p) => part_facts(&p),
        AnyFile::Measurement(m) => vec![
            ("cycles", json!(m.cycles.len())),
            (
                "mean precision",
                json!(mean(m.cycles.iter().map(|c| c.precision))),
            ),
            (
                "mean recall",
                json!(mean(m.cycles.iter().map(|c| c.recall))),
            ),
        ],
        AnyFile::Stability(s) => vec![
            ("spikes per period", json!(s.num_spikes)),
            ("spectral radius", json!(s.spectral_radius)),
            ("stable", json!(s.is_stable())),
            ("jitter map", json!(s.form.describe())),
        ],
        AnyFile::Recall(r) => recall_facts(&r),
        AnyFile::PipelineSummary(s) => summary_facts(&s),
        _ => return Ok(None),
    }))
}

/// Runs `rsnn info`.
///
/// # Errors
/// An unreadable file or a malformed header or data.
pub fn run(args: &InfoArgs, out: &Output) -> Result<()> {
    let header = crate::files::read_header(&args.file)?;
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
    out.json(&json!({ "path": crate::files::json_path(&args.file), "header": header, "summary": summary }))
}
