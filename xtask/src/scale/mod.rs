//! `cargo xtask bench --scale`: the whole pipeline (sample, wire, memorize, stability,
//! simulate 10 cycles, measure) at L in {200, 1000, 5000} (K = 500 by default, T = 50), each
//! stage a run of the `rsnn` command whose wall time, CPU time and peak memory are measured
//! ([`measured`]). The table goes to stdout, to `OUT/scale.md` and `OUT/scale.json`, and into
//! the marked section of `docs/performance.md` for that K.

pub mod measured;
mod report;

use anyhow::{Context, Result, bail};
use measured::{Measured, run_measured};
use rsnn::optim::MemorizeRecord;
use rsnn::sim::{Measurement, StabilityReport};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sizes of the benchmark.
pub const SIZES: [usize; 3] = [200, 1000, 5000];
/// Inputs per neuron by default.
pub const INPUTS: usize = 500;
/// The period of the score.
const PERIOD: f64 = 50.0;
/// Cycles simulated.
const CYCLES: usize = 10;
/// Threshold noise of the simulation.
const NOISE: f64 = 0.1;

/// Options of the scale benchmark.
#[derive(Debug, Clone)]
pub struct ScaleOptions {
    /// The largest L to run (sizes above it are skipped).
    pub max_neurons: usize,
    /// Inputs per neuron K.
    pub inputs: usize,
    /// Where the files of every run and the tables go.
    pub out: PathBuf,
    /// The seed of the score, the network and the noise (recorded in the outputs).
    pub seed: u64,
    /// Whether to rewrite the marked section of docs/performance.md.
    pub update_docs: bool,
}

/// The stages, in order.
pub const STAGES: [&str; 6] = [
    "sample",
    "wire",
    "memorize",
    "stability",
    "simulate",
    "measure",
];

/// One size's results.
#[derive(Debug, Clone, Serialize)]
pub struct SizeResult {
    /// Neurons L.
    pub neurons: usize,
    /// Spikes per period of the score.
    pub spikes: usize,
    /// The cost of each stage of [`STAGES`], or why it failed (only the stability analysis
    /// may fail without stopping the benchmark).
    pub stages: Vec<(String, Result<Measured, String>)>,
    /// Neurons memorized (the others keep zero weights).
    pub memorized: usize,
    /// The spectral radius of the jitter map (None when the analysis failed).
    pub spectral_radius: Option<f64>,
    /// The eigensolver used.
    pub solver: Option<String>,
    /// The smallest precision and recall over the cycles.
    pub min_precision: f64,
    /// See `min_precision`.
    pub min_recall: f64,
}

/// The `rsnn` binary next to the running xtask (built first in release mode).
fn rsnn_binary() -> Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "rsnn-cli",
            "--bin",
            "rsnn",
        ])
        .status()
        .context("starting cargo build")?;
    if !status.success() {
        bail!("building the rsnn binary failed with {status}");
    }
    let me = std::env::current_exe().context("locating the xtask binary")?;
    let dir = me.parent().context("the xtask binary has no folder")?;
    let rsnn = dir.join(format!("rsnn{}", std::env::consts::EXE_SUFFIX));
    if !rsnn.is_file() {
        bail!("{} was not built", rsnn.display());
    }
    Ok(rsnn)
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_owned()).collect()
}

