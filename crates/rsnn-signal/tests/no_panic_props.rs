//! Arbitrary input (NaN, infinities, unsorted, huge values) never makes the constructors, the
//! samplers, the jitter or the similarity panic: it returns a typed error or a valid value.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{
    JitterConfig, PeriodicTrain, Score, SpikeTrain, jitter_periodic, jitter_train,
    multi_channel_similarity, single_channel_similarity, spike_count_distribution,
};

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        -100.0..100.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
    ]
}

fn times() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        prop::collection::vec(any_f64(), 0..8),
        // Sorted with gaps around the refractory period, to reach the deeper checks.
        prop::collection::vec(0.9..1.5f64, 0..8).prop_map(|gaps| gaps
            .iter()
            .scan(0.0, |t, g| {
                *t += g;
                Some(*t)
            })
            .collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn constructors_never_panic(t in times(), period in any_f64(), channels in prop::collection::vec(times(), 0..4)) {
        if let Ok(s) = SpikeTrain::new(t.clone()) {
            prop_assert_eq!(s.times(), &t[..]);
        }
        if let Ok(p) = PeriodicTrain::new(period, t.clone()) {
            prop_assert!(p.times().iter().all(|&x| x >= 0.0 && x < period));
        }
        let _ = Score::new(period, channels.clone());
        let _ = spike_count_distribution(period, t.first().copied().unwrap_or(0.2));
    }

    #[test]
    fn similarity_and_jitter_never_panic(
        prescribed in times(),
        produced in times(),
        period in prop_oneof![any_f64(), 1.0..20.0f64],
        start in any_f64(),
        sigma in any_f64(),
        seed in any::<u64>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let config = JitterConfig { sigma, sweeps: 3 };
        if let Ok(p) = PeriodicTrain::new(period, prescribed.clone()) {
            if let Ok(s) = single_channel_similarity(&p, &produced, start) {
                prop_assert!((0.0..=1.0).contains(&s.precision));
                prop_assert!((0.0..=1.0).contains(&s.recall));
            }
            let _ = jitter_periodic(&mut rng, &p, &config);
        }
        if let Ok(score) = Score::new(period, vec![prescribed.clone(), produced.clone()]) {
            let _ = multi_channel_similarity(&score, &[produced.clone(), prescribed.clone()], start);
            let _ = multi_channel_similarity(&score, std::slice::from_ref(&produced), start);
        }
        if let Ok(train) = SpikeTrain::new(produced.clone()) {
            let _ = jitter_train(&mut rng, &train, start, start + period, &config);
        }
    }
}
