//! Memorizing one realistic neuron (K = 500 independent random inputs, T = 50, lambda = 0.2)
//! with each objective, by continuous-time constraint generation (4 neurons per
//! iteration; 1 for the grid cases).
//! Also the whole L = 200 network with the default backend, and one neuron of the published
//! grid template with two memories (about 1,800 dense rows over 500 weights), by the dense
//! backend and by Clarabel.
//! `cargo bench -p rsnn-optim --bench memorize [--features good_lp]`

#![allow(missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use rsnn_optim::{BackendKind, MemorizeConfig, Mode, Objective, memorize_neuron};
use std::hint::black_box;

fn memorize(c: &mut Criterion) {
    let mut group = c.benchmark_group("memorize_neuron");
    let problems: Vec<_> = (0..4)
        .map(|seed| common::single_neuron(seed, 500, 50.0, 0.2))
        .collect();
    let clarabel = BackendKind::Clarabel;
    let mut cases = vec![
        (
            "L2",
            Objective::L2,
            Mode::ContinuousTime,
            BackendKind::Dense,
        ),
        ("L2-clarabel", Objective::L2, Mode::ContinuousTime, clarabel),
        ("L1", Objective::L1, Mode::ContinuousTime, clarabel),
        ("Linf", Objective::LInf, Mode::ContinuousTime, clarabel),
        (
            "L2-grid0.05",
            Objective::L2,
            Mode::Grid { step: 0.05 },
            clarabel,
        ),
        (
            "L2-grid0.05-dense",
            Objective::L2,
            Mode::Grid { step: 0.05 },
            BackendKind::Dense,
        ),
    ];
    if BackendKind::GoodLp.is_available() {
        cases.push((
            "good_lp-L1",
            Objective::L1,
            Mode::ContinuousTime,
            BackendKind::GoodLp,
        ));
        cases.push((
            "good_lp-Linf",
            Objective::LInf,
            Mode::ContinuousTime,
            BackendKind::GoodLp,
        ));
    }
    for (name, objective, mode, backend) in cases {
        if !backend.is_available() {
            continue;
        }
        let config = MemorizeConfig {
            objective,
            mode,
            backend,
            ..Default::default()
        }
        .validate()
        .expect("valid");
        // The grid solves ~900 dense rows at once (up to seconds per neuron): time one neuron
        // only.
        let grid = matches!(mode, Mode::Grid { .. });
        // Report rounds and constraints once per case.
        for (seed, (net, score)) in problems.iter().enumerate().take(if grid { 1 } else { 4 }) {
            let r = memorize_neuron(net, 0, std::slice::from_ref(score), &config).expect("runs");
            eprintln!(
                "{name} seed {seed}: {:?}, {} rounds, {} constraints, violation {:?}, {:.3} s",
                r.report.status,
                r.report.rounds,
                r.report.constraints,
                r.report.max_violation,
                r.report.seconds
            );
        }
        let timed = if grid { &problems[..1] } else { &problems[..] };
        group.sample_size(if grid { 10 } else { 20 });
        group.bench_function(BenchmarkId::new("K500_T50", name), |b| {
            b.iter(|| {
                for (net, score) in timed {
                    black_box(
                        memorize_neuron(net, 0, std::slice::from_ref(score), &config)
                            .expect("runs"),
                    );
                }
            })
        });
    }
    group.finish();
}

/// The whole network of the default pipeline (L = 200, K = 500, T = 50, squared L2, default
/// backend), neurons in parallel on the rayon pool.
fn network(c: &mut Criterion) {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let score = common::random_score(&mut rng, 200, 50.0, 0.2);
    let topology = rsnn_neuron::TopologyConfig {
        num_neurons: 200,
        topology: rsnn_neuron::Topology::FixedInDegree { k: 500 },
        ..Default::default()
    };
    let network = topology
        .sample(rsnn_signal::AlphaKernel::default(), &mut rng)
        .expect("valid topology");
    let config = MemorizeConfig::default();
    let mut group = c.benchmark_group("memorize_network");
    group.sample_size(10);
    group.bench_function("L200_K500_T50_L2", |b| {
        b.iter(|| {
            let mut net = network.clone();
            let scores = std::slice::from_ref(&score);
            black_box(rsnn_optim::memorize_network(
                &mut net,
                scores,
                &config,
                |_, _| {},
            ))
            .expect("runs")
        })
    });
    group.finish();
}

/// One neuron of the two-memories experiment under the published template (as the xtask
/// experiment two_memories/original sets it up): L = 200 neurons of K = 500 inputs, two
/// random scores of period 50 at rate 0.2, squared L2; each neuron's problem has about 1,800
/// dense rows over its 500 weights, solved once.
fn published(c: &mut Criterion) {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
    let scores: Vec<_> = (0..2)
        .map(|_| common::random_score(&mut rng, 200, 50.0, 0.2))
        .collect();
    let topology = rsnn_neuron::TopologyConfig {
        num_neurons: 200,
        topology: rsnn_neuron::Topology::FixedInDegree { k: 500 },
        ..Default::default()
    };
    let network = topology
        .sample(rsnn_signal::AlphaKernel::default(), &mut rng)
        .expect("valid topology");
    let mut group = c.benchmark_group("memorize_published");
    // Clarabel takes seconds per neuron: the same single iteration in every sample.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for backend in [BackendKind::Dense, BackendKind::Clarabel] {
        let config = MemorizeConfig {
            objective: Objective::L2,
            mode: Mode::Published,
            backend,
            ..Default::default()
        }
        .validate()
        .expect("valid");
        let name = BenchmarkId::new("L200_K500_T50x2_L2", backend.name());
        let mut reported = false;
        group.bench_function(name, |b| {
            // Report the outcome of a few neurons once, when the case runs (the timed neuron
            // is neuron 0).
            for id in (0..3).filter(|_| !reported) {
                let r = memorize_neuron(&network, id, &scores, &config).expect("runs");
                eprintln!(
                    "published {backend} neuron {id}: {:?} ({:?}), {} rows, objective {:?}, \
                     violation {:?}, {:.3} s",
                    r.report.status,
                    r.report.solver_status,
                    r.report.constraints,
                    r.report.objective,
                    r.report.max_violation,
                    r.report.seconds
                );
            }
            reported = true;
            b.iter(|| black_box(memorize_neuron(&network, 0, &scores, &config).expect("runs")))
        });
    }
    group.finish();
}

criterion_group!(benches, memorize, network, published);
criterion_main!(benches);
