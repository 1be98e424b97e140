//! Small hand-built networks and helpers shared by the integration tests.
#![allow(dead_code)]

use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, SpikeTrain};

/// A network from `(target, source, delay, weight)` links.
pub fn network(num_neurons: usize, links: &[(usize, usize, f64, f64)]) -> Network {
    let mut neurons = vec![Neuron::default(); num_neurons];
    for &(target, source, delay, weight) in links {
        neurons[target].inputs.push(Input {
            source,
            delay,
            weight,
        });
    }
    Network::new(neurons, AlphaKernel::default()).expect("valid links")
}

/// History trains from raw times.
pub fn history(times: &[&[f64]]) -> Vec<SpikeTrain> {
    times
        .iter()
        .map(|t| SpikeTrain::new(t.to_vec()).expect("valid history"))
        .collect()
}

/// The first `u` in `(0, 1)` with `w u exp(1 - u) = 1` (one arrival of weight `w > 1` reaching
/// threshold 1), by bisection of the crossing equation.
pub fn single_arrival_delay(w: f64) -> f64 {
    let (mut a, mut b) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if w * m * (1.0 - m).exp() >= 1.0 {
            b = m;
        } else {
            a = m;
        }
    }
    b
}

/// Asserts two lists of trains agree to `tol`.
pub fn assert_trains_close(got: &[Vec<f64>], want: &[Vec<f64>], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (l, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.len(), w.len(), "neuron {l}: got {g:?}, want {w:?}");
        for (x, y) in g.iter().zip(w) {
            assert!((x - y).abs() <= tol, "neuron {l}: got {g:?}, want {w:?}");
        }
    }
}
