//! The published grid template of the original Python package (docs/model.md §5.6), built as
//! one [`Problem`] and solved once ([`crate::Mode::Published`]).
//!
//! For each memory of period `T`, on the grid `t = 0, STEP, 2 STEP, ... < T`, with `theta_0`
//! the network's threshold, `hw` the half-width, `z_max` the silent level and `slope_min` the
//! minimum slope of the configuration:
//! - at each firing time `s`: `z(s) >= theta_0` (an inequality);
//! - at grid points more than one refractory period after the previous spike: `z <= theta_0 -
//!   MARGIN` if the next spike is at most `hw` away, else `z <= z_max - MARGIN`;
//! - at grid points within `hw` of a spike (before or after): `z' >= slope_min + MARGIN`;
//! - a neuron without spikes: `z <= theta_0 - SILENT_NEURON_DROP` at every grid point;
//! - `|w| <= w_max`.
//!
//! The kernel of an arrival `a` is evaluated at `(t - a) mod T`: only the most recent periodic
//! copy of each arrival counts. Distances to spikes are circular (modulo `T`).

use crate::{OptimError, Problem, Row, ValidConfig};
use rsnn_neuron::Neuron;
use rsnn_signal::{AlphaKernel, REFRACTORY_PERIOD, Score};

/// The grid step of the published template.
pub const STEP: f64 = 0.05;
/// The margin of the published template's level and slope inequalities.
pub const MARGIN: f64 = 1e-6;
/// A neuron without spikes stays this far below the threshold, everywhere.
pub const SILENT_NEURON_DROP: f64 = 1.0;

/// The potential and slope rows of one neuron for one memory, with modulo-`T` kernels.
struct ModuloRows {
    period: f64,
    kernel: AlphaKernel,
    num_inputs: usize,
    /// `(input, arrival time modulo T)` of every source spike.
    arrivals: Vec<(usize, f64)>,
}

impl ModuloRows {
    fn new(neuron: &Neuron, score: &Score, kernel: AlphaKernel) -> Result<Self, OptimError> {
        let period = score.period();
        let mut arrivals = Vec::new();
        for (k, input) in neuron.inputs.iter().enumerate() {
            let train = score
                .channel(input.source)
                .ok_or(OptimError::UnknownNeuron {
                    id: input.source,
                    count: score.num_channels(),
                })?;
            for &s in train.times() {
                arrivals.push((k, (s + input.delay).rem_euclid(period)));
            }
        }
        Ok(Self {
            period,
            kernel,
            num_inputs: neuron.inputs.len(),
            arrivals,
        })
    }

    /// `sum_a f((t - a) mod T)` per input.
    fn row(&self, t: f64, f: impl Fn(f64) -> f64) -> Vec<f64> {
        let mut row = vec![0.0; self.num_inputs];
        for &(k, a) in &self.arrivals {
            row[k] += f((t - a).rem_euclid(self.period));
        }
        row
    }

    fn potential(&self, t: f64) -> Vec<f64> {
        self.row(t, |u| self.kernel.value(u))
    }

    fn slope(&self, t: f64) -> Vec<f64> {
        self.row(t, |u| self.kernel.derivative(u))
    }
}

fn negated(row: &[f64]) -> Vec<f64> {
    row.iter().map(|a| -a).collect()
}

/// Adds the published template of neuron `id` (channel `id` of `score`) to `problem`; returns
/// the number of rows added.
fn add_memory(
    problem: &mut Problem,
    neuron: &Neuron,
    id: usize,
    score: &Score,
    kernel: AlphaKernel,
    threshold: f64,
    config: &ValidConfig,
) -> Result<usize, OptimError> {
    let rows = ModuloRows::new(neuron, score, kernel)?;
    let firing = score
        .channel(id)
        .ok_or(OptimError::UnknownNeuron {
            id,
            count: score.num_channels(),
        })?
        .times();
    let period = rows.period;
    let hw = config.half_width;
    let mut added = 0;
    let mut push = |p: &mut Problem, row: Vec<f64>, rhs: f64| -> Result<(), OptimError> {
        added += 1;
        p.add_inequality(Row::dense(&row, rhs))
    };
    for &s in firing {
        push(problem, negated(&rows.potential(s)), -threshold)?;
    }
    let slope_min = config.min_slope + MARGIN;
    let mut i = 0u32;
    loop {
        let t = f64::from(i) * STEP;
        if t >= period {
            break;
        }
        i += 1;
        if firing.is_empty() {
            push(problem, rows.potential(t), threshold - SILENT_NEURON_DROP)?;
            continue;
        }
        let circular = |d: f64| d.rem_euclid(period);
        let to_next = firing
            .iter()
            .map(|&s| circular(s - t))
            .fold(f64::MAX, f64::min);
        let since_last = firing
            .iter()
            .map(|&s| circular(t - s))
            .fold(f64::MAX, f64::min);
        if since_last > REFRACTORY_PERIOD {
            let level = if to_next <= hw {
                threshold - MARGIN
            } else {
                config.silent_level - MARGIN
            };
            push(problem, rows.potential(t), level)?;
        }
        if to_next.min(since_last) <= hw {
            push(problem, negated(&rows.slope(t)), -slope_min)?;
        }
    }
    Ok(added)
}

