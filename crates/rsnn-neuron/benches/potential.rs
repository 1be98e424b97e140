//! Criterion benchmarks of the potential primitives on a realistic neuron: K = 500 inputs,
//! about 7 spikes per source and period T = 50 (docs/model.md §1), weights ~ U(-0.2, 0.2).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Arrivals, Input, Neuron, PotentialState, periodic_arrivals, weighted};
use rsnn_signal::{AlphaKernel, Score};
use std::hint::black_box;

const K: usize = 500;
const PERIOD: f64 = 50.0;
const SPIKES: usize = 7;

/// A neuron with K inputs from K sources firing 7 times per period, and the arrivals it sees
/// on one period (plus the older copies within the kernel horizon).
fn realistic() -> (Neuron, Vec<(f64, f64)>) {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let slot = PERIOD / SPIKES as f64;
    let channels: Vec<Vec<f64>> = (0..K)
        .map(|_| {
            (0..SPIKES)
                .map(|j| j as f64 * slot + rng.random_range(0.0..slot - 1.0))
                .collect()
        })
        .collect();
    let score = Score::new(PERIOD, channels).expect("valid score");
    let neuron = Neuron {
        inputs: (0..K)
            .map(|k| Input {
                source: k,
                delay: rng.random_range(0.1..10.0),
                weight: rng.random_range(-0.2..0.2),
            })
            .collect(),
    };
    let arrivals = periodic_arrivals(&neuron, &score, AlphaKernel::default(), 0.0, PERIOD, 1e-12)
        .expect("valid neuron");
    let pairs = weighted(&neuron, &arrivals);
    (neuron, pairs)
}

fn bench(c: &mut Criterion) {
    let (_, pairs) = realistic();
    let n = pairs.len();
    let kernel = AlphaKernel::default();
    let mut group = c.benchmark_group("potential_state");

    group.bench_function(BenchmarkId::new("add_arrival_stream", n), |b| {
        b.iter(|| {
            let mut s = PotentialState::new(kernel);
            for &(t, w) in &pairs {
                s.add_arrival(t, w);
            }
            black_box(s)
        })
    });
    let mut state = PotentialState::new(kernel);
    for &(t, w) in &pairs[..n / 2] {
        state.add_arrival(t, w);
    }
    let last = state.last_arrival().expect("arrivals");
    let probes: Vec<f64> = (0..64).map(|i| last + 0.05 * i as f64).collect();
    group.bench_function("potential_64", |b| {
        b.iter(|| {
            probes
                .iter()
                .map(|&t| black_box(&state).potential(t))
                .sum::<f64>()
        })
    });
    let z = state.potential(last);
    let peak = (0..1000)
        .map(|i| state.potential(last + 0.01 * i as f64))
        .fold(f64::NEG_INFINITY, f64::max);
    let reachable = 0.5 * (z + peak);
    group.bench_function("next_crossing_found", |b| {
        b.iter(|| black_box(&state).next_crossing(black_box(reachable), last, last + 40.0))
    });
    group.bench_function("next_crossing_none", |b| {
        b.iter(|| black_box(&state).next_crossing(black_box(peak + 1.0), last, last + 40.0))
    });
    group.finish();

    let mut group = c.benchmark_group("arrivals");
    group.bench_function(BenchmarkId::new("new", n), |b| {
        b.iter(|| Arrivals::new(kernel, black_box(pairs.clone())))
    });
    let a = Arrivals::new(kernel, pairs.clone()).expect("finite");
    let times: Vec<f64> = (0..64).map(|i| 0.77 * i as f64).collect();
    group.bench_function("potential_64", |b| {
        b.iter(|| {
            times
                .iter()
                .map(|&t| black_box(&a).potential(t))
                .sum::<f64>()
        })
    });
    group.bench_function("next_crossing_period", |b| {
        b.iter(|| black_box(&a).next_crossing(black_box(peak.max(1.0) + 5.0), 0.0))
    });
    // Silent regions of a neuron firing 7 times per period (active +-0.2, refractory 1).
    let fires: Vec<f64> = (0..SPIKES).map(|j| 3.0 + j as f64 * 50.0 / 7.0).collect();
    let silent: Vec<(f64, f64)> = fires
        .iter()
        .map(|&f| (f + 1.0, f + 50.0 / 7.0 - 0.2))
        .collect();
    group.bench_function("max_potential_silent", |b| {
        b.iter(|| black_box(&a).max_potential(black_box(&silent)))
    });
    group.bench_function("top_potential_10", |b| {
        b.iter(|| black_box(&a).top_potential(black_box(&silent), 10))
    });
    let active: Vec<(f64, f64)> = fires.iter().map(|&f| (f - 0.2, f + 0.2)).collect();
    group.bench_function("min_slope_active", |b| {
        b.iter(|| black_box(&a).min_slope(black_box(&active)))
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench
}
criterion_main!(benches);