/// Runs every stage at `neurons` neurons with `inputs` inputs each, files in `dir`.
fn run_size(
    rsnn: &Path,
    dir: &Path,
    (neurons, inputs): (usize, usize),
    seed: u64,
) -> Result<SizeResult> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (score, net, mem, report) = (
        file("score.json"),
        file("net.bin"),
        file("mem.bin"),
        file("memorize-report.json"),
    );
    let (stability, run, measure) = (
        file("stability.json"),
        file("run.bin"),
        file("measurement.json"),
    );
    let (l, k, t) = (neurons.to_string(), inputs.to_string(), PERIOD.to_string());
    let (s, cycles, noise) = (seed.to_string(), CYCLES.to_string(), NOISE.to_string());
    let commands: [Vec<String>; 6] = [
        strings(&[
            "sample",
            "--neurons",
            &l,
            "--period",
            &t,
            "--rate",
            "0.2",
            "--seed",
            &s,
            "-o",
            &score,
        ]),
        strings(&[
            "network",
            "--neurons",
            &l,
            "--inputs",
            &k,
            "--seed",
            &s,
            "-o",
            &net,
        ]),
        strings(&[
            "memorize",
            &net,
            &score,
            "--allow-infeasible",
            "--report",
            &report,
            "-o",
            &mem,
        ]),
        // Neurons that could not be memorized (a few in a thousand at this size) have no slope
        // at their spikes: they are clamped to the score (docs/model.md §7.6).
        strings(&[
            "stability",
            &mem,
            &score,
            "--clamp-from",
            &report,
            "-o",
            &stability,
        ]),
        strings(&[
            "simulate", &mem, "--score", &score, "--cycles", &cycles, "--noise", &noise, "--seed",
            &s, "-o", &run,
        ]),
        strings(&["measure", &run, &score, "-o", &measure]),
    ];
    let log = dir.join("log.txt");
    let mut stages = Vec::new();
    for (name, args) in STAGES.iter().zip(commands) {
        // A failing stability analysis (e.g. a memorized neuron whose slope still vanishes)
        // is recorded and the benchmark goes on; any other stage failing stops it.
        let m = match run_measured(dir, &log, rsnn, &args) {
            Ok(m) => Ok(m),
            Err(e) if *name == "stability" => Err(last_line(&log).unwrap_or_else(|| e.to_string())),
            Err(e) => return Err(e),
        };
        match &m {
            Ok(m) => println!(
                "L = {neurons:5} {name:10} {:9.2} s wall {:9.2} s CPU {:8.1} MiB",
                m.wall,
                m.cpu,
                m.peak_bytes as f64 / 1048576.0
            ),
            Err(why) => println!("L = {neurons:5} {name:10} failed: {why}"),
        }
        stages.push(((*name).to_owned(), m));
    }
    let (record, _) = rsnn::io::load::<MemorizeRecord>(Path::new(&report))?;
    let stab = if stages.iter().any(|(n, m)| n == "stability" && m.is_ok()) {
        Some(rsnn::io::load::<StabilityReport>(Path::new(&stability))?.0)
    } else {
        None
    };
    let (meas, _) = rsnn::io::load::<Measurement>(Path::new(&measure))?;
    let min = |f: fn(&rsnn::sim::CycleRow) -> f64| {
        meas.cycles.iter().map(f).fold(f64::INFINITY, f64::min)
    };
    let (score_data, _) = rsnn::io::load::<rsnn::signal::Score>(Path::new(&score))?;
    Ok(SizeResult {
        neurons,
        spikes: score_data.num_spikes(),
        stages,
        memorized: record.report.num_memorized(),
        spectral_radius: stab.as_ref().map(|s| s.spectral_radius),
        solver: stab.as_ref().map(|s| match s.solver {
            rsnn::sim::Solver::Dense => "dense".to_owned(),
            rsnn::sim::Solver::Krylov { .. } => "Krylov".to_owned(),
        }),
        min_precision: min(|c| c.precision),
        min_recall: min(|c| c.recall),
    })
}

/// The folder of the run at `neurons` and `inputs`: `L<neurons>` at the default K, else
/// `K<inputs>-L<neurons>`.
fn folder(neurons: usize, inputs: usize) -> String {
    if inputs == INPUTS {
        format!("L{neurons}")
    } else {
        format!("K{inputs}-L{neurons}")
    }
}

/// The last non-empty line of `log` (the failing command's message).
fn last_line(log: &Path) -> Option<String> {
    let text = std::fs::read_to_string(log).ok()?;
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(str::to_owned)
}

/// Runs the scale benchmark.
///
/// # Errors
/// A stage fails, or an output cannot be written.
pub fn run(options: &ScaleOptions) -> Result<()> {
    let sizes: Vec<usize> = SIZES
        .into_iter()
        .filter(|&l| l <= options.max_neurons)
        .collect();
    if sizes.is_empty() {
        bail!(
            "--max-neurons {} is below the smallest size {}",
            options.max_neurons,
            SIZES[0]
        );
    }
    if options.inputs == 0 {
        bail!("--inputs must be at least 1");
    }
    let rsnn = rsnn_binary()?;
    let mut results = Vec::new();
    for &l in &sizes {
        let dir = options.out.join(folder(l, options.inputs));
        results.push(run_size(&rsnn, &dir, (l, options.inputs), options.seed)?);
    }
    report::write(&results, options)
}
