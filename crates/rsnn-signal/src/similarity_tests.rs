//! Unit tests of the similarity measure.

use super::*;
use crate::lag::{circdist, kappa, max_correlation_direct};
use crate::{ScoreSampler, SpikeTrain};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn score(period: f64, channels: Vec<Vec<f64>>) -> Score {
    Score::new(period, channels).unwrap()
}

fn times(score: &Score) -> Vec<Vec<f64>> {
    score
        .channels()
        .iter()
        .map(|c| c.times().to_vec())
        .collect()
}

fn assert_sim(s: Similarity, precision: f64, recall: f64) {
    assert!(
        (s.precision - precision).abs() < 1e-12 && (s.recall - recall).abs() < 1e-12,
        "{s:?} vs ({precision}, {recall})"
    );
}

#[test]
fn identical_and_empty() {
    let s = score(10.0, vec![vec![1.0, 5.0], vec![], vec![3.0]]);
    assert_sim(
        multi_channel_similarity(&s, &times(&s), 0.0).unwrap(),
        1.0,
        1.0,
    );
    let empty: Vec<Vec<f64>> = vec![vec![]; 3];
    // The silent channel matches (1), the two others are missed (0).
    assert_sim(
        multi_channel_similarity(&s, &empty, 0.0).unwrap(),
        1.0 / 3.0,
        1.0 / 3.0,
    );
    let silent = Score::silent(10.0, 2).unwrap();
    assert_sim(
        multi_channel_similarity(&silent, &[vec![], vec![]], 0.0).unwrap(),
        1.0,
        1.0,
    );
    assert_sim(
        multi_channel_similarity(&silent, &[vec![1.0], vec![]], 0.0).unwrap(),
        0.5,
        0.5,
    );
    let none = Score::silent(10.0, 0).unwrap();
    let no_trains: [Vec<f64>; 0] = [];
    assert_sim(
        multi_channel_similarity(&none, &no_trains, 0.0).unwrap(),
        1.0,
        1.0,
    );
}

#[test]
fn precision_and_recall_differ() {
    // Channel 0 produces an extra spike: precision 1/2 there, recall 1.
    let s = score(10.0, vec![vec![2.0], vec![6.0]]);
    let produced = vec![vec![2.0, 7.0], vec![6.0]];
    assert_sim(
        multi_channel_similarity(&s, &produced, 0.0).unwrap(),
        0.75,
        1.0,
    );
    // One missed spike: recall 1/2 on channel 0.
    let s = score(10.0, vec![vec![2.0, 7.0], vec![6.0]]);
    let produced = vec![vec![2.0], vec![6.0]];
    assert_sim(
        multi_channel_similarity(&s, &produced, 0.0).unwrap(),
        1.0,
        0.75,
    );
}

#[test]
fn one_perturbed_spike_costs_its_kernel_value() {
    // Moving one spike of L channels with n_c spikes by eps costs 2 eps / (L n_c).
    let s = score(20.0, vec![vec![1.0, 4.0, 9.0], vec![2.0], vec![15.0, 17.0]]);
    for eps in [1e-6, 1e-3, 0.1, 0.2] {
        let mut produced = times(&s);
        produced[0][1] += eps;
        let expected = 1.0 - 2.0 * eps / (3.0 * 3.0);
        assert_sim(
            multi_channel_similarity(&s, &produced, 0.0).unwrap(),
            expected,
            expected,
        );
    }
}

#[test]
fn global_lag_is_shared() {
    // Both channels late by 0.2: still 1. One late, one early: the lag cannot fix both.
    let s = score(10.0, vec![vec![1.0], vec![5.0]]);
    assert_sim(
        multi_channel_similarity(&s, &[vec![1.2], vec![5.2]], 0.0).unwrap(),
        1.0,
        1.0,
    );
    let sim = multi_channel_similarity(&s, &[vec![1.2], vec![4.8]], 0.0).unwrap();
    assert_sim(sim, 0.6, 0.6);
    // Each channel alone has its own lag.
    let one = single_channel_similarity(s.channel(1).unwrap(), &[4.8], 0.0).unwrap();
    assert_sim(one, 1.0, 1.0);
}

#[test]
fn window_folding_and_boundary_drop() {
    let p = PeriodicTrain::new(10.0, vec![0.2, 5.0]).unwrap();
    // The cycle [100, 110) seen from the window [99.5, 109.5): 100.2 and 105.0 are inside.
    let produced = [90.2, 95.0, 100.2, 105.0, 110.2];
    assert_sim(
        single_channel_similarity(&p, &produced, 99.5).unwrap(),
        1.0,
        1.0,
    );
    // Window [100.1, 110.1): 105.0 and 110.05 (= 0.05 mod 10); first and last are 4.95 apart.
    let produced = [105.0, 110.05];
    let s = single_channel_similarity(&p, &produced, 100.1).unwrap();
    assert_sim(s, 1.0 - 0.3 / 2.0, 1.0 - 0.3 / 2.0);
    // A spike at the very start and one just before the end are closer than 1 across the
    // boundary: the last is dropped.
    let cycle = fold_cycle(&[100.2, 105.0, 109.7], 10.0, 100.0).unwrap();
    assert_eq!(cycle.len(), 2);
    assert!((cycle.times()[0] - 0.2).abs() < 1e-12);
    let cycle = fold_cycle(&[100.2, 105.0, 109.1], 10.0, 100.0).unwrap();
    assert_eq!(cycle.len(), 3);
}

