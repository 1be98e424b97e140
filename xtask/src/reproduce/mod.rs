//! `cargo xtask reproduce`: the experiment suite of the paper, split into independent jobs.
//!
//! Every experiment expands into a deterministic list of jobs (one seed each). A job writes one
//! JSON file `results/<experiment>/jobs/<job-id>.json` atomically; a finished job is never run
//! again, so an interrupted run resumes where it stopped. `--shard I/N` runs every N-th job of
//! the whole list (for cluster arrays); `cargo xtask merge` gathers the job files of several
//! output folders and regenerates the tables, plots and `REPORT.md`.

mod files;
mod jobs;
pub mod report;
mod typed;

pub use files::Finished;
pub use jobs::{Job, Scale, Shard};
pub use typed::{Done, Typed};

use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// One experiment of the suite, with parameters and results as JSON (object-safe; experiments
/// implement [`Typed`], which converts at this boundary).
pub trait Experiment: Sync {
    /// The name used on the command line and as folder name.
    fn name(&self) -> &'static str;
    /// One line saying what the experiment measures.
    fn description(&self) -> &'static str;
    /// The jobs of this experiment at the given scale, in a fixed order.
    fn jobs(&self, scale: Scale) -> Result<Vec<Job>>;
    /// Runs one job and returns its result (stored as `result` in the job file). `context` gives
    /// access to the jobs of the same run that have already finished.
    fn run(&self, job: &Job, context: &Context) -> Result<serde_json::Value>;
    /// Writes CSV files and plots from the finished jobs into `dir` and returns the Markdown
    /// section of the report.
    fn summarize(&self, finished: &[Finished], dir: &Path) -> Result<String>;
}

/// What a running job may know about the run.
pub struct Context<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// The scale of the run.
    pub scale: Scale,
}

/// Options of a `reproduce` run.
pub struct RunOptions {
    /// Experiments to run (all when empty).
    pub experiments: Vec<String>,
    /// Problem sizes.
    pub scale: Scale,
    /// Worker threads for independent jobs.
    pub jobs: usize,
    /// Which share of the job list to run.
    pub shard: Shard,
    /// Output folder.
    pub out: PathBuf,
    /// When not empty, only the jobs whose id contains one of these strings run (the report
    /// then lists the others as missing).
    pub filter: Vec<String>,
}

/// The experiments selected by name (all when `names` is empty).
pub fn select<'a>(
    all: &'a [&'a dyn Experiment],
    names: &[String],
) -> Result<Vec<&'a dyn Experiment>> {
    if names.is_empty() {
        return Ok(all.to_vec());
    }
    names
        .iter()
        .map(|n| {
            all.iter()
                .copied()
                .find(|e| e.name() == n)
                .with_context(|| {
                    let known: Vec<_> = all.iter().map(|e| e.name()).collect();
                    format!("unknown experiment `{n}` (known: {})", known.join(", "))
                })
        })
        .collect()
}

/// Runs the selected jobs of this shard, skipping finished ones, then regenerates the report
/// (when the run is not sharded; sharded runs are combined by `merge`).
pub fn reproduce(all: &[&dyn Experiment], options: &RunOptions) -> Result<()> {
    let selected = select(all, &options.experiments)?;
    let mut todo: Vec<(&dyn Experiment, Job)> = Vec::new();
    let mut index = 0usize;
    for exp in &selected {
        for job in exp.jobs(options.scale)? {
            let wanted = options.filter.is_empty()
                || options.filter.iter().any(|f| job.id.contains(f.as_str()));
            if options.shard.owns(index) && wanted {
                todo.push((*exp, job));
            }
            index += 1;
        }
    }
    let total = todo.len();
    let mut pending = Vec::new();
    for (exp, job) in todo {
        if files::read_finished(&options.out, exp.name(), &job)?.is_none() {
            pending.push((exp, job));
        }
    }
    eprintln!(
        "reproduce: {} jobs in this shard ({}), {} already finished, {} to run on {} workers",
        total,
        options.shard,
        total - pending.len(),
        pending.len(),
        options.jobs
    );
    let started = Instant::now();
    let context = Context {
        out: &options.out,
        scale: options.scale,
    };
    // Workers take jobs in list order (not split in halves as a parallel iterator would), so
    // that experiments can skip jobs made pointless by earlier results.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                while let Some((exp, job)) = pending.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let t0 = Instant::now();
                    let outcome = exp.run(job, &context).and_then(|result| {
                        files::write_finished(&options.out, exp.name(), job, result, t0.elapsed())
                    });
                    let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                    eprintln!(
                        "  [{n}/{}] {}/{} {} in {:.1} s (elapsed {:.0} s)",
                        pending.len(),
                        exp.name(),
                        job.id,
                        if outcome.is_ok() { "done" } else { "FAILED" },
                        t0.elapsed().as_secs_f64(),
                        started.elapsed().as_secs_f64()
                    );
                    if let Err(e) = outcome {
                        if let Ok(mut f) = failures.lock() {
                            f.push(format!("{}/{}: {e:#}", exp.name(), job.id));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    if !failures.is_empty() {
        bail!(
            "{} job(s) failed:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
    if options.shard.is_whole() {
        report::write_report(&selected, &options.out, options.scale)?;
    }
    if options.shard.is_whole() && options.filter.is_empty() {
        report::verify(&selected, &options.out, options.scale, true)?;
        eprintln!("reproduce: outputs verified (REPORT.md, configs, job files, CSV files)");
    } else if !options.shard.is_whole() {
        eprintln!("reproduce: shard finished; combine shards with `cargo xtask merge`");
    }
    Ok(())
}

/// Copies the job files of `inputs` into `out` and regenerates the report of every experiment
/// that has results there.
pub fn merge(all: &[&dyn Experiment], inputs: &[PathBuf], out: &Path, scale: Scale) -> Result<()> {
    for input in inputs {
        files::copy_job_files(input, out, all)?;
    }
    let present: Vec<&dyn Experiment> = all
        .iter()
        .copied()
        .filter(|e| out.join(e.name()).join("jobs").is_dir())
        .collect();
    if present.is_empty() {
        bail!("{}: no experiment results to merge", out.display());
    }
    report::write_report(&present, out, scale)?;
    // Merged shards may be partial: the report marks incomplete experiments.
    report::verify(&present, out, scale, false)
}
