//! Per-neuron and network reports of memorization.

use crate::backend::SolveStatus;
use crate::quantize::QuantMethod;
use serde::{Deserialize, Serialize};

/// The outcome of memorizing one neuron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeuronStatus {
    /// Weights found and verified against the continuous template (violation <= tolerance).
    Memorized,
    /// Weights found, but their continuous-time violation exceeds the tolerance (round cap of
    /// constraint generation, or a grid mode). The weights are set; the report says by how much.
    Unverified,
    /// The template cannot be met within the weight bounds: weights left unchanged.
    Infeasible,
    /// The solver failed (numerical trouble, limits): weights left unchanged.
    Failed,
    /// Quantized memorization only: the time limit per neuron (or the node limit of a
    /// mixed-integer solve) ran out before weights meeting the generated rows were found (not a
    /// proof of infeasibility): weights left unchanged.
    TimeLimit,
}

impl NeuronStatus {
    /// Whether new weights were computed (memorized or unverified).
    pub fn has_weights(self) -> bool {
        matches!(self, NeuronStatus::Memorized | NeuronStatus::Unverified)
    }
}

/// The worst continuous-time violations of the template (docs/model.md §5.1) by a neuron's
/// weights, measured with the exact extrema of the potential (§3); each is `>= 0`.
///
/// For weights computed on a grid ([`crate::Mode::Grid`], [`crate::Mode::Published`]) they show
/// what the grid costs in continuous time.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Violations {
    /// How far the potential rises above the silent level in the silent regions.
    pub silent: f64,
    /// How far the slope falls below the minimum slope in the active regions.
    pub slope: f64,
    /// The largest `|z(s) - theta_0|` at the prescribed firing times, beyond the firing band of
    /// quantized memorization (docs/model.md §5.7; no band for continuous weights).
    pub firing: f64,
}

impl Violations {
    /// The largest of the three.
    pub fn max(&self) -> f64 {
        self.silent.max(self.slope).max(self.firing)
    }
}

/// The report of one neuron.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeuronReport {
    /// The neuron.
    pub neuron: usize,
    /// The outcome.
    pub status: NeuronStatus,
    /// The status of the last solve.
    pub solver_status: SolveStatus,
    /// Number of solves.
    pub rounds: usize,
    /// Number of constraint rows of the last solve (firing, silent and slope rows; bounds and
    /// objective rows not counted).
    pub constraints: usize,
    /// The objective value of the weights (None without weights).
    pub objective: Option<f64>,
    /// Largest continuous-time violation of the template by the weights: silent level, slope,
    /// firing equality, bounds (None without weights).
    pub max_violation: Option<f64>,
    /// The continuous-time violations by kind (None without weights, and in reports written
    /// before this field existed).
    #[serde(default)]
    pub continuous_violations: Option<Violations>,
    /// Wall time spent on this neuron.
    pub seconds: f64,
    /// Quantized memorization: the levels, the method and what rounding did (None for
    /// continuous weights and in reports written before quantization existed).
    #[serde(default)]
    pub quantized: Option<QuantizedReport>,
}

/// What quantized memorization did for one neuron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuantizedReport {
    /// The number of levels `Q`.
    pub levels: usize,
    /// Exact or rounding.
    pub method: QuantMethod,
    /// Rounding method: whether rounding the continuous solution to the nearest levels already
    /// met the template (None for the exact method, and when the continuous problem had no
    /// solution and the exact method ran instead).
    pub rounding_sufficed: Option<bool>,
    /// Rounding method: the number of weights left free in the last repair (0 when rounding
    /// sufficed; the number of weights when the exact method ran instead).
    pub free_weights: usize,
}

/// The report of a whole network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkReport {
    /// One report per neuron, in neuron order.
    pub neurons: Vec<NeuronReport>,
    /// Wall time of the whole memorization.
    pub seconds: f64,
}

impl NetworkReport {
    /// Neurons whose template was proved infeasible.
    pub fn infeasible(&self) -> Vec<usize> {
        self.with_status(NeuronStatus::Infeasible)
    }

