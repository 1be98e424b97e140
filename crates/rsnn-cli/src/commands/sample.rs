//! `rsnn sample`: a random periodic score (docs/model.md §4).

use crate::flags::Flags;
use crate::outputs::{self, Kind};
use crate::{Output, files, seeds};
use anyhow::{Result, bail};
use clap::Args;
use rsnn::signal::{Score, ScoreSampler};
use serde_json::json;
use std::path::PathBuf;

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
    /// Output file (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
}

/// Samples a score of `neurons` channels from stream [`seeds::SCORE_STREAM`] of `seed`.
///
/// # Errors
/// Invalid period or rate, or no neuron.
pub fn sample_score(neurons: usize, period: f64, rate: f64, seed: u64) -> Result<Score> {
    if neurons == 0 {
        bail!("invalid parameter `neurons` = 0: must be at least 1");
    }
    let sampler = ScoreSampler::new(period, rate)?;
    Ok(sampler.sample_score(&mut seeds::rng(seed, seeds::SCORE_STREAM), neurons)?)
}

/// Runs `rsnn sample`.
///
/// # Errors
/// Invalid parameters or an unwritable output.
pub fn run(args: &SampleArgs, out: &Output) -> Result<()> {
    outputs::check_all(&[(&args.out, Kind::Data)], &[])?;
    let score = sample_score(args.neurons, args.period, args.rate, args.seed).flags(&[
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
