//! Memorizing a small recurrent network: progress, reports, determinism across thread counts.

#![cfg(feature = "clarabel")]

mod common;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Topology, TopologyConfig};
use rsnn_optim::{MemorizeConfig, NeuronStatus, OptimError, memorize_network};
use rsnn_signal::{AlphaKernel, Score};
use std::sync::atomic::{AtomicUsize, Ordering};

fn setup(seed: u64, l: usize, k: usize, t: f64) -> (rsnn_neuron::Network, Score) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = common::random_score(&mut rng, l, t, 0.2);
    let topology = TopologyConfig {
        num_neurons: l,
        topology: Topology::FixedInDegree { k },
        ..Default::default()
    };
    let net = topology
        .sample(AlphaKernel::default(), &mut rng)
        .expect("valid topology");
    (net, score)
}

#[test]
fn small_network_is_memorized_deterministically() {
    let (net, score) = setup(1, 30, 300, 15.0);
    let config = MemorizeConfig::default();
    let mut results = Vec::new();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let mut copy = net.clone();
        let calls = AtomicUsize::new(0);
        let report = pool
            .install(|| {
                memorize_network(
                    &mut copy,
                    std::slice::from_ref(&score),
                    &config,
                    |done, total| {
                        assert!(done <= total && total == 30);
                        calls.fetch_add(1, Ordering::Relaxed);
                    },
                )
            })
            .expect("runs");
        assert_eq!(calls.load(Ordering::Relaxed), 30);
        assert_eq!(report.neurons.len(), 30);
        assert!(
            report.all_memorized(),
            "{:?}",
            report
                .neurons
                .iter()
                .filter(|r| r.status != NeuronStatus::Memorized)
                .collect::<Vec<_>>()
        );
        assert!(report.max_violation() <= 1e-6);
        assert!(report.infeasible().is_empty());
        results.push(copy);
    }
    assert_eq!(results[0], results[1], "weights depend on the thread count");
}

#[test]
fn infeasible_neurons_are_listed_and_keep_their_weights() {
    // 10 inputs per neuron cannot store T = 40.
    let (net, score) = setup(2, 12, 10, 40.0);
    let mut copy = net.clone();
    let report = memorize_network(
        &mut copy,
        std::slice::from_ref(&score),
        &MemorizeConfig::default(),
        |_, _| {},
    )
    .expect("runs");
    let infeasible = report.infeasible();
    assert!(!infeasible.is_empty());
    for id in infeasible {
        assert_eq!(copy.weights(id), net.weights(id));
        assert!(report.neurons[id].max_violation.is_none());
    }
    for id in 0..12 {
        let w = copy.weights(id).expect("neuron");
        assert!(w.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    let (mut net, score) = setup(3, 5, 10, 20.0);
    let config = MemorizeConfig::default();
    assert!(matches!(
        memorize_network(&mut net, &[], &config, |_, _| {}),
        Err(OptimError::NoMemories)
    ));
    let short = Score::silent(20.0, 4).expect("score");
    assert!(matches!(
        memorize_network(&mut net, &[short], &config, |_, _| {}),
        Err(OptimError::ChannelMismatch {
            memory: 0,
            expected: 5,
            found: 4
        })
    ));
    let bad = MemorizeConfig {
        min_slope: -1.0,
        ..Default::default()
    };
    assert!(matches!(
        memorize_network(&mut net, std::slice::from_ref(&score), &bad, |_, _| {}),
        Err(OptimError::InvalidParameter {
            name: "min_slope",
            ..
        })
    ));
}
