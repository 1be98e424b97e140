//! The summary of `stability`: aggregate the typed results into rows, then write the CSV file,
//! the figures and the Markdown section.

use super::{Finished, OBJECTIVES};
use crate::experiments::common::{Curves, f3, group, mean_min, plot_lines};
use crate::reproduce::report::{table, write_csv};
use anyhow::Result;
use std::path::Path;

/// One cycle of one free run (a row of `stability.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct CycleRow {
    /// Network index.
    pub net: usize,
    /// Objective name.
    pub objective: String,
    /// Threshold noise.
    pub sigma: f64,
    /// Cycle index.
    pub cycle: usize,
    /// Precision of the cycle.
    pub precision: f64,
    /// Recall of the cycle.
    pub recall: f64,
}

/// Memorization and stability of one objective over all networks.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveRow {
    /// Objective name.
    pub objective: String,
    /// Networks with results.
    pub networks: usize,
    /// Mean number of memorized neurons.
    pub mean_feasible: f64,
    /// Neurons per network.
    pub neurons: usize,
    /// Mean memorization time.
    pub mean_seconds: f64,
    /// Largest violation over all networks.
    pub max_violation: f64,
    /// Mean and largest spectral radius over the networks that have one.
    pub radius: Option<(f64, f64)>,
}

/// Precision and recall (mean, minimum) over all cycles and networks of one objective and sigma.
#[derive(Debug, Clone, PartialEq)]
pub struct NoiseRow {
    /// Objective name.
    pub objective: String,
    /// Threshold noise.
    pub sigma: f64,
    /// Mean and minimum precision.
    pub precision: (f64, f64),
    /// Mean and minimum recall.
    pub recall: (f64, f64),
}

/// Writes `stability.csv` and the figures; returns the Markdown section.
pub fn summarize(done: &[Finished], dir: &Path) -> Result<String> {
    let cycles = cycle_rows(done);
    let noise = noise_rows(&cycles);
    write_cycles(dir, &cycles)?;
    plot_noise(dir, &noise)?;
    plot_l2_cycles(dir, &cycles)?;
    Ok(markdown(&objective_rows(done), &noise))
}

/// Every cycle of every free run, by objective (in the order of [`OBJECTIVES`]), then job.
pub fn cycle_rows(done: &[Finished]) -> Vec<CycleRow> {
    let mut rows = Vec::new();
    for obj in OBJECTIVES {
        for f in done.iter().filter(|f| f.job.params.objective == obj) {
            for run in &f.result.runs {
                rows.extend(run.cycles.iter().enumerate().map(|(cycle, s)| CycleRow {
                    net: f.job.params.net,
                    objective: obj.to_owned(),
                    sigma: run.sigma,
                    cycle,
                    precision: s.precision,
                    recall: s.recall,
                }));
            }
        }
    }
    rows
}

/// Memorization and spectral radius per objective.
pub fn objective_rows(done: &[Finished]) -> Vec<ObjectiveRow> {
    let by_objective = group(done.iter().map(|f| (f.job.params.objective.clone(), f)));
    by_objective
        .into_iter()
        .map(|(objective, jobs)| {
            let of =
                |value: fn(&Finished) -> f64| jobs.iter().map(|f| value(f)).collect::<Vec<_>>();
            let radii: Vec<f64> = jobs
                .iter()
                .filter_map(|f| f.result.stability.as_ref())
                .map(|s| s.spectral_radius)
                .collect();
            ObjectiveRow {
                objective,
                networks: jobs.len(),
                mean_feasible: mean_min(&of(|f| f.result.memorize.feasible as f64)).0,
                neurons: jobs[0].result.memorize.neurons,
                mean_seconds: mean_min(&of(|f| f.result.memorize.seconds)).0,
                max_violation: of(|f| f.result.memorize.max_violation)
                    .into_iter()
                    .fold(0.0, f64::max),
                radius: (!radii.is_empty()).then(|| {
                    (
                        mean_min(&radii).0,
                        radii.iter().copied().fold(0.0, f64::max),
                    )
                }),
            }
        })
        .collect()
}

