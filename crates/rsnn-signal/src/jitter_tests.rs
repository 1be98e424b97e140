//! Unit tests of the jitter sampler.

use super::*;
use crate::ScoreSampler;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

#[test]
fn zero_sigma_returns_the_input() {
    let p = PeriodicTrain::new(10.0, vec![0.5, 3.0]).unwrap();
    let config = JitterConfig::new(0.0);
    assert_eq!(jitter_periodic(&mut rng(1), &p, &config).unwrap(), p);
    let s = SpikeTrain::new(vec![0.5, 3.0]).unwrap();
    assert_eq!(jitter_train(&mut rng(1), &s, 0.0, 5.0, &config).unwrap(), s);
    let score = Score::new(10.0, vec![vec![1.0], vec![]]).unwrap();
    assert_eq!(jitter_score(&mut rng(1), &score, &config).unwrap(), score);
}

#[test]
fn bad_parameters_are_named() {
    let p = PeriodicTrain::new(10.0, vec![0.5]).unwrap();
    for sigma in [-0.1, f64::NAN, f64::INFINITY] {
        let err = jitter_periodic(&mut rng(1), &p, &JitterConfig::new(sigma)).unwrap_err();
        assert!(matches!(
            err,
            SignalError::InvalidParameter { name: "sigma", .. }
        ));
    }
    let config = JitterConfig {
        sigma: 0.1,
        sweeps: 0,
    };
    let err = jitter_periodic(&mut rng(1), &p, &config).unwrap_err();
    assert!(matches!(
        err,
        SignalError::InvalidParameter { name: "sweeps", .. }
    ));
    let s = SpikeTrain::new(vec![0.5, 3.0]).unwrap();
    let c = JitterConfig::default();
    assert!(matches!(
        jitter_train(&mut rng(1), &s, 1.0, 5.0, &c),
        Err(SignalError::OutOfWindow { index: 0, .. })
    ));
    assert!(matches!(
        jitter_train(&mut rng(1), &s, 5.0, 1.0, &c),
        Err(SignalError::InvalidParameter { name: "end", .. })
    ));
    assert!(matches!(
        jitter_train(&mut rng(1), &s, f64::NAN, 5.0, &c),
        Err(SignalError::InvalidParameter { name: "start", .. })
    ));
}

#[test]
fn single_spike_is_gaussian() {
    let s = SpikeTrain::new(vec![5.0]).unwrap();
    let config = JitterConfig {
        sigma: 0.2,
        sweeps: 1,
    };
    let mut r = rng(2);
    let n = 20_000;
    let xs: Vec<f64> = (0..n)
        .map(|_| {
            jitter_train(&mut r, &s, 0.0, 10.0, &config)
                .unwrap()
                .times()[0]
        })
        .collect();
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    assert!((mean - 5.0).abs() < 0.01, "{mean}");
    assert!((var.sqrt() - 0.2).abs() < 0.005, "{}", var.sqrt());
}

#[test]
fn tight_trains_cannot_move() {
    // Spikes exactly one period apart filling the window: the only valid copy is the input.
    let s = SpikeTrain::new(vec![0.0, 1.0, 2.0, 3.0]).unwrap();
    let out = jitter_train(&mut rng(3), &s, 0.0, 3.0, &JitterConfig::new(0.5)).unwrap();
    assert_eq!(out, s);
    // A periodic train with T = 2 and two spikes can only rotate... but each spike is pinned
    // by the other: nothing moves.
    let p = PeriodicTrain::new(2.0, vec![0.25, 1.25]).unwrap();
    let out = jitter_periodic(&mut rng(3), &p, &JitterConfig::new(0.5)).unwrap();
    assert_eq!(out, p);
}

#[test]
fn windows_and_refractoriness_hold() {
    let s = SpikeTrain::new(vec![0.1, 1.2, 2.5, 6.0, 7.05, 9.9]).unwrap();
    let mut r = rng(4);
    for sigma in [0.01, 0.3, 3.0] {
        let config = JitterConfig { sigma, sweeps: 20 };
        for _ in 0..50 {
            let out = jitter_train(&mut r, &s, 0.0, 10.0, &config).unwrap();
            assert_eq!(out.len(), s.len());
            assert!(out.times().iter().all(|&t| (0.0..=10.0).contains(&t)));
        }
    }
    // Infinite windows are allowed.
    let config = JitterConfig::new(1.0);
    let out = jitter_train(&mut r, &s, f64::NEG_INFINITY, f64::INFINITY, &config).unwrap();
    assert_eq!(out.len(), s.len());
}

#[test]
fn periodic_copies_wrap_around() {
    // A spike near 0 often moves below 0 and must reappear near T.
    let p = PeriodicTrain::new(10.0, vec![0.01, 5.0]).unwrap();
    let config = JitterConfig::new(0.1);
    let mut r = rng(5);
    let mut wrapped = 0;
    for _ in 0..200 {
        let out = jitter_periodic(&mut r, &p, &config).unwrap();
        assert_eq!(out.len(), 2);
        wrapped += usize::from(out.times()[1] > 9.0);
    }
    assert!(wrapped > 50, "{wrapped}");
    // A single spike on the circle is a wrapped Gaussian.
    let p = PeriodicTrain::new(3.0, vec![2.99]).unwrap();
    let out = jitter_periodic(&mut r, &p, &JitterConfig::new(10.0)).unwrap();
    assert_eq!(out.len(), 1);
}

#[test]
fn score_jitter_is_reproducible() {
    let score = ScoreSampler::new(50.0, 0.2)
        .unwrap()
        .sample_score(&mut rng(6), 30)
        .unwrap();
    let config = JitterConfig::new(0.1);
    let a = jitter_score(&mut rng(7), &score, &config).unwrap();
    let b = jitter_score(&mut rng(7), &score, &config).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, score);
    for (x, y) in a.channels().iter().zip(score.channels()) {
        assert_eq!(x.len(), y.len());
    }
}

#[test]
fn config_serde_defaults() {
    let c: JitterConfig = serde_json::from_str(r#"{"sigma":0.5}"#).unwrap();
    assert_eq!(c.sweeps, JitterConfig::DEFAULT_SWEEPS);
    assert_eq!(c.sigma, 0.5);
}
