//! Unit tests of the samplers, with the test vectors V1 of docs/model.md §9.

use super::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn v1_two_values() {
    let p = spike_count_distribution(2.0, 1.0).unwrap();
    assert_eq!(p.len(), 2);
    assert!(close(p[0], 1.0 / 3.0, 1e-15), "{p:?}");
    assert!(close(p[1], 2.0 / 3.0, 1e-15), "{p:?}");
}

#[test]
fn v1_period_ten() {
    let expected = [
        0.029678, 0.148392, 0.296784, 0.302967, 0.166941, 0.048305, 0.006595, 0.000335, 0.000004,
        0.000000,
    ];
    let p = spike_count_distribution(10.0, 0.5).unwrap();
    assert_eq!(p.len(), 10);
    for (n, (&got, &want)) in p.iter().zip(&expected).enumerate() {
        assert!(close(got, want, 1e-6), "n = {n}: {got} vs {want}");
    }
    assert!(close(p.iter().sum::<f64>(), 1.0, 1e-14));
}

#[test]
fn v1_zero_rate_is_always_empty() {
    assert_eq!(spike_count_distribution(100.0, 0.0).unwrap(), vec![1.0]);
    assert_eq!(expected_spike_count(100.0, 0.0).unwrap(), 0.0);
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    assert!(
        sample_periodic_train(&mut rng, 100.0, 0.0)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn v1_support_lengths() {
    assert_eq!(
        spike_count_distribution(1000.0001, 0.5).unwrap().len(),
        1001
    );
    assert_eq!(spike_count_distribution(1000.0, 0.5).unwrap().len(), 1000);
    // At or below the refractory period a train could only be empty: refused, with a reason.
    for period in [0.5, 1.0] {
        let e = spike_count_distribution(period, 0.5).unwrap_err();
        assert!(e.to_string().contains("refractory period"), "{e}");
    }
}

#[test]
fn a_score_beyond_the_spike_limit_is_refused_before_drawing() {
    let sampler = ScoreSampler::new(50.0, 0.2).unwrap();
    let e = sampler
        .sample_score(&mut ChaCha8Rng::seed_from_u64(1), 100_000_000)
        .unwrap_err();
    assert!(
        matches!(e, SignalError::Limit(ref l) if l.parameter == "channels"),
        "{e}"
    );
    assert!(e.to_string().contains("above the limit of 1e7"), "{e}");
    let small = sampler.with_max_spikes(10.0);
    assert!(
        small
            .sample_score(&mut ChaCha8Rng::seed_from_u64(1), 2)
            .is_err()
    );
}

#[test]
fn v1_expected_counts() {
    assert!(close(
        expected_spike_count(50.0, 0.2).unwrap(),
        7.225326,
        1e-6
    ));
    // Exactly 1 - 1e-11 / (1e11 + 0.99999): "at most one spike fits".
    let e = expected_spike_count(1.00001, 1e11).unwrap();
    assert!(close(e, 1.0, 1e-10), "{e}");
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for _ in 0..100 {
        let train = sample_periodic_train(&mut rng, 1.00001, 1e11).unwrap();
        assert!(train.len() <= 1);
    }
}

#[test]
fn bad_parameters_are_named() {
    for period in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e8] {
        let err = spike_count_distribution(period, 0.2).unwrap_err();
        assert!(
            matches!(err, SignalError::InvalidParameter { name: "period", .. }),
            "{err}"
        );
    }
    for rate in [-0.1, f64::NAN, f64::INFINITY] {
        let err = ScoreSampler::new(50.0, rate).unwrap_err();
        assert!(
            matches!(err, SignalError::InvalidParameter { name: "rate", .. }),
            "{err}"
        );
    }
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    assert!(sample_score(&mut rng, 3, -5.0, 0.2).is_err());
    assert!(sample_score(&mut rng, 3, 5.0, -0.2).is_err());
}

#[test]
fn samples_are_reproducible_and_valid() {
    let sampler = ScoreSampler::new(50.0, 0.2).unwrap();
    let a = sampler
        .sample_score(&mut ChaCha8Rng::seed_from_u64(9), 50)
        .unwrap();
    let b = sampler
        .sample_score(&mut ChaCha8Rng::seed_from_u64(9), 50)
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(a.num_channels(), 50);
    assert!(a.num_spikes() > 100);
}

#[test]
fn dense_trains_fill_the_period() {
    // With a huge rate the count is the largest that fits: n = ceil(T) - 1.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..200 {
        let train = sample_periodic_train(&mut rng, 20.5, 1e18).unwrap();
        assert_eq!(train.len(), 20);
    }
    let train = sample_periodic_train(&mut rng, 20.0, 1e12).unwrap();
    assert_eq!(train.len(), 19);
}

#[test]
fn spike_times_are_marginally_uniform() {
    // By rotation invariance every spike time is uniform on [0, T): check the mean and the
    // fraction in the first half.
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let sampler = ScoreSampler::new(10.0, 1.0).unwrap();
    let (mut sum, mut first_half, mut count) = (0.0, 0usize, 0usize);
    for _ in 0..5000 {
        for &t in sampler.sample_train(&mut rng).unwrap().times() {
            sum += t;
            count += 1;
            first_half += usize::from(t < 5.0);
        }
    }
    let mean = sum / count as f64;
    assert!(close(mean, 5.0, 0.1), "{mean}");
    let frac = first_half as f64 / count as f64;
    assert!(close(frac, 0.5, 0.02), "{frac}");
}

#[test]
fn statistical_mean_count() {
    // 20,000 draws at T = 50, lambda = 0.2: the mean count is within 1% of 7.225326.
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let sampler = ScoreSampler::new(50.0, 0.2).unwrap();
    let total: usize = (0..20_000)
        .map(|_| sampler.sample_train(&mut rng).unwrap().len())
        .sum();
    let mean = total as f64 / 20_000.0;
    assert!((mean / 7.225326 - 1.0).abs() < 0.01, "{mean}");
}

#[test]
fn serde_round_trip_validates() {
    let s = ScoreSampler::new(50.0, 0.2).unwrap();
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(text, r#"{"period":50.0,"rate":0.2}"#);
    assert_eq!(serde_json::from_str::<ScoreSampler>(&text).unwrap(), s);
    assert!(serde_json::from_str::<ScoreSampler>(r#"{"period":50.0,"rate":-1}"#).is_err());
    assert_eq!(ScoreSampler::default(), s);
}
