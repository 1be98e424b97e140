//! The run loop of `reproduce`: the jobs of this shard, which of them to (re)run, and the
//! workers that run them.

use super::files;
use super::revision::{Resume, resume};
use super::{Context, Experiment, Job, RunOptions};
use anyhow::{Result, bail};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// A job with its experiment.
pub type Task<'a> = (&'a dyn Experiment, Job);

/// The selected jobs of this shard that pass the filter, in list order.
pub fn owned<'a>(selected: &[&'a dyn Experiment], options: &RunOptions) -> Result<Vec<Task<'a>>> {
    let mut todo = Vec::new();
    let mut index = 0usize;
    for exp in selected {
        for job in exp.jobs(options.suite)? {
            let wanted = options.filter.is_empty()
                || options.filter.iter().any(|f| job.id.contains(f.as_str()));
            if options.shard.owns(index) && wanted {
                todo.push((*exp, job));
            }
            index += 1;
        }
    }
    Ok(todo)
}

/// How many owned jobs were found finished, and how many of those are stale.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Jobs with a file of this job.
    pub finished: usize,
    /// Stale jobs run again.
    pub rerun: usize,
    /// Stale jobs kept (`--reuse-stale`).
    pub reused: usize,
}

/// The jobs to run: those without a file, and the stale ones unless the run reuses them.
pub fn pending<'a>(todo: Vec<Task<'a>>, context: &Context) -> Result<(Vec<Task<'a>>, Found)> {
    let mut pending = Vec::new();
    let mut found = Found::default();
    for (exp, job) in todo {
        let Some(f) = files::read_finished(context.out, exp.name(), &job)? else {
            pending.push((exp, job));
            continue;
        };
        found.finished += 1;
        match resume(&f.file.git, context.revision, context.reuse_stale) {
            Resume::Keep => {}
            Resume::ReuseStale => found.reused += 1,
            Resume::Rerun => {
                found.rerun += 1;
                pending.push((exp, job));
            }
        }
    }
    Ok((pending, found))
}

/// Runs `pending` on `workers` threads, writing every job file; fails listing the failed jobs.
pub fn run_all(pending: &[Task], context: &Context, workers: usize) -> Result<()> {
    let started = Instant::now();
    // Workers take jobs in list order (not split in halves as a parallel iterator would), so
    // that experiments can skip jobs made pointless by earlier results.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                while let Some((exp, job)) = pending.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let t0 = Instant::now();
                    let outcome = run_one(*exp, job, context, t0);
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
                    if let (Err(e), Ok(mut f)) = (outcome, failures.lock()) {
                        f.push(format!("{}/{}: {e:#}", exp.name(), job.id));
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
    Ok(())
}

/// Runs one job and writes its file.
fn run_one(exp: &dyn Experiment, job: &Job, context: &Context, t0: Instant) -> Result<()> {
    let result = exp.run(job, context)?;
    let provenance = (t0.elapsed(), context.revision);
    let suite_seed = context.suite.seeds.master();
    files::write_finished(
        context.out,
        (exp.name(), suite_seed),
        job,
        result,
        provenance,
    )
}
