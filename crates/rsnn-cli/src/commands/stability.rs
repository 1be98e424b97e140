//! `rsnn stability`: the spectrum of the linearized jitter map of a memorized score
//! (docs/model.md §7).

use crate::files;
use crate::flags;
use crate::outputs::{self, Kind};
use crate::table::mag;
use crate::{Output, estimate, initial, interrupt};
use anyhow::Result;
use clap::Args;
use rsnn::neuron::Network;
use rsnn::signal::Score;
use rsnn::sim::StabilityReport;
use rsnn::sim::limits::MAX_STABILITY_SPIKES;
use rsnn::sim::stability::JitterMap;
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `rsnn stability`.
#[derive(Debug, Clone, Args)]
pub struct StabilityArgs {
    /// The memorized network.
    pub network: PathBuf,
    /// The score it memorized.
    pub score: PathBuf,
    /// Also write the report (with every eigenvalue) to this file.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Largest dimension of the dense jitter map (spikes per period times the periods of its
    /// state); the matrix takes 8 bytes per entry and the eigensolver as much again.
    #[arg(long, default_value_t = MAX_STABILITY_SPIKES, allow_negative_numbers = true)]
    pub max_dimension: f64,
}

/// How the library says the map's limit is raised.
const MAP_HINT: &str =
    "raise it with JitterMap::new_within (the eigensolver needs twice the matrix)";

/// Builds the jitter map, notes a long analysis (from the map's dimension) and analyzes it
/// with a spinner.
///
/// # Errors
/// A score that does not fit the network, or no convergence of the eigenvalue solver.
pub fn analyze(
    network: &Network,
    score: &Score,
    max_dimension: f64,
    out: &Output,
) -> Result<StabilityReport> {
    initial::check_channels(network, score)?;
    let map = JitterMap::new_within(network, score, max_dimension)
        .map_err(|e| flags::raise_with(e.into(), MAP_HINT, "--max-dimension"))?;
    estimate::stability(out, map.dimension());
    let spinner = out.spinner("stability");
    let report = map.analyze();
    spinner.finish_and_clear();
    interrupt::check()?;
    Ok(report?)
}

/// A short description of a report: the spectrum, then the form of the map on a line of its
/// own.
pub fn describe(report: &StabilityReport) -> String {
    let verdict = if report.is_stable() {
        "stable"
    } else {
        "NOT stable"
    };
    let top: Vec<String> = report
        .top_magnitudes
        .iter()
        .take(5)
        .map(|&m| mag(m))
        .collect();
    format!(
        "spectral radius {} ({verdict}) over {} spikes per period; largest magnitudes {}\n\
         jitter map: {}, dimension {}",
        mag(report.spectral_radius),
        report.num_spikes,
        top.join(", "),
        report.form.describe(),
        report.dimension()
    )
}

/// Runs `rsnn stability`.
///
/// # Errors
/// Bad files, a score that does not fit the network, or no convergence.
pub fn run(args: &StabilityArgs, out: &Output) -> Result<()> {
    let outs: Vec<_> = args.out.iter().map(|p| (p.as_path(), Kind::Data)).collect();
    outputs::check_all(&outs, &[&args.network, &args.score])?;
    let (network, header) = files::load::<Network>(&args.network)?;
    let (score, _) = files::load::<Score>(&args.score)?;
    let max_dimension = flags::limit("--max-dimension", args.max_dimension)?;
    let report = analyze(&network, &score, max_dimension, out)?;
    out.text(describe(&report));
    let summary = json!({
        "spectral_radius": report.spectral_radius,
        "stable": report.is_stable(),
        "num_spikes": report.num_spikes,
        "form": report.form,
        "dimension": report.dimension(),
        "trivial_eigenvalue": report.trivial_eigenvalue,
        "top_magnitudes": report.top_magnitudes,
    });
    if let Some(path) = &args.out {
        files::save(path, &report, header.seed)?;
    }
    out.json(&summary)
}
