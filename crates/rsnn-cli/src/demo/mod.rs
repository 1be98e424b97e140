//! `rsnn demo`: the main job on the built-in defaults (docs/model.md §1). It parses the
//! arguments into a [`PipelineConfig`], runs the facade's [`Pipeline`] with progress bars,
//! writes every result to a folder, draws the figures and prints the summary.

mod figures;
mod save;
mod summary;

use crate::commands::memorize::SolverArgs;
use crate::commands::recall::ProtocolArgs;
use crate::flags::{self, Flags};
use crate::progress::Bars;
use crate::{Output, interrupt};
use anyhow::Result;
use clap::Args;
use rsnn::pipeline::{Pipeline, PipelineConfig};
use rsnn::recipes::NetworkSpec;
use std::path::PathBuf;

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

impl DemoArgs {
    /// The pipeline configuration these arguments describe.
    ///
    /// # Errors
    /// A backend that is not compiled in, or an objective it cannot express.
    pub fn config(&self) -> Result<PipelineConfig> {
        Ok(PipelineConfig {
            seed: self.seed,
            network: NetworkSpec {
                neurons: self.neurons,
                inputs: self.inputs,
                period: self.period,
                rate: self.rate,
            },
            memorize: self.solver.config().flags(flags::MEMORIZE)?,
            noise: self.noise,
            cycles: self.cycles,
            recall: self.protocol.settings(),
        })
    }
}

/// Runs `rsnn demo`: every parameter is checked before any work, and files are written only
/// once the whole pipeline has run.
///
/// # Errors
/// Invalid parameters, a memorization that fails for every neuron, or I/O failures.
pub fn run(args: &DemoArgs, out: &Output) -> Result<()> {
    crate::outputs::check_folder_output(&args.out)?;
    let pipeline = Pipeline::new(args.config()?)
        .flags(flags::DEMO)
        .flags(flags::PROTOCOL)?;
    let outcome = pipeline.run(&Bars::new(*out)).flags(flags::PROTOCOL)?;
    interrupt::check()?;
    let missed = outcome.memorize.report.not_memorized();
    if !missed.is_empty() {
        out.warn(format!(
            "{} neurons not memorized; the demo went on",
            missed.len()
        ));
    }
    save::write_all(&args.out, &outcome)?;
    let summary = outcome.summary();
    out.text(summary::render(&summary));
    out.text(format!(
        "\n{:.1} s; everything is in {}/",
        summary.seconds,
        args.out.display()
    ));
    out.json(&summary)
}
