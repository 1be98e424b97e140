//! Seeded random wiring: fixed in-degree (the default), fixed out-degree, all-to-all; delays
//! uniform in `[d_min, d_max]`; all weights 0 (memorization sets them).

use crate::limits::MAX_NETWORK_SIZE;
use crate::{Input, Network, Neuron, NeuronError};
use rand::{Rng, RngExt};
use rsnn_signal::{AlphaKernel, LimitExceeded, compact};
use serde::{Deserialize, Serialize};

/// How sources are connected to targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Topology {
    /// Every neuron has `k` inputs whose sources are drawn uniformly with replacement
    /// (self-connections and parallel connections allowed). docs/model.md §2.
    FixedInDegree {
        /// Inputs per neuron.
        k: usize,
    },
    /// Every neuron feeds `k` inputs whose targets are drawn uniformly with replacement.
    FixedOutDegree {
        /// Outputs per neuron.
        k: usize,
    },
    /// Every neuron receives one input from every neuron (itself only if `self_connections`).
    AllToAll {
        /// Whether a neuron also receives its own spikes.
        self_connections: bool,
    },
}

impl Default for Topology {
    fn default() -> Self {
        Self::FixedInDegree { k: 500 }
    }
}

/// The parameters of a random network. Defaults: docs/model.md §1 (L = 200, K = 500,
/// delays uniform in `[0.1, 10]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopologyConfig {
    /// Number of neurons L.
    pub num_neurons: usize,
    /// The wiring rule.
    pub topology: Topology,
    /// Smallest delay (finite, `>= 0`).
    pub d_min: f64,
    /// Largest delay (finite, `>= d_min`).
    pub d_max: f64,
}

impl Default for TopologyConfig {
    fn default() -> Self {
        Self {
            num_neurons: 200,
            topology: Topology::default(),
            d_min: 0.1,
            d_max: 10.0,
        }
    }
}

impl TopologyConfig {
    /// The number of inputs the network will have (as a float: it may exceed `usize`).
    pub fn num_inputs(&self) -> f64 {
        let n = self.num_neurons as f64;
        match self.topology {
            Topology::FixedInDegree { k } | Topology::FixedOutDegree { k } => n * k as f64,
            Topology::AllToAll { self_connections } => {
                n * (n - if self_connections { 0.0 } else { 1.0 }).max(0.0)
            }
        }
    }

    /// Checks the parameters, and the size of the network against [`MAX_NETWORK_SIZE`].
    ///
    /// # Errors
    /// As [`TopologyConfig::validate_within`].
    pub fn validate(&self) -> Result<(), NeuronError> {
        self.validate_within(MAX_NETWORK_SIZE)
    }

    /// Checks the parameters, and that neurons plus inputs stay within `max_size`.
    ///
    /// # Errors
    /// [`NeuronError::InvalidParameter`] naming the field: non-finite or negative `d_min`,
    /// `d_max` below `d_min`, non-finite or above [`crate::limits::MAX_DELAY`], no neuron to
    /// draw sources from while `k > 0`, or `k = 0` (a neuron without inputs can never fire);
    /// [`SignalError::Limit`](rsnn_signal::SignalError::Limit) naming `num_neurons` (or `k`
    /// when the inputs per neuron outnumber the neurons) for a network larger than `max_size`.
    pub fn validate_within(&self, max_size: f64) -> Result<(), NeuronError> {
        self.validate_parameters()?;
        let size = self.num_neurons as f64 + self.num_inputs();
        LimitExceeded::check(size, max_size, |size| {
            // Name the parameter that makes the network large: `k` when the inputs per
            // neuron outnumber the neurons, else `num_neurons`.
            let (name, value, other) = match self.topology {
                Topology::FixedInDegree { k } | Topology::FixedOutDegree { k }
                    if k > self.num_neurons =>
                {
                    ("k", k as f64, format!("with {} neurons", self.num_neurons))
                }
                _ => (
                    "num_neurons",
                    self.num_neurons as f64,
                    format!("with {} inputs", compact(self.num_inputs())),
                ),
            };
            LimitExceeded::new(
                name,
                value,
                size,
                "neurons and inputs (24 bytes each)",
                max_size,
            )
            .context(other)
            .raise("raise it with TopologyConfig::sample_within")
        })
        .map_err(rsnn_signal::SignalError::from)?;
        Ok(())
    }

