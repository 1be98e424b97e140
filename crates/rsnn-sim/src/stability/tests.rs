use super::*;
use rsnn_neuron::{Input, Neuron};
use rsnn_signal::{AlphaKernel, SignalError};

/// A network from `(target, source, delay, weight)` links.
fn network(num_neurons: usize, kernel: AlphaKernel, links: &[(usize, usize, f64, f64)]) -> Network {
    let mut neurons = vec![Neuron::default(); num_neurons];
    for &(target, source, delay, weight) in links {
        neurons[target].inputs.push(Input {
            source,
            delay,
            weight,
        });
    }
    Network::new(neurons, kernel).unwrap()
}

/// Dense row-major matrix times vector.
fn apply(matrix: &[f64], x: &[f64]) -> Vec<f64> {
    matrix
        .chunks(x.len())
        .map(|row| row.iter().zip(x).map(|(a, b)| a * b).sum())
        .collect()
}

fn magnitudes(map: &JitterMap) -> Vec<f64> {
    let mut m: Vec<f64> = eigenvalues(&map.matrix(), map.dimension())
        .unwrap()
        .iter()
        .map(|z| z.0.hypot(z.1))
        .collect();
    m.sort_by(|a, b| b.total_cmp(a));
    m
}

#[test]
fn eigenvalues_of_a_small_matrix() {
    // [[0, 1], [-2, 3]] has eigenvalues 1 and 2.
    let mut v = eigenvalues(&[0.0, 1.0, -2.0, 3.0], 2).unwrap();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!((v[0].0 - 1.0).abs() < 1e-12 && v[0].1.abs() < 1e-12);
    assert!((v[1].0 - 2.0).abs() < 1e-12 && v[1].1.abs() < 1e-12);
    assert!(eigenvalues(&[], 0).unwrap().is_empty());
}

/// The example of issue 3: 5 neurons firing at 0, 2, 4, 6, 8 (period 10), weights 1, delays
/// 0, each neuron listening to every other one.
#[test]
fn all_to_all_example_is_stable() {
    let links: Vec<_> = (0..5)
        .flat_map(|l| {
            (0..5)
                .filter(move |&j| j != l)
                .map(move |j| (l, j, 0.0, 1.0))
        })
        .collect();
    let net = network(5, AlphaKernel::default(), &links);
    let score = Score::new(10.0, (0..5).map(|l| vec![2.0 * l as f64]).collect()).unwrap();
    let map = JitterMap::new(&net, &score).unwrap();
    // The kernel horizon (39.2) spans four periods back.
    assert_eq!(map.form(), MapForm::MultiPeriod { periods: 4 });
    for m in 0..5 {
        let sum: f64 = map.row(m).unwrap().iter().map(|x| x.1).sum();
        assert!((sum - 1.0).abs() < 1e-14);
    }
    let report = map.analyze().unwrap();
    assert_eq!(report.num_spikes, 5);
    assert_eq!(report.dimension(), 20);
    assert_eq!(report.form, map.form());
    let (re, im) = report.trivial_eigenvalue.unwrap();
    assert!((re - 1.0).abs() < 1e-12 && im.abs() < 1e-12);
    assert!(report.spectral_radius < 2e-3, "{report:?}");
    assert!(report.is_stable());
    // The folded map (older copies merged into the previous period's) differs at this period.
    let folded = map.folded().unwrap().analyze().unwrap();
    assert!(
        (folded.spectral_radius - report.spectral_radius).abs() > 1e-5,
        "{folded:?}"
    );
    assert_eq!(report.top_magnitudes.len(), TOP_EIGENVALUES);
    assert_eq!(report.eigenvalues.len(), 20);
}

/// Two neurons with kernel tau 0.1 (horizon 3.9) firing at 0 and 5 in a period of 10: neuron 1
/// hears neuron 0 after 4.95 (this period's copy, lag 0.05), neuron 0 hears neuron 1 after
/// 14.95, so its spike at 0 is shaped by the copy of spike 1 fired two periods earlier.
fn two_period_loop() -> (Network, Score) {
    let kernel = AlphaKernel::new(0.1).unwrap();
    let net = network(2, kernel, &[(1, 0, 4.95, 1.0), (0, 1, 14.95, 1.0)]);
    let score = Score::new(10.0, vec![vec![0.0], vec![5.0]]).unwrap();
    (net, score)
}

