//! Pieces shared by the experiments: building a random network with its score, memorizing,
//! summarizing similarities.

use anyhow::Result;
use rsnn::prelude::*;
use serde::{Deserialize, Serialize};

/// The size of a random network and its scores.
pub use rsnn::recipes::NetworkSpec as NetSpec;

/// A network of `neurons` neurons with 500 inputs each and scores of period `period` with rate
/// 0.2, the sizes every experiment on whole networks uses.
pub fn spec(neurons: usize, period: f64) -> NetSpec {
    NetSpec {
        neurons,
        inputs: 500,
        period,
        rate: 0.2,
    }
}

/// Samples `memories` scores and a fixed in-degree network with master seed `seed` (weights
/// still zero), by the facade's seed policy.
pub fn build(spec: &NetSpec, memories: usize, seed: u64) -> Result<(Vec<Score>, Network)> {
    Ok(spec.sample(memories, &rsnn::seeds::Seeds::new(seed))?)
}

/// The memorization of a network as recorded in a job's result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemorizeSummary {
    /// Neurons of the network.
    pub neurons: usize,
    /// Neurons memorized and verified.
    pub feasible: usize,
    /// Neurons whose template cannot be met.
    pub infeasible: usize,
    /// Wall time of the memorization.
    pub seconds: f64,
    /// Largest continuous-time violation of any neuron.
    pub max_violation: f64,
    /// Mean constraint-generation rounds per neuron.
    pub mean_rounds: f64,
    /// Mean constraint rows per neuron.
    pub mean_constraints: f64,
}

/// Memorizes `scores` with `objective` (default template and backend) and summarizes the
/// report.
pub fn memorize(
    network: &mut Network,
    scores: &[Score],
    objective: Objective,
) -> Result<(NetworkReport, MemorizeSummary)> {
    let config = MemorizeConfig {
        objective,
        ..Default::default()
    };
    memorize_with(network, scores, &config)
}

/// Memorizes `scores` as `config` says and summarizes the report.
pub fn memorize_with(
    network: &mut Network,
    scores: &[Score],
    config: &MemorizeConfig,
) -> Result<(NetworkReport, MemorizeSummary)> {
    let report = memorize_network(network, scores, config, |_, _| {})?;
    let summary = MemorizeSummary {
        neurons: report.neurons.len(),
        feasible: report.num_memorized(),
        infeasible: report.infeasible().len(),
        seconds: report.seconds,
        max_violation: report.max_violation(),
        mean_rounds: report.mean_rounds(),
        mean_constraints: report.mean_constraints(),
    };
    Ok((report, summary))
}

/// A sentence naming the networks (index and memorization) in which some neurons were not
/// memorized (they keep zero weights and stay silent), or nothing when every neuron was.
pub fn unmemorized_note<'a>(
    networks: impl IntoIterator<Item = (usize, &'a MemorizeSummary)>,
) -> String {
    let items: Vec<String> = networks
        .into_iter()
        .filter(|(_, m)| m.feasible < m.neurons)
        .map(|(net, m)| {
            format!(
                "network {net} ({} of {})",
                m.neurons - m.feasible,
                m.neurons
            )
        })
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!(
        "\nNot every neuron could be memorized under the continuous template in {}: those \
         neurons keep zero weights and stay silent, and the runs count them as they are.\n",
        items.join(", ")
    )
}

/// Fails unless every neuron was memorized and verified, saying how many were not and why.
pub fn require_all_memorized(report: &NetworkReport) -> Result<()> {
    let c = report.counts();
    if c.memorized == c.total() {
        return Ok(());
    }
    anyhow::bail!(
        "{} of {} neurons not memorized ({} infeasible, {} unverified, {} failed, {} out of \
         time)",
        c.total() - c.memorized,
        c.total(),
        c.infeasible,
        c.unverified,
        c.failed,
        c.time_limit
    )
}

/// The objectives by name (`none`, `l1`, `l2`, `linf`).
pub fn objective(name: &str) -> Result<Objective> {
    Ok(name.parse()?)
}

/// Mean and minimum of a list (NaN when empty).
pub fn mean_min(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (mean, values.iter().copied().fold(f64::INFINITY, f64::min))
}

/// Formats a number with 3 decimals (or `-` for NaN).
pub fn f3(x: f64) -> String {
    if x.is_nan() {
        "-".to_owned()
    } else {
        format!("{x:.3}")
    }
}

/// Groups values by key, keys in the order of their first appearance.
pub fn group<K: PartialEq, V>(items: impl IntoIterator<Item = (K, V)>) -> Vec<(K, Vec<V>)> {
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    for (key, value) in items {
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(value),
            None => groups.push((key, vec![value])),
        }
    }
    groups
}

/// Curves of a line chart: one `(label, points)` per series.
pub type Curves = Vec<(String, Vec<(f64, f64)>)>;

/// Draws a line chart `dir/name` with one series per `(label, points)`; `y_range` fixes the y
/// axis (None fits the data). An x axis whose label starts with "cycle" is a cycle index and
/// gets integer ticks only.
pub fn plot_lines(
    dir: &std::path::Path,
    name: &str,
    title: &str,
    (x, y): (&str, &str),
    y_range: Option<(f64, f64)>,
    series: Vec<(String, Vec<(f64, f64)>)>,
) -> Result<()> {
    use rsnn_plot::{Axes, Series, lines};
    let series: Vec<Series> = series
        .into_iter()
        .map(|(label, points)| Series { label, points })
        .collect();
    let axes = Axes {
        x,
        y,
        y_range,
        integer_x: x.starts_with("cycle"),
    };
    Ok(lines(&dir.join(name), title, &axes, &series)?)
}

/// A memorization summary for hand-made results in tests.
#[cfg(test)]
pub fn memorized(neurons: usize, feasible: usize, seconds: f64) -> MemorizeSummary {
    MemorizeSummary {
        neurons,
        feasible,
        infeasible: neurons - feasible,
        seconds,
        max_violation: 1e-9,
        mean_rounds: 2.0,
        mean_constraints: 100.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_the_order_of_first_appearance() {
        let g = group([("b", 1), ("a", 2), ("b", 3)]);
        assert_eq!(g, vec![("b", vec![1, 3]), ("a", vec![2])]);
    }

    #[test]
    fn mean_and_minimum() {
        assert_eq!(mean_min(&[1.0, 0.5]), (0.75, 0.5));
        assert!(mean_min(&[]).0.is_nan());
        assert_eq!(f3(f64::NAN), "-");
    }

    #[test]
    fn networks_with_unmemorized_neurons_are_named() {
        let (all, some) = (memorized(200, 200, 1.0), memorized(200, 198, 1.0));
        assert_eq!(unmemorized_note([(0, &all), (1, &all)]), "");
        let note = unmemorized_note([(0, &all), (1, &some), (2, &all)]);
        assert!(note.contains("network 1 (2 of 200)"), "{note}");
        assert!(
            !note.contains("network 0") && !note.contains("network 2"),
            "{note}"
        );
    }
}
