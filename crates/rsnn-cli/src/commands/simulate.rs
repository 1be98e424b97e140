//! `rsnn simulate`: an exact event-driven run from an initial condition, with prompts and
//! threshold noise.

use crate::flags::{self, Flags};
use crate::neurons::NeuronSet;
use crate::outputs::{self, Kind};
use crate::{Output, estimate, files, initial, interrupt, seeds};
use anyhow::{Context, Result, bail};
use clap::Args;
use rsnn::neuron::Network;
use rsnn::signal::compact;
use rsnn::signal::{JitterConfig, Score, jitter_score};
use rsnn::sim::limits::MAX_NEURON_TIME;
use rsnn::sim::{Prompt, Recording, SimulationConfig, Simulator};
use serde_json::json;
use std::path::{Path, PathBuf};

/// How the library says the simulated span's limit is raised.
const SPAN_HINT: &str = "raise `limits.max_neuron_time` of the simulation config";

/// Arguments of `rsnn simulate`.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// The network.
    pub network: PathBuf,
    /// The memorized score (for `--init perfect`, `--cycles` and prompts).
    #[arg(long)]
    pub score: Option<PathBuf>,
    /// Initial condition: `perfect` (the score continued backwards; the default with
    /// `--score`), `silent` (the default without), or a recording file to continue.
    #[arg(long, value_name = "perfect|silent|FILE")]
    pub init: Option<String>,
    /// Neurons whose prescribed spikes are replayed (e.g. `0-99` or `all`).
    #[arg(long, value_name = "NEURONS")]
    pub prompt: Option<NeuronSet>,
    /// Window of the prompt, `START:END` (default: the first cycle).
    #[arg(long, value_name = "START:END", value_parser = parse_window, allow_hyphen_values = true)]
    pub prompt_window: Option<(f64, f64)>,
    /// Score the prompt replays (default: `--score`).
    #[arg(long)]
    pub prompt_score: Option<PathBuf>,
    /// Standard deviation of the jitter of the replayed spikes.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub prompt_jitter: f64,
    /// Standard deviation sigma of the threshold noise.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub noise: f64,
    /// Nominal threshold: the network's (recorded by `rsnn network --threshold`) unless given;
    /// a different value is refused without `--override-threshold`.
    #[arg(long, allow_negative_numbers = true)]
    pub threshold: Option<f64>,
    /// Simulate at `--threshold` even though the network was built for another threshold.
    #[arg(long, requires = "threshold")]
    pub override_threshold: bool,
    /// Seed of the threshold noise (and of the prompt jitter).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Simulated time span, from 0.
    #[arg(long, conflicts_with = "cycles", allow_negative_numbers = true)]
    pub duration: Option<f64>,
    /// Simulated span in periods of the score.
    #[arg(long)]
    pub cycles: Option<usize>,
    /// Largest simulated neuron-time (span times neurons); each neuron fires at most once per
    /// unit of time, so this bounds the recording's size (8 bytes per spike).
    #[arg(long, default_value_t = MAX_NEURON_TIME, allow_negative_numbers = true)]
    pub max_neuron_time: f64,
    /// Output recording (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
}

/// Parses `START:END`.
fn parse_window(s: &str) -> Result<(f64, f64), String> {
    let (a, b) = s.split_once(':').ok_or("expected START:END")?;
    let num = |t: &str| {
        t.trim()
            .parse::<f64>()
            .map_err(|_| format!("`{t}` is not a number"))
    };
    Ok((num(a)?, num(b)?))
}

fn load_score(path: &Path) -> Result<Score> {
    Ok(files::load::<Score>(path)?.0)
}

