//! `rsnn memorize`: the weights of every neuron from one or more scores (docs/model.md §5).

use crate::batch::Batch;
use crate::flags::{self, Flags};
use crate::neurons::NeuronSet;
use crate::outputs::{self, Kind};
use crate::{Output, estimate, files, interrupt};
use anyhow::{Result, bail};
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use rsnn::neuron::Network;
use rsnn::optim::MemorizeRecord;
use rsnn::optim::{
    BackendKind, MemorizeConfig, MipSolver, Mode, NetworkReport, Objective, OptimError,
    QuantMethod, Quantization, StatusCounts,
};
use rsnn::signal::Score;
use serde_json::json;
use std::path::PathBuf;

/// Parses `--objective` with [`Objective`]'s own names (`none`, `l1`, `l2`, `linf`), listing
/// them with their descriptions in the help.
fn objective_parser() -> impl TypedValueParser<Value = Objective> {
    let values = Objective::all()
        .iter()
        .map(|o| PossibleValue::new(o.name()).help(o.description()));
    PossibleValuesParser::new(values).try_map(|s| s.parse::<Objective>())
}

/// The template of `--template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateArg {
    /// rsnn's continuous-time template (constraint generation, or `--grid STEP`).
    Continuous,
    /// The original package's grid template (grid 0.05, margins 1e-6), solved once.
    Published,
}

/// The method of `--quantized`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuantMethodArg {
    /// A mixed-integer program over every weight with the objective (branch and bound).
    Exact,
    /// Round the continuous solution; if needed, dive to the levels and repair (default).
    Rounding,
}

/// The memorization parameters (shared by `memorize` and `demo`).
#[derive(Debug, Clone, Args)]
pub struct SolverArgs {
    /// Objective over the weights.
    #[arg(long, default_value_t = Objective::L2, value_parser = objective_parser(), ignore_case = true)]
    pub objective: Objective,
    /// Solver backend, among those compiled in (dense, clarabel; good_lp with `--features good_lp`).
    #[arg(long, default_value_t = BackendKind::default().name().to_string())]
    pub backend: String,
    /// Bound on the weights: |w| <= bound.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub weight_bound: f64,
    /// Half-width of the active region around each prescribed spike.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub half_width: f64,
    /// Minimum slope of the potential in active regions.
    #[arg(long, default_value_t = 2.0, allow_negative_numbers = true)]
    pub slope: f64,
    /// Level the potential must stay below in silent regions.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub silent_level: f64,
    /// Largest accepted continuous-time violation of the template.
    #[arg(long, default_value_t = 1e-6, allow_negative_numbers = true)]
    pub tolerance: f64,
    /// The template: rsnn's continuous-time template (the default) or the original package's
    /// published grid template (docs/model.md §5.6; its continuous-time violation is measured
    /// and reported).
    #[arg(long, value_enum, default_value_t = TemplateArg::Continuous)]
    pub template: TemplateArg,
    /// With the continuous template: its constraints on a grid of this step, solved once,
    /// instead of constraint generation (the continuous-time violation is still measured and
    /// reported).
    #[arg(long, value_name = "STEP", allow_negative_numbers = true)]
    pub grid: Option<f64>,
    /// Cap on the solves per neuron in constraint generation.
    #[arg(long, default_value_t = 60)]
    pub max_rounds: usize,
    /// Quantized weights: every weight on one of Q evenly spaced levels over
    /// [-weight-bound, weight-bound] (odd Q includes 0); docs/model.md §5.7.
    #[arg(long, value_name = "Q")]
    pub levels: Option<usize>,
    /// With --levels: rounding with a dive and repair (fast), or the exact mixed-integer
    /// program over every weight (small problems).
    #[arg(long, value_enum, default_value_t = QuantMethodArg::Rounding, requires = "levels")]
    pub quantized: QuantMethodArg,
    /// With --levels: wall-time limit per neuron, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 10.0,
        requires = "levels"
    )]
    pub time_limit: f64,
    /// With --levels: stop a mixed-integer solve within this relative gap of the optimum.
    #[arg(long, value_name = "GAP", requires = "levels")]
    pub mip_gap: Option<f64>,
    /// With --levels: branch-and-bound nodes per mixed-integer solve (unlike --time-limit, the
    /// same on every machine: set it, with a generous --time-limit, for reproducible results).
    #[arg(long, value_name = "NODES", requires = "levels")]
    pub node_limit: Option<u64>,
    /// With --levels: the mixed-integer solver, `microlp` or `highs` (default: HiGHS when this
    /// build has the cargo feature `highs`, else microlp).
    #[arg(long, value_name = "SOLVER", requires = "levels")]
    pub mip_solver: Option<String>,
    /// With --levels: half-width of the band |z(s) - theta_0| <= band replacing the firing
    /// equalities (0.1: spike times within 0.05 of the score).
    #[arg(long, value_name = "BAND", default_value_t = 0.1, requires = "levels")]
    pub firing_band: f64,
}