#[test]
fn cycles_of_a_recording() {
    let s = score(10.0, vec![vec![1.0, 5.0], vec![3.0]]);
    // Three cycles: perfect, channel 1 silent, perfect again.
    let produced = vec![
        SpikeTrain::new(vec![1.0, 5.0, 11.0, 15.0, 21.0, 25.0]).unwrap(),
        SpikeTrain::new(vec![3.0, 23.0]).unwrap(),
    ];
    let sims = cycle_similarities(&s, &produced, 0.0, 3).unwrap();
    assert_eq!(sims.len(), 3);
    assert_sim(sims[0], 1.0, 1.0);
    assert_sim(sims[1], 0.5, 0.5);
    assert_sim(sims[2], 1.0, 1.0);
    assert!(
        cycle_similarities(&s, &produced, 0.0, 0)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn bad_inputs_are_typed_errors() {
    let s = score(10.0, vec![vec![1.0], vec![3.0]]);
    assert!(matches!(
        multi_channel_similarity(&s, &[vec![1.0]], 0.0),
        Err(SignalError::ChannelMismatch {
            expected: 2,
            found: 1
        })
    ));
    assert!(matches!(
        multi_channel_similarity(&s, &[vec![1.0], vec![3.0, 3.5]], 0.0),
        Err(SignalError::Refractory {
            channel: Some(1),
            ..
        })
    ));
    assert!(matches!(
        multi_channel_similarity(&s, &[vec![f64::NAN], vec![]], 0.0),
        Err(SignalError::NonFinite {
            channel: Some(0),
            ..
        })
    ));
    assert!(matches!(
        multi_channel_similarity(&s, &[vec![5.0, 1.0], vec![]], 0.0),
        Err(SignalError::Unsorted { .. })
    ));
    assert!(matches!(
        multi_channel_similarity(&s, &[vec![1.0], vec![3.0]], f64::NAN),
        Err(SignalError::InvalidParameter {
            name: "window_start",
            ..
        })
    ));
    assert!(matches!(
        cycle_similarities(&s, &[vec![1.0], vec![3.0]], f64::INFINITY, 2),
        Err(SignalError::InvalidParameter {
            name: "first_start",
            ..
        })
    ));
}

/// Brute force: every candidate lag, every pair of every channel, straight from docs/model.md.
fn brute_force(prescribed: &Score, produced: &[Vec<f64>]) -> Similarity {
    let period = prescribed.period();
    let mut lags = Vec::new();
    for (p, q) in prescribed.channels().iter().zip(produced) {
        for &a in p.times() {
            for &b in q {
                lags.push(b - a);
            }
        }
    }
    let l = prescribed.num_channels() as f64;
    let (mut best_p, mut best_r) = (0.0f64, 0.0f64);
    let score_at = |lag: Option<f64>| {
        let (mut sp, mut sr) = (0.0, 0.0);
        for (p, q) in prescribed.channels().iter().zip(produced) {
            match (p.is_empty(), q.is_empty(), lag) {
                (true, true, _) => {
                    sp += 1.0;
                    sr += 1.0;
                }
                (false, false, Some(lag)) => {
                    let mut corr = 0.0;
                    for &a in p.times() {
                        for &b in q {
                            corr += kappa(circdist(b - lag, a, period));
                        }
                    }
                    sp += corr / q.len() as f64;
                    sr += corr / p.len() as f64;
                }
                _ => {}
            }
        }
        (sp / l, sr / l)
    };
    if lags.is_empty() {
        let (sp, sr) = score_at(None);
        return Similarity {
            precision: sp,
            recall: sr,
        };
    }
    for lag in lags {
        let (sp, sr) = score_at(Some(lag));
        best_p = best_p.max(sp);
        best_r = best_r.max(sr);
    }
    Similarity {
        precision: best_p,
        recall: best_r,
    }
}

#[test]
fn sweep_matches_brute_force_on_random_scores() {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    for (period, rate, channels) in [
        (10.0, 0.5, 5),
        (20.0, 0.3, 8),
        (3.5, 2.0, 6),
        (50.0, 1.0, 4),
    ] {
        let sampler = ScoreSampler::new(period, rate).unwrap();
        for _ in 0..20 {
            let a = sampler.sample_score(&mut rng, channels).unwrap();
            let b = sampler.sample_score(&mut rng, channels).unwrap();
            let produced = times(&b);
            let fast = multi_channel_similarity(&a, &produced, 0.0).unwrap();
            let slow = brute_force(&a, &produced);
            assert_sim(fast, slow.precision, slow.recall);
        }
    }
}

#[test]
fn short_periods_use_direct_evaluation() {
    let s = score(1.5, vec![vec![0.2], vec![1.0], vec![]]);
    let produced = vec![vec![0.3], vec![1.4], vec![]];
    let fast = multi_channel_similarity(&s, &produced, 0.0).unwrap();
    assert_sim(
        fast,
        brute_force(&s, &produced).precision,
        brute_force(&s, &produced).recall,
    );
    assert!(max_correlation_direct(&[], 1.0) == (0.0, 0.0));
}

#[test]
fn sweep_matches_brute_force_with_near_equal_lags() {
    // Identical channels make thousands of nearly equal pairwise differences.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let one = ScoreSampler::new(12.0, 3.0)
        .unwrap()
        .sample_train(&mut rng)
        .unwrap();
    let s = Score::from_trains(12.0, vec![one; 8]).unwrap();
    for sigma in [1e-9, 1e-4, 0.05, 0.3] {
        let copy = crate::jitter_score(&mut rng, &s, &crate::JitterConfig::new(sigma)).unwrap();
        let produced = times(&copy);
        let fast = multi_channel_similarity(&s, &produced, 0.0).unwrap();
        let slow = brute_force(&s, &produced);
        assert_sim(fast, slow.precision, slow.recall);
    }
}
