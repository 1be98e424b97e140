//! Property tests of the samplers and of the jitter: every result is a valid train.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{
    JitterConfig, PeriodicTrain, REFRACTORY_TOLERANCE, ScoreSampler, SpikeTrain, jitter_periodic,
    jitter_score, jitter_train, sample_periodic_train,
};

/// Explicit check of a periodic train: in [0, T), sorted, circularly refractory.
fn assert_circular(train: &PeriodicTrain) {
    let t = train.times();
    let period = train.period();
    assert!(t.iter().all(|&x| (0.0..period).contains(&x)), "{t:?}");
    for w in t.windows(2) {
        assert!(w[1] - w[0] >= 1.0 - REFRACTORY_TOLERANCE, "{t:?}");
    }
    if let (Some(&first), Some(&last)) = (t.first(), t.last())
        && t.len() > 1
    {
        assert!(first + period - last >= 1.0 - REFRACTORY_TOLERANCE, "{t:?}");
    }
}

fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 1e-6..1e-3f64, 0.01..5.0f64, 1e3..1e12f64,]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sampled_trains_are_circularly_refractory(
        period in 1.001..300.0f64,
        rate in rate(),
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for _ in 0..5 {
            let train = sample_periodic_train(&mut rng, period, rate).unwrap();
            prop_assert!((train.len() as f64) < period.max(1.0));
            assert_circular(&train);
        }
    }

    #[test]
    fn jittered_periodic_copies_stay_valid(
        period in 2.0..100.0f64,
        rate in 0.1..3.0f64,
        sigma in 0.0..2.0f64,
        sweeps in 1usize..10,
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let sampler = ScoreSampler::new(period, rate).unwrap();
        let score = sampler.sample_score(&mut rng, 4).unwrap();
        let config = JitterConfig { sigma, sweeps };
        let copy = jitter_score(&mut rng, &score, &config).unwrap();
        for (a, b) in copy.channels().iter().zip(score.channels()) {
            prop_assert_eq!(a.len(), b.len());
            assert_circular(a);
        }
        let single = jitter_periodic(&mut rng, &score.channels()[0], &config).unwrap();
        assert_circular(&single);
    }

    #[test]
    fn jittered_trains_keep_their_window(
        period in 2.0..30.0f64,
        rate in 0.1..3.0f64,
        start in -100.0..100.0f64,
        width in 0.0..80.0f64,
        sigma in 0.0..3.0f64,
        sweeps in 1usize..10,
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let periodic = sample_periodic_train(&mut rng, period, rate).unwrap();
        let end = start + width;
        let train = SpikeTrain::new(periodic.unrolled(start, end)).unwrap();
        let copy = jitter_train(&mut rng, &train, start, end, &JitterConfig { sigma, sweeps })
            .unwrap();
        prop_assert_eq!(copy.len(), train.len());
        prop_assert!(copy.times().iter().all(|&t| t >= start && t <= end));
        for w in copy.times().windows(2) {
            prop_assert!(w[1] - w[0] >= 1.0 - REFRACTORY_TOLERANCE);
        }
    }
}
