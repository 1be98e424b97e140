//! Inputs, neurons and networks: who listens to whom, with which delay and weight.

use crate::NeuronError;
use rsnn_signal::io::{FileData, OlderData};
use rsnn_signal::{AlphaKernel, SignalError};
use serde::{Deserialize, Serialize};

/// One input (synapse) of a neuron: spikes of neuron `source` arrive `delay` later and add
/// `weight * h(t - arrival)` to the potential.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// The source neuron (an index into the network).
    pub source: usize,
    /// The axonal delay (finite, `>= 0`).
    pub delay: f64,
    /// The synaptic weight (finite), in units of the nominal threshold.
    pub weight: f64,
}

/// A neuron: its list of inputs. Its id is its index in the [`Network`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Neuron {
    /// The inputs, in a fixed order (weights vectors follow this order).
    pub inputs: Vec<Input>,
}

impl Neuron {
    /// The weights of the inputs, in order.
    pub fn weights(&self) -> Vec<f64> {
        self.inputs.iter().map(|i| i.weight).collect()
    }
}

/// A validated network: every source exists, every delay is finite and non-negative, every
/// weight is finite, and the nominal threshold `theta_0` shared by all neurons is finite and
/// positive. Deserializing validates too, so a bad file is an error naming the neuron, the
/// input (or the field) and the value.
///
/// The neuron model belongs to the network: its kernel and its nominal threshold are stored
/// with it, so that memorization and simulation use the same ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "NetworkData", into = "NetworkData")]
pub struct Network {
    neurons: Vec<Neuron>,
    kernel: AlphaKernel,
    threshold: f64,
}

/// The serialized form of a [`Network`] (file format version 2).
#[derive(Serialize, Deserialize)]
struct NetworkData {
    kernel: AlphaKernel,
    threshold: f64,
    neurons: Vec<Neuron>,
}

/// The serialized form of version 1, which recorded no threshold.
#[derive(Deserialize)]
struct NetworkDataV1 {
    kernel: AlphaKernel,
    neurons: Vec<Neuron>,
}

fn check_threshold(value: f64) -> Result<(), NeuronError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(NeuronError::InvalidThreshold { value })
    }
}

/// A finite weight of magnitude at most [`crate::limits::MAX_ABS_WEIGHT`].
fn weight_ok(w: f64) -> bool {
    w.is_finite() && w.abs() <= crate::limits::MAX_ABS_WEIGHT
}

fn check_input(neuron: usize, input: usize, x: &Input, n: usize) -> Result<(), NeuronError> {
    if x.source >= n {
        return Err(NeuronError::UnknownSource {
            neuron,
            input,
            source_id: x.source,
            num_neurons: n,
        });
    }
    if !(x.delay.is_finite() && (0.0..=crate::limits::MAX_DELAY).contains(&x.delay)) {
        return Err(NeuronError::InvalidDelay {
            neuron,
            input,
            value: x.delay,
        });
    }
    if !weight_ok(x.weight) {
        return Err(NeuronError::InvalidWeight {
            neuron,
            input,
            value: x.weight,
        });
    }
    Ok(())
}

impl Network {
    /// The nominal threshold of a network built by [`Network::new`].
    pub const DEFAULT_THRESHOLD: f64 = 1.0;

    /// Builds a network from its neurons (neuron id = index) and the kernel, with the nominal
    /// threshold [`Network::DEFAULT_THRESHOLD`] (change it with [`Network::with_threshold`]).
    ///
    /// # Errors
    /// [`NeuronError::UnknownSource`], [`NeuronError::InvalidDelay`] or
    /// [`NeuronError::InvalidWeight`] for the first offending input.
    pub fn new(neurons: Vec<Neuron>, kernel: AlphaKernel) -> Result<Self, NeuronError> {
        let n = neurons.len();
        for (l, neuron) in neurons.iter().enumerate() {
            for (k, input) in neuron.inputs.iter().enumerate() {
                check_input(l, k, input, n)?;
            }
        }
        Ok(Self {
            neurons,
            kernel,
            threshold: Self::DEFAULT_THRESHOLD,
        })
    }