/// Precision and recall per objective and sigma.
pub fn noise_rows(cycles: &[CycleRow]) -> Vec<NoiseRow> {
    group(cycles.iter().map(|c| ((c.objective.clone(), c.sigma), c)))
        .into_iter()
        .map(|((objective, sigma), rows)| {
            let precision: Vec<f64> = rows.iter().map(|c| c.precision).collect();
            let recall: Vec<f64> = rows.iter().map(|c| c.recall).collect();
            NoiseRow {
                objective,
                sigma,
                precision: mean_min(&precision),
                recall: mean_min(&recall),
            }
        })
        .collect()
}

/// Mean of min(precision, recall) per cycle of the L2 runs, one curve per sigma.
pub fn l2_curves(cycles: &[CycleRow]) -> Curves {
    let l2 = cycles.iter().filter(|c| c.objective == "l2");
    let per_cycle = group(l2.map(|c| ((c.sigma, c.cycle), c.precision.min(c.recall))));
    let points = per_cycle
        .into_iter()
        .map(|((sigma, cycle), v)| (format!("sigma = {sigma}"), (cycle as f64, mean_min(&v).0)));
    group(points)
}

fn write_cycles(dir: &Path, cycles: &[CycleRow]) -> Result<()> {
    let rows: Vec<Vec<String>> = cycles
        .iter()
        .map(|c| {
            vec![
                c.net.to_string(),
                c.objective.clone(),
                c.sigma.to_string(),
                c.cycle.to_string(),
                c.precision.to_string(),
                c.recall.to_string(),
            ]
        })
        .collect();
    write_csv(
        &dir.join("stability.csv"),
        &["net", "objective", "sigma", "cycle", "precision", "recall"],
        &rows,
    )
}

fn plot_noise(dir: &Path, noise: &[NoiseRow]) -> Result<()> {
    let points = noise.iter().map(|r| {
        let similarity = r.precision.0.min(r.recall.0);
        (r.objective.clone(), (r.sigma, similarity))
    });
    plot_lines(
        dir,
        "similarity-vs-noise.svg",
        "Free recall: mean of min(precision, recall) over cycles and networks",
        ("threshold noise sigma", "similarity"),
        Some((0.0, 1.02)),
        group(points),
    )
}

fn plot_l2_cycles(dir: &Path, cycles: &[CycleRow]) -> Result<()> {
    plot_lines(
        dir,
        "cycles-l2.svg",
        "Free recall, L2 objective: mean of min(precision, recall) per cycle",
        ("cycle", "similarity"),
        Some((0.0, 1.02)),
        l2_curves(cycles),
    )
}

/// The objective as the report names it: the objective none is a vertex of the feasible set,
/// computed by simplex (microlp), as the original package's solver returned.
pub fn label(objective: &str) -> String {
    match objective {
        "none" => "none (simplex vertex)".to_owned(),
        "l1" => "L1".to_owned(),
        "l2" => "L2".to_owned(),
        "linf" => "L-infinity".to_owned(),
        other => other.to_owned(),
    }
}

/// The objectives of the original scripts' protocol.
const ORIGINAL: [&str; 3] = ["none", "l1", "l2"];

