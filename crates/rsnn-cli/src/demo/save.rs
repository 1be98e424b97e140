//! Writes the outcome of the demo's pipeline into its folder: every rsnn file, the figures and
//! `summary.json`.

use super::figures;
use crate::files;
use anyhow::{Context, Result};
use rsnn::io::FileData;
use rsnn::pipeline::PipelineOutcome;
use std::path::Path;

/// Writes everything into `dir` (created if needed; files in it are replaced), each file with
/// the seed that produced it.
///
/// # Errors
/// I/O or drawing failures.
pub fn write_all(dir: &Path, o: &PipelineOutcome) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let master = Some(o.config.seed);
    let free_seed = Some(o.free_run.seed);
    let recall_seed = Some(o.recall.record.protocol.seed);
    save(dir, "score.json", &o.score, master)?;
    save(dir, "network.json", &o.network, master)?;
    save(dir, "memorize-report.json", &o.memorize, master)?;
    save(dir, "stability.json", &o.stability, master)?;
    save(dir, "free-run.json", &o.free_run.recording, free_seed)?;
    save(
        dir,
        "free-run-cycles.json",
        &o.free_run.measurement,
        free_seed,
    )?;
    save(dir, "recall-run.json", &o.recall.recording, recall_seed)?;
    save(dir, "recall.json", &o.recall.record, recall_seed)?;
    figures::draw(dir, o)?;
    save(dir, "summary.json", &o.summary(), master)
}

fn save<T: FileData>(dir: &Path, name: &str, data: &T, seed: Option<u64>) -> Result<()> {
    files::save(&dir.join(name), data, seed)
}