    /// The same network with the nominal threshold `threshold`.
    ///
    /// # Errors
    /// [`NeuronError::InvalidThreshold`] unless the threshold is finite and positive.
    pub fn with_threshold(mut self, threshold: f64) -> Result<Self, NeuronError> {
        self.set_threshold(threshold)?;
        Ok(self)
    }

    /// The nominal threshold `theta_0` shared by all neurons (weights are in its units).
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Replaces the nominal threshold.
    ///
    /// # Errors
    /// [`NeuronError::InvalidThreshold`] unless the threshold is finite and positive; the
    /// network is unchanged on error.
    pub fn set_threshold(&mut self, threshold: f64) -> Result<(), NeuronError> {
        check_threshold(threshold)?;
        self.threshold = threshold;
        Ok(())
    }

    /// Number of neurons.
    pub fn num_neurons(&self) -> usize {
        self.neurons.len()
    }

    /// All neurons, indexed by id.
    pub fn neurons(&self) -> &[Neuron] {
        &self.neurons
    }

    /// One neuron, if the id exists.
    pub fn neuron(&self, id: usize) -> Option<&Neuron> {
        self.neurons.get(id)
    }

    /// The kernel shared by all neurons.
    pub fn kernel(&self) -> AlphaKernel {
        self.kernel
    }

    /// Total number of inputs (synapses) of all neurons.
    pub fn num_inputs(&self) -> usize {
        self.neurons.iter().map(|n| n.inputs.len()).sum()
    }

    /// Replaces the weights of neuron `id` (one per input, in input order).
    ///
    /// # Errors
    /// [`NeuronError::UnknownNeuron`], [`NeuronError::WeightCount`] or
    /// [`NeuronError::InvalidWeight`]; the network is unchanged on error.
    pub fn set_weights(&mut self, id: usize, weights: &[f64]) -> Result<(), NeuronError> {
        let num_neurons = self.neurons.len();
        let neuron = self.neurons.get_mut(id).ok_or(NeuronError::UnknownNeuron {
            neuron: id,
            num_neurons,
        })?;
        if weights.len() != neuron.inputs.len() {
            return Err(NeuronError::WeightCount {
                neuron: id,
                expected: neuron.inputs.len(),
                found: weights.len(),
            });
        }
        if let Some((input, &value)) = weights.iter().enumerate().find(|(_, w)| !weight_ok(**w)) {
            return Err(NeuronError::InvalidWeight {
                neuron: id,
                input,
                value,
            });
        }
        for (input, &w) in neuron.inputs.iter_mut().zip(weights) {
            input.weight = w;
        }
        Ok(())
    }

    /// The weights of neuron `id`, in input order.
    pub fn weights(&self, id: usize) -> Option<Vec<f64>> {
        self.neurons.get(id).map(Neuron::weights)
    }

    /// For every source neuron, the list of `(target neuron, input index)` it feeds, sorted by
    /// target then input index.
    pub fn fan_out(&self) -> Vec<Vec<(usize, usize)>> {
        let mut out = vec![Vec::new(); self.neurons.len()];
        for (l, neuron) in self.neurons.iter().enumerate() {
            for (k, input) in neuron.inputs.iter().enumerate() {
                out[input.source].push((l, k));
            }
        }
        out
    }

    /// Consumes the network and returns its neurons.
    pub fn into_neurons(self) -> Vec<Neuron> {
        self.neurons
    }
}

impl TryFrom<NetworkData> for Network {
    type Error = NeuronError;
    fn try_from(data: NetworkData) -> Result<Self, NeuronError> {
        Self::new(data.neurons, data.kernel)?.with_threshold(data.threshold)
    }
}

