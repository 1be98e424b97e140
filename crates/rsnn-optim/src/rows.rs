//! Constraint rows of one neuron for one memory: the potential and its slope are linear in the
//! weights, `z(t) = sum_k w_k phi_k(t)` with `phi_k(t) = sum_a h(t - a)` over the periodic
//! arrivals `a` of input `k`.

use crate::{OptimError, PeriodicReplay, Template, ValidConfig};
use rsnn_neuron::{Arrivals, Neuron};
use rsnn_signal::{AlphaKernel, Score};

/// Arrivals closer than this to a point count as arriving at the point (slope limits).
const AT_POINT: f64 = 1e-9;

/// The template of one neuron in one memory, with the arrivals that shape its potential.
#[derive(Debug, Clone)]
pub(crate) struct MemoryRows {
    /// The template regions (absolute times, one period; a copy of `replay.template`).
    pub template: Template,
    /// The arrivals of the memory's periodic replay.
    replay: PeriodicReplay,
    horizon: f64,
    num_inputs: usize,
    times: Vec<f64>,
    inputs: Vec<usize>,
}

impl MemoryRows {
    /// The rows of neuron `id` (channel `id` of `score`) for one memory.
    pub fn new(
        neuron: &Neuron,
        id: usize,
        score: &Score,
        kernel: AlphaKernel,
        config: &ValidConfig,
    ) -> Result<Self, OptimError> {
        let replay = PeriodicReplay::new(
            neuron,
            id,
            score,
            kernel,
            config.half_width,
            config.horizon_tolerance,
        )?;
        let horizon = kernel.horizon(config.horizon_tolerance)?;
        Ok(Self {
            template: replay.template.clone(),
            horizon,
            num_inputs: neuron.inputs.len(),
            times: replay.arrivals.iter().map(|a| a.time).collect(),
            inputs: replay.arrivals.iter().map(|a| a.input).collect(),
            replay,
        })
    }

    /// Indices of the arrivals in `(t - horizon, t - AT_POINT)` and in `[t - AT_POINT, t + AT_POINT]`.
    fn window(&self, t: f64) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let lo = self.times.partition_point(|&a| a <= t - self.horizon);
        let mid = self.times.partition_point(|&a| a < t - AT_POINT);
        let hi = self.times.partition_point(|&a| a <= t + AT_POINT);
        (lo..mid, mid..hi)
    }

    /// `phi(t)`: the potential row at `t`.
    pub fn potential_row(&self, t: f64) -> Vec<f64> {
        let mut row = vec![0.0; self.num_inputs];
        let (before, at) = self.window(t);
        for i in before.chain(at) {
            row[self.inputs[i]] += self.replay.kernel.value(t - self.times[i]);
        }
        row
    }

    /// `phi'(t)`: the slope rows at `t`, the right limit first and, when an arrival falls on
    /// `t`, also the left limit (both must satisfy a slope constraint).
    pub fn slope_rows(&self, t: f64) -> Vec<Vec<f64>> {
        let mut left = vec![0.0; self.num_inputs];
        let (before, at) = self.window(t);
        for i in before {
            left[self.inputs[i]] += self.replay.kernel.derivative(t - self.times[i]);
        }
        if at.is_empty() {
            return vec![left];
        }
        let mut right = left.clone();
        for i in at {
            right[self.inputs[i]] += self.replay.kernel.slope_jump();
        }
        vec![right, left]
    }

    /// The exact potential with the given weights (one per input).
    pub fn arrivals(&self, weights: &[f64]) -> Result<Arrivals, OptimError> {
        self.replay.potential(weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemorizeConfig;
    use rsnn_neuron::Input;

    #[test]
    fn rows_reproduce_the_exact_potential() {
        let score = Score::new(10.0, vec![vec![1.0, 4.0], vec![2.5], vec![6.0]]).expect("score");
        let inputs = vec![
            Input {
                source: 1,
                delay: 0.7,
                weight: 0.0,
            },
            Input {
                source: 2,
                delay: 3.2,
                weight: 0.0,
            },
            Input {
                source: 0,
                delay: 1.5,
                weight: 0.0,
            },
            Input {
                source: 1,
                delay: 9.0,
                weight: 0.0,
            },
        ];
        let neuron = Neuron { inputs };
        let config = MemorizeConfig::default().validate().expect("valid");
        let rows =
            MemoryRows::new(&neuron, 0, &score, AlphaKernel::default(), &config).expect("rows");
        let w = [0.3, -0.2, 0.5, 0.1];
        let z = rows.arrivals(&w).expect("arrivals");
        for i in 0..200 {
            let t = rows.template.start + 0.05 * i as f64;
            let phi = rows.potential_row(t);
            let value: f64 = phi.iter().zip(&w).map(|(a, b)| a * b).sum();
            assert!((value - z.potential(t)).abs() < 1e-9, "t = {t}");
            let slope: f64 = rows.slope_rows(t)[0]
                .iter()
                .zip(&w)
                .map(|(a, b)| a * b)
                .sum();
            assert!((slope - z.slope_right(t)).abs() < 1e-9, "t = {t}");
        }
        // At an arrival (input 0: source 1 spikes at 2.5, delay 0.7) both limits are rows.
        let t = 2.5 + 0.7;
        let both = rows.slope_rows(t);
        assert_eq!(both.len(), 2);
        let dot = |r: &Vec<f64>| r.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
        assert!((dot(&both[0]) - z.slope_right(t)).abs() < 1e-9);
        assert!((dot(&both[1]) - z.slope_left(t)).abs() < 1e-9);
    }
}