    fn validate_parameters(&self) -> Result<(), NeuronError> {
        if !(self.d_min.is_finite() && self.d_min >= 0.0) {
            return Err(NeuronError::InvalidParameter {
                name: "d_min",
                value: self.d_min,
                reason: "must be finite and >= 0",
            });
        }
        if !(self.d_max.is_finite() && self.d_max >= self.d_min) {
            return Err(NeuronError::InvalidParameter {
                name: "d_max",
                value: self.d_max,
                reason: "must be finite and >= d_min",
            });
        }
        if self.d_max > crate::limits::MAX_DELAY {
            return Err(NeuronError::InvalidParameter {
                name: "d_max",
                value: self.d_max,
                reason: "must be at most 1e6 (limits::MAX_DELAY)",
            });
        }
        if let Topology::FixedInDegree { k: 0 } | Topology::FixedOutDegree { k: 0 } = self.topology
        {
            return Err(NeuronError::InvalidParameter {
                name: "k",
                value: 0.0,
                reason: "must be positive: a network needs inputs (a neuron without inputs never fires)",
            });
        }
        let k = match self.topology {
            Topology::FixedInDegree { k } | Topology::FixedOutDegree { k } => k,
            Topology::AllToAll { .. } => 0,
        };
        if self.num_neurons == 0 && k > 0 {
            return Err(NeuronError::InvalidParameter {
                name: "num_neurons",
                value: 0.0,
                reason: "must be positive to draw connections",
            });
        }
        Ok(())
    }

    /// Draws a network (all weights 0) with `kernel`, using only `rng` for randomness.
    ///
    /// # Errors
    /// The errors of [`validate`](Self::validate).
    pub fn sample<R: Rng + ?Sized>(
        &self,
        kernel: AlphaKernel,
        rng: &mut R,
    ) -> Result<Network, NeuronError> {
        self.sample_within(kernel, rng, MAX_NETWORK_SIZE)
    }

    /// As [`TopologyConfig::sample`], with another limit on neurons plus inputs than
    /// [`MAX_NETWORK_SIZE`].
    ///
    /// # Errors
    /// The errors of [`validate_within`](Self::validate_within).
    pub fn sample_within<R: Rng + ?Sized>(
        &self,
        kernel: AlphaKernel,
        rng: &mut R,
        max_size: f64,
    ) -> Result<Network, NeuronError> {
        self.validate_within(max_size)?;
        let n = self.num_neurons;
        let delay = |rng: &mut R| {
            if self.d_max > self.d_min {
                rng.random_range(self.d_min..self.d_max)
            } else {
                self.d_min
            }
        };
        let mut neurons = vec![Neuron::default(); n];
        match self.topology {
            Topology::FixedInDegree { k } => {
                for neuron in &mut neurons {
                    neuron.inputs.reserve_exact(k);
                    for _ in 0..k {
                        let source = rng.random_range(0..n);
                        let delay = delay(rng);
                        neuron.inputs.push(input(source, delay));
                    }
                }
            }
            Topology::FixedOutDegree { k } => {
                for source in 0..n {
                    for _ in 0..k {
                        let target = rng.random_range(0..n);
                        let delay = delay(rng);
                        neurons[target].inputs.push(input(source, delay));
                    }
                }
            }
            Topology::AllToAll { self_connections } => {
                for (target, neuron) in neurons.iter_mut().enumerate() {
                    for source in (0..n).filter(|&s| self_connections || s != target) {
                        let delay = delay(rng);
                        neuron.inputs.push(input(source, delay));
                    }
                }
            }
        }
        Network::new(neurons, kernel)
    }
}

