//! Benchmarks of the similarity measure and of the samplers at the default size
//! (L = 200 channels, T = 50, lambda = 0.2: about 1,450 spikes per cycle).

#![allow(clippy::unwrap_used)] // Benchmark set-up with fixed, valid parameters.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{JitterConfig, ScoreSampler, SpikeTrain, jitter_score, multi_channel_similarity};
use std::hint::black_box;

fn similarity(c: &mut Criterion) {
    let mut group = c.benchmark_group("similarity");
    for channels in [200usize, 1000] {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let score = ScoreSampler::new(50.0, 0.2)
            .unwrap()
            .sample_score(&mut rng, channels)
            .unwrap();
        // A noisy recording of three cycles; the middle one is measured.
        let copy = jitter_score(&mut rng, &score, &JitterConfig::new(0.05)).unwrap();
        let produced: Vec<SpikeTrain> = copy
            .channels()
            .iter()
            .map(|c| SpikeTrain::new(c.unrolled(0.0, 150.0)).unwrap())
            .collect();
        let id = BenchmarkId::new(
            "multi_channel",
            format!("L{channels}_spikes{}", score.num_spikes()),
        );
        group.bench_with_input(id, &produced, |b, produced| {
            b.iter(|| multi_channel_similarity(black_box(&score), produced, 50.0).unwrap())
        });
    }
    group.finish();
}

fn sampling(c: &mut Criterion) {
    let sampler = ScoreSampler::new(50.0, 0.2).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let score = sampler.sample_score(&mut rng, 200).unwrap();
    c.bench_function("sample_score/L200_T50", |b| {
        b.iter(|| sampler.sample_score(&mut rng, 200).unwrap())
    });
    c.bench_function("jitter_score/L200_T50_sweeps100", |b| {
        b.iter(|| jitter_score(&mut rng, &score, &JitterConfig::new(0.1)).unwrap())
    });
}

criterion_group!(benches, similarity, sampling);
criterion_main!(benches);