    /// Neurons with a given status.
    pub fn with_status(&self, status: NeuronStatus) -> Vec<usize> {
        self.neurons
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.neuron)
            .collect()
    }

    /// Neurons that got no weights (infeasible or failed: [`NeuronStatus::has_weights`] is
    /// false); the stability analysis clamps them to the score.
    pub fn without_weights(&self) -> Vec<usize> {
        self.neurons
            .iter()
            .filter(|r| !r.status.has_weights())
            .map(|r| r.neuron)
            .collect()
    }

    /// Number of neurons memorized and verified.
    pub fn num_memorized(&self) -> usize {
        self.with_status(NeuronStatus::Memorized).len()
    }

    /// Whether every neuron was memorized and verified.
    pub fn all_memorized(&self) -> bool {
        self.neurons
            .iter()
            .all(|r| r.status == NeuronStatus::Memorized)
    }

    /// The largest violation over the neurons with weights (0 when none has weights).
    pub fn max_violation(&self) -> f64 {
        self.neurons
            .iter()
            .filter_map(|r| r.max_violation)
            .fold(0.0, f64::max)
    }

    /// Mean number of rounds per neuron.
    pub fn mean_rounds(&self) -> f64 {
        mean(self.neurons.iter().map(|r| r.rounds as f64))
    }

    /// Mean number of constraint rows per neuron.
    pub fn mean_constraints(&self) -> f64 {
        mean(self.neurons.iter().map(|r| r.constraints as f64))
    }

    /// Rounding method: among the neurons where rounding was tried, how many met the template
    /// by rounding alone, and how many were tried.
    pub fn rounding_sufficed(&self) -> (usize, usize) {
        let tried = self
            .neurons
            .iter()
            .filter_map(|r| r.quantized.and_then(|q| q.rounding_sufficed));
        tried.fold((0, 0), |(ok, n), s| (ok + usize::from(s), n + 1))
    }

    /// Mean seconds per neuron (CPU time of one worker).
    pub fn mean_seconds(&self) -> f64 {
        mean(self.neurons.iter().map(|r| r.seconds))
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neuron(neuron: usize, status: NeuronStatus, rounds: usize) -> NeuronReport {
        let has = status.has_weights();
        NeuronReport {
            neuron,
            status,
            solver_status: if has {
                SolveStatus::Solved
            } else {
                SolveStatus::Infeasible
            },
            rounds,
            constraints: 10 * rounds,
            objective: has.then_some(1.0),
            max_violation: has.then_some(1e-9 * rounds as f64),
            continuous_violations: has.then_some(Violations {
                silent: 1e-9 * rounds as f64,
                ..Default::default()
            }),
            seconds: 0.5,
            quantized: None,
        }
    }

    #[test]
    fn summaries_and_json() {
        let report = NetworkReport {
            neurons: vec![
                neuron(0, NeuronStatus::Memorized, 2),
                neuron(1, NeuronStatus::Infeasible, 1),
                neuron(2, NeuronStatus::Memorized, 3),
            ],
            seconds: 1.0,
        };
        assert_eq!(report.infeasible(), vec![1]);
        assert_eq!(report.num_memorized(), 2);
        assert!(!report.all_memorized());
        assert!((report.max_violation() - 3e-9).abs() < 1e-20);
        assert!((report.mean_rounds() - 2.0).abs() < 1e-12);
        assert!((report.mean_constraints() - 20.0).abs() < 1e-12);
        let text = serde_json::to_string(&report).expect("serializable");
        assert!(text.contains(r#""status":"infeasible""#), "{text}");
        assert!(text.contains(r#""objective":null"#), "{text}");
        let back: NetworkReport = serde_json::from_str(&text).expect("round trip");
        assert_eq!(back, report);
        // Reports written before `continuous_violations` existed still load.
        let old = text.replace(r#","continuous_violations":null"#, "");
        assert!(!old.contains("continuous_violations\":null"));
        let back: NetworkReport = serde_json::from_str(&old).expect("old report");
        assert_eq!(back.neurons[1].continuous_violations, None);
    }

    #[test]
    fn neurons_without_weights_are_the_infeasible_and_failed_ones() {
        let statuses = [
            NeuronStatus::Failed,
            NeuronStatus::Memorized,
            NeuronStatus::Unverified,
            NeuronStatus::Infeasible,
        ];
        let report = NetworkReport {
            neurons: (0..4).map(|l| neuron(l, statuses[l], 1)).collect(),
            seconds: 1.0,
        };
        assert_eq!(report.without_weights(), vec![0, 3]);
    }
}
