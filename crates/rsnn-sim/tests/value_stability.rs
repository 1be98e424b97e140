//! Pinned threshold noise of the simulator.
//!
//! Every recorded seed of a simulation stands for the thresholds the run draws from it
//! (neuron `l` from stream `l` of `ChaCha8Rng::seed_from_u64(seed)`, standard normal draws of
//! `rand_distr`). An upgrade of `rand`, `rand_chacha` or `rand_distr`, or a change of how the
//! simulator draws, that alters those values would silently give every recorded seed another
//! run. This test pins the spike times of a tiny noisy ring: every spike redraws a threshold,
//! and a different draw moves the next spike by about `sigma` (0.1 here), far beyond the stated
//! tolerance of 1e-9, which only absorbs last-bit changes of the crossing solver. An
//! intentional change of the draws must update the pins and be announced as changing every
//! recorded seed.

#[path = "common/nets.rs"]
mod nets;

use nets::{history, network};
use rsnn_sim::{SimulationConfig, simulate};

/// Spike times may differ by this much (crossing-solver round-off), never more.
const TOLERANCE: f64 = 1e-9;

#[test]
fn threshold_noise_is_pinned() {
    // 0 -> 1 -> 2 -> 0 with delay 2 and weight 1.5: each arrival fires its target where
    // 1.5 h(u) reaches the target's current (noisy) threshold, then again at the end of each
    // refractory period while the potential stays above the next drawn threshold; so both the
    // first spike of each burst and the burst's length depend on the draws.
    let net = network(3, &[(1, 0, 2.0, 1.5), (2, 1, 2.0, 1.5), (0, 2, 2.0, 1.5)]);
    let mut config = SimulationConfig::new(0.0, 16.0);
    config.sigma = 0.1;
    config.seed = 42;
    config.history = history(&[&[-1.0], &[], &[]]);
    let recording = simulate(&net, &config).expect("valid run");
    let got: Vec<Vec<f64>> = recording
        .trains()
        .iter()
        .map(|t| t.times().to_vec())
        .collect();
    let want: &[&[f64]] = &[
        &[
            6.103667454300327,
            7.103667454300327,
            8.103667454300327,
            9.103667454300327,
            10.103667454300327,
            11.103667454300327,
            12.879491661017079,
            13.879491661017079,
            14.879491661017079,
            15.879491661017079,
        ],
        &[
            1.381343900452876,
            2.381343900452876,
            8.438771372043302,
            9.438771372043302,
            10.438771372043302,
            11.438771372043302,
            12.438771372043302,
            13.438771372043302,
            14.438771372043302,
            15.438771372043302,
        ],
        &[
            3.730427773537662,
            4.730427773537662,
            5.730427773537662,
            6.730427773537662,
            10.75932110461123,
            11.75932110461123,
            12.75932110461123,
            13.75932110461123,
            14.75932110461123,
            15.75932110461123,
        ],
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (l, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.len(), w.len(), "neuron {l}: got {got:?}");
        for (a, b) in g.iter().zip(*w) {
            assert!((a - b).abs() <= TOLERANCE, "neuron {l}: got {got:?}");
        }
    }
}
