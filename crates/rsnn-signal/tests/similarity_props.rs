//! Property tests of the similarity measure (docs/model.md §6).

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{JitterConfig, Score, ScoreSampler, jitter_score, multi_channel_similarity};

fn sampled(seed: u64, period: f64, rate: f64, channels: usize) -> Score {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    ScoreSampler::new(period, rate)
        .expect("valid parameters")
        .sample_score(&mut rng, channels)
        .expect("valid score")
}

/// The signed circular difference `a - b` in `[-T/2, T/2)`.
fn signed(a: f64, b: f64, period: f64) -> f64 {
    (a - b + 0.5 * period).rem_euclid(period) - 0.5 * period
}

/// Per channel and spike, the offset from the nominal spike to its jittered copy.
fn offsets(score: &Score, copy: &Score) -> Vec<Vec<f64>> {
    let period = score.period();
    score
        .channels()
        .iter()
        .zip(copy.channels())
        .map(|(a, b)| {
            a.times()
                .iter()
                .map(|&p| {
                    b.times()
                        .iter()
                        .map(|&q| signed(q, p, period))
                        .min_by(|x, y| x.abs().total_cmp(&y.abs()))
                        .unwrap_or(0.0)
                })
                .collect()
        })
        .collect()
}

/// The score with every spike moved by `s` times its offset, mod T, sorted.
fn perturbed(score: &Score, offsets: &[Vec<f64>], s: f64) -> Vec<Vec<f64>> {
    let period = score.period();
    score
        .channels()
        .iter()
        .zip(offsets)
        .map(|(train, d)| {
            let mut t: Vec<f64> = train
                .times()
                .iter()
                .zip(d)
                .map(|(&p, &d)| {
                    let r = (p + s * d).rem_euclid(period);
                    if r >= period { 0.0 } else { r }
                })
                .collect();
            t.sort_by(f64::total_cmp);
            t
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shifted_copies_score_one(
        seed in any::<u64>(),
        period in 3.0..80.0f64,
        rate in 0.05..2.0f64,
        channels in 1usize..30,
        lag in -200.0..200.0f64,
        window_start in -100.0..100.0f64,
    ) {
        let score = sampled(seed, period, rate, channels);
        // The score played periodically, delayed by `lag`, seen in [t0, t0 + T).
        let produced: Vec<Vec<f64>> = score
            .channels()
            .iter()
            .map(|c| {
                c.unrolled(window_start - lag - period, window_start - lag + 2.0 * period)
                    .into_iter()
                    .map(|t| t + lag)
                    .collect()
            })
            .collect();
        let s = multi_channel_similarity(&score, &produced, window_start).unwrap();
        prop_assert!((s.precision - 1.0).abs() < 1e-12, "{:?}", s);
        prop_assert!((s.recall - 1.0).abs() < 1e-12, "{:?}", s);
    }

    #[test]
    fn empty_production_scores_the_silent_fraction(
        seed in any::<u64>(),
        period in 3.0..80.0f64,
        rate in 0.05..2.0f64,
        channels in 1usize..30,
    ) {
        let score = sampled(seed, period, rate, channels);
        let silent = score.channels().iter().filter(|c| c.is_empty()).count();
        let expected = silent as f64 / channels as f64;
        let empty = vec![Vec::<f64>::new(); channels];
        let s = multi_channel_similarity(&score, &empty, 0.0).unwrap();
        prop_assert!((s.precision - expected).abs() < 1e-15);
        prop_assert!((s.recall - expected).abs() < 1e-15);
    }

    #[test]
    fn small_perturbations_lower_it_continuously(
        seed in any::<u64>(),
        period in 5.0..60.0f64,
        rate in 0.1..1.0f64,
        channels in 1usize..20,
        sigma in 1e-4..5e-3f64,
    ) {
        let score = sampled(seed, period, rate, channels);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let copy = jitter_score(&mut rng, &score, &JitterConfig { sigma, sweeps: 5 }).unwrap();
        let d = offsets(&score, &copy);
        let max_dev = d.iter().flatten().fold(0.0f64, |m, x| m.max(x.abs()));
        let full = multi_channel_similarity(&score, &perturbed(&score, &d, 1.0), 0.0).unwrap();
        prop_assert!(full.precision <= 1.0 && full.recall <= 1.0);
        prop_assert!(full.precision >= 1.0 - 2.0 * max_dev - 1e-12, "{:?} {}", full, max_dev);
        prop_assert!(full.recall >= 1.0 - 2.0 * max_dev - 1e-12, "{:?} {}", full, max_dev);
        // Scaling the perturbation by s scales the loss by s: 1 - sim(s) = s (1 - sim(1)).
        for s in [0.5, 0.25, 0.1, 0.0] {
            let part = multi_channel_similarity(&score, &perturbed(&score, &d, s), 0.0).unwrap();
            prop_assert!(((1.0 - part.precision) - s * (1.0 - full.precision)).abs() < 1e-9);
            prop_assert!(((1.0 - part.recall) - s * (1.0 - full.recall)).abs() < 1e-9);
        }
    }
}
