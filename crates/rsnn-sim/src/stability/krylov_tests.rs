//! The Krylov path against the dense oracle on random networks.

use super::krylov::Deflated;
use super::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Input, Neuron};
use rsnn_signal::AlphaKernel;

/// The map of [`random_case`]; `None` when some spike has a vanishing slope (a typed error,
/// rare).
fn random_map(seed: u64, n: usize, k: usize, period: f64) -> Option<JitterMap> {
    let (network, score) = random_case(seed, n, k, period)?;
    JitterMap::new(&network, &score).ok()
}

/// A random network of `n` neurons with `k` inputs each (delays in `[0, 10)`, weights in
/// `[-0.5, 1)`) and a random score of period `period` with 1 to 3 spikes per neuron at least
/// 1 apart.
pub(super) fn random_case(seed: u64, n: usize, k: usize, period: f64) -> Option<(Network, Score)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let neurons: Vec<Neuron> = (0..n)
        .map(|_| Neuron {
            inputs: (0..k)
                .map(|_| Input {
                    source: rng.random_range(0..n),
                    delay: rng.random::<f64>() * 10.0,
                    weight: rng.random::<f64>() * 1.5 - 0.5,
                })
                .collect(),
        })
        .collect();
    let network = Network::new(neurons, AlphaKernel::default()).ok()?;
    let channels = (0..n)
        .map(|_| {
            let count = rng.random_range(1..=3);
            let slot = period / count as f64;
            (0..count)
                .map(|i| i as f64 * slot + rng.random::<f64>() * (slot - 1.0))
                .collect()
        })
        .collect();
    let score = Score::new(period, channels).ok()?;
    Some((network, score))
}

/// The dense spectrum without the eigenvalue closest to 1, as decreasing magnitudes.
fn dense_others(map: &JitterMap) -> Vec<f64> {
    let options = StabilityOptions {
        method: EigenMethod::Dense,
        ..StabilityOptions::default()
    };
    let report = map.analyze_with(&options).unwrap();
    assert_eq!(report.solver, Solver::Dense);
    assert_eq!(report.eigenvalues.len(), map.dimension());
    let mut values = report.eigenvalues.clone();
    let trivial = report.trivial_eigenvalue.unwrap();
    let at = values.iter().position(|&z| z == trivial).unwrap();
    values.remove(at);
    values.iter().map(|z| z.0.hypot(z.1)).collect()
}

fn krylov(map: &JitterMap, count: usize) -> StabilityReport {
    let options = StabilityOptions {
        method: EigenMethod::Krylov,
        eigenvalues: count,
        ..StabilityOptions::default()
    };
    map.analyze_with(&options).unwrap()
}

/// Eigenvalues below this fraction of the spectral radius are not compared: the companion form
/// and the firing order make nearly defective clusters at 0 (state entries that no weight
/// reads, chains of spikes copying one another), whose eigenvalues move by `eps^(1/k)` under
/// rounding in either solver.
const CLUSTER_AT_ZERO: f64 = 1e-3;

/// Absolute agreement for spectra at the level of rounding (every other eigenvalue 0).
const ROUNDING: f64 = 1e-12;

/// Checks the Krylov report of `map` against the dense spectrum: the same largest magnitudes
/// to `1e-8` relative (to the spectral radius; [`ROUNDING`] absolute) down to
/// [`CLUSTER_AT_ZERO`], the trivial
/// eigenvalue 1; returns the largest relative residual.
fn agree(map: &JitterMap, count: usize) -> f64 {
    let dense = dense_others(map);
    let report = krylov(map, count);
    let Solver::Krylov {
        requested,
        max_residual,
        applications,
    } = report.solver
    else {
        panic!("{:?}", report.solver)
    };
    assert_eq!(requested, count.min(map.dimension() - 1));
    assert_eq!(report.eigenvalues.len(), requested + 1);
    assert!(max_residual.is_finite());
    assert!(applications > requested);
    let (re, im) = report.trivial_eigenvalue.unwrap();
    // 1 up to the rounding of the row sums (weights of both signs cancel).
    assert!((re - 1.0).abs() < 1e-13 * map.scale() && im == 0.0, "{re}");
    let magnitudes: Vec<f64> = report
        .eigenvalues
        .iter()
        .filter(|&&z| Some(z) != report.trivial_eigenvalue)
        .map(|z| z.0.hypot(z.1))
        .collect();
    assert_eq!(magnitudes.len(), requested);
    let radius = dense[0];
    let radius = radius.max(f64::MIN_POSITIVE);
    for (i, (k, d)) in magnitudes.iter().zip(&dense).enumerate() {
        if k.max(*d) < CLUSTER_AT_ZERO * radius {
            break;
        }
        assert!(
            (k - d).abs() <= 1e-8 * radius + ROUNDING,
            "eigenvalue {i}: Krylov {k}, dense {d} (dimension {}, {:?})",
            map.dimension(),
            map.form()
        );
    }
    assert!((report.spectral_radius - radius).abs() <= 1e-8 * radius + ROUNDING);
    assert_eq!(
        report.top_magnitudes,
        magnitudes[..requested.min(TOP_EIGENVALUES)]
    );
    max_residual
}

