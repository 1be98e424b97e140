//! Memorizing one realistic neuron (K = 500 independent random inputs, T = 50, lambda = 0.2)
//! with each objective, by continuous-time constraint generation (4 neurons per
//! iteration; 1 for the grid case).
//! `cargo bench -p rsnn-optim --bench memorize [--features good_lp]`

#![allow(missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rsnn_optim::{BackendKind, MemorizeConfig, Mode, Objective, memorize_neuron};
use std::hint::black_box;

fn memorize(c: &mut Criterion) {
    let mut group = c.benchmark_group("memorize_neuron");
    let problems: Vec<_> = (0..4)
        .map(|seed| common::single_neuron(seed, 500, 50.0, 0.2))
        .collect();
    let clarabel = BackendKind::Clarabel;
    let mut cases = vec![
        ("L2", Objective::L2, Mode::ContinuousTime, clarabel),
        ("L1", Objective::L1, Mode::ContinuousTime, clarabel),
        ("Linf", Objective::LInf, Mode::ContinuousTime, clarabel),
        (
            "L2-grid0.05",
            Objective::L2,
            Mode::Grid { step: 0.05 },
            clarabel,
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
        // The grid solves ~900 dense rows at once (seconds per neuron): time one neuron only.
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

criterion_group!(benches, memorize);
criterion_main!(benches);
