//! Arbitrary topology parameters (neuron and input counts up to `usize::MAX`, delays that are
//! NaN, infinite or huge, any size limit) give an error or a network, never a panic, and a
//! network is only built when its size (neurons plus inputs) is within the limit asked for.
//! Limits used here are small, so every accepted case is cheap. A longer run:
//! `cargo test -p rsnn-neuron --test fuzz_topology -- --ignored`.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Topology, TopologyConfig};
use rsnn_signal::AlphaKernel;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        0.0..20.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e308),
        Just(1e6),
        Just(-0.0),
    ]
}

fn any_count() -> impl Strategy<Value = usize> {
    prop_oneof![0..50usize, any::<usize>(), Just(usize::MAX)]
}

fn topology() -> impl Strategy<Value = Topology> {
    prop_oneof![
        any_count().prop_map(|k| Topology::FixedInDegree { k }),
        any_count().prop_map(|k| Topology::FixedOutDegree { k }),
        any::<bool>().prop_map(|self_connections| Topology::AllToAll { self_connections }),
    ]
}

fn run_case(
    num_neurons: usize,
    topology: Topology,
    (d_min, d_max): (f64, f64),
    (tau, max_size): (f64, f64),
    seed: u64,
) -> Result<(), TestCaseError> {
    let config = TopologyConfig {
        num_neurons,
        topology,
        d_min,
        d_max,
    };
    let kernel = AlphaKernel::new(tau).unwrap_or_default();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let validated = config.validate_within(max_size);
    let sampled = config.sample_within(kernel, &mut rng, max_size);
    prop_assert_eq!(validated.is_ok(), sampled.is_ok());
    if let Ok(network) = sampled {
        let size = (network.num_neurons() + network.num_inputs()) as f64;
        prop_assert!(size <= max_size, "{size} > {max_size}");
        prop_assert_eq!(network.num_neurons(), num_neurons);
        for neuron in network.neurons() {
            for input in &neuron.inputs {
                prop_assert!(input.source < num_neurons);
                prop_assert!(input.delay >= d_min && input.delay <= d_max);
                prop_assert_eq!(input.weight, 0.0);
            }
        }
    }
    Ok(())
}

fn limit() -> impl Strategy<Value = f64> {
    prop_oneof![1.0..5000.0f64, Just(f64::NAN), Just(0.0), Just(-1.0)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_topologies(
        n in any_count(),
        t in topology(),
        d in (any_f64(), any_f64()),
        k in (any_f64(), limit()),
        seed in any::<u64>(),
    ) {
        run_case(n, t, d, k, seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100_000))]

    #[test]
    #[ignore = "long fuzzing run"]
    fn arbitrary_topologies_long(
        n in any_count(),
        t in topology(),
        d in (any_f64(), any_f64()),
        k in (any_f64(), limit()),
        seed in any::<u64>(),
    ) {
        run_case(n, t, d, k, seed)?;
    }
}
