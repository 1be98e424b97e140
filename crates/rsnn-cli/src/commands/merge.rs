//! `rsnn merge`: the parts of a memorization (`rsnn memorize --neurons`) assembled into the
//! memorized network, exactly as one `rsnn memorize` run writes it.

use super::memorize::{check_report, describe, report_json, warn_missed};
use crate::batch::Batch;
use crate::flags::{self, Flags};
use crate::outputs::{self, Kind};
use crate::{Output, files};
use anyhow::{Result, bail};
use clap::Args;
use rsnn::neuron::Network;
use rsnn::parts::{MemorizePart, merge_parts};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `rsnn merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The network the parts were memorized from (its topology is checked and copied).
    pub network: PathBuf,
    /// The parts (`rsnn memorize NETWORK SCORE... --neurons SET -o PART`), in any order; together
    /// they must hold every neuron exactly once.
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Accept neurons that were not memorized (they keep their weights), as `rsnn memorize
    /// --allow-infeasible` does.
    #[arg(long)]
    pub allow_infeasible: bool,
    /// Output: the network with its new weights (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Also write the per-neuron report of every neuron to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

/// Fails when two of `parts` name the same file (also through `./` or a symbolic link).
///
/// # Errors
/// The second name of a file given twice.
fn check_distinct(parts: &[PathBuf]) -> Result<()> {
    let mut seen: HashMap<PathBuf, &PathBuf> = HashMap::new();
    for p in parts {
        if let Some(file) = outputs::identity(p)
            && let Some(q) = seen.insert(file, p)
        {
            bail!(
                "{}: the same file as {}, given twice",
                p.display(),
                q.display()
            );
        }
    }
    Ok(())
}

/// Runs `rsnn merge`.
///
/// # Errors
/// Bad files; parts of another network, of other scores or with other parameters; parts that
/// overlap or leave neurons out; neurons not memorized without `--allow-infeasible`.
pub fn run(args: &MergeArgs, out: &Output) -> Result<()> {
    let mut outs = vec![(args.out.as_path(), Kind::Data)];
    outs.extend(args.report.as_deref().map(|p| (p, Kind::Data)));
    let mut inputs = vec![args.network.as_path()];
    inputs.extend(args.parts.iter().map(PathBuf::as_path));
    outputs::check_all(&outs, &inputs)?;
    check_distinct(&args.parts)?;
    let (network, header) = files::load::<Network>(&args.network)?;
    let parts = args
        .parts
        .iter()
        .map(|p| files::load::<MemorizePart>(p).map(|(part, _)| (p.clone(), part)))
        .collect::<Result<Vec<_>>>()?;
    let merged = merge_parts(&network, &parts).flags(flags::MEMORIZE)?;
    let report = &merged.record.report;
    check_report(report, args.allow_infeasible)?;
    warn_missed(report, "with --report FILE", out);
    let mut batch = Batch::new();
    batch.data(&args.out, &merged.network, header.seed)?;
    if let Some(path) = &args.report {
        batch.data(path, &merged.record, header.seed)?;
    }
    batch.commit()?;
    out.text(format!(
        "merged {} parts: {} -> {}",
        parts.len(),
        describe(report),
        args.out.display()
    ));
    let mut summary = report_json(report);
    summary["path"] = json!(files::json_path(&args.out));
    summary["parts"] = json!(parts.len());
    out.json(&summary)
}
