//! Random networks with random scores to memorize, the starting point of every experiment.

use crate::Error;
use rand::Rng;
use rsnn_neuron::{Network, Topology, TopologyConfig};
use rsnn_signal::{AlphaKernel, Score, ScoreSampler};
use serde::{Deserialize, Serialize};

/// The size of a random network with fixed in-degree and of its random scores; the defaults
/// are those of MODEL.md section 1 (L = 200, K = 500, T = 50, lambda = 0.2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkSpec {
    /// Number of neurons L.
    pub neurons: usize,
    /// Inputs per neuron K (sources uniform with replacement, delays uniform in [0.1, 10]).
    pub inputs: usize,
    /// Period T of the scores.
    pub period: f64,
    /// Rate parameter lambda of the scores.
    pub rate: f64,
}

impl Default for NetworkSpec {
    fn default() -> Self {
        Self {
            neurons: 200,
            inputs: 500,
            period: 50.0,
            rate: 0.2,
        }
    }
}

impl NetworkSpec {
    /// Samples `memories` independent scores, then the network (weights zero), from `rng`.
    ///
    /// # Errors
    /// An invalid period or rate, or zero neurons.
    pub fn sample<R: Rng + ?Sized>(
        &self,
        memories: usize,
        rng: &mut R,
    ) -> Result<(Vec<Score>, Network), Error> {
        let sampler = ScoreSampler::new(self.period, self.rate)?;
        let scores = (0..memories)
            .map(|_| sampler.sample_score(rng, self.neurons))
            .collect::<Result<Vec<_>, _>>()?;
        let topology = TopologyConfig {
            num_neurons: self.neurons,
            topology: Topology::FixedInDegree { k: self.inputs },
            ..Default::default()
        };
        let network = topology.sample(AlphaKernel::default(), rng)?;
        Ok((scores, network))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn sizes_and_determinism() {
        let spec = NetworkSpec {
            neurons: 7,
            inputs: 11,
            period: 20.0,
            rate: 0.3,
        };
        let (scores, net) = spec.sample(2, &mut ChaCha8Rng::seed_from_u64(5)).unwrap();
        assert_eq!(scores.len(), 2);
        assert!(
            scores
                .iter()
                .all(|s| s.num_channels() == 7 && s.period() == 20.0)
        );
        assert_eq!(net.num_neurons(), 7);
        assert!(net.neurons().iter().all(|n| n.inputs.len() == 11));
        let again = spec.sample(2, &mut ChaCha8Rng::seed_from_u64(5)).unwrap();
        assert_eq!((scores, net), again);
        let bad = NetworkSpec {
            period: -1.0,
            ..spec
        };
        assert!(bad.sample(1, &mut ChaCha8Rng::seed_from_u64(5)).is_err());
    }
}