/// Builds the prompts: the channels `neurons` of `score`, jittered with `jitter` (seeded), in
/// `window`, score time 0 at absolute time 0.
///
/// # Errors
/// Invalid window, neurons or jitter.
pub fn prompts(
    score: &Score,
    neurons: &[usize],
    window: (f64, f64),
    jitter: f64,
    seed: u64,
) -> Result<Vec<Prompt>> {
    let (start, end) = window;
    if !(start.is_finite() && end.is_finite() && start < end) {
        bail!(
            "invalid parameter `--prompt-window` = {}:{}: the window ends must be finite, with \
             START < END",
            compact(start),
            compact(end)
        );
    }
    let source = if jitter > 0.0 {
        let mut rng = seeds::rng(seed, seeds::PROMPT_STREAM);
        jitter_score(&mut rng, score, &JitterConfig::new(jitter))
            .flags(&[("sigma", "--prompt-jitter")])?
    } else if jitter == 0.0 {
        score.clone()
    } else {
        bail!("invalid parameter `--prompt-jitter` = {jitter}: must be >= 0");
    };
    Prompt::from_score(&source, neurons, window.0, window.1, 0.0).flags(&[
        ("start", "--prompt-window"),
        ("end", "--prompt-window"),
        ("window_start", "--prompt-window"),
        ("window_end", "--prompt-window"),
    ])
}

/// The simulation configuration these arguments describe, for `network`.
///
/// # Errors
/// Bad files or parameters.
pub fn config(args: &SimulateArgs, network: &Network) -> Result<SimulationConfig> {
    let score = args.score.as_deref().map(load_score).transpose()?;
    if let Some(s) = &score {
        initial::check_channels(network, s)?;
    }
    let end = match (args.duration, args.cycles) {
        (Some(d), _) => d,
        (None, Some(c)) => {
            let s = score
                .as_ref()
                .context("--cycles needs --score (for the period)")?;
            c as f64 * s.period()
        }
        (None, None) => bail!("give the simulated span with --duration or --cycles"),
    };
    if !(end.is_finite() && end > 0.0) {
        let flag = if args.duration.is_some() {
            "--duration"
        } else {
            "--cycles"
        };
        bail!("invalid parameter `{flag}` = {end}: the simulated span must be finite and positive");
    }
    let mut config = SimulationConfig::new(0.0, end);
    config.limits.max_neuron_time = flags::limit("--max-neuron-time", args.max_neuron_time)?;
    config.sigma = args.noise;
    config.seed = args.seed;
    let default_init = if score.is_some() { "perfect" } else { "silent" };
    config.history = match args.init.as_deref().unwrap_or(default_init) {
        "perfect" => {
            let s = score.as_ref().context("--init perfect needs --score")?;
            initial::perfect_history(network, s)?
        }
        "silent" => Vec::new(),
        path => {
            let (rec, _) = files::load::<Recording>(Path::new(path))?;
            initial::history_from_recording(network, &rec)?
        }
    };
    if let Some(set) = &args.prompt {
        let source = match &args.prompt_score {
            Some(p) => load_score(p)?,
            None => score
                .clone()
                .context("--prompt needs --score or --prompt-score")?,
        };
        initial::check_channels(network, &source)?;
        let window = args.prompt_window.unwrap_or((0.0, source.period()));
        let neurons = set.resolve(network.num_neurons(), "the network")?;
        config.prompts = prompts(&source, &neurons, window, args.prompt_jitter, args.seed)?;
    }
    Ok(config)
}

/// Applies `--threshold` to `network`: nothing when absent or equal to the network's; an error
/// when different without `--override-threshold`; otherwise the network's threshold is replaced
/// (for this run) and a line says so.
///
/// # Errors
/// An invalid or refused threshold.
pub fn apply_threshold(args: &SimulateArgs, network: &mut Network, out: &Output) -> Result<()> {
    let Some(wanted) = args.threshold else {
        return Ok(());
    };
    let own = network.threshold();
    if wanted == own {
        return Ok(());
    }
    if !args.override_threshold {
        bail!(
            "--threshold {wanted} differs from the network's threshold {own} (recorded by \
             `rsnn network --threshold`); pass --override-threshold to simulate at {wanted} anyway"
        );
    }
    network.set_threshold(wanted)?;
    out.warn(format!(
        "simulating at threshold {wanted} instead of the network's {own} (--override-threshold)"
    ));
    Ok(())
}

