//! Temporal stability of a memorized score: the spectrum of the linearized jitter-propagation
//! map (docs/model.md §7).
//!
//! The map over one period has the eigenvalue 1 (a common shift of all spikes); the score is
//! temporally stable when every other eigenvalue lies strictly inside the unit circle. The
//! report gives the spectral radius after removing (deflating) the eigenvalue closest to 1.

mod map;

pub use map::JitterMap;

use crate::SimError;
use faer::Mat;
use rsnn_neuron::Network;
use rsnn_signal::Score;
use serde::{Deserialize, Serialize};

/// How many of the largest eigenvalue magnitudes a report lists.
pub const TOP_EIGENVALUES: usize = 10;

/// The spectrum of a jitter map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StabilityReport {
    /// Number of spikes per period (the dimension of the map).
    pub num_spikes: usize,
    /// The eigenvalue closest to 1 `(re, im)`, removed as the trivial common shift (None for
    /// a score without spikes).
    pub trivial_eigenvalue: Option<(f64, f64)>,
    /// The largest magnitude of the other eigenvalues (0 when there are none). Below 1 means
    /// temporally stable.
    pub spectral_radius: f64,
    /// The largest magnitudes of the other eigenvalues, decreasing (at most
    /// [`TOP_EIGENVALUES`]).
    pub top_magnitudes: Vec<f64>,
    /// Every eigenvalue `(re, im)`, the trivial one included, by decreasing magnitude.
    pub eigenvalues: Vec<(f64, f64)>,
}

impl StabilityReport {
    /// Whether every eigenvalue besides the trivial one is strictly inside the unit circle.
    pub fn is_stable(&self) -> bool {
        self.spectral_radius < 1.0
    }
}

/// The eigenvalues of a dense row-major `size x size` matrix, as `(re, im)`.
///
/// # Errors
/// [`SimError::EigenNoConvergence`].
pub fn eigenvalues(matrix: &[f64], size: usize) -> Result<Vec<(f64, f64)>, SimError> {
    if size == 0 {
        return Ok(Vec::new());
    }
    // The transpose has the same eigenvalues and is read contiguously as column-major.
    let a = Mat::<f64>::from_fn(size, size, |i, j| matrix[j * size + i]);
    let values = a
        .eigenvalues()
        .map_err(|_| SimError::EigenNoConvergence { size })?;
    Ok(values.into_iter().map(|z| (z.re, z.im)).collect())
}

/// Analyzes the stability of `score` memorized by `network`.
///
/// # Errors
/// See [`JitterMap::new`] and [`eigenvalues`].
pub fn analyze(network: &Network, score: &Score) -> Result<StabilityReport, SimError> {
    JitterMap::new(network, score)?.analyze()
}

