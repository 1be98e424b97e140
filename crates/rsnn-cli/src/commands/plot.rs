//! `rsnn plot`: SVG figures from rsnn files.

use crate::batch::Batch;
use crate::flags::Flags;
use crate::neurons::NeuronSet;
use crate::outputs::{self, Kind};
use crate::table::mag;
use crate::{Output, files, interrupt};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rsnn::neuron::Network;
use rsnn::optim::{MemorizeConfig, replayed_potential};
use rsnn::recipes::RecallRecord;
use rsnn::signal::{Score, compact};
use rsnn::sim::{Measurement, Recording, StabilityReport};
use rsnn_plot::PotentialTrace;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Arguments of `rsnn plot`.
#[derive(Debug, Clone, Args)]
pub struct PlotArgs {
    /// The figure.
    #[command(subcommand)]
    pub figure: Figure,
    /// Output SVG file.
    #[arg(long, short, global = true)]
    pub out: Option<PathBuf>,
}

/// The figures.
#[derive(Debug, Clone, Subcommand)]
pub enum Figure {
    /// Produced spikes of a recording (dots) over prescribed spikes of a score (bars).
    Raster {
        /// The recording.
        recording: PathBuf,
        /// The prescribed score (score time 0 at time 0).
        #[arg(long)]
        score: Option<PathBuf>,
        /// Start of the window (default: start of the recording).
        #[arg(long, allow_negative_numbers = true)]
        from: Option<f64>,
        /// End of the window (default: end of the recording).
        #[arg(long, allow_negative_numbers = true)]
        to: Option<f64>,
        /// Neurons to show.
        #[arg(long, default_value = "all")]
        neurons: NeuronSet,
    },
    /// One neuron's potential over a period of the score, with its template and the network's
    /// threshold.
    Potential {
        /// The memorized network.
        network: PathBuf,
        /// The score it memorized.
        score: PathBuf,
        /// The neuron.
        #[arg(long, default_value_t = 0)]
        neuron: usize,
        /// Half-width of the active regions.
        #[arg(long, default_value_t = 0.2)]
        half_width: f64,
        /// Silent level.
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        silent_level: f64,
        /// Number of display samples.
        #[arg(long, default_value_t = 2000)]
        samples: usize,
    },
    /// Precision and recall per cycle, from a `measure` or `recall` result file.
    Cycles {
        /// The result file.
        file: PathBuf,
    },
    /// Eigenvalues of the jitter map with the unit circle, from a `stability` result file.
    Eigenvalues {
        /// The result file.
        file: PathBuf,
    },
}

/// `(cycle, precision, recall)`.
pub type CycleTriple = (usize, f64, f64);

/// Rows `(cycle, precision, recall)` of a measurement or of the whole network in a recall run.
///
/// # Errors
/// A file of another kind, or a bad file.
pub fn cycle_rows(path: &Path) -> Result<(String, Vec<CycleTriple>)> {
    let header = files::read_header(path)?;
    match header.kind.as_str() {
        "measurement" => {
            let (m, _) = files::load::<Measurement>(path)?;
            let rows = m
                .cycles
                .iter()
                .map(|c| (c.cycle, c.precision, c.recall))
                .collect();
            Ok(("precision and recall per cycle".into(), rows))
        }
        "recall" => {
            let (r, _) = files::load::<RecallRecord>(path)?;
            let rows = r
                .cycles
                .iter()
                .map(|c| (c.cycle, c.all.precision, c.all.recall))
                .collect();
            Ok(("associative recall, all neurons".into(), rows))
        }
        other => bail!(
            "{}: holds `{other}` data, expected `measurement` or `recall`",
            path.display()
        ),
    }
}

/// The most spike marks a raster draws (an SVG of about 100 bytes each).
const MAX_MARKS: f64 = 1e6;

/// Fails unless `score` has one channel per neuron of `recording` and its spikes over `window`
/// fit in [`MAX_MARKS`].
fn check_raster_score(
    score: &Score,
    recording: &Recording,
    neurons: &[usize],
    (from, to): (f64, f64),
) -> Result<()> {
    if score.num_channels() != recording.num_neurons() {
        bail!(
            "the score has {} channels, but the recording has {} neurons",
            score.num_channels(),
            recording.num_neurons()
        );
    }
    let spikes: usize = neurons
        .iter()
        .filter_map(|&n| score.channel(n).map(|c| c.len()))
        .sum();
    let marks = spikes as f64 * ((to - from) / score.period() + 2.0);
    if marks > MAX_MARKS {
        bail!(
            "the window [{}, {}) shows about {} prescribed spikes, above the limit of {} marks: \
             choose a shorter window (--from, --to) or fewer --neurons",
            compact(from),
            compact(to),
            compact(marks),
            compact(MAX_MARKS)
        );
    }
    Ok(())
}

