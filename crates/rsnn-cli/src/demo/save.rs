//! Writes the outcome of the demo's pipeline into its folder: every rsnn file, the figures and
//! `summary.json`, all or nothing (see [`Batch`]).

use super::figures;
use crate::batch::Batch;
use anyhow::{Context, Result};
use rsnn::pipeline::PipelineOutcome;
use std::path::Path;

/// Writes everything into `dir` (created if needed; files in it are replaced), each file with
/// the seed that produced it. Every file is encoded and every figure drawn before the first
/// one is written.
///
/// # Errors
/// I/O or drawing failures.
pub fn write_all(dir: &Path, o: &PipelineOutcome) -> Result<()> {
    let master = Some(o.config.seed);
    let free_seed = Some(o.free_run.seed);
    let recall_seed = Some(o.recall.record.protocol.seed);
    let mut b = Batch::new();
    let at = |name: &str| dir.join(name);
    b.data(&at("score.json"), &o.score, master)?;
    b.data(&at("network.json"), &o.network, master)?;
    b.data(&at("memorize-report.json"), &o.memorize, master)?;
    b.data(&at("stability.json"), &o.stability, master)?;
    b.data(&at("free-run.json"), &o.free_run.recording, free_seed)?;
    let cycles = &o.free_run.measurement;
    b.data(&at("free-run-cycles.json"), cycles, free_seed)?;
    b.data(&at("recall-run.json"), &o.recall.recording, recall_seed)?;
    b.data(&at("recall.json"), &o.recall.record, recall_seed)?;
    for (name, svg) in figures::draw(o)? {
        b.raw(&at(name), svg);
    }
    b.data(&at("summary.json"), &o.summary(), master)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    b.commit()
}
