//! `rsnn stability`: the spectrum of the linearized jitter map of a memorized score
//! (docs/model.md §7).

use crate::files;
use crate::flags;
use crate::outputs::{self, Kind};
use crate::table::mag;
use crate::{Output, estimate, initial, interrupt};
use anyhow::Result;
use clap::{Args, ValueEnum};
use rsnn::neuron::Network;
use rsnn::signal::Score;
use rsnn::sim::StabilityReport;
use rsnn::sim::limits::{MAX_MAP_TERMS, MAX_STABILITY_SPIKES};
use rsnn::sim::stability::{
    DENSE_HINT, EigenMethod, JitterMap, MAP_HINT, StabilityOptions, TOP_EIGENVALUES,
};
use serde_json::json;
use std::path::PathBuf;

/// The eigensolver (`--method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Dense up to 500 rows, Krylov above.
    Auto,
    /// Every eigenvalue of the dense matrix (time cubic in the dimension).
    Dense,
    /// The largest eigenvalues by Krylov-Schur on the map without its matrix.
    Krylov,
}

impl From<MethodArg> for EigenMethod {
    fn from(method: MethodArg) -> Self {
        match method {
            MethodArg::Auto => Self::Auto,
            MethodArg::Dense => Self::Dense,
            MethodArg::Krylov => Self::Krylov,
        }
    }
}

/// Arguments of `rsnn stability`.
#[derive(Debug, Clone, Args)]
pub struct StabilityArgs {
    /// The memorized network.
    pub network: PathBuf,
    /// The score it memorized.
    pub score: PathBuf,
    /// Also write the report (with every computed eigenvalue) to this file.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// The eigensolver: every eigenvalue of the dense matrix, or the largest few by
    /// Krylov-Schur on the map applied without its matrix; auto is dense up to 500 rows.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// How many eigenvalues besides the trivial one the Krylov method computes.
    #[arg(long, default_value_t = TOP_EIGENVALUES)]
    pub eigenvalues: usize,
    /// Largest dimension of the dense jitter map (spikes per period times the periods of its
    /// state); the matrix takes 8 bytes per entry and the eigensolver as much again.
    #[arg(long, default_value_t = MAX_STABILITY_SPIKES, allow_negative_numbers = true)]
    pub max_dimension: f64,
    /// Largest number of weights of the sparse jitter map (16 bytes each), which also bounds
    /// its dimension.
    #[arg(long, default_value_t = MAX_MAP_TERMS, allow_negative_numbers = true)]
    pub max_terms: f64,
}

/// Builds the jitter map within `max_terms`, notes a long analysis (from the map's size and
/// the method) and analyzes it with a spinner.
///
/// # Errors
/// A score that does not fit the network, a map or dense matrix beyond its limit, or no
/// convergence of the eigenvalue solver.
pub fn analyze(
    network: &Network,
    score: &Score,
    options: &StabilityOptions,
    max_terms: f64,
    out: &Output,
) -> Result<StabilityReport> {
    initial::check_channels(network, score)?;
    let dense_hint =
        |e: rsnn::sim::SimError| flags::raise_with(e.into(), DENSE_HINT, "--max-dimension");
    options
        .check_dense_spikes(score.num_spikes())
        .map_err(dense_hint)?;
    let map = JitterMap::new_within(network, score, max_terms)
        .map_err(|e| flags::raise_with(e.into(), MAP_HINT, "--max-terms"))?;
    match options.method.resolve(map.dimension()) {
        EigenMethod::Dense => estimate::stability_dense(out, map.dimension()),
        _ => estimate::stability_krylov(out, map.num_terms(), options.eigenvalues),
    }
    let spinner = out.spinner("stability");
    let report = map.analyze_with(options);
    spinner.finish_and_clear();
    interrupt::check()?;
    report.map_err(dense_hint)
}

/// A short description of a report: the spectrum, then the form of the map and the solver on
/// lines of their own.
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
         jitter map: {}, dimension {}\n\
         eigenvalues: {}",
        mag(report.spectral_radius),
        report.num_spikes,
        top.join(", "),
        report.form.describe(),
        report.dimension(),
        report.solver.describe()
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
    if args.eigenvalues == 0 {
        return Err(anyhow::anyhow!(
            "invalid parameter `--eigenvalues` = 0: the Krylov method needs at least one \
             eigenvalue besides the trivial one"
        ));
    }
    let options = StabilityOptions {
        method: args.method.into(),
        eigenvalues: args.eigenvalues,
        max_dense_dimension: flags::limit("--max-dimension", args.max_dimension)?,
    };
    let max_terms = flags::limit("--max-terms", args.max_terms)?;
    let report = analyze(&network, &score, &options, max_terms, out)?;
    out.text(describe(&report));
    let summary = json!({
        "spectral_radius": report.spectral_radius,
        "stable": report.is_stable(),
        "num_spikes": report.num_spikes,
        "form": report.form,
        "dimension": report.dimension(),
        "trivial_eigenvalue": report.trivial_eigenvalue,
        "top_magnitudes": report.top_magnitudes,
        "solver": report.solver,
    });
    if let Some(path) = &args.out {
        files::save(path, &report, header.seed)?;
    }
    out.json(&summary)
}
