//! Invariants of simulations of random networks: refractoriness in every train, spikes inside
//! the span, bit-identical reruns for a seed (also across threads), seed-independence without
//! noise, and agreement with the slow reference simulator.

#[path = "common/nets.rs"]
mod nets;
#[path = "common/oracle.rs"]
mod oracle;

use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::Network;
use rsnn_signal::SpikeTrain;
use rsnn_sim::{Prompt, Recording, SimulationConfig, Simulator};

/// A random excitable network: `k` inputs per neuron, delays in [0.1, 5], weights in
/// [-0.3, 0.9], and one history spike per neuron in [-3, 0).
fn random_setup(seed: u64, n: usize, k: usize) -> (Network, Vec<SpikeTrain>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut links = Vec::new();
    for target in 0..n {
        for _ in 0..k {
            let source = rng.random_range(0..n);
            let delay = rng.random_range(0.1..5.0);
            let weight = rng.random_range(-0.3..0.9);
            links.push((target, source, delay, weight));
        }
    }
    let history = (0..n)
        .map(|_| SpikeTrain::new(vec![rng.random_range(-3.0..0.0)]).expect("one spike"))
        .collect();
    (nets::network(n, &links), history)
}

fn bits(r: &Recording) -> Vec<Vec<u64>> {
    r.trains()
        .iter()
        .map(|t| t.times().iter().map(|x| x.to_bits()).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn trains_are_refractory_and_reruns_identical(
        net_seed in 0u64..1000,
        seed in 0u64..1000,
        n in 2usize..15,
        k in 1usize..8,
        sigma in 0.0f64..0.3,
        prompt_end in 5.0f64..20.0,
    ) {
        let (net, history) = random_setup(net_seed, n, k);
        let mut config = SimulationConfig::new(0.0, 40.0);
        config.sigma = sigma;
        config.seed = seed;
        config.history = history;
        config.prompts = vec![Prompt::new(0, 2.0, prompt_end, vec![3.0, 4.5]).unwrap()];
        let sim = Simulator::new(&net);
        let r = sim.run(&config).unwrap();
        for train in r.trains() {
            for pair in train.times().windows(2) {
                prop_assert!(pair[1] - pair[0] >= 1.0 - 1e-9, "{:?}", train);
            }
            prop_assert!(train.times().iter().all(|&t| (0.0..40.0).contains(&t)));
        }
        let p0: Vec<f64> = r.train(0).unwrap().window(2.0, prompt_end).to_vec();
        prop_assert!(p0.iter().all(|t| *t == 3.0 || *t == 4.5), "{:?}", p0);
        prop_assert_eq!(bits(&r), bits(&sim.run(&config).unwrap()));
    }
}

#[test]
fn same_seed_is_bit_identical_across_threads() {
    let (net, history) = random_setup(7, 30, 6);
    let mut config = SimulationConfig::new(0.0, 100.0);
    config.seed = 99;
    config.history = history;
    let sim = Simulator::new(&net);
    let serial = sim.run(&config).unwrap();
    assert!(serial.num_spikes() > 50, "{}", serial.num_spikes());
    let parallel: Vec<Recording> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| s.spawn(|| sim.run(&config).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &parallel {
        assert_eq!(bits(r), bits(&serial));
    }
    config.seed = 100;
    assert_ne!(bits(&sim.run(&config).unwrap()), bits(&serial));
}

#[test]
fn without_noise_the_seed_does_not_matter() {
    let (net, history) = random_setup(11, 20, 6);
    let mut config = SimulationConfig::new(0.0, 60.0);
    config.sigma = 0.0;
    config.history = history;
    let sim = Simulator::new(&net);
    let a = sim.run(&config).unwrap();
    config.seed = 12345;
    let b = sim.run(&config).unwrap();
    assert!(a.num_spikes() > 20, "{}", a.num_spikes());
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn random_network_matches_the_reference_simulator() {
    let (net, history) = random_setup(3, 8, 4);
    let mut config = SimulationConfig::new(0.0, 30.0);
    config.sigma = 0.0;
    config.history = history.clone();
    let r = Simulator::new(&net).run(&config).unwrap();
    let got: Vec<Vec<f64>> = r.trains().iter().map(|t| t.times().to_vec()).collect();
    let h: Vec<Vec<f64>> = history.iter().map(|t| t.times().to_vec()).collect();
    let want = oracle::simulate(&net, &h, &[], 1.0, 0.0, 30.0);
    assert!(r.num_spikes() > 10, "{got:?}");
    nets::assert_trains_close(&got, &want, 1e-9);
}

#[test]
fn progress_is_reported_up_to_the_end() {
    let (net, history) = random_setup(5, 20, 6);
    let mut config = SimulationConfig::new(0.0, 50.0);
    config.history = history;
    let sim = Simulator::new(&net);
    let mut seen = Vec::new();
    let (r, stats) = sim
        .run_with_progress(&config, &mut |t| seen.push(t))
        .unwrap();
    assert_eq!(seen.last(), Some(&50.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    assert!(seen.len() <= 102);
    assert_eq!(stats.spikes as usize, r.num_spikes());
    assert_eq!(bits(&r), bits(&sim.run(&config).unwrap()));
}
