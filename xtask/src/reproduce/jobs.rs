//! Jobs, scales, shards and the job files that make runs resumable.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Problem sizes of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Reduced sizes: the whole suite in a few minutes on 2 cores.
    Quick,
    /// The sizes of the paper.
    Full,
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Quick => "quick",
            Self::Full => "full",
        })
    }
}

/// One independent unit of work: an experiment's parameters and seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Unique within its experiment and scale; used as file name.
    pub id: String,
    /// The seed of every random draw of this job.
    pub seed: u64,
    /// The parameters (experiment-specific).
    pub params: serde_json::Value,
}

/// `I/N`: this run executes the jobs whose global index `k` has `k % N == I - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Shard {
    /// Whether the job with global index `k` belongs to this shard.
    pub fn owns(&self, k: usize) -> bool {
        k % self.count == self.index - 1
    }

    /// Whether this shard is the whole job list.
    pub fn is_whole(&self) -> bool {
        self.count == 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shard {}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        let (i, n) = s
            .split_once('/')
            .with_context(|| format!("shard `{s}` is not of the form I/N"))?;
        let index: usize = i
            .trim()
            .parse()
            .with_context(|| format!("shard index `{i}`"))?;
        let count: usize = n
            .trim()
            .parse()
            .with_context(|| format!("shard count `{n}`"))?;
        if count == 0 || index == 0 || index > count {
            bail!("shard `{s}`: need 1 <= I <= N");
        }
        Ok(Self { index, count })
    }
}

/// The content of a finished job's file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobFile {
    /// Experiment name.
    pub experiment: String,
    /// The job (id, seed, parameters).
    pub job: Job,
    /// The result (experiment-specific).
    pub result: serde_json::Value,
    /// Wall time of the job in seconds.
    pub seconds: f64,
    /// The git revision of the code that ran it.
    pub git_revision: String,
}

/// The file of a job.
pub fn job_path(out: &Path, experiment: &str, job: &Job) -> PathBuf {
    out.join(experiment)
        .join("jobs")
        .join(format!("{}.json", job.id))
}

/// Reads a job's file if it exists and belongs to exactly this job.
pub fn read_finished(out: &Path, experiment: &str, job: &Job) -> Option<JobFile> {
    let text = std::fs::read_to_string(job_path(out, experiment, job)).ok()?;
    let file: JobFile = serde_json::from_str(&text).ok()?;
    (file.job == *job && file.experiment == experiment).then_some(file)
}

/// Whether a job has already been run.
pub fn is_finished(out: &Path, experiment: &str, job: &Job) -> bool {
    read_finished(out, experiment, job).is_some()
}

/// The current git revision (`unknown` outside a git checkout).
pub fn git_revision() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Writes a text file atomically (temporary file, then rename), creating its folder.
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    rsnn::signal::io::write_atomically(path, text.as_bytes())?;
    Ok(())
}

/// Records a finished job.
pub fn write_finished(
    out: &Path,
    experiment: &str,
    job: &Job,
    result: serde_json::Value,
    elapsed: Duration,
) -> Result<()> {
    let file = JobFile {
        experiment: experiment.to_owned(),
        job: job.clone(),
        result,
        seconds: elapsed.as_secs_f64(),
        git_revision: git_revision(),
    };
    write_text(
        &job_path(out, experiment, job),
        &serde_json::to_string_pretty(&file)?,
    )
}

/// Copies the job files found under `input` into `out` (a job file already in `out` is kept).
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
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                serde_json::from_str::<JobFile>(&text)
                    .with_context(|| format!("{} is not a job file", path.display()))?;
                write_text(&target, &text)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_job_list() {
        let shards: Vec<Shard> = (1..=3).map(|i| format!("{i}/3").parse().unwrap()).collect();
        for k in 0..20 {
            assert_eq!(shards.iter().filter(|s| s.owns(k)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert!("1/1".parse::<Shard>().unwrap().owns(17));
    }
}
