//! The jitter-propagation map of a periodic score (docs/model.md §7).

use crate::SimError;
use crate::limits::{MAX_HORIZON_PERIODS, MAX_STABILITY_SPIKES};
use rsnn_neuron::Network;
use rsnn_signal::{LimitExceeded, Score, SignalError, compact};

/// Relative size of the kernel derivative below which older periodic copies of a spike are
/// ignored (the kernel horizon used for the lags).
const HORIZON_TOLERANCE: f64 = 1e-15;

/// The linearized update of every prescribed spike of one period.
///
/// Spike `m` (in time order) moves by `sum_j a[m][j] * dt_j`, the weighted average of the
/// timing errors of the spikes `j` whose arrivals shape its potential, with
/// `a[m][j] = r[m][j] / sum_j r[m][j]` and
/// `r[m][j] = sum_k w_k sum_{p >= 0} h'(((s_m - s_j - d_k) mod T) + p T)` over the inputs `k`
/// of spike `m`'s neuron whose source fires spike `j`. The denominator is the slope `z'(s_m)`
/// of the periodic potential (older periodic copies are included up to the kernel horizon).
#[derive(Debug, Clone, PartialEq)]
pub struct JitterMap {
    spikes: Vec<(f64, usize)>,
    rows: Vec<Vec<(usize, f64)>>,
    slopes: Vec<f64>,
}

impl JitterMap {
    /// Builds the map of `network` for the periodic `score` (one channel per neuron).
    ///
    /// # Errors
    /// [`SimError::NeuronCount`] when the score's channels do not match the neurons,
    /// [`SimError::ZeroSlope`] when some spike's slope is zero or negligible against its terms.
    pub fn new(network: &Network, score: &Score) -> Result<Self, SimError> {
        Self::new_within(network, score, MAX_STABILITY_SPIKES)
    }

