//! `rsnn demo`: the main job on the built-in defaults (MODEL.md section 1): sample a score,
//! wire a network, memorize, analyse stability, run freely from the perfect initial condition,
//! run associative recall, print a table and write everything to a folder.

mod figures;
pub mod summary;

use crate::commands::memorize::{SolverArgs, memorize_with_progress, status_counts};
use crate::commands::recall::{ProtocolArgs, run_protocol};
use crate::commands::simulate::simulate_with_progress;
use crate::commands::{measure, network, sample, stability};
use crate::files::{self, MemorizeRecord, RecallRecord, StabilityRecord};
use crate::{Output, initial, seeds};
use anyhow::{Context, Result, bail};
use clap::Args;
use rsnn::neuron::{Topology, TopologyConfig};
use rsnn::sim::SimulationConfig;
use std::path::PathBuf;
use std::time::Instant;
use summary::{
    DemoConfig, MemorizeSummary, RecallSummary, ScoreSummary, StabilitySummary, Summary,
};

/// Arguments of `rsnn demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Number of neurons L.
    #[arg(long, default_value_t = 200)]
    pub neurons: usize,
    /// Inputs per neuron K.
    #[arg(long, default_value_t = 500)]
    pub inputs: usize,
    /// Period T.
    #[arg(long, default_value_t = 50.0, allow_negative_numbers = true)]
    pub period: f64,
    /// Firing-rate parameter lambda.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub rate: f64,
    /// Threshold noise sigma.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub noise: f64,
    /// Cycles of the free run.
    #[arg(long, default_value_t = 10)]
    pub cycles: usize,
    /// Seed of everything.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output folder (created if needed; files in it are replaced).
    #[arg(long, short, default_value = "rsnn-demo")]
    pub out: PathBuf,
    /// Memorization parameters.
    #[command(flatten, next_help_heading = "Memorization")]
    pub solver: SolverArgs,
    /// The associative-recall protocol.
    #[command(flatten, next_help_heading = "Associative recall")]
    pub protocol: ProtocolArgs,
}

/// Delays of the demo network.
const DELAYS: (f64, f64) = (0.1, 10.0);

/// Checks the parameters used after memorization, so that a mistake fails in a second, not
/// after minutes.
fn check_early(args: &DemoArgs) -> Result<()> {
    if args.cycles == 0 {
        bail!("invalid parameter `cycles` = 0: must be at least 1");
    }
    let p = &args.protocol;
    let checks = [
        (
            "noise",
            args.noise,
            args.noise >= 0.0,
            "must be finite and >= 0",
        ),
        (
            "fraction",
            p.fraction,
            (0.0..=1.0).contains(&p.fraction),
            "must lie in [0, 1]",
        ),
        (
            "prompt-jitter",
            p.prompt_jitter,
            p.prompt_jitter >= 0.0,
            "must be finite and >= 0",
        ),
    ];
    for (name, value, ok, reason) in checks {
        if !(ok && value.is_finite()) {
            bail!("invalid parameter `{name}` = {value}: {reason}");
        }
    }
    Ok(())
}

