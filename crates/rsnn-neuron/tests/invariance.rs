//! Property tests: shifting every time by 1e6 changes nothing (local coefficients), slopes
//! match finite differences away from arrivals, and tau != 1 is a rescaling of tau = 1.

use proptest::prelude::*;
use rsnn_neuron::{Arrivals, PotentialState};
use rsnn_signal::AlphaKernel;

fn arrivals() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((0.0f64..20.0, -1.0f64..1.5), 1..15)
}

/// Query times between arrivals (midpoints of gaps) and after the last one.
fn probes(list: &[(f64, f64)]) -> Vec<f64> {
    let mut times: Vec<f64> = list.iter().map(|a| a.0).collect();
    times.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = times
        .windows(2)
        .filter(|w| w[1] - w[0] > 1e-3)
        .map(|w| 0.5 * (w[0] + w[1]))
        .collect();
    let last = times[times.len() - 1];
    out.extend([last + 0.3, last + 1.7, last + 6.0]);
    out
}

fn scale(list: &[(f64, f64)]) -> f64 {
    list.iter().map(|a| a.1.abs()).sum::<f64>()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shift_by_a_million_changes_nothing(list in arrivals()) {
        const SHIFT: f64 = 1e6;
        let h = AlphaKernel::default();
        let a = Arrivals::new(h, list.clone()).unwrap();
        let shifted: Vec<(f64, f64)> = list.iter().map(|&(t, w)| (t + SHIFT, w)).collect();
        let b = Arrivals::new(h, shifted.clone()).unwrap();
        let tol = 1e-9 * (1.0 + scale(&list));
        for t in probes(&list) {
            prop_assert!((a.potential(t) - b.potential(t + SHIFT)).abs() <= tol);
            prop_assert!((a.slope_right(t) - b.slope_right(t + SHIFT)).abs() <= tol);
        }
        let mut sorted = shifted;
        sorted.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut s = PotentialState::new(h);
        for &(t, w) in &sorted {
            s.add_arrival(t, w);
        }
        let last = sorted[sorted.len() - 1].0 - SHIFT;
        // Crossings move with the shift (up to the rounding of times near 1e6).
        for level in [-0.2, 0.3, 0.8] {
            match (a.next_crossing(level, 0.0), b.next_crossing(level, SHIFT)) {
                (Some(x), Some(y)) => prop_assert!(
                    (x + SHIFT - y).abs() < 1e-6 || (a.potential(x) - level).abs() < 1e-6
                ),
                (None, None) => {}
                (x, y) => {
                    let t = x.or(y.map(|y| y - SHIFT)).unwrap_or(0.0);
                    prop_assert!((a.potential(t) - level).abs() < 1e-6, "{:?} {:?}", x, y);
                }
            }
        }
        for u in [0.3, 1.7, 6.0] {
            prop_assert!((a.potential(last + u) - s.potential(last + u + SHIFT)).abs() <= tol);
            prop_assert!((a.slope_right(last + u) - s.slope(last + u + SHIFT)).abs() <= tol);
        }
    }

    #[test]
    fn slope_matches_finite_difference(
        list in arrivals(),
        tau in prop_oneof![Just(1.0), 0.3f64..3.0],
    ) {
        let a = Arrivals::new(AlphaKernel::new(tau).unwrap(), list.clone()).unwrap();
        let eps = 1e-6;
        for t in probes(&list) {
            if list.iter().any(|&(s, _)| (t - s).abs() < 1e-4) {
                continue;
            }
            let fd = (a.potential(t + eps) - a.potential(t - eps)) / (2.0 * eps);
            let tol = 1e-6 * (1.0 + scale(&list)) / (tau * tau);
            prop_assert!((a.slope_right(t) - fd).abs() <= tol);
            prop_assert!((a.slope_left(t) - fd).abs() <= tol);
        }
    }

    #[test]
    fn tau_is_a_rescaling(list in arrivals(), tau in 0.2f64..4.0, level in 0.05f64..1.0) {
        let unit = Arrivals::new(AlphaKernel::default(), list.clone()).unwrap();
        let scaled: Vec<(f64, f64)> = list.iter().map(|&(t, w)| (t * tau, w)).collect();
        let a = Arrivals::new(AlphaKernel::new(tau).unwrap(), scaled).unwrap();
        for t in probes(&list) {
            prop_assert!((a.potential(t * tau) - unit.potential(t)).abs() < 1e-12);
            prop_assert!((a.slope_right(t * tau) * tau - unit.slope_right(t)).abs() < 1e-11);
        }
        // Crossing times agree, unless the level merely touches a local maximum (ill-posed):
        // then the earlier of the two is such a touch.
        let x = a.next_crossing(level, 0.0).map(|x| x / tau);
        let y = unit.next_crossing(level, 0.0);
        match (x, y) {
            (Some(x), Some(y)) if (x - y).abs() < 1e-9 * (1.0 + x.abs()) => {}
            (None, None) => {}
            (x, y) => {
                let first = x.into_iter().chain(y).fold(f64::INFINITY, f64::min);
                prop_assert!((unit.potential(first) - level).abs() < 1e-9, "{:?} {:?}", x, y);
            }
        }
        let window = [(0.0, 25.0 * tau)];
        let m = a.max_potential(&window).unwrap();
        let n = unit.max_potential(&[(0.0, 25.0)]).unwrap();
        prop_assert!((m.value - n.value).abs() < 1e-12);
    }
}
