//! Benchmark of the "wire" stage: drawing a random network (fixed in-degree) at the default
//! size (L = 200, K = 500) and at L = 1,000.

#![allow(clippy::unwrap_used)] // Benchmark set-up with fixed, valid parameters.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::TopologyConfig;
use rsnn_signal::AlphaKernel;
use std::hint::black_box;

fn wire(c: &mut Criterion) {
    let mut group = c.benchmark_group("wire");
    for neurons in [200usize, 1000] {
        let config = TopologyConfig {
            num_neurons: neurons,
            ..TopologyConfig::default()
        };
        group.bench_function(BenchmarkId::new("fixed_in_K500", neurons), |b| {
            b.iter(|| {
                let mut rng = ChaCha8Rng::seed_from_u64(1);
                config
                    .sample(AlphaKernel::default(), black_box(&mut rng))
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, wire);
criterion_main!(benches);
