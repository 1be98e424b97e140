//! Arbitrary sampler parameters (any float, any channel count) give an error or a valid score,
//! never a panic, and each case finishes quickly: the limits refuse huge sizes before anything
//! is drawn. A longer run: `cargo test -p rsnn-signal --test fuzz_sampler -- --ignored`.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{ScoreSampler, SignalError};
use std::time::{Duration, Instant};

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        -10.0..100.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1.0),
        Just(1e7),
    ]
}

fn any_channels() -> impl Strategy<Value = usize> {
    prop_oneof![
        0..50usize,
        any::<usize>(),
        Just(usize::MAX),
        Just(100_000_000)
    ]
}

fn check(period: f64, rate: f64, channels: usize, seed: u64) -> Result<(), TestCaseError> {
    let began = Instant::now();
    // Large periods cost a distribution of `ceil(T)` entries: keep the default runs short.
    if period > 1e5 {
        return Ok(());
    }
    let result = ScoreSampler::new(period, rate)
        .and_then(|s| s.sample_score(&mut ChaCha8Rng::seed_from_u64(seed), channels));
    match result {
        Ok(score) => prop_assert_eq!(score.num_channels(), channels),
        Err(SignalError::InvalidParameter { .. } | SignalError::Limit(_)) => {}
        Err(e) => prop_assert!(false, "unexpected error {e}"),
    }
    prop_assert!(began.elapsed() < Duration::from_secs(5));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_sampler_never_panics(period in any_f64(), rate in any_f64(), channels in any_channels(), seed in any::<u64>()) {
        check(period, rate, channels, seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(50_000))]

    #[test]
    #[ignore = "long run: cargo test -p rsnn-signal --test fuzz_sampler -- --ignored"]
    fn the_sampler_never_panics_long(period in any_f64(), rate in any_f64(), channels in any_channels(), seed in any::<u64>()) {
        check(period, rate, channels, seed)?;
    }
}
