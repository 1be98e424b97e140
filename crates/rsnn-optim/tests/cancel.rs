//! Stopping a memorization: a stop check that asks to stop gives `OptimError::Cancelled` and
//! leaves the network unchanged; one that never does gives the results of `memorize_network`.

#![cfg(feature = "clarabel")]

mod common;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Network, Topology, TopologyConfig};
use rsnn_optim::{
    MemorizeConfig, NeuronReport, OptimError, memorize_network, memorize_network_until,
    memorize_neurons,
};
use rsnn_signal::{AlphaKernel, Score};
use std::sync::atomic::{AtomicUsize, Ordering};

const NEURONS: usize = 12;

/// A small network (12 neurons, 150 inputs each) with nonzero weights, and a score.
fn setup() -> (Network, Score) {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let score = common::random_score(&mut rng, NEURONS, 15.0, 0.2);
    let topology = TopologyConfig {
        num_neurons: NEURONS,
        topology: Topology::FixedInDegree { k: 150 },
        ..Default::default()
    };
    let mut net = topology
        .sample(AlphaKernel::default(), &mut rng)
        .expect("valid topology");
    for id in 0..NEURONS {
        let k = net.weights(id).map_or(0, |w| w.len());
        let w: Vec<f64> = (0..k).map(|i| 0.01 * ((i % 7) as f64 - 3.0)).collect();
        net.set_weights(id, &w).expect("weights");
    }
    (net, score)
}

fn config() -> MemorizeConfig {
    MemorizeConfig {
        weight_bound: 0.5,
        ..Default::default()
    }
}

/// The reports without their wall times.
fn timeless(reports: &[NeuronReport]) -> Vec<NeuronReport> {
    let zero = |r: &NeuronReport| NeuronReport {
        seconds: 0.0,
        ..r.clone()
    };
    reports.iter().map(zero).collect()
}

#[test]
fn a_stop_at_once_changes_nothing() {
    let (net, score) = setup();
    let mut copy = net.clone();
    let progress = AtomicUsize::new(0);
    let e = memorize_network_until(
        &mut copy,
        std::slice::from_ref(&score),
        &config(),
        |_, _| {
            progress.fetch_add(1, Ordering::Relaxed);
        },
        || true,
    )
    .expect_err("stopped");
    assert!(
        matches!(
            e,
            OptimError::Cancelled {
                done: 0,
                total: NEURONS
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "memorization cancelled after 0 of 12 neurons"
    );
    assert_eq!(progress.load(Ordering::Relaxed), 0);
    assert_eq!(copy, net);
}

#[test]
fn a_stop_after_some_neurons_leaves_the_network_unchanged() {
    let (net, score) = setup();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let mut copy = net.clone();
    let checks = AtomicUsize::new(0);
    // On one thread the neurons run one after the other: the fourth check stops.
    let stop = || checks.fetch_add(1, Ordering::Relaxed) >= 3;
    let scores = std::slice::from_ref(&score);
    let e = pool
        .install(|| memorize_network_until(&mut copy, scores, &config(), |_, _| {}, stop))
        .expect_err("stopped");
    assert!(
        matches!(
            e,
            OptimError::Cancelled {
                done: 3,
                total: NEURONS
            }
        ),
        "{e:?}"
    );
    assert_eq!(checks.load(Ordering::Relaxed), 4);
    assert_eq!(copy, net, "a stopped memorization changed weights");
}

#[test]
fn a_stop_that_never_comes_gives_the_results_of_memorize_network() {
    let (net, score) = setup();
    let scores = std::slice::from_ref(&score);
    let mut plain = net.clone();
    let expected = memorize_network(&mut plain, scores, &config(), |_, _| {}).expect("runs");
    let mut until = net.clone();
    let checks = AtomicUsize::new(0);
    let stop = || {
        checks.fetch_add(1, Ordering::Relaxed);
        false
    };
    let report =
        memorize_network_until(&mut until, scores, &config(), |_, _| {}, stop).expect("runs");
    assert_eq!(checks.load(Ordering::Relaxed), NEURONS);
    assert!(expected.all_memorized());
    assert_eq!(until, plain);
    assert_eq!(timeless(&report.neurons), timeless(&expected.neurons));
}

#[test]
fn some_neurons_get_the_weights_of_the_whole_run() {
    let (net, score) = setup();
    let scores = std::slice::from_ref(&score);
    let mut whole = net.clone();
    let report = memorize_network(&mut whole, scores, &config(), |_, _| {}).expect("runs");
    assert!(report.all_memorized());
    let ids = [7, 2, 7];
    let results =
        memorize_neurons(&net, &ids, scores, &config(), |_, _| {}, || false).expect("runs");
    assert_eq!(results.len(), 3);
    for (r, &id) in results.iter().zip(&ids) {
        assert_eq!(r.weights, whole.weights(id));
        assert_eq!(
            timeless(std::slice::from_ref(&r.report)),
            timeless(&report.neurons[id..=id])
        );
    }
    let e = memorize_neurons(&net, &[NEURONS], scores, &config(), |_, _| {}, || false)
        .expect_err("unknown neuron");
    assert!(
        matches!(
            e,
            OptimError::UnknownNeuron {
                id: NEURONS,
                count: NEURONS
            }
        ),
        "{e:?}"
    );
}
