//! Reading and writing rsnn files, and the file kinds this command adds to the library's
//! (`score`, `network`, `recording`): memorization reports, measurements, stability reports and
//! recall results. Every file is a versioned envelope written atomically (see
//! docs/file-formats.md).

use anyhow::{Context, Result, bail};
use rsnn::optim::{MemorizeConfig, NetworkReport};
use rsnn::recipes::{RecallCycle, RecallProtocol};
use rsnn::signal::io::{self, Encoding, FileData, Header};
use rsnn::sim::StabilityReport;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the notes of loaded files are kept off stderr (`--quiet`).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences (or not) the warnings [`load`] prints; set once per run from `--quiet`.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Loads a file of kind `T`. The notes of an upgraded older file (see
/// [`Header::notes`](rsnn::signal::io::Header::notes)) are printed as warnings on stderr,
/// unless `--quiet`.
///
/// # Errors
/// Missing or unreadable file, wrong kind or version, invalid data (the message names the path).
pub fn load<T: FileData>(path: &Path) -> Result<(T, Header)> {
    let (data, header) = io::load::<T>(path)?;
    if !QUIET.load(Ordering::Relaxed) {
        for note in &header.notes {
            eprintln!("rsnn: warning: {}: {note}", path.display());
        }
    }
    Ok((data, header))
}

/// Saves `data` atomically with its `seed` in the encoding the extension names.
///
/// # Errors
/// Unknown extension, serialization or I/O failures.
pub fn save<T: FileData>(path: &Path, data: &T, seed: Option<u64>) -> Result<()> {
    io::save(path, data, seed).with_context(|| format!("cannot write {}", path.display()))
}

/// Checks an output path before any work is done: a known extension and an existing folder.
///
/// # Errors
/// Unknown extension or missing parent folder.
pub fn check_output(path: &Path) -> Result<()> {
    Encoding::from_path(path)?;
    check_parent(path)
}

/// Checks that an SVG output path has the `.svg` extension and an existing folder.
///
/// # Errors
/// Wrong extension or missing parent folder.
pub fn check_svg(path: &Path) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()) != Some("svg") {
        bail!(
            "{}: figures are written as SVG (use the .svg extension)",
            path.display()
        );
    }
    check_parent(path)
}

fn check_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!(
            "{}: the folder {} does not exist",
            path.display(),
            parent.display()
        );
    }
    Ok(())
}

/// Writes a JSON document (not an envelope) atomically.
///
/// # Errors
/// Serialization or I/O failures.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    io::write_atomically(path, text.as_bytes())?;
    Ok(())
}

/// The outcome of `rsnn memorize`: the parameters and the per-neuron report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemorizeRecord {
    /// The memorization parameters.
    pub config: MemorizeConfig,
    /// Number of memories (scores) stored.
    pub memories: usize,
    /// The per-neuron report.
    pub report: NetworkReport,
}

impl FileData for MemorizeRecord {
    const KIND: &'static str = "memorize-report";
    const VERSION: u32 = 1;
}

/// Precision and recall of one cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CycleRow {
    /// Cycle index (0-based).
    pub cycle: usize,
    /// Start of the cycle (absolute time).
    pub start: f64,
    /// Precision (MODEL.md section 6).
    pub precision: f64,
    /// Recall.
    pub recall: f64,
}

/// The outcome of `rsnn measure`: precision and recall per cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The period of the score.
    pub period: f64,
    /// One row per cycle.
    pub cycles: Vec<CycleRow>,
}

impl FileData for Measurement {
    const KIND: &'static str = "measurement";
    const VERSION: u32 = 1;
}

/// The outcome of `rsnn stability`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StabilityRecord(pub StabilityReport);

impl FileData for StabilityRecord {
    const KIND: &'static str = "stability";
    const VERSION: u32 = 1;
}

/// The outcome of `rsnn recall`: the protocol, the prompted neurons and every cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecallRecord {
    /// The protocol.
    pub protocol: RecallProtocol,
    /// The prompted neurons, sorted.
    pub prompted: Vec<usize>,
    /// One entry per cycle.
    pub cycles: Vec<RecallCycle>,
}

impl FileData for RecallRecord {
    const KIND: &'static str = "recall";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_are_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(check_output(&dir.path().join("a.json")).is_ok());
        assert!(check_output(&dir.path().join("a.txt")).is_err());
        assert!(check_output(&dir.path().join("missing/a.json")).is_err());
        assert!(check_svg(&dir.path().join("a.svg")).is_ok());
        assert!(check_svg(&dir.path().join("a.png")).is_err());
    }
}
