//! The job files that make runs resumable: one JSON file per finished job.

use super::jobs::Job;
use super::revision::Revision;
use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The content of a finished job's file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobFile {
    /// Experiment name.
    pub experiment: String,
    /// The master seed of the suite the job belongs to.
    pub suite_seed: u64,
    /// The job (id, seed, parameters).
    pub job: Job,
    /// The result (experiment-specific; read back as the experiment's typed result).
    pub result: serde_json::Value,
    /// Wall time of the job in seconds.
    pub seconds: f64,
    /// The git revision of the code that ran it, and whether the tree was dirty.
    pub git: Revision,
}

/// A finished job as read back from its file.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The file it was read from (named in errors).
    pub path: PathBuf,
    /// Its content.
    pub file: JobFile,
}

/// The file of a job.
pub fn job_path(out: &Path, experiment: &str, job: &Job) -> PathBuf {
    out.join(experiment)
        .join("jobs")
        .join(format!("{}.json", job.id))
}

/// Reads a job file, returning its text and content; an error names the file.
pub fn read_job_file(path: &Path) -> Result<(String, JobFile)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a job file", path.display()))?;
    Ok((text, file))
}

/// The finished job `job` of `experiment`: `None` when its file does not exist or holds another
/// job (other parameters or seed, e.g. from an older protocol); an error when the file exists
/// but is not a job file.
pub fn read_finished(out: &Path, experiment: &str, job: &Job) -> Result<Option<Finished>> {
    let path = job_path(out, experiment, job);
    if !path.exists() {
        return Ok(None);
    }
    let (_, file) = read_job_file(&path)?;
    let matches = file.job == *job && file.experiment == experiment;
    Ok(matches.then_some(Finished { path, file }))
}

/// Writes a text file atomically (temporary file, then rename), creating its folder.
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    rsnn::signal::io::write_atomically(path, text.as_bytes())?;
    Ok(())
}

/// Records a finished job of `experiment` in the suite of seed `suite_seed`, run by the code
/// `git`.
pub fn write_finished(
    out: &Path,
    (experiment, suite_seed): (&str, u64),
    job: &Job,
    result: serde_json::Value,
    (elapsed, git): (Duration, &Revision),
) -> Result<()> {
    let file = JobFile {
        experiment: experiment.to_owned(),
        suite_seed,
        job: job.clone(),
        result,
        seconds: elapsed.as_secs_f64(),
        git: git.clone(),
    };
    write_text(
        &job_path(out, experiment, job),
        &serde_json::to_string_pretty(&file)?,
    )
}

/// Copies the job files found under `input` into `out` (a job file already in `out` is kept).
/// A file that is not a job file is an error naming it.
pub fn copy_job_files(input: &Path, out: &Path, all: &[&dyn super::Experiment]) -> Result<()> {
    for exp in all {
        let dir = input.join(exp.name()).join("jobs");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let Some(name) = path.file_name() else {
                continue;
            };
            let target = out.join(exp.name()).join("jobs").join(name);
            if target != path && !target.exists() {
                let (text, _) = read_job_file(&path)?;
                write_text(&target, &text)?;
            }
        }
    }
    Ok(())
}
