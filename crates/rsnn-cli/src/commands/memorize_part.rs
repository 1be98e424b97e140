//! `rsnn memorize --neurons SET`: the weights of some of the neurons, written as a part
//! (kind `memorize-part`) for `rsnn merge`.

use super::memorize::{MemorizeArgs, check_report, describe, report_json, warn_missed};
use crate::batch::Batch;
use crate::flags::{self, Flags};
use crate::neurons::NeuronSet;
use crate::outputs::{self, Kind};
use crate::{Output, estimate, files, interrupt};
use anyhow::Result;
use rsnn::neuron::Network;
use rsnn::optim::MemorizeConfig;
use rsnn::parts::{MemorizePart, memorize_part};
use rsnn::signal::Score;
use serde_json::json;
use std::path::PathBuf;

/// Memorizes the neurons `ids` of `network` with a progress bar.
///
/// # Errors
/// As [`memorize_part`].
fn with_progress(
    network: &Network,
    ids: &[usize],
    scores: &[Score],
    config: &MemorizeConfig,
    out: &Output,
) -> Result<MemorizePart> {
    let bar = out.bar(ids.len() as u64, "memorize");
    let part = memorize_part(network, ids, scores, config, |done, _| {
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    Ok(part?)
}

/// Runs `rsnn memorize --neurons SET`: as `rsnn memorize` on the neurons of `set` only (the
/// same refusal of neurons not memorized without `--allow-infeasible`), writing the part.
///
/// # Errors
/// Bad files or parameters, a neuron the network does not have, backend failures, or neurons
/// not memorized without `--allow-infeasible`.
pub fn run(
    args: &MemorizeArgs,
    set: &NeuronSet,
    config: &MemorizeConfig,
    out: &Output,
) -> Result<()> {
    let mut inputs = vec![args.network.as_path()];
    inputs.extend(args.scores.iter().map(PathBuf::as_path));
    outputs::check_all(&[(args.out.as_path(), Kind::Data)], &inputs)?;
    let (network, header) = files::load::<Network>(&args.network)?;
    let ids = set.resolve(network.num_neurons(), "the network")?;
    let scores = args
        .scores
        .iter()
        .map(|p| files::load::<Score>(p).map(|(s, _)| s))
        .collect::<Result<Vec<_>>>()?;
    let synapses = ids
        .iter()
        .filter_map(|&id| network.neuron(id))
        .map(|n| n.inputs.len())
        .sum();
    estimate::memorize(out, ids.len(), synapses, &scores);
    let part = with_progress(&network, &ids, &scores, config, out).flags(flags::MEMORIZE)?;
    interrupt::check()?;
    let report = part.report();
    check_report(&report, args.allow_infeasible)?;
    warn_missed(&report, "in the part", out);
    let mut batch = Batch::new();
    batch.data(&args.out, &part, header.seed)?;
    batch.commit()?;
    let total = network.num_neurons();
    out.text(format!(
        "part with {} of the {total} neurons: {} -> {}",
        ids.len(),
        describe(&report),
        args.out.display()
    ));
    let mut summary = report_json(&report);
    summary["path"] = json!(files::json_path(&args.out));
    summary["kind"] = json!("memorize-part");
    summary["of"] = json!(total);
    out.json(&summary)
}
