//! Benchmarks on the pretrained network of docs/model.md §9.5 (L = 200, K = 500, T = 50, 1,463
//! spikes per period): simulation of 10 periods from the perfect initial condition with
//! threshold noise 0.1 (throughput in synaptic events, i.e. spike deliveries, per second), and
//! the stability analysis of its score: the sparse map, its dense matrix, the eigenvalues by
//! each method, and the whole analysis (map and eigenvalues) by each method.

#[path = "../tests/common/v5.rs"]
mod v5;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rsnn_sim::stability::{EigenMethod, JitterMap, StabilityOptions};
use rsnn_sim::{SimulationConfig, Simulator, analyze_stability_with, history_from_score};
use std::hint::black_box;
use std::time::Duration;

fn simulation(c: &mut Criterion) {
    let v5 = v5::load_v5();
    let periods = 10;
    let mut config = SimulationConfig::new(0.0, periods as f64 * v5.score.period());
    config.sigma = 0.1;
    config.seed = 1;
    config.history = history_from_score(&v5.score, 0.0, 1).expect("valid score");
    let sim = Simulator::new(&v5.network);
    let (recording, stats) = sim.run_with_stats(&config).expect("valid config");
    eprintln!(
        "V5, {periods} periods: {} spikes, {} deliveries, {} crossing searches",
        recording.num_spikes(),
        stats.deliveries,
        stats.crossing_searches
    );
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(stats.deliveries));
    group.bench_function("v5_L200_K500_10_periods", |b| {
        b.iter(|| black_box(sim.run(black_box(&config)).expect("valid config")))
    });
    group.finish();
}

fn stability(c: &mut Criterion) {
    let v5 = v5::load_v5();
    let map = JitterMap::new(&v5.network, &v5.score).expect("valid");
    let with = |method| StabilityOptions {
        method,
        ..StabilityOptions::default()
    };
    let mut group = c.benchmark_group("stability");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("v5_jitter_map", |b| {
        b.iter(|| black_box(JitterMap::new(&v5.network, &v5.score).expect("valid")))
    });
    group.bench_function("v5_jitter_map_and_matrix", |b| {
        b.iter(|| {
            let map = JitterMap::new(&v5.network, &v5.score).expect("valid");
            black_box(map.matrix())
        })
    });
    group.bench_function("v5_krylov_eigenvalues", |b| {
        let options = with(EigenMethod::Krylov);
        b.iter(|| black_box(map.analyze_with(&options).expect("converges")))
    });
    group.bench_function("v5_dense_eigenvalues", |b| {
        let options = with(EigenMethod::Dense);
        b.iter(|| black_box(map.analyze_with(&options).expect("converges")))
    });
    for method in [EigenMethod::Krylov, EigenMethod::Dense] {
        let name = format!("v5_full_analysis_{method:?}").to_lowercase();
        let options = with(method);
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(analyze_stability_with(&v5.network, &v5.score, &options).expect("valid"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, simulation, stability);
criterion_main!(benches);