/// Runs `rsnn demo`.
///
/// # Errors
/// Invalid parameters, a memorization that fails for every neuron, or I/O failures.
pub fn run(args: &DemoArgs, out: &Output) -> Result<()> {
    let started = Instant::now();
    let memorize_config = args.solver.config()?;
    let backend_name = memorize_config.backend.name();
    check_early(args)?;
    let free_run_seed = seeds::Seeds::new(args.seed).free_run(0);
    let protocol = args
        .protocol
        .protocol(args.noise, seeds::Seeds::new(args.seed).recall(0));
    let topology = TopologyConfig {
        num_neurons: args.neurons,
        topology: Topology::FixedInDegree { k: args.inputs },
        d_min: DELAYS.0,
        d_max: DELAYS.1,
    };
    let score = sample::sample_score(args.neurons, args.period, args.rate, args.seed)?;
    let mut network = network::sample_network(&topology, 1.0, args.seed)?;
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written: Vec<String> = Vec::new();
    let mut save = |name: &str| {
        written.push(name.to_string());
        dir.join(name)
    };
    let seed = Some(args.seed);
    files::save(&save("score.json"), &score, seed)?;
    out.text(format!(
        "score: {} neurons, {} spikes per period; network: {} inputs per neuron",
        args.neurons,
        score.num_spikes(),
        args.inputs
    ));

    let report = memorize_with_progress(
        &mut network,
        std::slice::from_ref(&score),
        &memorize_config,
        out,
    )?;
    let (feasible, unverified, infeasible, failed) = status_counts(&report);
    if feasible + unverified == 0 {
        bail!("no neuron could be memorized: relax the template (e.g. a larger --weight-bound)");
    }
    if feasible < args.neurons {
        out.warn(format!(
            "{} neurons not memorized; the demo goes on",
            args.neurons - feasible
        ));
    }
    out.text(crate::commands::memorize::describe(&report));
    files::save(&save("network.json"), &network, seed)?;
    let record = MemorizeRecord {
        config: memorize_config.clone(),
        memories: 1,
        report: report.clone(),
    };
    files::save(&save("memorize-report.json"), &record, seed)?;

    let stability = stability::analyze(&network, &score, out)?;
    out.text(stability::describe(&stability));
    files::save(
        &save("stability.json"),
        &StabilityRecord(stability.clone()),
        seed,
    )?;

    let mut sim = SimulationConfig::new(0.0, args.cycles as f64 * args.period);
    sim.sigma = args.noise;
    sim.seed = free_run_seed;
    sim.history = initial::perfect_history(&network, &score)?;
    let free_run = simulate_with_progress(&network, &sim, out, "free run")?;
    files::save(&save("free-run.json"), &free_run, Some(free_run_seed))?;
    let measurement = measure::measure(&free_run, &score, 0.0, args.cycles)?;
    files::save(
        &save("free-run-cycles.json"),
        &measurement,
        Some(free_run_seed),
    )?;

    let recall = run_protocol(&network, &score, &protocol, out)?;
    files::save(
        &save("recall-run.json"),
        &recall.recording,
        Some(protocol.seed),
    )?;
    let recall_record = RecallRecord {
        protocol: protocol.clone(),
        prompted: recall.prompted.clone(),
        cycles: recall.cycles.clone(),
    };
    files::save(&save("recall.json"), &recall_record, Some(protocol.seed))?;

    let data = figures::FigureData {
        score: &score,
        network: &network,
        config: &memorize_config,
        stability: &stability,
        free_run: &free_run,
        cycles: &measurement.cycles,
        recall: &recall,
    };
    written.extend(figures::draw(dir, &data)?);
    written.push("summary.json".to_string());
    let summary = Summary {
        format: rsnn::signal::io::FORMAT_TAG.to_string(),
        kind: summary::KIND.to_string(),
        version: summary::VERSION,
        seed: args.seed,
        config: DemoConfig {
            neurons: args.neurons,
            inputs: args.inputs,
            period: args.period,
            rate: args.rate,
            noise: args.noise,
            cycles: args.cycles,
            delays: DELAYS,
            tau: 1.0,
            memorize: memorize_config,
            recall: protocol,
            free_run_seed,
        },
        score: ScoreSummary {
            spikes: score.num_spikes(),
            mean_spikes_per_neuron: score.mean_spikes_per_channel(),
        },
        memorize: MemorizeSummary {
            backend: backend_name.to_string(),
            neurons: report.neurons.len(),
            feasible,
            infeasible,
            unverified,
            failed,
            seconds: report.seconds,
            max_violation: report.max_violation(),
            mean_rounds: report.mean_rounds(),
        },
        stability: StabilitySummary {
            spectral_radius: stability.spectral_radius,
            stable: stability.is_stable(),
            num_spikes: stability.num_spikes,
        },
        cycles: measurement.cycles,
        recall: RecallSummary {
            prompted_neurons: recall.prompted.len(),
            cycles: recall.cycles,
        },
        files: written,
        seconds: started.elapsed().as_secs_f64(),
    };
    files::write_json(&dir.join("summary.json"), &summary)?;
    out.text(String::new());
    out.text(summary.render());
    out.text(format!(
        "\n{:.1} s; everything is in {}/",
        summary.seconds,
        dir.display()
    ));
    out.json(&summary)
}
