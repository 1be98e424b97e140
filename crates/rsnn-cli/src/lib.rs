//! # rsnn-cli — the `rsnn` command (layer 5)
//!
//! Subcommands over versioned rsnn files: `sample` a random score, wire a random `network`,
//! `memorize` scores in it (all neurons at once, or in parts on several machines that `merge`
//! assembles), `simulate` it, `measure` a recording against a score, analyse its
//! `stability`, run associative `recall`, `plot` figures as SVG, describe any file with `info`,
//! and `demo`, the whole pipeline on the built-in defaults.
//!
//! The binary is a thin wrapper around [`run`]: the command only parses, calls the libraries
//! (the facade [`rsnn`], with its [`rsnn::pipeline`] for `demo`; the figures of `rsnn-plot`)
//! and renders; its modules are private. Users: people at a terminal, scripts (`--json`).
//!
//! ```
//! use clap::Parser;
//!
//! let dir = tempfile::tempdir()?;
//! let out = dir.path().join("score.json");
//! let args = ["rsnn", "--quiet", "sample", "--neurons", "5", "--period", "20", "--seed", "3"];
//! let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
//! args.extend(["--out".to_string(), out.display().to_string()]);
//! rsnn_cli::run(rsnn_cli::Cli::try_parse_from(args)?)?;
//! let (score, header) = rsnn::signal::io::load::<rsnn::signal::Score>(&out)?;
//! assert_eq!((score.num_channels(), header.seed), (5, Some(3)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod cli;
mod commands;
mod demo;
mod errors;
mod estimate;
mod files;
mod flags;
mod initial;
mod interrupt;
mod neurons;
mod output;
mod outputs;
mod progress;
mod seeds;
mod table;

pub use cli::{Cli, Command};
pub use errors::error_line;
pub use interrupt::install as install_signal_handlers;
pub use output::Output;

/// Runs a parsed command line.
///
/// # Errors
/// Any failure, with a chain of causes suitable for a one-line message ([`error_line`]),
/// including a failure to write the results on stdout.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let out = Output::new(cli.quiet, cli.json);
    files::set_quiet(cli.quiet);
    outputs::set_overwrite_input(cli.overwrite_input);
    dispatch(cli.command, &out)?;
    out.finish()
}

fn dispatch(command: Command, out: &Output) -> anyhow::Result<()> {
    match command {
        Command::Sample(args) => commands::sample::run(&args, out),
        Command::Network(args) => commands::network::run(&args, out),
        Command::Memorize(args) => commands::memorize::run(&args, out),
        Command::Merge(args) => commands::merge::run(&args, out),
        Command::Simulate(args) => commands::simulate::run(&args, out),
        Command::Measure(args) => commands::measure::run(&args, out),
        Command::Stability(args) => commands::stability::run(&args, out),
        Command::Recall(args) => commands::recall::run(&args, out),
        Command::Plot(args) => commands::plot::run(&args, out),
        Command::Info(args) => commands::info::run(&args, out),
        Command::Demo(args) => demo::run(&args, out),
    }
}
