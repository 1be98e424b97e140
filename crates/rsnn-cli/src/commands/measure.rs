//! `rsnn measure`: precision and recall of a recording against a score, cycle by cycle
//! (docs/model.md §6).

use crate::Output;
use crate::files;
use crate::flags::{Flags, Table};
use crate::outputs::{self, Kind};
use crate::table::{f3, table};
use anyhow::{Result, bail};
use clap::Args;
use rsnn::signal::Score;
use rsnn::sim::{Measurement, Recording};
use std::path::PathBuf;

/// The measurement's fields named by their flags.
const FLAGS: &Table = &[("start", "--start"), ("cycles", "--cycles")];

/// Arguments of `rsnn measure`.
#[derive(Debug, Clone, Args)]
pub struct MeasureArgs {
    /// The recording.
    pub recording: PathBuf,
    /// The prescribed score.
    pub score: PathBuf,
    /// Start of the first cycle (default: the start of the recording).
    #[arg(long, allow_negative_numbers = true)]
    pub start: Option<f64>,
    /// Number of cycles (default: every full cycle of the recording).
    #[arg(long)]
    pub cycles: Option<usize>,
    /// Also write the measurement to this file.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Measures `cycles` cycles of `recording` from `start`.
///
/// # Errors
/// A score and recording that do not match.
pub fn measure(
    recording: &Recording,
    score: &Score,
    start: f64,
    cycles: usize,
) -> Result<Measurement> {
    Ok(Measurement::of(recording, score, start, cycles)?)
}

/// The table of a measurement.
pub fn render(m: &Measurement) -> String {
    let rows: Vec<Vec<String>> = m
        .cycles
        .iter()
        .map(|c| {
            vec![
                c.cycle.to_string(),
                format!("{}", c.start),
                f3(c.precision),
                f3(c.recall),
            ]
        })
        .collect();
    table(&["cycle", "start", "precision", "recall"], &rows)
}

/// Runs `rsnn measure`.
///
/// # Errors
/// Bad files, or a score and recording that do not match.
pub fn run(args: &MeasureArgs, out: &Output) -> Result<()> {
    let outs: Vec<_> = args.out.iter().map(|p| (p.as_path(), Kind::Data)).collect();
    outputs::check_all(&outs, &[&args.recording, &args.score])?;
    let (recording, header) = files::load::<Recording>(&args.recording)?;
    let (score, _) = files::load::<Score>(&args.score)?;
    let start = args.start.unwrap_or(recording.start());
    let cycles = match args.cycles {
        Some(cycles) => cycles,
        None => Measurement::available_cycles(&recording, score.period(), start).flags(FLAGS)?,
    };
    if cycles == 0 {
        bail!(
            "no full cycle of period {} in the recording span [{}, {}) from {start}",
            score.period(),
            recording.start(),
            recording.end()
        );
    }
    let m = measure(&recording, &score, start, cycles).flags(FLAGS)?;
    if let Some(path) = &args.out {
        files::save(path, &m, header.seed)?;
    }
    out.text(render(&m));
    out.json(&m)
}