/// The single-neuron setting of capacity experiments: neuron 0 receives one input from each of
/// the neurons `1..=k` (which have no inputs themselves), with delays uniform in
/// `[d_min, d_max)` drawn from `rng` in input order; all weights 0.
///
/// # Errors
/// Invalid delay bounds (as [`TopologyConfig::validate`]).
pub fn independent_inputs<R: Rng + ?Sized>(
    k: usize,
    d_min: f64,
    d_max: f64,
    kernel: AlphaKernel,
    rng: &mut R,
) -> Result<Network, NeuronError> {
    let config = TopologyConfig {
        num_neurons: k + 1,
        d_min,
        d_max,
        ..Default::default()
    };
    config.validate_parameters()?;
    LimitExceeded::check(2.0 * k as f64, MAX_NETWORK_SIZE, |size| {
        LimitExceeded::new(
            "k",
            k as f64,
            size,
            "neurons and inputs (24 bytes each)",
            MAX_NETWORK_SIZE,
        )
    })
    .map_err(rsnn_signal::SignalError::from)?;
    let inputs = (1..=k)
        .map(|source| {
            let delay = if d_max > d_min {
                rng.random_range(d_min..d_max)
            } else {
                d_min
            };
            input(source, delay)
        })
        .collect();
    let mut neurons = vec![Neuron { inputs }];
    neurons.resize(k + 1, Neuron::default());
    Network::new(neurons, kernel)
}

fn input(source: usize, delay: f64) -> Input {
    Input {
        source,
        delay,
        weight: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn sample(config: TopologyConfig, seed: u64) -> Network {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        config.sample(AlphaKernel::default(), &mut rng).unwrap()
    }

    #[test]
    fn fixed_in_degree_is_seeded_and_in_range() {
        let config = TopologyConfig {
            num_neurons: 20,
            topology: Topology::FixedInDegree { k: 30 },
            ..TopologyConfig::default()
        };
        let net = sample(config, 7);
        assert_eq!(net, sample(config, 7));
        assert_ne!(net, sample(config, 8));
        for neuron in net.neurons() {
            assert_eq!(neuron.inputs.len(), 30);
            for x in &neuron.inputs {
                assert!(x.source < 20 && (0.1..=10.0).contains(&x.delay) && x.weight == 0.0);
            }
        }
    }

    #[test]
    fn fixed_out_degree_and_all_to_all() {
        let config = TopologyConfig {
            num_neurons: 10,
            topology: Topology::FixedOutDegree { k: 4 },
            d_min: 1.0,
            d_max: 1.0,
        };
        let net = sample(config, 1);
        assert!(net.fan_out().iter().all(|f| f.len() == 4));
        assert!(
            net.neurons()
                .iter()
                .flat_map(|n| &n.inputs)
                .all(|x| x.delay == 1.0)
        );
        let all = TopologyConfig {
            num_neurons: 5,
            topology: Topology::AllToAll {
                self_connections: false,
            },
            ..TopologyConfig::default()
        };
        let net = sample(all, 1);
        for (l, neuron) in net.neurons().iter().enumerate() {
            assert_eq!(neuron.inputs.len(), 4);
            assert!(neuron.inputs.iter().all(|x| x.source != l));
        }
    }

    #[test]
    fn validation_names_the_field() {
        let bad = |c: TopologyConfig| c.validate().unwrap_err().to_string();
        let d = TopologyConfig::default();
        assert!(bad(TopologyConfig { d_min: -1.0, ..d }).contains("d_min"));
        assert!(bad(TopologyConfig { d_max: 0.05, ..d }).contains("d_max"));
        assert!(
            bad(TopologyConfig {
                num_neurons: 0,
                ..d
            })
            .contains("num_neurons")
        );
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<TopologyConfig>(&json).unwrap(), d);
        assert_eq!(serde_json::from_str::<TopologyConfig>("{}").unwrap(), d);
    }

    #[test]
    fn independent_inputs_feed_neuron_zero_once_each() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        let net = independent_inputs(5, 0.1, 10.0, AlphaKernel::default(), &mut rng).unwrap();
        assert_eq!(net.num_neurons(), 6);
        let sources: Vec<usize> = net.neurons()[0].inputs.iter().map(|i| i.source).collect();
        assert_eq!(sources, vec![1, 2, 3, 4, 5]);
        assert!(
            net.neurons()[0]
                .inputs
                .iter()
                .all(|i| (0.1..10.0).contains(&i.delay))
        );
        assert!(net.neurons()[1..].iter().all(|n| n.inputs.is_empty()));
        assert!(independent_inputs(5, 3.0, 1.0, AlphaKernel::default(), &mut rng).is_err());
    }
}
