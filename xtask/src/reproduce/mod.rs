//! `cargo xtask reproduce`: the experiment suite of the paper, split into independent jobs.
//!
//! Every experiment expands into a deterministic list of jobs (one seed each). A job writes one
//! JSON file `results/<experiment>/jobs/<job-id>.json` atomically, recording the git revision
//! and whether the tree was dirty; a finished job is not run again, so an interrupted run
//! resumes where it stopped, unless it was recorded by other code (another commit, a dirty or
//! unknown tree, or the tree is dirty now): such stale jobs are run again unless
//! `--reuse-stale`. `--shard I/N` runs every N-th job of the whole list (for cluster arrays);
//! `cargo xtask merge` gathers the job files of several output folders (of any revision) and
//! regenerates the tables, plots and `REPORT.md`, which lists the revisions of the results.

mod files;
mod jobs;
pub mod report;
mod revision;
mod run;
mod typed;
mod verify;

pub use files::Finished;
pub use jobs::{Job, Scale, Shard, Suite};
use revision::Revision;
pub use typed::{Done, Typed};

use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};

/// One experiment of the suite, with parameters and results as JSON (object-safe; experiments
/// implement [`Typed`], which converts at this boundary).
pub trait Experiment: Sync {
    /// The name used on the command line and as folder name.
    fn name(&self) -> &'static str;
    /// One line saying what the experiment measures.
    fn description(&self) -> &'static str;
    /// The jobs of this experiment in the suite (scale and seed), in a fixed order.
    fn jobs(&self, suite: Suite) -> Result<Vec<Job>>;
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
    /// The scale and seed of the run.
    pub suite: Suite,
    /// The code running now.
    pub revision: &'a Revision,
    /// Whether jobs recorded by other code count as finished.
    pub reuse_stale: bool,
}

/// Options of a `reproduce` run.
pub struct RunOptions {
    /// Experiments to run (all when empty).
    pub experiments: Vec<String>,
    /// Problem sizes and seed.
    pub suite: Suite,
    /// Worker threads for independent jobs.
    pub jobs: usize,
    /// Which share of the job list to run.
    pub shard: Shard,
    /// Output folder.
    pub out: PathBuf,
    /// When not empty, only the jobs whose id contains one of these strings run (the report
    /// then lists the others as missing).
    pub filter: Vec<String>,
    /// Keep finished jobs recorded by another revision or a dirty tree instead of re-running
    /// them.
    pub reuse_stale: bool,
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

/// Runs the selected jobs of this shard, skipping finished ones (and re-running stale ones
/// unless told to reuse them), then regenerates the report (when the run is not sharded;
/// sharded runs are combined by `merge`).
pub fn reproduce(all: &[&dyn Experiment], options: &RunOptions) -> Result<()> {
    let selected = select(all, &options.experiments)?;
    let revision = Revision::current();
    let context = Context {
        out: &options.out,
        suite: options.suite,
        revision: &revision,
        reuse_stale: options.reuse_stale,
    };
    let todo = run::owned(&selected, options)?;
    let total = todo.len();
    let (pending, found) = run::pending(todo, &context)?;
    eprintln!(
        "reproduce: {total} jobs in this shard ({}), {} already finished, {} to run on {} \
         workers (code at {revision})",
        options.shard,
        found.finished,
        pending.len(),
        options.jobs
    );
    report_stale(found);
    run::run_all(&pending, &context, options.jobs)?;
    if options.shard.is_whole() {
        report::write_report(&selected, &options.out, options.suite)?;
    }
    if options.shard.is_whole() && options.filter.is_empty() {
        verify::verify(&selected, &options.out, options.suite, true)?;
        eprintln!("reproduce: outputs verified (REPORT.md, configs, job files, CSV files)");
    } else if !options.shard.is_whole() {
        eprintln!("reproduce: shard finished; combine shards with `cargo xtask merge`");
    }
    Ok(())
}

/// Says how many finished jobs are stale (recorded by another commit or a dirty tree).
fn report_stale(found: run::Found) {
    if found.rerun > 0 {
        eprintln!(
            "reproduce: {} stale job(s) (recorded by another revision or a dirty tree, or the \
             tree is dirty now) are run again; `--reuse-stale` keeps them",
            found.rerun
        );
    }
    if found.reused > 0 {
        eprintln!(
            "reproduce: {} stale job(s) reused (--reuse-stale); REPORT.md lists their revisions",
            found.reused
        );
    }
}

/// Copies the job files of `inputs` into `out` and regenerates the report of every experiment
/// that has results there.
pub fn merge(all: &[&dyn Experiment], inputs: &[PathBuf], out: &Path, suite: Suite) -> Result<()> {
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
    report::write_report(&present, out, suite)?;
    // Merged shards may be partial: the report marks incomplete experiments.
    verify::verify(&present, out, suite, false)
}