#[test]
fn a_delay_beyond_the_period_reaches_back_two_periods() {
    let (net, score) = two_period_loop();
    let map = JitterMap::new(&net, &score).unwrap();
    assert_eq!(map.form(), MapForm::MultiPeriod { periods: 2 });
    assert_eq!(map.dimension(), 4);
    // Spike 0 copies spike 1 of two periods back (column 2 M + 1); spike 1 copies spike 0 of
    // this period (column 0).
    assert_eq!(map.row(0).unwrap(), &[(5, 1.0)]);
    assert_eq!(map.row(1).unwrap(), &[(0, 1.0)]);
    let kernel = net.kernel();
    assert!((map.slope(0).unwrap() - kernel.derivative(0.05)).abs() < 1e-12);
    // State (dt0, dt1 of the last period, dt0, dt1 of the one before).
    #[rustfmt::skip]
    let want = [
        0.0, 0.0, 0.0, 1.0,
        0.0, 0.0, 0.0, 1.0,
        1.0, 0.0, 0.0, 0.0,
        0.0, 1.0, 0.0, 0.0,
    ];
    assert_eq!(map.matrix(), want);
    // dt1 repeats every two periods: eigenvalues 1, -1, 0, 0, so not stable.
    let exact = magnitudes(&map);
    assert!((exact[0] - 1.0).abs() < 1e-12 && (exact[1] - 1.0).abs() < 1e-12);
    let report = map.analyze().unwrap();
    assert!((report.spectral_radius - 1.0).abs() < 1e-12);
    assert!(!report.is_stable());
    // The folded map takes spike 1 from the previous period: [[0, 1], [0, 1]], eigenvalues 1
    // and 0, wrongly stable.
    let folded = map.folded().unwrap();
    assert_eq!(folded.form(), MapForm::Folded);
    assert_eq!(folded.matrix(), [0.0, 1.0, 0.0, 1.0]);
    assert!(folded.analyze().unwrap().spectral_radius < 1e-12);
}

#[test]
fn the_dimension_of_the_state_is_limited() {
    let (net, score) = two_period_loop();
    assert!(JitterMap::new_within(&net, &score, 4.0).is_ok());
    match JitterMap::new_within(&net, &score, 3.0) {
        Err(SimError::Signal(SignalError::Limit(l))) => {
            assert_eq!(l.parameter, "period");
            assert_eq!(l.size, 4.0);
        }
        other => panic!("{other:?}"),
    }
    match JitterMap::new_within(&net, &score, 1.0) {
        Err(SimError::Signal(SignalError::Limit(l))) => assert_eq!(l.parameter, "score"),
        other => panic!("{other:?}"),
    }
}

/// A ring of 3 neurons: neuron l listens to neuron l - 1 (mod 3) with delay 0.5.
#[test]
fn single_source_rows_copy_the_source_from_every_period() {
    let links: Vec<_> = (0..3).map(|l| (l, (l + 2) % 3, 0.5, 1.0)).collect();
    let net = network(3, AlphaKernel::default(), &links);
    let score = Score::new(6.0, vec![vec![0.0], vec![2.0], vec![4.0]]).unwrap();
    let map = JitterMap::new(&net, &score).unwrap();
    let h = AlphaKernel::default();
    // Spike 1 (at 2) hears the copies of spike 0 at lags 1.5 + 6 p, p = 0..=6 (the horizon is
    // 39.2): columns 3 p.
    let slope: f64 = (0..7).map(|p| h.derivative(1.5 + 6.0 * p as f64)).sum();
    assert!((map.slope(1).unwrap() - slope).abs() < 1e-15);
    let row = map.row(1).unwrap();
    assert_eq!(row.len(), 7);
    for (p, &(c, a)) in row.iter().enumerate() {
        assert_eq!(c, 3 * p);
        assert!((a - h.derivative(1.5 + 6.0 * p as f64) / slope).abs() < 1e-15);
    }
    // Spike 0 (at 0) hears spike 2 (at 4) only from the previous period on: columns 3 p + 2.
    let row = map.row(0).unwrap();
    assert_eq!(row[0].0, 5);
    assert_eq!(row.last().unwrap().0, 3 * 7 + 2);
    assert_eq!(map.form(), MapForm::MultiPeriod { periods: 7 });
    // The folded map copies the source, as the map of one period did before.
    let folded = map.folded().unwrap();
    for (m, column) in [(0, 5), (1, 0), (2, 1)] {
        let row = folded.row(m).unwrap();
        assert_eq!(row.len(), 1);
        assert_eq!(row[0].0, column);
        assert!((row[0].1 - 1.0).abs() < 1e-15);
    }
}

