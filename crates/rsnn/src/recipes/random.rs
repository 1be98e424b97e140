//! Random networks with random scores to memorize, the starting point of every experiment.

use crate::Error;
use crate::seeds::Seeds;
use rsnn_neuron::{Network, Topology, TopologyConfig};
use rsnn_signal::{AlphaKernel, Score, ScoreSampler};
use serde::{Deserialize, Serialize};

/// The size of a random network with fixed in-degree and of its random scores; the defaults
/// are those of docs/model.md §1 (L = 200, K = 500, T = 50, lambda = 0.2).
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
    /// Checks the sizes before anything is sampled: at least one neuron, a valid period and
    /// rate, a score and a network within the default limits of the layers
    /// ([`rsnn_signal::limits::MAX_SCORE_SPIKES`], [`rsnn_neuron::limits::MAX_NETWORK_SIZE`]).
    ///
    /// # Errors
    /// The first invalid or too large parameter, named.
    pub fn validate(&self) -> Result<(), Error> {
        if self.neurons == 0 {
            return Err(Error::InvalidParameter {
                name: "neurons",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        ScoreSampler::new(self.period, self.rate)?.check_channels(self.neurons)?;
        self.topology().validate()?;
        Ok(())
    }

    /// Samples `memories` independent scores and the network (weights zero) with the seed
    /// policy of [`crate::seeds`]: memory `m` from [`Seeds::score_rng`]`(m)`, the network from
    /// [`Seeds::network_rng`], so that the first score and the network are those of
    /// `rsnn sample` and `rsnn network` with the same master seed.
    ///
    /// # Errors
    /// An invalid period or rate, or zero neurons.
    pub fn sample(&self, memories: usize, seeds: &Seeds) -> Result<(Vec<Score>, Network), Error> {
        let scores = (0..memories)
            .map(|m| self.sample_score(m, seeds))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((scores, self.sample_network(seeds)?))
    }

    /// Samples the score of memory `memory` from [`Seeds::score_rng`].
    ///
    /// # Errors
    /// An invalid period or rate.
    pub fn sample_score(&self, memory: usize, seeds: &Seeds) -> Result<Score, Error> {
        let sampler = ScoreSampler::new(self.period, self.rate)?;
        Ok(sampler.sample_score(&mut seeds.score_rng(memory), self.neurons)?)
    }

    /// The fixed in-degree topology of this size (delays uniform in [0.1, 10]).
    pub fn topology(&self) -> TopologyConfig {
        TopologyConfig {
            num_neurons: self.neurons,
            topology: Topology::FixedInDegree { k: self.inputs },
            ..Default::default()
        }
    }

    /// Wires the network (weights zero) from [`Seeds::network_rng`].
    ///
    /// # Errors
    /// Zero neurons, or inputs without neurons to draw sources from.
    pub fn sample_network(&self, seeds: &Seeds) -> Result<Network, Error> {
        Ok(self
            .topology()
            .sample(AlphaKernel::default(), &mut seeds.network_rng())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let spec = NetworkSpec {
            neurons: 7,
            inputs: 11,
            period: 20.0,
            rate: 0.3,
        };
        let (scores, net) = spec.sample(2, &Seeds::new(5)).unwrap();
        assert_eq!(scores.len(), 2);
        assert!(
            scores
                .iter()
                .all(|s| s.num_channels() == 7 && s.period() == 20.0)
        );
        assert_eq!(net.num_neurons(), 7);
        assert!(net.neurons().iter().all(|n| n.inputs.len() == 11));
        let again = spec.sample(2, &Seeds::new(5)).unwrap();
        assert_eq!((scores.clone(), net.clone()), again);
        // The first memory and the network do not depend on the number of memories.
        let (one, net1) = spec.sample(1, &Seeds::new(5)).unwrap();
        assert_eq!((one[0].clone(), net1), (scores[0].clone(), net));
        let bad = NetworkSpec {
            period: -1.0,
            ..spec
        };
        assert!(bad.sample(1, &Seeds::new(5)).is_err());
    }
}
