//! Content hashes of the inputs of a memorization: SHA-256 of canonical byte encodings defined
//! here, so that a hash depends only on the content (never on the platform, the file encoding,
//! or the order of the keys of a JSON file).
//!
//! The encodings use two primitives: an integer is its value as a little-endian `u64` (8 bytes);
//! a float is its IEEE 754 bits as a little-endian `u64`, with `-0.0` written as `+0.0` (the
//! values are finite: networks and scores are validated when they are built or read).
//!
//! - **Network** ([`network_sha256`]): the 24 ASCII bytes `rsnn-network-topology-v1`, then
//!   the threshold (float), the kernel's `tau` (float), the number of neurons (integer), and
//!   for each neuron in order its number of inputs (integer) and for each input in order its
//!   `source` (integer) and `delay` (float). The weights are left out: they are what
//!   memorization computes.
//! - **Scores** ([`scores_sha256`]): the 14 ASCII bytes `rsnn-scores-v1`, then the number of
//!   scores (integer), and for each score in order its period (float), its number of channels
//!   (integer), and for each channel in order its number of spikes (integer) and the spike
//!   times (floats). The order of the scores counts, as it does for memorization.
//!
//! A hash is written as 64 lowercase hexadecimal digits.

use rsnn_neuron::Network;
use rsnn_signal::Score;
use sha2::{Digest, Sha256};

/// The first bytes of the encoding of a network.
pub(crate) const NETWORK_TAG: &[u8] = b"rsnn-network-topology-v1";
/// The first bytes of the encoding of a list of scores.
pub(crate) const SCORES_TAG: &[u8] = b"rsnn-scores-v1";

/// A canonical byte encoding fed to SHA-256.
struct Encoder(Sha256);

impl Encoder {
    fn new(tag: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(tag);
        Self(hasher)
    }

    fn int(&mut self, value: usize) {
        self.0.update((value as u64).to_le_bytes());
    }

    fn float(&mut self, value: f64) {
        let value = if value == 0.0 { 0.0 } else { value };
        self.0.update(value.to_bits().to_le_bytes());
    }

    fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The SHA-256 of the topology and neuron model of `network`: threshold, kernel, and the
/// sources and delays of every input, without the weights (see the module documentation for
/// the exact bytes).
pub fn network_sha256(network: &Network) -> String {
    let mut e = Encoder::new(NETWORK_TAG);
    e.float(network.threshold());
    e.float(network.kernel().tau());
    e.int(network.num_neurons());
    for neuron in network.neurons() {
        e.int(neuron.inputs.len());
        for input in &neuron.inputs {
            e.int(input.source);
            e.float(input.delay);
        }
    }
    e.hex()
}

/// The SHA-256 of a list of scores, in order (see the module documentation for the exact
/// bytes).
pub fn scores_sha256(scores: &[Score]) -> String {
    let mut e = Encoder::new(SCORES_TAG);
    e.int(scores.len());
    for score in scores {
        e.float(score.period());
        e.int(score.num_channels());
        for channel in score.channels() {
            e.int(channel.len());
            for &t in channel.times() {
                e.float(t);
            }
        }
    }
    e.hex()
}

/// Whether `text` looks like a hash of this module: 64 lowercase hexadecimal digits.
pub(crate) fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_neuron::{Input, Neuron};
    use rsnn_signal::AlphaKernel;

    fn network(delay: f64, weight: f64) -> Network {
        let input = |source| Input {
            source,
            delay,
            weight,
        };
        let neurons = vec![
            Neuron {
                inputs: vec![input(1), input(0)],
            },
            Neuron::default(),
        ];
        Network::new(neurons, AlphaKernel::default())
            .and_then(|n| n.with_threshold(1.5))
            .expect("valid")
    }

    fn hex(bytes: &[u8]) -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn le_int(out: &mut Vec<u8>, v: u64) {
        out.extend_from_slice(&v.to_le_bytes());
    }

    fn le_float(out: &mut Vec<u8>, v: f64) {
        out.extend_from_slice(&v.to_bits().to_le_bytes());
    }

    #[test]
    fn the_network_hash_is_that_of_the_documented_bytes() {
        let mut bytes = b"rsnn-network-topology-v1".to_vec();
        le_float(&mut bytes, 1.5);
        le_float(&mut bytes, 1.0);
        le_int(&mut bytes, 2);
        le_int(&mut bytes, 2);
        for source in [1, 0] {
            le_int(&mut bytes, source);
            le_float(&mut bytes, 0.25);
        }
        le_int(&mut bytes, 0);
        assert_eq!(network_sha256(&network(0.25, 0.1)), hex(&bytes));
        assert!(is_sha256(&hex(&bytes)));
    }

    #[test]
    fn the_network_hash_ignores_weights_only() {
        let base = network_sha256(&network(0.25, 0.1));
        assert_eq!(network_sha256(&network(0.25, -0.3)), base);
        assert_ne!(network_sha256(&network(0.5, 0.1)), base);
        let other_threshold = network(0.25, 0.1).with_threshold(1.0).expect("valid");
        assert_ne!(network_sha256(&other_threshold), base);
        let tau = AlphaKernel::new(2.0).expect("valid");
        let other_kernel = Network::new(network(0.25, 0.1).neurons().to_vec(), tau)
            .and_then(|n| n.with_threshold(1.5))
            .expect("valid");
        assert_ne!(network_sha256(&other_kernel), base);
        let mut swapped = network(0.25, 0.1).neurons().to_vec();
        swapped[0].inputs.swap(0, 1);
        let swapped = Network::new(swapped, AlphaKernel::default())
            .and_then(|n| n.with_threshold(1.5))
            .expect("valid");
        assert_ne!(network_sha256(&swapped), base);
        // A zero delay hashes the same whatever its sign.
        assert_eq!(
            network_sha256(&network(-0.0, 0.1)),
            network_sha256(&network(0.0, 0.1))
        );
    }

    #[test]
    fn the_scores_hash_is_that_of_the_documented_bytes_in_order() {
        let a = Score::new(10.0, vec![vec![1.0, 4.5], vec![]]).expect("valid");
        let b = Score::new(8.0, vec![vec![], vec![2.0]]).expect("valid");
        let mut bytes = b"rsnn-scores-v1".to_vec();
        le_int(&mut bytes, 2);
        le_float(&mut bytes, 10.0);
        le_int(&mut bytes, 2);
        le_int(&mut bytes, 2);
        le_float(&mut bytes, 1.0);
        le_float(&mut bytes, 4.5);
        le_int(&mut bytes, 0);
        le_float(&mut bytes, 8.0);
        le_int(&mut bytes, 2);
        le_int(&mut bytes, 0);
        le_int(&mut bytes, 1);
        le_float(&mut bytes, 2.0);
        let ab = scores_sha256(&[a.clone(), b.clone()]);
        assert_eq!(ab, hex(&bytes));
        assert_ne!(scores_sha256(&[b, a.clone()]), ab);
        assert_ne!(scores_sha256(std::slice::from_ref(&a)), ab);
        assert!(!is_sha256(&ab.to_uppercase()) && !is_sha256(&ab[1..]));
    }
}
