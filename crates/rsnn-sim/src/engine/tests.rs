//! The windowed loop against the sequential one: bit-identical spikes and counters (all but
//! the number of root searches, which the windowed loop's lazy predictions reduce).

use super::run::Run;
use super::{SimulationStats, Simulator};
use crate::{Prompt, Recording, SimulationConfig};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, SpikeTrain};

fn both(sim: &Simulator, config: &SimulationConfig) -> [(Recording, SimulationStats); 2] {
    let (d_min, d_max) = sim.synapses.delay_range().expect("synapses");
    let sequential = Run::new(sim, config)
        .execute_sequential(&mut |_| {})
        .expect("valid");
    let windowed = Run::new(sim, config)
        .execute_windowed(d_min, d_max, &mut |_| {})
        .expect("valid");
    [sequential, windowed]
}

fn bits(r: &Recording) -> Vec<Vec<u64>> {
    let times = |t: &SpikeTrain| t.times().iter().map(|x| x.to_bits()).collect();
    r.trains().iter().map(times).collect()
}

fn assert_same(sim: &Simulator, config: &SimulationConfig) -> SimulationStats {
    let [(a, sa), (b, sb)] = both(sim, config);
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(
        (sa.spikes, sa.deliveries, sa.skipped_replays),
        (sb.spikes, sb.deliveries, sb.skipped_replays)
    );
    assert!(sb.crossing_searches <= sa.crossing_searches);
    sa
}

/// A run of 40 from `offset` with one history spike per neuron of `n` (whole numbers with
/// `grid`).
fn random_case(seed: u64, n: usize, grid: bool, offset: f64) -> SimulationConfig {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut config = SimulationConfig::new(offset, offset + 40.0);
    config.history = (0..n)
        .map(|_| {
            let t = if grid {
                -(rng.random_range(1..4) as f64)
            } else {
                rng.random_range(-3.0..0.0)
            };
            SpikeTrain::new(vec![offset + t]).expect("one spike")
        })
        .collect();
    config
}

/// A random excitable network of `n` neurons with `k` inputs each; with `grid`, delays are
/// whole numbers (with whole-number history times: many simultaneous events).
fn random_network(seed: u64, n: usize, k: usize, grid: bool) -> Network {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let neurons = (0..n)
        .map(|_| Neuron {
            inputs: (0..k)
                .map(|_| Input {
                    source: rng.random_range(0..n),
                    delay: if grid {
                        rng.random_range(1..4) as f64
                    } else {
                        rng.random_range(0.1..5.0)
                    },
                    weight: rng.random_range(-0.3..0.9),
                })
                .collect(),
        })
        .collect();
    Network::new(neurons, AlphaKernel::default()).expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn windowed_equals_sequential_on_random_networks(
        seed in 0u64..10_000,
        n in 2usize..16,
        k in 1usize..10,
        grid in any::<bool>(),
        far in any::<bool>(),
        noise in 0usize..3,
        prompted in any::<bool>(),
    ) {
        let offset = if far { 1e7 } else { 0.0 };
        let net = random_network(seed, n, k, grid);
        let mut config = random_case(seed, n, grid, offset);
        config.sigma = [0.0, 0.05, 0.2][noise];
        config.seed = seed;
        if prompted {
            let spikes = vec![offset + 5.0, offset + 6.5, offset + 9.0];
            config.prompts.push(Prompt::new(0, offset + 4.0, offset + 12.0, spikes).unwrap());
        }
        assert_same(&Simulator::new(&net), &config);
    }
}

#[test]
fn windowed_equals_sequential_on_the_pretrained_network() {
    #[derive(serde::Deserialize)]
    struct V5Neuron {
        sources: Vec<usize>,
        delays: Vec<f64>,
        weights: Vec<f64>,
    }
    #[derive(serde::Deserialize)]
    struct V5File {
        kernel_tau: f64,
        threshold: f64,
        neurons: Vec<V5Neuron>,
        score: Vec<Vec<f64>>,
        period: f64,
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pretrained_L200_K500.json"
    );
    let text = std::fs::read_to_string(path).expect("the V5 data file is in tests/data");
    let file: V5File = serde_json::from_str(&text).expect("the V5 file parses");
    let neurons = file
        .neurons
        .iter()
        .map(|n| Neuron {
            inputs: (0..n.sources.len())
                .map(|k| Input {
                    source: n.sources[k],
                    delay: n.delays[k],
                    weight: n.weights[k],
                })
                .collect(),
        })
        .collect();
    let kernel = AlphaKernel::new(file.kernel_tau).expect("valid tau");
    let net = Network::new(neurons, kernel)
        .expect("valid")
        .with_threshold(file.threshold)
        .expect("valid threshold");
    let score = rsnn_signal::Score::new(file.period, file.score).expect("valid score");
    let mut config = SimulationConfig::new(0.0, score.period());
    config.sigma = 0.1;
    config.seed = 3;
    config.history = crate::history_from_score(&score, 0.0, 1).expect("valid");
    let stats = assert_same(&Simulator::new(&net), &config);
    assert!(
        stats.spikes > 1000 && stats.deliveries > 500_000,
        "{stats:?}"
    );
}

#[test]
fn zero_or_negligible_delays_take_the_sequential_loop() {
    let link = |source, delay| Neuron {
        inputs: vec![Input {
            source,
            delay,
            weight: 3.0,
        }],
    };
    let k = AlphaKernel::default();
    let zero = Network::new(vec![link(1, 0.0), link(0, 2.0)], k).expect("valid");
    let tiny = Network::new(vec![link(1, 1e-12), link(0, 2.0)], k).expect("valid");
    let near = SimulationConfig::new(0.0, 20.0);
    let far = SimulationConfig::new(1e6, 1e6 + 20.0);
    let windowed = |net: &Network, config: &SimulationConfig| {
        let sim = Simulator::new(net);
        let (d_min, _) = sim.synapses.delay_range().expect("synapses");
        Run::new(&sim, config).delays_advance_time(d_min)
    };
    assert!(!windowed(&zero, &near));
    assert!(windowed(&tiny, &near));
    // 1e-12 is below half the spacing of the floats around 1e6 (about 1.2e-10).
    assert!(!windowed(&tiny, &far));
}
