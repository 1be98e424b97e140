//! Project automation for rsnn, run as `cargo xtask <command>`.
//!
//! - `cargo xtask ci`: runs `.ci/run` (formatting, clippy with `-D warnings`, the tests, the
//!   examples and the quick experiment suite with its shard-equivalence check).
//! - `cargo xtask reproduce [EXPERIMENT...] [--quick|--full] [--seed S] [--jobs N] [--shard I/N]
//!   [--out DIR] [--reuse-stale]`: the experiment suite of the paper (see docs/experiments.md).
//! - `cargo xtask merge [--out DIR] [--quick|--full] [--seed S] SHARD_DIR...`: combine sharded
//!   runs.
//! - `cargo xtask bench [ARGS...]`: the criterion benchmarks of every crate.
//! - `cargo xtask bench --scale [--max-neurons N] [--inputs K]`: the whole pipeline at L in
//!   {200, 1000, 5000} (K = 500 by default), wall time and peak memory of every stage
//!   (docs/performance.md).
//! - `cargo xtask list [--quick|--full] [--seed S]`: the experiments and their job counts.

mod experiments;
mod reproduce;
mod scale;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use reproduce::{RunOptions, Scale, Shard, Suite};
use rsnn::seeds::Seeds;
use std::path::PathBuf;
use std::process::Command;

#[derive(Parser)]
#[command(name = "xtask", about = "rsnn project automation")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

/// The scale and the master seed of the suite.
#[derive(Args)]
struct SuiteArgs {
    /// Reduced sizes (the default): the whole suite in minutes.
    #[arg(long, conflicts_with = "full")]
    quick: bool,
    /// The sizes of the paper.
    #[arg(long)]
    full: bool,
    /// The master seed of the suite: every job's seed derives from it (recorded in every job
    /// file and in the report).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

impl SuiteArgs {
    fn suite(&self) -> Suite {
        Suite {
            scale: if self.full { Scale::Full } else { Scale::Quick },
            seeds: Seeds::new(self.seed),
        }
    }
}

#[derive(Subcommand)]
enum Task {
    /// Run the continuous-integration checks (fmt, clippy -D warnings, tests).
    Ci,
    /// Run experiments of the suite (all when none is named).
    Reproduce {
        /// Experiments to run: stability, capacity, recall, two-memories, quantization.
        experiments: Vec<String>,
        #[command(flatten)]
        suite: SuiteArgs,
        /// Jobs run in parallel (each job also parallelizes internally).
        #[arg(long, default_value_t = 1)]
        jobs: usize,
        /// Run only every N-th job, starting with the I-th (1-based): `I/N`.
        #[arg(long, default_value = "1/1")]
        shard: Shard,
        /// Output folder.
        #[arg(long, default_value = "results")]
        out: PathBuf,
        /// Run only the jobs whose id contains one of these strings (e.g. `-k400-`).
        #[arg(long)]
        filter: Vec<String>,
        /// Keep finished jobs recorded by another git revision or a dirty tree (by default
        /// they are run again, since their code differs from the code running now).
        #[arg(long)]
        reuse_stale: bool,
    },
    /// Merge the job files of sharded runs into one folder and regenerate the report.
    Merge {
        /// Folders written by the shards (may include the output folder itself).
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        suite: SuiteArgs,
        /// Output folder.
        #[arg(long, default_value = "results")]
        out: PathBuf,
    },
    /// Run the criterion benchmarks of every crate (extra arguments go to `cargo bench`), or
    /// with `--scale` the scale benchmark of the whole pipeline.
    Bench {
        /// The scale benchmark instead: every stage of the pipeline at L in {200, 1000, 5000}
        /// (K = 500 unless `--inputs`, T = 50), wall time and peak memory; writes
        /// docs/performance.md.
        #[arg(long)]
        scale: bool,
        /// With `--scale`: skip the sizes above this number of neurons.
        #[arg(long, default_value_t = 5000, requires = "scale")]
        max_neurons: usize,
        /// With `--scale`: inputs per neuron K (tables of another K than 500 go to a section
        /// of their own in docs/performance.md).
        #[arg(long, default_value_t = scale::INPUTS, requires = "scale")]
        inputs: usize,
        /// With `--scale`: the folder of the runs' files and tables.
        #[arg(long, default_value = "target/scale", requires = "scale")]
        out: PathBuf,
        /// With `--scale`: the seed of the score, the network and the noise.
        #[arg(long, default_value_t = 1, requires = "scale")]
        seed: u64,
        /// With `--scale`: do not rewrite the table in docs/performance.md.
        #[arg(long, requires = "scale")]
        no_docs: bool,
        /// Arguments passed on, e.g. a benchmark name filter.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Internal (used by `bench --scale`): run a program and record its wall time, CPU time
    /// and peak memory.
    #[command(hide = true)]
    MeasureChild {
        /// Where the measurement goes (one JSON line).
        record: PathBuf,
        /// Where the program's output goes.
        log: PathBuf,
        /// The program.
        program: String,
        /// Its arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// List the experiments and their job counts.
    List {
        #[command(flatten)]
        suite: SuiteArgs,
    },
}

fn run(mut cmd: Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

fn ci() -> Result<()> {
    // One source of truth: the CI script itself.
    let mut script = Command::new("bash");
    script.arg(".ci/run");
    run(script)
}

fn main() -> Result<()> {
    let all = experiments::all();
    match Cli::parse().command {
        Task::Ci => ci(),
        Task::Reproduce {
            experiments,
            suite,
            jobs,
            shard,
            out,
            filter,
            reuse_stale,
        } => reproduce::reproduce(
            &all,
            &RunOptions {
                experiments,
                suite: suite.suite(),
                jobs,
                shard,
                out,
                filter,
                reuse_stale,
            },
        ),
        Task::Bench {
            scale: true,
            max_neurons,
            inputs,
            out,
            seed,
            no_docs,
            ..
        } => scale::run(&scale::ScaleOptions {
            max_neurons,
            inputs,
            out,
            seed,
            update_docs: !no_docs,
        }),
        Task::MeasureChild {
            record,
            log,
            program,
            args,
        } => scale::measured::measure_child(&record, &log, &program, &args),
        Task::Bench { args, .. } => {
            let mut bench =
                Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
            bench.args(["bench", "--workspace"]).args(args);
            run(bench)
        }
        Task::Merge { inputs, suite, out } => reproduce::merge(&all, &inputs, &out, suite.suite()),
        Task::List { suite } => {
            println!("suite seed {}", suite.seed);
            for exp in &all {
                println!(
                    "{:14} {:5} jobs  {}",
                    exp.name(),
                    exp.jobs(suite.suite())?.len(),
                    exp.description()
                );
            }
            Ok(())
        }
    }
}
