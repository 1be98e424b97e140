//! Arbitrary parameters for the facade's entry points: memorization of a tiny network with any
//! [`MemorizeConfig`], any [`PipelineConfig`] and any [`RecallProtocol`] give an error or a
//! result, never a panic. An accepted memorization leaves finite weights within the bound and a
//! status for every neuron (a memorized neuron's weights within the bound, up to the
//! tolerance); an accepted pipeline configuration implies sizes within the layers'
//! limits. A longer run: `cargo test -p rsnn --test fuzz_entry -- --ignored`.

#![cfg(feature = "clarabel")]

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn::optim::{BackendKind, Mode, NeuronStatus, QuantMethod, Quantization};
use rsnn::pipeline::{PipelineConfig, RecallSettings};
use rsnn::prelude::*;
use rsnn::recipes::{FreeStart, NetworkSpec, RecallProtocol, associative_recall};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Memorizations that got past validation (so that the fuzzer is known to reach the solver).
static ACCEPTED: AtomicUsize = AtomicUsize::new(0);

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        0.0..3.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e308),
        Just(1e-300),
        Just(-0.0),
    ]
}

fn any_count() -> impl Strategy<Value = usize> {
    prop_oneof![0..8usize, any::<usize>(), Just(usize::MAX)]
}

fn objective() -> impl Strategy<Value = Objective> {
    prop_oneof![
        Just(Objective::None),
        Just(Objective::L1),
        Just(Objective::L2),
        Just(Objective::LInf),
    ]
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![
        Just(Mode::ContinuousTime),
        Just(Mode::Published),
        prop_oneof![any_f64(), 0.01..1.0f64].prop_map(|step| Mode::Grid { step }),
    ]
}

fn backend() -> impl Strategy<Value = BackendKind> {
    prop_oneof![Just(BackendKind::Clarabel), Just(BackendKind::GoodLp)]
}

/// The default `value` four times in five, else an arbitrary number: most cases then reach
/// the solver with one or two hostile fields.
fn mostly(value: f64) -> impl Strategy<Value = f64> {
    prop_oneof![4 => Just(value), 1 => any_f64()]
}

fn mostly_count(value: usize) -> impl Strategy<Value = usize> {
    prop_oneof![4 => Just(value), 1 => any_count()]
}

prop_compose! {
    fn quantization()(
        levels in prop_oneof![Just(0usize), Just(1), 2..10usize, Just(usize::MAX)],
        exact in any::<bool>(),
        (firing_band, time_limit) in (mostly(0.1), mostly(0.2)),
        repair_free in mostly_count(16),
    ) -> Quantization {
        Quantization {
            levels,
            method: if exact { QuantMethod::Exact } else { QuantMethod::Rounding },
            firing_band,
            time_limit: time_limit.min(0.5),
            repair_free,
            ..Quantization::new(2)
        }
    }
}

prop_compose! {
    fn memorize_config()(
        (weight_bound, half_width, silent_level, min_slope) in
            (mostly(0.5), mostly(0.2), mostly(0.0), mostly(2.0)),
        (tolerance, horizon_tolerance) in (mostly(1e-6), mostly(1e-12)),
        (max_rounds, points_per_round) in (mostly_count(60), mostly_count(40)),
        objective in objective(),
        mode in mode(),
        backend in backend(),
        quantization in prop_oneof![3 => Just(None), 1 => quantization().prop_map(Some)],
    ) -> MemorizeConfig {
        MemorizeConfig {
            weight_bound,
            half_width,
            silent_level,
            min_slope,
            objective,
            tolerance,
            max_rounds,
            points_per_round,
            mode,
            backend,
            horizon_tolerance,
            quantization,
        }
    }
}

/// A 3-neuron network with 8 inputs each and its score of period 12.
fn tiny(seed: u64) -> (Network, Score) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = ScoreSampler::new(12.0, 0.2)
        .and_then(|s| s.sample_score(&mut rng, 3))
        .expect("a valid score");
    let topology = TopologyConfig {
        num_neurons: 3,
        topology: Topology::FixedInDegree { k: 8 },
        d_min: 0.1,
        d_max: 5.0,
    };
    let network = topology
        .sample(AlphaKernel::default(), &mut rng)
        .expect("a valid network");
    (network, score)
}