/// Simulates with a progress bar over the simulated time.
///
/// # Errors
/// An invalid configuration for this network.
pub fn simulate_with_progress(
    network: &Network,
    config: &SimulationConfig,
    out: &Output,
    label: &str,
) -> Result<Recording> {
    const STEPS: f64 = 1000.0;
    let bar = out.bar(STEPS as u64, label);
    let span = (config.end - config.start).max(f64::MIN_POSITIVE);
    let result = Simulator::new(network).run_with_progress(config, &mut |t| {
        bar.set_position(((t - config.start) / span * STEPS).clamp(0.0, STEPS) as u64);
    });
    bar.finish_and_clear();
    interrupt::check()?;
    Ok(result
        .flags(&[("sigma", "--noise"), ("end", "--duration")])?
        .0)
}

/// Checks the output against the inputs before any work.
fn check_paths(args: &SimulateArgs) -> Result<()> {
    let init = args
        .init
        .as_deref()
        .filter(|s| !matches!(*s, "perfect" | "silent"));
    let mut inputs = vec![args.network.as_path()];
    inputs.extend(args.score.as_deref());
    inputs.extend(args.prompt_score.as_deref());
    inputs.extend(init.map(Path::new));
    outputs::check_all(&[(&args.out, Kind::Data)], &inputs)
}

/// Runs `rsnn simulate`.
///
/// # Errors
/// Bad files or parameters.
pub fn run(args: &SimulateArgs, out: &Output) -> Result<()> {
    check_paths(args)?;
    let (mut network, _) = files::load::<Network>(&args.network)?;
    apply_threshold(args, &mut network, out)?;
    let config = config(args, &network)?;
    let span = if args.duration.is_some() {
        "--duration"
    } else {
        "--cycles"
    };
    // Refused sizes fail here, before the estimate and the run.
    if let Some(cycles) = args.cycles {
        let neurons = network.num_neurons();
        if config
            .limits
            .check_span(config.start, config.end, neurons)
            .is_err()
        {
            bail!(
                "`--cycles` = {cycles} simulates {} neuron-time units (a span of {} with {neurons} \
                 neurons), above the limit of {}; raise it with `--max-neuron-time`",
                compact(config.end * neurons.max(1) as f64),
                compact(config.end),
                compact(config.limits.max_neuron_time)
            );
        }
    }
    config
        .validate(network.num_neurons())
        .map_err(|e| flags::raise_with(e.into(), SPAN_HINT, "--max-neuron-time"))
        .flags(&[("sigma", "--noise"), ("end", span)])?;
    let rate = estimate::rate(None);
    estimate::simulate(out, network.num_inputs(), config.end - config.start, rate);
    let recording = simulate_with_progress(&network, &config, out, "simulate")?;
    files::save(&args.out, &recording, Some(args.seed))?;
    out.text(format!(
        "recorded {} spikes of {} neurons on [{}, {}) -> {}",
        recording.num_spikes(),
        recording.num_neurons(),
        recording.start(),
        recording.end(),
        args.out.display()
    ));
    out.json(&json!({
        "path": files::json_path(&args.out),
        "seed": args.seed,
        "threshold": network.threshold(),
        "start": recording.start(),
        "end": recording.end(),
        "neurons": recording.num_neurons(),
        "spikes": recording.num_spikes(),
        "prompts": config.prompts.len(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse() {
        assert_eq!(parse_window("0:50"), Ok((0.0, 50.0)));
        assert_eq!(parse_window("-1.5: 2"), Ok((-1.5, 2.0)));
        assert!(parse_window("5").is_err() && parse_window("a:1").is_err());
    }
}