    /// As [`JitterMap::new`], with another limit on the number of spikes (the dimension of the
    /// dense map) than [`MAX_STABILITY_SPIKES`].
    ///
    /// # Errors
    /// As [`JitterMap::new`]; [`SignalError::Limit`] naming `score` for more spikes than
    /// `max_spikes`, or `tau` for a kernel horizon of more than [`MAX_HORIZON_PERIODS`]
    /// periods.
    pub fn new_within(network: &Network, score: &Score, max_spikes: f64) -> Result<Self, SimError> {
        let size = score.num_spikes() as f64;
        LimitExceeded::check(size, max_spikes, |size| {
            LimitExceeded::new(
                "score",
                size,
                size,
                "spikes (the dimension of the dense jitter map)",
                max_spikes,
            )
            .context(format!(
                "a matrix of {} GB",
                compact(size * size * 8.0 / 1e9)
            ))
            .raise("raise it with JitterMap::new_within (the eigensolver needs twice the matrix)")
        })
        .map_err(SignalError::from)?;
        let horizon = network.kernel().horizon(HORIZON_TOLERANCE)?;
        let periods = horizon / score.period();
        LimitExceeded::check(periods, MAX_HORIZON_PERIODS, |size| {
            LimitExceeded::new(
                "tau",
                network.kernel().tau(),
                size,
                "periods in the kernel horizon",
                MAX_HORIZON_PERIODS,
            )
            .context(format!(
                "horizon {}, period {}",
                compact(horizon),
                compact(score.period())
            ))
        })
        .map_err(SignalError::from)?;
        let n = network.num_neurons();
        if score.num_channels() != n {
            return Err(SimError::NeuronCount {
                what: "score channels",
                expected: n,
                found: score.num_channels(),
            });
        }
        let period = score.period();
        let kernel = network.kernel();
        let horizon = kernel.horizon(HORIZON_TOLERANCE)?;
        let spikes = score.sorted_spikes();
        // Per channel: (time, global index) of its spikes.
        let mut by_channel: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
        for (index, &(t, c)) in spikes.iter().enumerate() {
            by_channel[c].push((t, index));
        }
        let mut dense = vec![0.0; spikes.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut seen = vec![false; spikes.len()];
        let mut rows = Vec::with_capacity(spikes.len());
        let mut slopes = Vec::with_capacity(spikes.len());
        for (m, &(s_m, l)) in spikes.iter().enumerate() {
            let neuron = network.neuron(l).ok_or(SimError::UnknownNeuron {
                neuron: l,
                num_neurons: n,
            })?;
            for input in &neuron.inputs {
                for &(s_j, j) in &by_channel[input.source] {
                    let mut lag = (s_m - s_j - input.delay).rem_euclid(period);
                    let mut r = 0.0;
                    while lag < horizon {
                        r += kernel.derivative(lag);
                        lag += period;
                    }
                    if r != 0.0 {
                        if !seen[j] {
                            seen[j] = true;
                            touched.push(j);
                        }
                        dense[j] += input.weight * r;
                    }
                }
            }
            touched.sort_unstable();
            let slope: f64 = touched.iter().map(|&j| dense[j]).sum();
            let size: f64 = touched.iter().map(|&j| dense[j].abs()).sum();
            if slope.is_nan() || slope.abs() <= 1e-12 * size {
                return Err(SimError::ZeroSlope {
                    spike: m,
                    neuron: l,
                    time: s_m,
                    slope,
                });
            }
            let row: Vec<(usize, f64)> = touched
                .iter()
                .filter(|&&j| dense[j] != 0.0)
                .map(|&j| (j, dense[j] / slope))
                .collect();
            for &j in &touched {
                dense[j] = 0.0;
                seen[j] = false;
            }
            touched.clear();
            rows.push(row);
            slopes.push(slope);
        }
        Ok(Self {
            spikes,
            rows,
            slopes,
        })
    }

    /// Number of spikes `M` per period (the dimension of the map).
    pub fn num_spikes(&self) -> usize {
        self.spikes.len()
    }

    /// The spikes `(time, neuron)` of one period, in the order of the map's rows and columns.
    pub fn spikes(&self) -> &[(f64, usize)] {
        &self.spikes
    }

    /// The nonzero weights `(j, a[m][j])` of spike `m`'s update, sorted by `j` (they sum to 1).
    pub fn row(&self, m: usize) -> Option<&[(usize, f64)]> {
        self.rows.get(m).map(Vec::as_slice)
    }

    /// The slope denominator `sum_j r[m][j]` of spike `m`.
    pub fn slope(&self, m: usize) -> Option<f64> {
        self.slopes.get(m).copied()
    }

    /// The map over one period, `Phi = U_M ... U_1`, as a dense row-major `M x M` matrix:
    /// `U_m` is the identity with row `m` replaced by the weights of spike `m`, so the updates
    /// are applied in firing order. Costs `M` times the number of nonzero weights.
    pub fn matrix(&self) -> Vec<f64> {
        let size = self.spikes.len();
        let mut phi = vec![0.0; size * size];
        for i in 0..size {
            phi[i * size + i] = 1.0;
        }
        let mut new_row = vec![0.0; size];
        for (m, row) in self.rows.iter().enumerate() {
            new_row.fill(0.0);
            for &(j, a) in row {
                if j >= m {
                    // Rows not updated yet are still unit vectors.
                    new_row[j] += a;
                    continue;
                }
                let old = &phi[j * size..(j + 1) * size];
                for (x, &y) in new_row.iter_mut().zip(old) {
                    *x += a * y;
                }
            }
            phi[m * size..(m + 1) * size].copy_from_slice(&new_row);
        }
        phi
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_neuron::{Input, Neuron};
    use rsnn_signal::AlphaKernel;

    fn ring(weight: f64) -> Network {
        // Neuron l listens to neuron l - 1 (mod 3) with delay 0.5.
        let neurons = (0..3)
            .map(|l| Neuron {
                inputs: vec![Input {
                    source: (l + 2) % 3,
                    delay: 0.5,
                    weight,
                }],
            })
            .collect();
        Network::new(neurons, AlphaKernel::default()).unwrap()
    }

    #[test]
    fn single_source_rows_copy_the_source() {
        let score = Score::new(6.0, vec![vec![0.0], vec![2.0], vec![4.0]]).unwrap();
        let map = JitterMap::new(&ring(1.0), &score).unwrap();
        assert_eq!(map.num_spikes(), 3);
        assert_eq!(map.row(0).unwrap(), &[(2, 1.0)]);
        assert_eq!(map.row(1).unwrap(), &[(0, 1.0)]);
        // Lag 1.5 plus older copies at 7.5, 13.5, ...: the slope is the periodic one.
        let h = AlphaKernel::default();
        let want: f64 = (0..10).map(|p| h.derivative(1.5 + 6.0 * p as f64)).sum();
        assert!((map.slope(1).unwrap() - want).abs() < 1e-15);
        // Every spike copies its predecessor: Phi maps everything to the error of spike 2.
        let phi = map.matrix();
        for m in 0..3 {
            let row = &phi[m * 3..(m + 1) * 3];
            assert!(row.iter().all(|&x| x == 0.0 || x == 1.0));
            assert_eq!(row.iter().sum::<f64>(), 1.0);
        }
    }

    #[test]
    fn matrix_is_the_product_of_the_row_updates() {
        // All-to-all among 4 neurons with assorted delays and weights, two spikes each.
        let neurons = (0..4)
            .map(|l| Neuron {
                inputs: (0..4)
                    .map(|source| Input {
                        source,
                        delay: 0.3 * (l + 2 * source) as f64,
                        weight: 1.0 + 0.1 * (l * source) as f64,
                    })
                    .collect(),
            })
            .collect();
        let net = Network::new(neurons, AlphaKernel::default()).unwrap();
        let times = vec![
            vec![0.0, 5.0],
            vec![1.5, 7.0],
            vec![2.2, 9.1],
            vec![3.9, 11.0],
        ];
        let score = Score::new(12.0, times).unwrap();
        let map = JitterMap::new(&net, &score).unwrap();
        let size = map.num_spikes();
        // Naive: P <- U_m P for m = 0..M with dense matrices.
        let mut p = vec![0.0; size * size];
        for i in 0..size {
            p[i * size + i] = 1.0;
        }
        for m in 0..size {
            let mut u = vec![0.0; size * size];
            for i in 0..size {
                u[i * size + i] = 1.0;
            }
            u[m * size + m] = 0.0;
            for &(j, a) in map.row(m).unwrap() {
                u[m * size + j] = a;
            }
            let mut next = vec![0.0; size * size];
            for i in 0..size {
                for k in 0..size {
                    for j in 0..size {
                        next[i * size + j] += u[i * size + k] * p[k * size + j];
                    }
                }
            }
            p = next;
        }
        let phi = map.matrix();
        for (x, y) in phi.iter().zip(&p) {
            assert!((x - y).abs() < 1e-12, "{x} vs {y}");
        }
        // Rows of Phi sum to 1 (a common shift is preserved).
        for m in 0..size {
            let sum: f64 = phi[m * size..(m + 1) * size].iter().sum();
            assert!((sum - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn zero_slope_is_a_typed_error() {
        // A spike of a neuron without inputs has no slope at all.
        let net = Network::new(
            vec![Neuron::default(), Neuron::default()],
            AlphaKernel::default(),
        )
        .unwrap();
        let score = Score::new(5.0, vec![vec![1.0], vec![]]).unwrap();
        assert!(matches!(
            JitterMap::new(&net, &score),
            Err(SimError::ZeroSlope {
                spike: 0,
                neuron: 0,
                ..
            })
        ));
        let wrong = Score::new(5.0, vec![vec![1.0]]).unwrap();
        assert!(matches!(
            JitterMap::new(&net, &wrong),
            Err(SimError::NeuronCount {
                expected: 2,
                found: 1,
                ..
            })
        ));
    }
}
