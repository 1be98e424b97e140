//! The outgoing synapses of every neuron, sorted by delay, in one flat table.

use rsnn_neuron::Network;
use std::ops::Range;

/// One outgoing synapse: a spike of the source reaches `target` after `delay` with `weight`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Synapse {
    pub delay: f64,
    pub weight: f64,
    pub target: usize,
}

/// The fan-out of every source neuron: `synapses[offsets[s]..offsets[s + 1]]`, sorted by delay
/// (ties by target, then by input index), so that one spike's deliveries come in time order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Synapses {
    offsets: Vec<usize>,
    synapses: Vec<Synapse>,
    delay_range: Option<(f64, f64)>,
}

impl Synapses {
    /// Builds the table of a network.
    pub fn new(network: &Network) -> Self {
        let n = network.num_neurons();
        let mut per_source: Vec<Vec<(f64, usize, usize, f64)>> = vec![Vec::new(); n];
        for (target, neuron) in network.neurons().iter().enumerate() {
            for (k, input) in neuron.inputs.iter().enumerate() {
                per_source[input.source].push((input.delay, target, k, input.weight));
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut synapses = Vec::with_capacity(network.num_inputs());
        offsets.push(0);
        for mut list in per_source {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            synapses.extend(list.into_iter().map(|(delay, target, _, weight)| Synapse {
                delay,
                weight,
                target,
            }));
            offsets.push(synapses.len());
        }
        let min = synapses.iter().map(|s| s.delay).min_by(f64::total_cmp);
        let max = synapses.iter().map(|s| s.delay).max_by(f64::total_cmp);
        Self {
            offsets,
            synapses,
            delay_range: min.zip(max),
        }
    }

    /// The smallest and largest delays (None without synapses).
    pub fn delay_range(&self) -> Option<(f64, f64)> {
        self.delay_range
    }

    /// The positions of the synapses of `source` in [`Synapses::get`].
    #[inline]
    pub fn range(&self, source: usize) -> Range<usize> {
        self.offsets[source]..self.offsets[source + 1]
    }

    /// The synapse at a position.
    #[inline]
    pub fn get(&self, pos: usize) -> &Synapse {
        &self.synapses[pos]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_neuron::{Input, Neuron};
    use rsnn_signal::AlphaKernel;

    #[test]
    fn sorted_by_delay_per_source() {
        let input = |source, delay, weight| Input {
            source,
            delay,
            weight,
        };
        let net = Network::new(
            vec![
                Neuron {
                    inputs: vec![input(1, 3.0, 0.1), input(1, 1.0, 0.2)],
                },
                Neuron {
                    inputs: vec![input(1, 2.0, 0.3), input(0, 0.5, 0.4)],
                },
            ],
            AlphaKernel::default(),
        )
        .unwrap();
        let s = Synapses::new(&net);
        assert_eq!(s.range(0), 0..1);
        assert_eq!(s.range(1), 1..4);
        let delays: Vec<f64> = s.range(1).map(|p| s.get(p).delay).collect();
        assert_eq!(delays, vec![1.0, 2.0, 3.0]);
        let targets: Vec<usize> = s.range(1).map(|p| s.get(p).target).collect();
        assert_eq!(targets, vec![0, 1, 0]);
        assert_eq!(s.get(0).weight, 0.4);
        assert_eq!(s.delay_range(), Some((0.5, 3.0)));
        let empty = Network::new(vec![Neuron::default()], AlphaKernel::default()).unwrap();
        assert_eq!(Synapses::new(&empty).delay_range(), None);
    }
}