/// All-to-all among 4 neurons with assorted delays and weights, two spikes each.
fn assorted(period: f64) -> (Network, Score) {
    let links: Vec<_> = (0..4)
        .flat_map(|l| {
            (0..4).map(move |j| (l, j, 0.3 * (l + 2 * j) as f64, 1.0 + 0.1 * (l * j) as f64))
        })
        .collect();
    let net = network(4, AlphaKernel::default(), &links);
    let times = vec![
        vec![0.0, 5.0],
        vec![1.5, 7.0],
        vec![2.2, 9.1],
        vec![3.9, 11.0],
    ];
    (net, Score::new(period, times).unwrap())
}

#[test]
fn folded_matrix_is_the_product_of_the_row_updates() {
    let (net, score) = assorted(12.0);
    let map = JitterMap::new(&net, &score).unwrap().folded().unwrap();
    let size = map.num_spikes();
    // Naive: P <- U_m P for m = 0..M with dense matrices.
    let mut p = vec![0.0; size * size];
    for i in 0..size {
        p[i * size + i] = 1.0;
    }
    for m in 0..size {
        let mut u = vec![0.0; size * size];
        for i in 0..size {
            u[i * size + i] = 1.0;
        }
        u[m * size + m] = 0.0;
        for (c, a) in map.row(m).unwrap() {
            u[m * size + c % size] = a;
        }
        let mut next = vec![0.0; size * size];
        for i in 0..size {
            for k in 0..size {
                for j in 0..size {
                    next[i * size + j] += u[i * size + k] * p[k * size + j];
                }
            }
        }
        p = next;
    }
    let phi = map.matrix();
    for (x, y) in phi.iter().zip(&p) {
        assert!((x - y).abs() < 1e-12, "{x} vs {y}");
    }
}