fn memorize_case(config: &MemorizeConfig, seed: u64) -> Result<(), TestCaseError> {
    let (mut network, score) = tiny(seed);
    let result = memorize_network(&mut network, &[score], config, |_, _| {});
    if config.validate().is_err() {
        prop_assert!(result.is_err());
    }
    if let Ok(report) = result {
        ACCEPTED.fetch_add(1, Ordering::Relaxed);
        prop_assert_eq!(report.neurons.len(), 3);
        for (neuron, r) in network.neurons().iter().zip(&report.neurons) {
            for input in &neuron.inputs {
                prop_assert!(input.weight.is_finite(), "{:?}", r.status);
                if r.status == NeuronStatus::Memorized {
                    // The bound is part of the template, verified up to the tolerance.
                    prop_assert!(input.weight.abs() <= config.weight_bound + config.tolerance);
                }
                if let Some(q) = config.quantization
                    && r.status.has_weights()
                {
                    // Quantized weights lie on the levels.
                    let levels = q.levels(config.weight_bound).expect("validated");
                    prop_assert!(levels.index_of(input.weight).is_some(), "{}", input.weight);
                }
            }
        }
    }
    Ok(())
}

prop_compose! {
    fn pipeline_config()(
        seed in any::<u64>(),
        (neurons, inputs) in (mostly_count(200), mostly_count(500)),
        (period, rate) in (mostly(50.0), mostly(0.2)),
        (noise, cycles) in (mostly(0.1), mostly_count(10)),
        (prompted_fraction, prompt_jitter) in (mostly(0.5), mostly(0.1)),
        (prompt_cycles, free_cycles) in (mostly_count(2), mostly_count(3)),
        random_start in any::<bool>(),
    ) -> PipelineConfig {
        PipelineConfig {
            seed,
            network: NetworkSpec { neurons, inputs, period, rate },
            noise,
            cycles,
            recall: RecallSettings {
                prompted_fraction,
                prompt_jitter,
                prompt_cycles,
                free_cycles,
                free_start: if random_start {
                    FreeStart::RandomScore { rate }
                } else {
                    FreeStart::Silent
                },
            },
            ..Default::default()
        }
    }
}

fn pipeline_case(config: PipelineConfig) -> Result<(), TestCaseError> {
    let valid = config.validate().is_ok();
    prop_assert_eq!(valid, rsnn::pipeline::Pipeline::new(config.clone()).is_ok());
    if valid {
        let net = &config.network;
        let size = net.neurons as f64 * (1.0 + net.inputs as f64);
        prop_assert!(size <= rsnn::neuron::limits::MAX_NETWORK_SIZE);
        let span = config.cycles as f64 * net.period * net.neurons as f64;
        prop_assert!(span <= rsnn::sim::limits::MAX_NEURON_TIME);
    }
    Ok(())
}

fn recall_case(protocol: &RecallProtocol, seed: u64) -> Result<(), TestCaseError> {
    let (network, score) = tiny(seed);
    if let Ok(outcome) = associative_recall(&network, &score, protocol) {
        prop_assert_eq!(
            outcome.cycles.len(),
            protocol.prompt_cycles + protocol.free_cycles
        );
    }
    Ok(())
}

prop_compose! {
    fn protocol()(
        (prompted_fraction, prompt_jitter, sigma) in (mostly(0.5), mostly(0.1), mostly(0.1)),
        (prompt_cycles, free_cycles) in (mostly_count(1), mostly_count(2)),
        seed in any::<u64>(),
        rate in mostly(0.2),
    ) -> RecallProtocol {
        RecallProtocol {
            prompted_fraction,
            prompt_jitter,
            prompt_cycles,
            free_cycles,
            sigma,
            seed,
            free_start: FreeStart::RandomScore { rate },
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    fn arbitrary_memorization_parameters_inner(config in memorize_config(), seed in 0u64..4) {
        memorize_case(&config, seed)?;
    }

    #[test]
    fn arbitrary_recall_protocols(protocol in protocol(), seed in 0u64..4) {
        recall_case(&protocol, seed)?;
    }
}

/// The memorization fuzzer, checked to reach the solver in a good share of its cases.
#[test]
fn arbitrary_memorization_parameters() {
    arbitrary_memorization_parameters_inner();
    let accepted = ACCEPTED.load(Ordering::Relaxed);
    assert!(
        accepted >= 20,
        "only {accepted} of 150 cases reached the solver"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arbitrary_pipeline_configurations(config in pipeline_config()) {
        pipeline_case(config)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    #[ignore = "long fuzzing run"]
    fn arbitrary_entry_points_long(
        config in memorize_config(),
        protocol in protocol(),
        pipeline in pipeline_config(),
        seed in 0u64..16,
    ) {
        memorize_case(&config, seed)?;
        recall_case(&protocol, seed)?;
        pipeline_case(pipeline)?;
    }
}