/// The original scripts' protocol's view of the same runs: objectives none, L1 and L2, the
/// mean spectral radius and the mean precision / recall of every sigma, one row per objective,
/// and the original package's reference.
pub fn original_table(objectives: &[ObjectiveRow], noise: &[NoiseRow]) -> String {
    let mut sigmas: Vec<f64> = Vec::new();
    for r in noise {
        if !sigmas.contains(&r.sigma) {
            sigmas.push(r.sigma);
        }
    }
    let mut rows = Vec::new();
    for objective in ORIGINAL {
        let Some(o) = objectives.iter().find(|o| o.objective == objective) else {
            continue;
        };
        let mut row = vec![
            label(objective),
            o.radius.map_or("-".into(), |r| format!("{:.2e}", r.0)),
        ];
        for &sigma in &sigmas {
            let cell = noise
                .iter()
                .find(|r| r.objective == objective && r.sigma == sigma)
                .map_or("-".into(), |r| {
                    format!("{} / {}", f3(r.precision.0), f3(r.recall.0))
                });
            row.push(cell);
        }
        rows.push(row);
    }
    let mut reference = vec![
        "reference: the original package's shipped L2 network (L = 200, K = 500, T = 50)".into(),
        "1.7e-4".into(),
    ];
    reference.extend(sigmas.iter().map(|&s| {
        if s == 0.1 {
            "precision 0.951-0.955".into()
        } else {
            "-".into()
        }
    }));
    rows.push(reference);
    let mut header = vec!["objective".to_owned(), "mean radius".to_owned()];
    header.extend(sigmas.iter().map(|s| format!("sigma {s}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(&header, &rows)
}

fn markdown(objectives: &[ObjectiveRow], noise: &[NoiseRow]) -> String {
    let mut ours = String::from(
        "Figures: [similarity against noise](stability/similarity-vs-noise.svg), \
         [L2 per cycle](stability/cycles-l2.svg). The objective none is a vertex of the \
         feasible set (a pure LP solved by simplex).\n\n\
         Memorization and stability per objective (means over networks):\n\n",
    );
    ours.push_str(&memorization_table(objectives));
    ours.push_str(
        "\nPrecision and recall over all cycles and networks (raw data: \
         stability/stability.csv):\n\n",
    );
    ours.push_str(&similarity_table(noise));
    ours.push_str(
        "\nReference (paper, L2, sigma = 0.1, L = 200, K = 500, T = 50): precision = recall \
         of about 0.95 in every cycle, no drift; spectral radius well below 1.\n",
    );
    let mut original = String::from(
        "The same runs as rsnn's protocol (L = 200, K = 500, T = 50 at full scale, sigma in \
         {0.05, 0.1, 0.15, 0.2}, 10 cycles from the perfect initial condition) with the \
         original scripts' objectives none, L1 and L2; none is the simplex vertex, as the \
         original package's solver returned. Mean precision / recall over cycles and networks; \
         radius: the spectral radius of the jitter map without the eigenvalue 1 (the \
         original's second eigenvalue):\n\n",
    );
    original.push_str(&original_table(objectives, noise));
    crate::experiments::protocol::sections(Some(ours), Some(original))
}

fn memorization_table(objectives: &[ObjectiveRow]) -> String {
    let radius = |r: &ObjectiveRow, pick: fn((f64, f64)) -> f64| {
        r.radius.map_or("-".into(), |x| format!("{:.2e}", pick(x)))
    };
    let rows: Vec<Vec<String>> = objectives
        .iter()
        .map(|r| {
            vec![
                label(&r.objective),
                r.networks.to_string(),
                format!("{:.1}/{}", r.mean_feasible, r.neurons),
                format!("{:.1}", r.mean_seconds),
                format!("{:.1e}", r.max_violation),
                radius(r, |x| x.0),
                radius(r, |x| x.1),
            ]
        })
        .collect();
    let header = [
        "objective",
        "networks",
        "feasible",
        "seconds",
        "max violation",
    ];
    table(
        &[&header[..], &["mean radius", "max radius"]].concat(),
        &rows,
    )
}

fn similarity_table(noise: &[NoiseRow]) -> String {
    let rows: Vec<Vec<String>> = noise
        .iter()
        .map(|r| {
            let (p, q) = (r.precision, r.recall);
            let stats = [p.0, p.1, q.0, q.1].map(f3);
            [
                vec![label(&r.objective), r.sigma.to_string()],
                stats.to_vec(),
            ]
            .concat()
        })
        .collect();
    let header = ["objective", "sigma", "precision mean", "precision min"];
    table(
        &[&header[..], &["recall mean", "recall min"]].concat(),
        &rows,
    )
}
