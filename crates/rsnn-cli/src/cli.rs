//! The command line: global options and the subcommands (clap derive).

use crate::commands::{
    info::InfoArgs, measure::MeasureArgs, memorize::MemorizeArgs, merge::MergeArgs,
    network::NetworkArgs, plot::PlotArgs, recall::RecallArgs, sample::SampleArgs,
    simulate::SimulateArgs, stability::StabilityArgs,
};
use crate::demo::DemoArgs;
use clap::{Parser, Subcommand};

/// Recurrent spiking networks that memorize spike trains and recall them in continuous time.
///
/// Time is in refractory periods, potentials and weights in thresholds. Files are versioned
/// rsnn files (`.json` or `.bin`); see docs/guide.md.
#[derive(Debug, Parser)]
#[command(name = "rsnn", version, propagate_version = true)]
pub struct Cli {
    /// No progress bars and no human-readable output (errors are still reported).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print machine-readable results as JSON on stdout (human text goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Allow an output file to replace one of the command's input files.
    #[arg(long, global = true)]
    pub overwrite_input: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sample a random periodic score (one spike train per neuron).
    Sample(SampleArgs),
    /// Wire a random network (all weights 0).
    Network(NetworkArgs),
    /// Memorize one or more scores: compute the weights of every neuron (or, with `--neurons`,
    /// of some of them, as a part for `merge`).
    Memorize(MemorizeArgs),
    /// Assemble the parts of a memorization (`memorize --neurons`) into the memorized network.
    Merge(MergeArgs),
    /// Simulate a network exactly in continuous time and record its spikes.
    Simulate(SimulateArgs),
    /// Precision and recall of a recording against a score, per cycle.
    Measure(MeasureArgs),
    /// Temporal stability of a memorized score (spectrum of the jitter map).
    Stability(StabilityArgs),
    /// Associative recall: prompt part of the network with noisy copies, then let it run.
    Recall(RecallArgs),
    /// Draw SVG figures.
    Plot(PlotArgs),
    /// Describe any rsnn file.
    Info(InfoArgs),
    /// The whole pipeline on the built-in defaults, written to an output folder.
    Demo(DemoArgs),
}