/// The prescribed spikes of `neurons` on `[from, to)`, score time 0 at time 0.
pub fn prescribed(score: &Score, neurons: &[usize], from: f64, to: f64) -> Vec<Vec<f64>> {
    neurons
        .iter()
        .map(|&n| {
            score
                .channel(n)
                .map(|c| c.unrolled(from, to))
                .unwrap_or_default()
        })
        .collect()
}

/// The potential of `neuron` while every neuron replays `score`, over the period of its
/// template, sampled for display ([`replayed_potential`] with the default kernel tolerance of
/// memorization), with the template, `threshold` and `silent_level`.
///
/// # Errors
/// An unknown neuron, a score that does not fit the network, a bad `half_width`, or fewer
/// than 2 samples.
pub fn potential_trace(
    network: &Network,
    score: &Score,
    neuron: usize,
    half_width: f64,
    threshold: f64,
    silent_level: f64,
    samples: usize,
) -> Result<PotentialTrace> {
    let tolerance = MemorizeConfig::default().horizon_tolerance;
    let replayed = replayed_potential(network, score, neuron, half_width, tolerance)?;
    let (times, values) = replayed.sample(samples)?;
    let template = replayed.template;
    Ok(PotentialTrace {
        times,
        values,
        threshold,
        silent_level,
        firing: template.firing,
        silent: template.silent,
        active: template.active,
    })
}

/// The SVG document of `figure`.
fn draw(figure: &Figure, out: &Output) -> Result<String> {
    Ok(match figure {
        Figure::Raster {
            recording,
            score,
            from,
            to,
            neurons,
        } => {
            let (rec, _) = files::load::<Recording>(recording)?;
            let (from, to) = (from.unwrap_or(rec.start()), to.unwrap_or(rec.end()));
            if !(from.is_finite() && to.is_finite() && from < to) {
                bail!("invalid window [{from}, {to}): must be finite and non-empty");
            }
            let chosen = neurons.resolve(rec.num_neurons(), "the recording")?;
            let all = rec.window(from, to);
            let produced: Vec<Vec<f64>> = chosen.iter().map(|&n| all[n].clone()).collect();
            let prescribed = match score {
                Some(p) => {
                    let score = files::load::<Score>(p)?.0;
                    check_raster_score(&score, &rec, &chosen, (from, to))?;
                    prescribed(&score, &chosen, from, to)
                }
                None => Vec::new(),
            };
            let title = if score.is_some() {
                "produced (dots) and prescribed (bars) spikes"
            } else {
                "produced spikes"
            };
            rsnn_plot::raster_svg(title, &prescribed, &produced, (from, to))?
        }
        Figure::Potential {
            network,
            score,
            neuron,
            half_width,
            silent_level,
            samples,
        } => {
            let (net, _) = files::load::<Network>(network)?;
            let (score, _) = files::load::<Score>(score)?;
            let spinner = out.spinner("potential");
            let t = potential_trace(
                &net,
                &score,
                *neuron,
                *half_width,
                net.threshold(),
                *silent_level,
                *samples,
            );
            spinner.finish_and_clear();
            let t = t.flags(&[
                ("samples", "--samples"),
                ("half_width", "--half-width"),
                ("silent_level", "--silent-level"),
            ])?;
            rsnn_plot::potential_svg(&format!("potential of neuron {neuron}"), &t)?
        }
        Figure::Cycles { file } => {
            let (title, rows) = cycle_rows(file)?;
            rsnn_plot::cycles_svg(&title, &rows)?
        }
        Figure::Eigenvalues { file } => {
            let (report, _) = files::load::<StabilityReport>(file)?;
            let title = format!(
                "jitter map, spectral radius {}",
                mag(report.spectral_radius)
            );
            rsnn_plot::eigenvalues_svg(&title, &report.eigenvalues)?
        }
    })
}

/// The input files of `figure`.
fn inputs(figure: &Figure) -> Vec<&Path> {
    match figure {
        Figure::Raster {
            recording, score, ..
        } => [Some(recording), score.as_ref()]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .collect(),
        Figure::Potential { network, score, .. } => vec![network, score],
        Figure::Cycles { file } | Figure::Eigenvalues { file } => vec![file],
    }
}

/// Runs `rsnn plot`.
///
/// # Errors
/// Bad files or parameters, or a missing `--out`.
pub fn run(args: &PlotArgs, out: &Output) -> Result<()> {
    let Some(path) = &args.out else {
        bail!("give the output SVG file with --out");
    };
    outputs::check_all(&[(path, Kind::Svg)], &inputs(&args.figure))?;
    let svg = draw(&args.figure, out)?;
    interrupt::check()?;
    let mut batch = Batch::new();
    batch.raw(path, svg);
    batch.commit()?;
    out.text(format!("figure -> {}", path.display()));
    out.json(&json!({ "path": files::json_path(path) }))
}
