//! `rsnn stability`: the spectrum of the linearized jitter map of a memorized score
//! (docs/model.md §7).

use crate::files;
use crate::flags;
use crate::neurons::NeuronSet;
use crate::outputs::{self, Kind};
use crate::table::mag;
use crate::{Output, estimate, initial, interrupt};
use anyhow::Result;
use clap::{Args, ValueEnum};
use rsnn::neuron::Network;
use rsnn::optim::MemorizeRecord;
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
    /// Neurons clamped to the score (e.g. `3,17` or `0-9`): driven by their prescribed spikes
    /// instead of their potentials, so that their timing errors are 0 (docs/model.md §7.6).
    #[arg(long, value_name = "NEURONS")]
    pub clamp: Option<NeuronSet>,
    /// Also clamp the neurons that the memorize report FILE (`rsnn memorize --report`) lists
    /// as infeasible or failed: they got no weights, so their spikes have no slope.
    #[arg(long, value_name = "FILE")]
    pub clamp_from: Option<PathBuf>,
}

/// The neurons to clamp: `--clamp` and the neurons without weights of `--clamp-from`.
///
/// # Errors
/// A bad report file, or a neuron the network does not have.
fn clamped(args: &StabilityArgs, network: &Network) -> Result<Vec<usize>> {
    let n = network.num_neurons();
    let mut clamped = match &args.clamp {
        Some(set) => set.resolve(n, "the network")?,
        None => Vec::new(),
    };
    if let Some(path) = &args.clamp_from {
        let (record, _) = files::load::<MemorizeRecord>(path)?;
        if record.report.neurons.len() != n {
            anyhow::bail!(
                "{}: the memorize report has {} neurons, the network {n}",
                path.display(),
                record.report.neurons.len()
            );
        }
        clamped.extend(record.report.without_weights());
    }
    clamped.sort_unstable();
    clamped.dedup();
    Ok(clamped)
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
    (options, clamped): (&StabilityOptions, &[usize]),
    max_terms: f64,
    out: &Output,
) -> Result<StabilityReport> {
    initial::check_channels(network, score)?;
    let dense_hint =
        |e: rsnn::sim::SimError| flags::raise_with(e.into(), DENSE_HINT, "--max-dimension");
    options
        .check_dense_spikes(score.num_spikes())
        .map_err(dense_hint)?;
    let map = JitterMap::clamped_within(network, score, clamped, max_terms)
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
         jitter map: {}, dimension {}{}\n\
         eigenvalues: {}",
        mag(report.spectral_radius),
        report.num_spikes,
        top.join(", "),
        report.form.describe(),
        report.dimension(),
        clamped_note(&report.clamped_neurons),
        report.solver.describe()
    )
}

/// `, neurons 3, 17 clamped to the score (no trivial eigenvalue)`, or nothing.
fn clamped_note(clamped: &[usize]) -> String {
    if clamped.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = clamped.iter().take(10).map(usize::to_string).collect();
    let more = if clamped.len() > 10 {
        format!(" and {} more", clamped.len() - 10)
    } else {
        String::new()
    };
    let noun = if clamped.len() == 1 {
        "neuron"
    } else {
        "neurons"
    };
    format!(
        ", {noun} {}{more} clamped to the score (no trivial eigenvalue)",
        shown.join(", ")
    )
}

/// Runs `rsnn stability`.
///
/// # Errors
/// Bad files, a score that does not fit the network, or no convergence.
pub fn run(args: &StabilityArgs, out: &Output) -> Result<()> {
    let outs: Vec<_> = args.out.iter().map(|p| (p.as_path(), Kind::Data)).collect();
    let mut inputs = vec![args.network.as_path(), args.score.as_path()];
    inputs.extend(args.clamp_from.as_deref());
    outputs::check_all(&outs, &inputs)?;
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
    let clamped = clamped(args, &network)?;
    let report = analyze(&network, &score, (&options, &clamped), max_terms, out)?;
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
        "clamped_neurons": report.clamped_neurons,
    });
    if let Some(path) = &args.out {
        files::save(path, &report, header.seed)?;
    }
    out.json(&summary)
}