/// The published problem of neuron `id` over every memory (the union of their rows), with the
/// objective and weight bound of `config`; returns it with its number of template rows.
///
/// # Errors
/// A score without a channel for the neuron or one of its sources.
pub(crate) fn published_problem(
    neuron: &Neuron,
    id: usize,
    memories: &[Score],
    kernel: AlphaKernel,
    threshold: f64,
    config: &ValidConfig,
) -> Result<(Problem, usize), OptimError> {
    let mut problem = Problem::weights(neuron.inputs.len(), config.objective, config.weight_bound);
    let mut rows = 0;
    for score in memories {
        rows += add_memory(&mut problem, neuron, id, score, kernel, threshold, config)?;
    }
    Ok((problem, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemorizeConfig;
    use rsnn_neuron::Input;

    #[test]
    fn rows_follow_the_published_rules() {
        // Neuron 0 fires at 1.01 and 3.07 (period 4); input 0 comes from neuron 1 (fires at
        // 3.9, delay 0.5: the arrival at 4.4 wraps to 0.4).
        let score = Score::new(4.0, vec![vec![1.01, 3.07], vec![3.9]]).expect("score");
        let neuron = Neuron {
            inputs: vec![Input {
                source: 1,
                delay: 0.5,
                weight: 0.0,
            }],
        };
        let config = MemorizeConfig::default().validate().expect("valid");
        let kernel = AlphaKernel::default();
        let (p, rows) =
            published_problem(&neuron, 0, &[score], kernel, 1.0, &config).expect("problem");
        assert!(p.equalities().is_empty());
        let count = |rhs: f64| p.inequalities().iter().filter(|r| r.rhs == rhs).count();
        // Firing rows come first: -h((1.01 - 0.4) mod 4) w <= -1.
        let first = &p.inequalities()[0];
        assert!((first.coefficients[0].1 + kernel.value(0.61)).abs() < 1e-12);
        assert_eq!(count(-1.0), 2);
        // Past refractoriness: 0.1..=1.0 (after 3.07 - 4) and 2.05..=3.05 (after 1.01); of
        // these, within 0.2 before a spike: 0.85..=1.0 and 2.9..=3.05.
        assert_eq!(count(1.0 - MARGIN), 8);
        assert_eq!(count(-MARGIN), 19 + 21 - 8);
        // Within 0.2 of a spike: 0.85..=1.2 and 2.9..=3.25.
        assert_eq!(count(-(2.0 + MARGIN)), 16);
        assert_eq!(rows, 2 + 40 + 16);
        assert_eq!(rows, p.inequalities().len());
        // The slope row at 0.45 sees the wrapped arrival only: h'(0.05).
        let z = ModuloRows::new(
            &neuron,
            &Score::new(4.0, vec![vec![], vec![3.9]]).expect("s"),
            kernel,
        )
        .expect("rows");
        assert!((z.slope(0.45)[0] - kernel.derivative(0.05)).abs() < 1e-12);
        assert!((z.potential(0.3)[0] - kernel.value(3.9)).abs() < 1e-12);
    }

    #[test]
    fn a_silent_neuron_stays_a_unit_below_threshold() {
        let score = Score::new(1.0, vec![vec![], vec![0.3]]).expect("score");
        let neuron = Neuron {
            inputs: vec![Input {
                source: 1,
                delay: 0.2,
                weight: 0.0,
            }],
        };
        let config = MemorizeConfig::default().validate().expect("valid");
        let (p, rows) =
            published_problem(&neuron, 0, &[score], AlphaKernel::default(), 1.0, &config)
                .expect("problem");
        assert_eq!(rows, 20);
        assert!(p.inequalities().iter().all(|r| r.rhs == 0.0));
    }
}