impl From<Network> for NetworkData {
    fn from(net: Network) -> Self {
        Self {
            kernel: net.kernel,
            threshold: net.threshold,
            neurons: net.neurons,
        }
    }
}

/// The note attached to a loaded version-1 network file.
const V1_THRESHOLD_NOTE: &str = "version-1 network file: no threshold recorded, assuming 1";

/// Version 2 records the nominal threshold with the kernel; version 1 (no threshold) is read
/// with threshold 1 and a note saying so.
impl FileData for Network {
    const KIND: &'static str = "network";
    const VERSION: u32 = 2;
    const OLDER_VERSIONS: &'static [u32] = &[1];

    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        if data.version() != 1 {
            return Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS));
        }
        let old: NetworkDataV1 = data.decode()?;
        let network = Self::new(old.neurons, old.kernel).map_err(|e| data.invalid(e))?;
        Ok((network, vec![V1_THRESHOLD_NOTE.to_string()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(source: usize, delay: f64, weight: f64) -> Input {
        Input {
            source,
            delay,
            weight,
        }
    }

    fn small() -> Network {
        let neurons = vec![
            Neuron {
                inputs: vec![input(1, 0.5, 0.1), input(0, 2.0, -0.2)],
            },
            Neuron {
                inputs: vec![input(0, 1.0, 0.3)],
            },
        ];
        Network::new(neurons, AlphaKernel::default()).unwrap()
    }

    #[test]
    fn accessors_and_fan_out() {
        let net = small();
        assert_eq!(net.num_neurons(), 2);
        assert_eq!(net.num_inputs(), 3);
        assert_eq!(net.weights(0), Some(vec![0.1, -0.2]));
        assert_eq!(net.weights(5), None);
        assert_eq!(net.fan_out(), vec![vec![(0, 1), (1, 0)], vec![(0, 0)]]);
    }

    #[test]
    fn set_weights_validates() {
        let mut net = small();
        net.set_weights(1, &[0.7]).unwrap();
        assert_eq!(net.weights(1), Some(vec![0.7]));
        assert!(matches!(
            net.set_weights(0, &[1.0]),
            Err(NeuronError::WeightCount {
                expected: 2,
                found: 1,
                ..
            })
        ));
        assert!(matches!(
            net.set_weights(0, &[1.0, f64::NAN]),
            Err(NeuronError::InvalidWeight { input: 1, .. })
        ));
        assert!(matches!(
            net.set_weights(2, &[]),
            Err(NeuronError::UnknownNeuron { neuron: 2, .. })
        ));
        assert_eq!(net.weights(0), Some(vec![0.1, -0.2]));
    }

    #[test]
    fn threshold_is_validated() {
        let net = small();
        assert_eq!(net.threshold(), 1.0);
        let mut net = net.with_threshold(2.5).unwrap();
        assert_eq!(net.threshold(), 2.5);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                net.set_threshold(bad),
                Err(NeuronError::InvalidThreshold { .. })
            ));
        }
        assert_eq!(net.threshold(), 2.5);
        assert!(small().with_threshold(0.0).is_err());
    }

    #[test]
    fn new_rejects_bad_inputs() {
        let k = AlphaKernel::default();
        let one = |x: Input| vec![Neuron { inputs: vec![x] }];
        assert!(matches!(
            Network::new(one(input(1, 0.0, 0.0)), k),
            Err(NeuronError::UnknownSource { source_id: 1, .. })
        ));
        assert!(matches!(
            Network::new(one(input(0, -0.1, 0.0)), k),
            Err(NeuronError::InvalidDelay { .. })
        ));
        assert!(matches!(
            Network::new(one(input(0, f64::INFINITY, 0.0)), k),
            Err(NeuronError::InvalidDelay { .. })
        ));
        assert!(matches!(
            Network::new(one(input(0, 0.0, f64::NAN)), k),
            Err(NeuronError::InvalidWeight { .. })
        ));
    }
}