impl JitterMap {
    /// The spectrum of the map over one period.
    ///
    /// # Errors
    /// [`SimError::EigenNoConvergence`].
    pub fn analyze(&self) -> Result<StabilityReport, SimError> {
        let size = self.num_spikes();
        let mut values = eigenvalues(&self.matrix(), size)?;
        let magnitude = |z: &(f64, f64)| z.0.hypot(z.1);
        values.sort_by(|a, b| {
            magnitude(b)
                .total_cmp(&magnitude(a))
                .then(a.0.total_cmp(&b.0))
        });
        let trivial = values
            .iter()
            .enumerate()
            .min_by(|a, b| {
                let da = (a.1.0 - 1.0).hypot(a.1.1);
                let db = (b.1.0 - 1.0).hypot(b.1.1);
                da.total_cmp(&db)
            })
            .map(|(i, &z)| (i, z));
        let others: Vec<f64> = values
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != trivial.map(|t| t.0))
            .map(|(_, z)| magnitude(z))
            .collect();
        Ok(StabilityReport {
            num_spikes: size,
            trivial_eigenvalue: trivial.map(|t| t.1),
            spectral_radius: others.first().copied().unwrap_or(0.0),
            top_magnitudes: others.iter().take(TOP_EIGENVALUES).copied().collect(),
            eigenvalues: values,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_neuron::{Input, Neuron};
    use rsnn_signal::AlphaKernel;

    #[test]
    fn eigenvalues_of_a_small_matrix() {
        // [[0, 1], [-2, 3]] has eigenvalues 1 and 2.
        let mut v = eigenvalues(&[0.0, 1.0, -2.0, 3.0], 2).unwrap();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!((v[0].0 - 1.0).abs() < 1e-12 && v[0].1.abs() < 1e-12);
        assert!((v[1].0 - 2.0).abs() < 1e-12 && v[1].1.abs() < 1e-12);
        assert!(eigenvalues(&[], 0).unwrap().is_empty());
    }

    /// The example of issue 3: 5 neurons firing at 0, 2, 4, 6, 8 (period 10), weights 1, delays
    /// 0, each neuron listening to every other one.
    #[test]
    fn all_to_all_example_is_stable() {
        let neurons = (0..5)
            .map(|l| Neuron {
                inputs: (0..5)
                    .filter(|&j| j != l)
                    .map(|source| Input {
                        source,
                        delay: 0.0,
                        weight: 1.0,
                    })
                    .collect(),
            })
            .collect();
        let net = Network::new(neurons, AlphaKernel::default()).unwrap();
        let score = Score::new(10.0, (0..5).map(|l| vec![2.0 * l as f64]).collect()).unwrap();
        let map = JitterMap::new(&net, &score).unwrap();
        for m in 0..5 {
            let sum: f64 = map.row(m).unwrap().iter().map(|x| x.1).sum();
            assert!((sum - 1.0).abs() < 1e-14);
        }
        let report = map.analyze().unwrap();
        assert_eq!(report.num_spikes, 5);
        let (re, im) = report.trivial_eigenvalue.unwrap();
        assert!((re - 1.0).abs() < 1e-12 && im.abs() < 1e-12);
        assert!(report.spectral_radius < 1e-3, "{report:?}");
        assert!(report.is_stable());
        assert_eq!(report.top_magnitudes.len(), 4);
        assert_eq!(report.eigenvalues.len(), 5);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// Rows of the map are weighted averages, so the common shift is an eigenvector with
        /// eigenvalue 1 (whatever the weights, delays and spike times).
        #[test]
        fn common_shift_has_eigenvalue_one(
            weights in proptest::collection::vec(-1.0f64..1.0, 9),
            delays in proptest::collection::vec(0.0f64..4.0, 9),
            offsets in proptest::collection::vec(0.0f64..2.5, 3),
        ) {
            let neurons = (0..3)
                .map(|l| Neuron {
                    inputs: (0..3)
                        .map(|source| Input {
                            source,
                            delay: delays[3 * l + source],
                            weight: weights[3 * l + source],
                        })
                        .collect(),
                })
                .collect();
            let net = Network::new(neurons, AlphaKernel::default()).unwrap();
            let times = (0..3).map(|l| vec![3.0 * l as f64 + offsets[l]]).collect();
            let score = Score::new(9.0, times).unwrap();
            // A random spike can sit where the slope vanishes: that is a typed error.
            let Ok(map) = JitterMap::new(&net, &score) else {
                return Ok(());
            };
            let size = map.num_spikes();
            let phi = map.matrix();
            let scale: f64 = phi.iter().map(|x| x.abs()).fold(1.0, f64::max);
            for m in 0..size {
                let sum: f64 = phi[m * size..(m + 1) * size].iter().sum();
                proptest::prop_assert!((sum - 1.0).abs() < 1e-9 * scale, "row {} sums to {}", m, sum);
            }
            let values = eigenvalues(&phi, size).unwrap();
            let closest = values
                .iter()
                .map(|z| (z.0 - 1.0).hypot(z.1))
                .fold(f64::INFINITY, f64::min);
            proptest::prop_assert!(closest < 1e-6 * scale, "{:?}", values);
        }
    }

    #[test]
    fn empty_score_has_an_empty_spectrum() {
        let net = Network::new(vec![Neuron::default()], AlphaKernel::default()).unwrap();
        let report = analyze(&net, &Score::silent(5.0, 1).unwrap()).unwrap();
        assert_eq!(report.num_spikes, 0);
        assert_eq!(report.trivial_eigenvalue, None);
        assert_eq!(report.spectral_radius, 0.0);
    }
}
