//! `rsnn sample`: a random periodic score (docs/model.md §4).

use crate::flags::{self, Flags};
use crate::outputs::{self, Kind};
use crate::{Output, files, seeds};
use anyhow::{Result, bail};
use clap::Args;
use rsnn::signal::limits::MAX_SCORE_SPIKES;
use rsnn::signal::{Score, ScoreSampler};
use serde_json::json;
use std::path::PathBuf;

/// How the library says the sampler's limit is raised.
const SAMPLER_HINT: &str = "raise it with ScoreSampler::with_max_spikes";

/// Arguments of `rsnn sample`.
#[derive(Debug, Clone, Args)]
pub struct SampleArgs {
    /// Number of neurons (channels) L.
    #[arg(long, default_value_t = 200)]
    pub neurons: usize,
    /// Period T (refractory periods).
    #[arg(long, default_value_t = 50.0, allow_negative_numbers = true)]
    pub period: f64,
    /// Firing-rate parameter lambda.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub rate: f64,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Largest size of the score, in trains plus expected spikes (raise it for very large
    /// scores; a score takes 8 bytes per spike).
    #[arg(long, default_value_t = MAX_SCORE_SPIKES, allow_negative_numbers = true)]
    pub max_spikes: f64,
    /// Output file (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
}

/// Samples a score of `neurons` channels from stream [`seeds::SCORE_STREAM`] of `seed`, of at
/// most `max_spikes` trains and expected spikes.
///
/// # Errors
/// Invalid period or rate, no neuron, or a score above `max_spikes`.
pub fn sample_score(
    neurons: usize,
    period: f64,
    rate: f64,
    seed: u64,
    max_spikes: f64,
) -> Result<Score> {
    if neurons == 0 {
        bail!("invalid parameter `neurons` = 0: must be at least 1");
    }
    let sampler = ScoreSampler::new(period, rate)?.with_max_spikes(max_spikes);
    Ok(sampler.sample_score(&mut seeds::rng(seed, seeds::SCORE_STREAM), neurons)?)
}

/// Runs `rsnn sample`.
///
/// # Errors
/// Invalid parameters or an unwritable output.
pub fn run(args: &SampleArgs, out: &Output) -> Result<()> {
    outputs::check_all(&[(&args.out, Kind::Data)], &[])?;
    let max_spikes = flags::limit("--max-spikes", args.max_spikes)?;
    let score = sample_score(args.neurons, args.period, args.rate, args.seed, max_spikes)
        .map_err(|e| flags::raise_with(e, SAMPLER_HINT, "--max-spikes"))
        .flags(&[
            ("period", "--period"),
            ("rate", "--rate"),
            ("channels", "--neurons"),
        ])?;
    files::save(&args.out, &score, Some(args.seed))?;
    let silent = score.channels().iter().filter(|c| c.is_empty()).count();
    out.text(format!(
        "score: {} neurons, period {}, {} spikes ({:.2} per neuron, {} silent) -> {}",
        score.num_channels(),
        score.period(),
        score.num_spikes(),
        score.mean_spikes_per_channel(),
        silent,
        args.out.display()
    ));
    out.json(&json!({
        "path": files::json_path(&args.out),
        "seed": args.seed,
        "neurons": score.num_channels(),
        "period": score.period(),
        "rate": args.rate,
        "spikes": score.num_spikes(),
        "mean_spikes_per_neuron": score.mean_spikes_per_channel(),
        "silent_neurons": silent,
    }))
}
