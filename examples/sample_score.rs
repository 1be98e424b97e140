//! Samples a random firing score (docs/model.md §4) and prints its statistics.
//!
//! ```text
//! cargo run --release -p rsnn-examples --example sample_score
//! cargo run --release -p rsnn-examples --example sample_score -- --channels 500 --period 20 --rate 0.5 --seed 7
//! ```
//!
//! Defaults: 200 channels, period T = 50, rate lambda = 0.2, seed 1 (generator ChaCha8).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn::signal::ScoreSampler;
use std::error::Error;

/// The command-line options.
struct Options {
    channels: usize,
    period: f64,
    rate: f64,
    seed: u64,
}

const USAGE: &str = "usage: sample_score [--channels N] [--period T] [--rate LAMBDA] [--seed SEED]";

fn parse_args() -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        channels: 200,
        period: 50.0,
        rate: 0.2,
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args
            .next()
            .ok_or_else(|| format!("missing value after `{flag}`\n{USAGE}"))?;
        let bad = |e: &dyn std::fmt::Display| format!("invalid value `{value}` for `{flag}`: {e}");
        match flag.as_str() {
            "--channels" => options.channels = value.parse().map_err(|e| bad(&e))?,
            "--period" => options.period = value.parse().map_err(|e| bad(&e))?,
            "--rate" => options.rate = value.parse().map_err(|e| bad(&e))?,
            "--seed" => options.seed = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option `{flag}`\n{USAGE}").into()),
        }
    }
    Ok(options)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let options = parse_args()?;
    let sampler = ScoreSampler::new(options.period, options.rate)?;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let score = sampler.sample_score(&mut rng, options.channels)?;

    let counts: Vec<usize> = score.channels().iter().map(|c| c.len()).collect();
    let expected = sampler.expected_count();
    let mean = score.mean_spikes_per_channel();
    let variance = if counts.len() > 1 {
        counts
            .iter()
            .map(|&n| (n as f64 - mean).powi(2))
            .sum::<f64>()
            / (counts.len() - 1) as f64
    } else {
        0.0
    };
    let min = counts.iter().copied().min().unwrap_or(0);
    let max = counts.iter().copied().max().unwrap_or(0);
    let silent = counts.iter().filter(|&&n| n == 0).count();

    println!("random firing score (ChaCha8, seed {})", options.seed);
    println!("  channels              {}", score.num_channels());
    println!("  period T              {}", score.period());
    println!("  rate lambda           {}", options.rate);
    println!("  spikes per period     {}", score.num_spikes());
    println!("  mean per channel      {mean:.4} (expected {expected:.6})");
    println!("  std per channel       {:.4}", variance.sqrt());
    println!("  min / max per channel {min} / {max}");
    println!("  silent channels       {silent}");

    if !counts.is_empty() {
        println!("\nhistogram of spikes per channel (channels sampled, expected)");
        let distribution = sampler.count_distribution();
        let mut histogram = vec![0usize; max + 1];
        for &n in &counts {
            histogram[n] += 1;
        }
        let tallest = histogram.iter().copied().max().unwrap_or(1).max(1) as f64;
        for (n, &h) in histogram.iter().enumerate() {
            let e = distribution.get(n).copied().unwrap_or(0.0) * counts.len() as f64;
            let bar = "#".repeat((h as f64 * 50.0 / tallest).round() as usize);
            println!("  {n:>3} | {h:>5} {e:>8.1} | {bar}");
        }
    }
    Ok(())
}
