//! One stage of the scale benchmark as a child process, with its wall time, CPU time and peak
//! resident memory.
//!
//! The peak memory of a process is only known to its parent (`getrusage(RUSAGE_CHILDREN)`
//! after the wait), and it is the largest over every child waited for. So each stage runs under
//! a fresh `xtask measure-child` wrapper whose only child is the stage: the wrapper's
//! `RUSAGE_CHILDREN` is exactly the stage's. The wrapper writes its measurement as one JSON
//! line to a file the benchmark names.

use anyhow::{Context, Result, bail};
use nix::sys::resource::{UsageWho, getrusage};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// What one stage cost.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Measured {
    /// Wall-clock seconds.
    pub wall: f64,
    /// User plus system CPU seconds (all threads).
    pub cpu: f64,
    /// Peak resident memory in bytes.
    pub peak_bytes: u64,
}

/// Runs `program args` (stdout and stderr appended to `log`), waits for it and writes its
/// [`Measured`] to `record`: the body of `xtask measure-child`.
///
/// # Errors
/// The program cannot start or fails; the record cannot be written.
pub fn measure_child(record: &Path, log: &Path, program: &str, args: &[String]) -> Result<()> {
    let out = File::options()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening {}", log.display()))?;
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::from(out.try_clone()?))
        .stderr(Stdio::from(out))
        .status()
        .with_context(|| format!("starting {program}"))?;
    let wall = start.elapsed().as_secs_f64();
    if !status.success() {
        bail!(
            "{program} {} failed with {status} (see {})",
            args.join(" "),
            log.display()
        );
    }
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).context("getrusage")?;
    let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 * 1e-6;
    let measured = Measured {
        wall,
        cpu: seconds(usage.user_time()) + seconds(usage.system_time()),
        // Linux reports kilobytes.
        peak_bytes: u64::try_from(usage.max_rss()).unwrap_or(0) * 1024,
    };
    std::fs::write(record, serde_json::to_string(&measured)?)
        .with_context(|| format!("writing {}", record.display()))?;
    Ok(())
}

/// Runs `program args` under the `xtask measure-child` wrapper and returns what it cost.
///
/// # Errors
/// The stage fails (its output is in `log`) or its record does not parse.
pub fn run_measured(dir: &Path, log: &Path, program: &Path, args: &[String]) -> Result<Measured> {
    let record = dir.join("stage-record.json");
    let _ = std::fs::remove_file(&record);
    let me = std::env::current_exe().context("locating the xtask binary")?;
    let status = Command::new(me)
        .arg("measure-child")
        .arg(&record)
        .arg(log)
        .arg("--")
        .arg(program)
        .args(args)
        .status()
        .context("starting xtask measure-child")?;
    if !status.success() {
        bail!(
            "stage `{} {}` failed (its output is in {})",
            program.display(),
            args.join(" "),
            log.display()
        );
    }
    let text = std::fs::read_to_string(&record)
        .with_context(|| format!("reading {}", record.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", record.display()))
}
