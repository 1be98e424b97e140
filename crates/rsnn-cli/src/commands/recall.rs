//! `rsnn recall`: the associative-recall scenario (a fraction of the neurons prompted with
//! jittered copies for some cycles while the others start silent, then all free).

use crate::batch::Batch;
use crate::flags::{self, Flags};
use crate::outputs::{self, Kind};
use crate::table::{f3, table};
use crate::{Output, initial};
use crate::{estimate, files, interrupt};
use anyhow::Result;
use clap::Args;
use rsnn::neuron::Network;
use rsnn::pipeline::RecallSettings;
use rsnn::recipes::RecallRecord;
use rsnn::recipes::{FreeStart, RecallCycle, RecallOutcome, RecallProtocol, associative_recall};
use rsnn::signal::Score;
use std::path::PathBuf;

/// The protocol's parameters (shared by `recall` and `demo`).
#[derive(Debug, Clone, Args)]
pub struct ProtocolArgs {
    /// Fraction of the neurons that are prompted.
    #[arg(long, default_value_t = 0.5, allow_negative_numbers = true)]
    pub fraction: f64,
    /// Standard deviation of the jitter of the prompts.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub prompt_jitter: f64,
    /// Cycles during which the prompt is replayed.
    #[arg(long, default_value_t = 2)]
    pub prompt_cycles: usize,
    /// Free cycles afterwards.
    #[arg(long, default_value_t = 3)]
    pub free_cycles: usize,
    /// Start the neurons that are not prompted from the last period of an unrelated random
    /// score with this rate parameter, instead of silent.
    #[arg(long, value_name = "RATE", allow_negative_numbers = true)]
    pub free_start_rate: Option<f64>,
}

impl ProtocolArgs {
    /// The protocol's settings (without noise and seed).
    pub fn settings(&self) -> RecallSettings {
        RecallSettings {
            prompted_fraction: self.fraction,
            prompt_jitter: self.prompt_jitter,
            prompt_cycles: self.prompt_cycles,
            free_cycles: self.free_cycles,
            free_start: match self.free_start_rate {
                Some(rate) => FreeStart::RandomScore { rate },
                None => FreeStart::Silent,
            },
        }
    }

    /// The protocol with threshold noise `sigma` and `seed`.
    pub fn protocol(&self, sigma: f64, seed: u64) -> RecallProtocol {
        let s = self.settings();
        RecallProtocol {
            prompted_fraction: s.prompted_fraction,
            prompt_jitter: s.prompt_jitter,
            prompt_cycles: s.prompt_cycles,
            free_cycles: s.free_cycles,
            sigma,
            seed,
            free_start: s.free_start,
        }
    }
}

/// Arguments of `rsnn recall`.
#[derive(Debug, Clone, Args)]
pub struct RecallArgs {
    /// The memorized network.
    pub network: PathBuf,
    /// The score it memorized.
    pub score: PathBuf,
    /// The protocol.
    #[command(flatten, next_help_heading = "Protocol")]
    pub protocol: ProtocolArgs,
    /// Standard deviation sigma of the threshold noise.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub noise: f64,
    /// Seed of the choice of neurons, the jitter and the noise.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Write the result (per-cycle precision and recall) to this file.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Write the recording of the run to this file.
    #[arg(long)]
    pub recording: Option<PathBuf>,
}

/// Runs the protocol with a spinner.
///
/// # Errors
/// Invalid parameters or a score that does not fit the network.
pub fn run_protocol(
    network: &Network,
    score: &Score,
    protocol: &RecallProtocol,
    out: &Output,
) -> Result<RecallOutcome> {
    initial::check_channels(network, score)?;
    let spinner = out.spinner("recall");
    let outcome = associative_recall(network, score, protocol);
    spinner.finish_and_clear();
    interrupt::check()?;
    outcome.flags(flags::PROTOCOL).flags(flags::RECALL)
}

/// The per-cycle table of a recall run.
pub fn render(record: &RecallRecord) -> String {
    cycles_table(&record.cycles)
}

/// A table with one row per cycle: phase, then precision and recall of the prompted, the free
/// and all neurons.
pub fn cycles_table(cycles: &[RecallCycle]) -> String {
    let rows: Vec<Vec<String>> = cycles
        .iter()
        .map(|c| {
            let phase = if c.prompting { "prompt" } else { "free" };
            let mut row = vec![c.cycle.to_string(), phase.to_string()];
            for s in [c.prompted, c.free, Some(c.all)] {
                // An empty group (no neuron prompted, or all) has no similarity.
                row.extend(match s {
                    Some(s) => [f3(s.precision), f3(s.recall)],
                    None => ["-".to_string(), "-".to_string()],
                });
            }
            row
        })
        .collect();
    let headers = [
        "cycle",
        "phase",
        "prompted P",
        "prompted R",
        "free P",
        "free R",
        "all P",
        "all R",
    ];
    table(&headers, &rows)
}

/// Runs `rsnn recall`.
///
/// # Errors
/// Bad files or parameters.
pub fn run(args: &RecallArgs, out: &Output) -> Result<()> {
    let outs: Vec<_> = [&args.out, &args.recording]
        .into_iter()
        .flatten()
        .map(|p| (p.as_path(), Kind::Data))
        .collect();
    outputs::check_all(&outs, &[&args.network, &args.score])?;
    let (network, _) = files::load::<Network>(&args.network)?;
    let (score, _) = files::load::<Score>(&args.score)?;
    let protocol = args.protocol.protocol(args.noise, args.seed);
    protocol
        .validate()
        .flags(flags::PROTOCOL)
        .flags(flags::RECALL)?;
    let p = &args.protocol;
    let span = (p.prompt_cycles + p.free_cycles) as f64 * score.period();
    let rate = estimate::rate(Some(&score));
    estimate::simulate(out, network.num_inputs(), span, rate);
    let outcome = run_protocol(&network, &score, &protocol, out)?;
    let record = RecallRecord {
        protocol,
        prompted: outcome.prompted,
        cycles: outcome.cycles,
    };
    let mut batch = Batch::new();
    if let Some(path) = &args.recording {
        batch.data(path, &outcome.recording, Some(args.seed))?;
    }
    if let Some(path) = &args.out {
        batch.data(path, &record, Some(args.seed))?;
    }
    batch.commit()?;
    out.text(format!(
        "{} of {} neurons prompted (P = precision, R = recall)",
        record.prompted.len(),
        network.num_neurons()
    ));
    out.text(render(&record));
    out.json(&record)
}