#[test]
fn krylov_agrees_with_dense_on_random_networks_of_one_and_several_periods() {
    let mut forms = Vec::new();
    for seed in 0..6 {
        // Period 60 > 10 + 39.2: one period; period 12: a state of several periods.
        for (period, count) in [(60.0, 6), (12.0, 10)] {
            let Some(map) = random_map(seed, 40, 8, period) else {
                continue;
            };
            assert!(map.dimension() > 2 * 32, "too small to restart");
            let residual = agree(&map, count);
            assert!(residual < 1e-9, "residual {residual}");
            forms.push(map.form());
        }
    }
    assert!(forms.contains(&MapForm::SinglePeriod), "{forms:?}");
    assert!(
        forms.iter().filter(|f| f.periods() > 1).count() >= 4,
        "{forms:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8))]

    /// Any seed, size and period: the Krylov magnitudes are the dense ones.
    #[test]
    fn krylov_agrees_with_dense(
        seed in 0u64..1_000_000,
        n in 20usize..40,
        k in 6usize..10,
        period in 8.0f64..70.0,
        count in 1usize..12,
    ) {
        if let Some(map) = random_map(seed, n, k, period) {
            agree(&map, count);
        }
    }
}

/// The deflated map `P Phi` has the spectrum of `Phi` with exactly one eigenvalue 1 replaced
/// by 0, and maps the common shift to 0.
#[test]
fn deflation_replaces_exactly_the_trivial_eigenvalue_by_zero() {
    for (seed, period) in [(3, 12.0), (4, 60.0), (5, 25.0)] {
        let map = random_map(seed, 40, 8, period).unwrap();
        let dim = map.dimension();
        let op = Deflated::new(&map, &|| false);
        let mut y = vec![0.0; dim];
        op.apply_slice(&vec![1.0; dim], &mut y);
        assert!(y.iter().all(|v| v.abs() < 1e-11), "{y:?}");
        // The deflated matrix, column by column.
        let mut deflated = vec![0.0; dim * dim];
        let mut unit = vec![0.0; dim];
        for j in 0..dim {
            unit[j] = 1.0;
            op.apply_slice(&unit, &mut y);
            unit[j] = 0.0;
            for i in 0..dim {
                deflated[i * dim + j] = y[i];
            }
        }
        let mut want = eigenvalues(&map.matrix(), dim).unwrap();
        let trivial = (0..dim)
            .min_by(|&a, &b| {
                let d = |z: (f64, f64)| (z.0 - 1.0).hypot(z.1);
                d(want[a]).total_cmp(&d(want[b]))
            })
            .unwrap();
        assert!((want[trivial].0 - 1.0).abs() < 1e-10);
        want[trivial] = (0.0, 0.0);
        let got = eigenvalues(&deflated, dim).unwrap();
        // Sorted by magnitude, the eigenvalues above the cluster at 0 agree one to one, and
        // the cluster (the new 0 included) has as many in both.
        let (mut want, mut got) = (want, got);
        sort_by_magnitude(&mut want);
        sort_by_magnitude(&mut got);
        let radius = want[0].0.hypot(want[0].1);
        let large = |v: &[(f64, f64)]| {
            v.iter()
                .filter(|z| z.0.hypot(z.1) >= CLUSTER_AT_ZERO * radius)
                .count()
        };
        assert_eq!(large(&want), large(&got));
        assert!(large(&want) >= 5, "{want:?}");
        for (z, w) in want.iter().zip(&got).take(large(&want)) {
            let d = (z.0.hypot(z.1) - w.0.hypot(w.1)).abs();
            // Both are dense eigenvalues of matrices differing by rounding; some of these
            // random maps' eigenvalues are ill-conditioned (near-defective), hence 1e-7, still
            // far below the trivial eigenvalue's 1.
            assert!(d < 1e-7 * radius, "{z:?} vs {w:?}");
        }
    }
}

#[test]
fn auto_is_dense_for_small_maps_and_krylov_above() {
    assert_eq!(
        EigenMethod::Auto.resolve(AUTO_DENSE_DIMENSION),
        EigenMethod::Dense
    );
    assert_eq!(
        EigenMethod::Auto.resolve(AUTO_DENSE_DIMENSION + 1),
        EigenMethod::Krylov
    );
    assert_eq!(EigenMethod::Dense.resolve(1 << 20), EigenMethod::Dense);
    assert_eq!(EigenMethod::Krylov.resolve(3), EigenMethod::Krylov);
    let map = (0..)
        .find_map(|seed| random_map(seed, 10, 4, 60.0))
        .unwrap();
    assert!(map.dimension() <= AUTO_DENSE_DIMENSION);
    assert_eq!(map.analyze().unwrap().solver, Solver::Dense);
}

#[test]
fn limits_and_bad_counts_are_typed_errors() {
    let map = random_map(2, 20, 4, 60.0).unwrap();
    let dense = StabilityOptions {
        method: EigenMethod::Dense,
        max_dense_dimension: (map.dimension() - 1) as f64,
        ..StabilityOptions::default()
    };
    match map.analyze_with(&dense) {
        Err(SimError::Signal(SignalError::Limit(l))) => {
            assert_eq!(l.parameter, "score");
            assert_eq!(l.size, map.dimension() as f64);
        }
        other => panic!("{other:?}"),
    }
    // The Krylov method ignores the dense limit.
    let krylov = StabilityOptions {
        method: EigenMethod::Krylov,
        ..dense
    };
    assert!(map.analyze_with(&krylov).is_ok());
    let zero = StabilityOptions {
        eigenvalues: 0,
        ..krylov
    };
    assert!(matches!(
        map.analyze_with(&zero),
        Err(SimError::InvalidParameter {
            name: "eigenvalues",
            ..
        })
    ));
    // More eigenvalues than the deflated map has: all of them, as the dense method.
    let tiny = random_map(5, 2, 2, 60.0).unwrap();
    agree(&tiny, 50);
}