impl SolverArgs {
    /// The memorization configuration, checked (including the backend's availability).
    ///
    /// # Errors
    /// An invalid parameter, a backend that is not compiled in, or an objective it cannot
    /// express.
    pub fn config(&self) -> Result<MemorizeConfig> {
        let backend: BackendKind = self.backend.parse()?;
        let config = MemorizeConfig {
            weight_bound: self.weight_bound,
            half_width: self.half_width,
            silent_level: self.silent_level,
            min_slope: self.slope,
            objective: self.objective,
            tolerance: self.tolerance,
            max_rounds: self.max_rounds,
            mode: match (self.template, self.grid) {
                (TemplateArg::Continuous, Some(step)) => Mode::Grid { step },
                (TemplateArg::Continuous, None) => Mode::ContinuousTime,
                (TemplateArg::Published, None) => Mode::Published,
                (TemplateArg::Published, Some(_)) => {
                    bail!(
                        "--grid applies to the continuous template; the published one has its own grid (0.05)"
                    )
                }
            },
            backend,
            quantization: match self.levels {
                None => None,
                Some(levels) => Some(Quantization {
                    levels,
                    method: match self.quantized {
                        QuantMethodArg::Exact => QuantMethod::Exact,
                        QuantMethodArg::Rounding => QuantMethod::Rounding,
                    },
                    time_limit: self.time_limit,
                    relative_gap: self.mip_gap,
                    node_limit: self.node_limit,
                    firing_band: self.firing_band,
                    mip_solver: match &self.mip_solver {
                        Some(name) => name.parse()?,
                        None => MipSolver::default(),
                    },
                    ..Quantization::new(levels)
                }),
            },
            ..MemorizeConfig::default()
        };
        match config.validate() {
            Ok(_) => Ok(config),
            Err(e @ OptimError::Unsupported { .. }) => {
                bail!("{e} (choose --objective l1, linf or none)")
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Arguments of `rsnn memorize`.
#[derive(Debug, Clone, Args)]
pub struct MemorizeArgs {
    /// The network (its weights are replaced).
    pub network: PathBuf,
    /// The scores to memorize (one channel per neuron each).
    #[arg(required = true)]
    pub scores: Vec<PathBuf>,
    /// Memorization parameters.
    #[command(flatten, next_help_heading = "Memorization")]
    pub solver: SolverArgs,
    /// Keep the weights of the neurons that could be memorized even if some could not.
    #[arg(long)]
    pub allow_infeasible: bool,
    /// Memorize only these neurons (e.g. `0-99,150`) and write a part (kind `memorize-part`)
    /// instead of the network: the parts of all the neurons, memorized on any machines, make
    /// the network with `rsnn merge`.
    #[arg(long, value_name = "SET")]
    pub neurons: Option<NeuronSet>,
    /// Output: the network with its new weights, or the part with `--neurons` (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Also write the per-neuron report to this file (with `--neurons` the reports are in the
    /// part, and `rsnn merge --report` writes the whole report).
    #[arg(long, conflicts_with = "neurons")]
    pub report: Option<PathBuf>,
}

/// Fails unless every neuron was memorized (or `allow` is set).
///
/// # Errors
/// Some neuron infeasible, unverified or failed.
pub fn check_report(report: &NetworkReport, allow: bool) -> Result<()> {
    let bad = report.not_memorized();
    if bad.is_empty() || allow {
        return Ok(());
    }
    let StatusCounts {
        unverified,
        infeasible,
        failed,
        time_limit,
        ..
    } = report.counts();
    let first: Vec<String> = bad.iter().take(5).map(usize::to_string).collect();
    bail!(
        "{} of {} neurons not memorized ({infeasible} infeasible, {unverified} unverified, \
         {failed} failed, {time_limit} out of time or nodes; neurons {}{}); nothing written: \
         relax the template (e.g. a larger --weight-bound, a longer --time-limit or a larger \
         --node-limit) or pass --allow-infeasible",
        bad.len(),
        report.neurons.len(),
        first.join(", "),
        if bad.len() > 5 { ", ..." } else { "" }
    )
}

/// Memorizes `scores` in `network` with a progress bar.
///
/// # Errors
/// A configuration, network and scores that do not fit together, or a backend failure.
pub fn memorize_with_progress(
    network: &mut Network,
    scores: &[Score],
    config: &MemorizeConfig,
    out: &Output,
) -> Result<NetworkReport> {
    let bar = out.bar(network.num_neurons() as u64, "memorize");
    let report = rsnn::optim::memorize_network(network, scores, config, |done, _| {
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    Ok(report?)
}

/// One line describing a report.
pub fn describe(report: &NetworkReport) -> String {
    let StatusCounts {
        memorized,
        unverified,
        infeasible,
        failed,
        time_limit,
    } = report.counts();
    let out_of_time = if time_limit > 0 {
        format!(", {time_limit} out of time")
    } else {
        String::new()
    };
    let (rounded, tried) = report.rounding_sufficed();
    let rounding = if tried > 0 {
        format!("; rounding alone sufficed for {rounded}/{tried}")
    } else {
        String::new()
    };
    format!(
        "memorized {memorized}/{} neurons ({infeasible} infeasible, {unverified} unverified, \
         {failed} failed{out_of_time}) in {:.1} s; mean {:.1} solves per neuron; max violation \
         {:.1e}{rounding}",
        report.neurons.len(),
        report.seconds,
        report.mean_rounds(),
        report.max_violation()
    )
}

/// Warns about the neurons of `report` that were not memorized (when allowed); `details` says
/// where their reports are.
pub fn warn_missed(report: &NetworkReport, details: &str, out: &Output) {
    let missed = report.neurons.len() - report.num_memorized();
    if missed > 0 {
        out.warn(format!(
            "{missed} neurons not memorized (details {details}): {:?}",
            report.not_memorized()
        ));
    }
}

/// The counts and figures of a report, as JSON fields.
pub fn report_json(report: &NetworkReport) -> serde_json::Value {
    let StatusCounts {
        memorized,
        unverified,
        infeasible,
        failed,
        time_limit,
    } = report.counts();
    let (rounded, tried) = report.rounding_sufficed();
    json!({
        "neurons": report.neurons.len(),
        "memorized": memorized,
        "unverified": unverified,
        "infeasible": infeasible,
        "failed": failed,
        "time_limit": time_limit,
        "rounding_sufficed": rounded,
        "rounding_tried": tried,
        "median_seconds": median_seconds(report),
        "seconds": report.seconds,
        "mean_rounds": report.mean_rounds(),
        "max_violation": report.max_violation(),
    })
}

/// The median wall time per neuron of a report (0 without neurons).
pub fn median_seconds(report: &NetworkReport) -> f64 {
    let mut s: Vec<f64> = report.neurons.iter().map(|r| r.seconds).collect();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => 0.5 * (s[n / 2 - 1] + s[n / 2]),
    }
}

/// Runs `rsnn memorize`.
///
/// # Errors
/// Bad files or parameters, backend failures, or neurons not memorized without
/// `--allow-infeasible`.
pub fn run(args: &MemorizeArgs, out: &Output) -> Result<()> {
    let config = args.solver.config().flags(flags::MEMORIZE)?;
    if let Some(set) = &args.neurons {
        return super::memorize_part::run(args, set, &config, out);
    }
    let mut outs = vec![(args.out.as_path(), Kind::Data)];
    outs.extend(args.report.as_deref().map(|p| (p, Kind::Data)));
    let mut inputs = vec![args.network.as_path()];
    inputs.extend(args.scores.iter().map(PathBuf::as_path));
    outputs::check_all(&outs, &inputs)?;
    let (mut network, header) = files::load::<Network>(&args.network)?;
    let scores = args
        .scores
        .iter()
        .map(|p| files::load::<Score>(p).map(|(s, _)| s))
        .collect::<Result<Vec<_>>>()?;
    estimate::memorize(out, network.num_neurons(), network.num_inputs(), &scores);
    let report =
        memorize_with_progress(&mut network, &scores, &config, out).flags(flags::MEMORIZE)?;
    interrupt::check()?;
    check_report(&report, args.allow_infeasible)?;
    warn_missed(&report, "with --report FILE", out);
    let mut batch = Batch::new();
    batch.data(&args.out, &network, header.seed)?;
    if let Some(path) = &args.report {
        let record = MemorizeRecord {
            config: config.clone(),
            memories: scores.len(),
            report: report.clone(),
        };
        batch.data(path, &record, header.seed)?;
    }
    batch.commit()?;
    out.text(format!("{} -> {}", describe(&report), args.out.display()));
    let mut summary = report_json(&report);
    summary["path"] = json!(files::json_path(&args.out));
    out.json(&summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cli, Command};
    use clap::Parser;

    fn objective(value: &str) -> Result<Objective, clap::Error> {
        let args = ["rsnn", "memorize", "n.json", "s.json", "-o", "o.json"];
        let cli = Cli::try_parse_from(args.iter().copied().chain(["--objective", value]))?;
        match cli.command {
            Command::Memorize(m) => Ok(m.solver.objective),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn objectives_parse_by_their_canonical_names() {
        for &o in Objective::all() {
            assert_eq!(objective(o.name()).ok(), Some(o));
        }
        assert_eq!(objective("LInf").ok(), Some(Objective::LInf));
        assert!(objective("l_inf").is_err() && objective("l3").is_err());
    }

    fn mode(extra: &[&str]) -> Result<Mode> {
        let args = ["rsnn", "memorize", "n.json", "s.json", "-o", "o.json"];
        let cli = Cli::try_parse_from(args.iter().copied().chain(extra.iter().copied()))?;
        match cli.command {
            Command::Memorize(m) => Ok(m.solver.config()?.mode),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn template_selects_the_mode() {
        assert_eq!(mode(&[]).ok(), Some(Mode::ContinuousTime));
        let continuous = ["--template", "continuous"];
        assert_eq!(mode(&continuous).ok(), Some(Mode::ContinuousTime));
        let grid = mode(&["--template", "continuous", "--grid", "0.1"]).ok();
        assert_eq!(grid, Some(Mode::Grid { step: 0.1 }));
        assert_eq!(
            mode(&["--grid", "0.05"]).ok(),
            Some(Mode::Grid { step: 0.05 })
        );
        assert_eq!(
            mode(&["--template", "published"]).ok(),
            Some(Mode::Published)
        );
        let both = mode(&["--template", "published", "--grid", "0.05"]);
        assert!(both.is_err_and(|e| e.to_string().contains("--grid")));
        assert!(mode(&["--template", "grid"]).is_err());
    }

    fn quantization(extra: &[&str]) -> Result<Option<Quantization>> {
        let args = ["rsnn", "memorize", "n.json", "s.json", "-o", "o.json"];
        let cli = Cli::try_parse_from(args.iter().copied().chain(extra.iter().copied()))?;
        match cli.command {
            Command::Memorize(m) => Ok(m.solver.config()?.quantization),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn levels_select_quantized_weights() {
        assert_eq!(quantization(&[]).ok(), Some(None));
        let q = quantization(&["--levels", "9"])
            .expect("valid")
            .expect("set");
        assert_eq!(q, Quantization::new(9));
        let args = ["--levels", "5", "--quantized", "exact", "--time-limit", "2"];
        let q = quantization(&args).expect("valid").expect("set");
        assert_eq!(
            (q.levels, q.method, q.time_limit),
            (5, QuantMethod::Exact, 2.0)
        );
        let q = quantization(&["--levels", "3", "--node-limit", "500"])
            .expect("valid")
            .expect("set");
        assert_eq!(q.node_limit, Some(500));
        let e = quantization(&["--levels", "3", "--node-limit", "0"]).expect_err("no nodes");
        assert!(e.to_string().contains("quantization.node_limit"), "{e}");
        let e = quantization(&["--levels", "1"]).expect_err("one level");
        assert!(e.to_string().contains("quantization.levels"), "{e}");
        assert!(quantization(&["--quantized", "rounding"]).is_err());
    }
}
