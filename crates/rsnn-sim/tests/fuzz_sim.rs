//! Arbitrary simulation and measurement parameters on tiny networks give an error or a
//! result, never a panic, and every case finishes quickly (the limits refuse huge spans and
//! cycle counts before any work). A longer run:
//! `cargo test -p rsnn-sim --test fuzz_sim -- --ignored`.

use proptest::prelude::*;
use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, Score};
use rsnn_sim::{Measurement, Prompt, Recording, SimulationConfig, simulate};
use std::time::{Duration, Instant};

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        -100.0..100.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e308),
        Just(-1e308),
        Just(1e-300),
    ]
}

fn network(weight: f64, delay: f64) -> Option<Network> {
    let input = |source| Input {
        source,
        delay,
        weight,
    };
    let neurons = vec![
        Neuron {
            inputs: vec![input(1)],
        },
        Neuron {
            inputs: vec![input(0)],
        },
    ];
    Network::new(neurons, AlphaKernel::default()).ok()
}

fn run_case(
    (start, end, sigma): (f64, f64, f64),
    (weight, delay): (f64, f64),
    (w0, w1): (f64, f64),
    cycles: usize,
) -> Result<(), TestCaseError> {
    let began = Instant::now();
    let net = network(weight, delay).or_else(|| network(1.5, 1.0));
    let net = net.expect("a valid fallback network");
    let mut config = SimulationConfig::new(start, end);
    config.sigma = sigma;
    if let Ok(p) = Prompt::new(0, w0, w1, Vec::new()) {
        config.prompts.push(p);
    }
    if let Ok(rec) = simulate(&net, &config) {
        prop_assert!(rec.num_neurons() == 2);
    }
    let score = Score::new(10.0, vec![vec![1.0], vec![5.0]]).expect("valid score");
    let _ = Prompt::from_score(&score, &[0, 1], w0, w1, 0.0);
    if let Ok(rec) = Recording::from_times(0.0, 50.0, vec![vec![1.0, 11.0], vec![5.0]]) {
        let _ = Measurement::of(&rec, &score, start, cycles);
        let _ = Measurement::available_cycles(&rec, end.abs(), start);
    }
    prop_assert!(
        began.elapsed() < Duration::from_secs(5),
        "took {:?}",
        began.elapsed()
    );
    Ok(())
}

fn cycles() -> impl Strategy<Value = usize> {
    prop_oneof![0..20usize, any::<usize>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn simulation_and_measurement_never_panic(
        span in (any_f64(), any_f64(), any_f64()),
        input in (any_f64(), any_f64()),
        window in (any_f64(), any_f64()),
        cycles in cycles(),
    ) {
        run_case(span, input, window, cycles)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    #[ignore = "long run: cargo test -p rsnn-sim --test fuzz_sim -- --ignored"]
    fn simulation_and_measurement_never_panic_long(
        span in (any_f64(), any_f64(), any_f64()),
        input in (any_f64(), any_f64()),
        window in (any_f64(), any_f64()),
        cycles in cycles(),
    ) {
        run_case(span, input, window, cycles)?;
    }
}