#[test]
fn matrix_and_propagate_agree_and_preserve_a_common_shift() {
    // Beyond 13.7 + 39.2 no copy reaches a spike (zero slopes); below, older copies do.
    for period in [12.0, 45.0] {
        let (net, score) = assorted(period);
        let map = JitterMap::new(&net, &score).unwrap();
        let dim = map.dimension();
        let expected = if period == 12.0 { 4 } else { 1 };
        assert_eq!(map.periods(), expected);
        let phi = map.matrix();
        let x: Vec<f64> = (0..dim).map(|i| ((i * 7919) % 13) as f64 - 6.0).collect();
        let by_matrix = apply(&phi, &x);
        let by_updates = map.propagate(&x).unwrap();
        for (a, b) in by_matrix.iter().zip(&by_updates) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        let shifted = map.propagate(&vec![1.0; dim]).unwrap();
        assert!(shifted.iter().all(|&y| (y - 1.0).abs() < 1e-12));
        assert!(matches!(
            map.propagate(&x[1..]),
            Err(SimError::InvalidParameter { name: "state", .. })
        ));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Rows of the map are weighted averages, so the common shift is an eigenvector with
    /// eigenvalue 1 (whatever the weights, delays and spike times, in either form).
    #[test]
    fn common_shift_has_eigenvalue_one(
        weights in proptest::collection::vec(-1.0f64..1.0, 9),
        delays in proptest::collection::vec(0.0f64..12.0, 9),
        offsets in proptest::collection::vec(0.0f64..2.5, 3),
    ) {
        let links: Vec<_> = (0..9).map(|i| (i / 3, i % 3, delays[i], weights[i])).collect();
        let net = network(3, AlphaKernel::default(), &links);
        let times = (0..3).map(|l| vec![3.0 * l as f64 + offsets[l]]).collect();
        let score = Score::new(9.0, times).unwrap();
        // A random spike can sit where the slope vanishes: that is a typed error.
        let Ok(exact) = JitterMap::new(&net, &score) else {
            return Ok(());
        };
        for map in [exact.folded().unwrap(), exact] {
            let size = map.dimension();
            let phi = map.matrix();
            let scale: f64 = phi.iter().map(|x| x.abs()).fold(1.0, f64::max);
            for m in 0..size {
                let sum: f64 = phi[m * size..(m + 1) * size].iter().sum();
                proptest::prop_assert!((sum - 1.0).abs() < 1e-9 * scale, "row {} sums to {}", m, sum);
            }
            let values = eigenvalues(&phi, size).unwrap();
            let closest = values
                .iter()
                .map(|z| (z.0 - 1.0).hypot(z.1))
                .fold(f64::INFINITY, f64::min);
            proptest::prop_assert!(closest < 1e-6 * scale, "{:?}", values);
        }
    }

    /// When the period exceeds the largest delay plus the kernel horizon (39.2), the exact map
    /// has the single-period form and equals the folded one.
    #[test]
    fn forms_agree_beyond_the_largest_delay_plus_the_horizon(
        weights in proptest::collection::vec(-1.0f64..1.0, 16),
        delays in proptest::collection::vec(0.0f64..10.0, 16),
        offsets in proptest::collection::vec(0.0f64..4.0, 8),
        extra in 0.0f64..20.0,
    ) {
        let links: Vec<_> = (0..16).map(|i| (i / 4, i % 4, delays[i], weights[i])).collect();
        let net = network(4, AlphaKernel::default(), &links);
        let max_delay = delays.iter().copied().fold(0.0, f64::max);
        let period = max_delay + AlphaKernel::default().horizon(1e-15).unwrap() + 0.01 + extra;
        let times = (0..4)
            .map(|l| vec![5.0 * l as f64 + offsets[l], 5.0 * l as f64 + 20.0 + offsets[4 + l]])
            .collect();
        let score = Score::new(period, times).unwrap();
        let Ok(exact) = JitterMap::new(&net, &score) else {
            return Ok(());
        };
        proptest::prop_assert_eq!(exact.form(), MapForm::SinglePeriod);
        let folded = exact.folded().unwrap();
        for m in 0..exact.num_spikes() {
            let (a, b) = (exact.row(m).unwrap(), folded.row(m).unwrap());
            proptest::prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                proptest::prop_assert_eq!(x.0, y.0);
                proptest::prop_assert!((x.1 - y.1).abs() < 1e-12);
            }
        }
        let (a, b) = (exact.matrix(), folded.matrix());
        for (x, y) in a.iter().zip(&b) {
            proptest::prop_assert!((x - y).abs() < 1e-9, "{} vs {}", x, y);
        }
    }
}

#[test]
fn empty_score_has_an_empty_spectrum() {
    let net = Network::new(vec![Neuron::default()], AlphaKernel::default()).unwrap();
    let report = analyze(&net, &Score::silent(5.0, 1).unwrap()).unwrap();
    assert_eq!(report.num_spikes, 0);
    assert_eq!(report.form, MapForm::SinglePeriod);
    assert_eq!(report.trivial_eigenvalue, None);
    assert_eq!(report.spectral_radius, 0.0);
}

#[test]
fn zero_slope_is_a_typed_error() {
    // A spike of a neuron without inputs has no slope at all.
    let net = network(2, AlphaKernel::default(), &[]);
    let score = Score::new(5.0, vec![vec![1.0], vec![]]).unwrap();
    assert!(matches!(
        JitterMap::new(&net, &score),
        Err(SimError::ZeroSlope {
            spike: 0,
            neuron: 0,
            ..
        })
    ));
    let wrong = Score::new(5.0, vec![vec![1.0]]).unwrap();
    assert!(matches!(
        JitterMap::new(&net, &wrong),
        Err(SimError::NeuronCount {
            expected: 2,
            found: 1,
            ..
        })
    ));
}
