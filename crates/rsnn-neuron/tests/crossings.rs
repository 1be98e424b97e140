//! Property tests: exact crossings agree with a fine scan refined by bisection, and extrema
//! over unions of intervals dominate dense samples.

use proptest::prelude::*;
use rsnn_neuron::{Arrivals, PotentialState};
use rsnn_signal::AlphaKernel;

/// Random arrivals: up to 12 arrivals in [0, 15] with weights in [-1, 1.5].
fn arrivals() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((0.0f64..15.0, -1.0f64..1.5), 1..12)
}

const STEP: f64 = 2e-3;

/// First crossing of `level` by `f` on `[from, until]`: a scan with step `STEP` refined by
/// bisection in the cell where `f` first reaches the level.
fn reference(f: impl Fn(f64) -> f64, level: f64, from: f64, until: f64) -> Option<f64> {
    if f(from) >= level {
        return Some(from);
    }
    let mut prev = from;
    loop {
        let t = (prev + STEP).min(until);
        if f(t) >= level {
            let (mut a, mut b) = (prev, t);
            for _ in 0..100 {
                let m = 0.5 * (a + b);
                if f(m) >= level {
                    b = m;
                } else {
                    a = m;
                }
            }
            return Some(b);
        }
        if t >= until {
            return None;
        }
        prev = t;
    }
}

/// `found` is the exact first crossing when it agrees with the reference, or an earlier narrow
/// excursion above the level that the scan stepped over.
fn check(found: Option<f64>, want: Option<f64>, f: impl Fn(f64) -> f64, level: f64) {
    match (found, want) {
        (None, None) => {}
        (Some(x), Some(y)) if (x - y).abs() <= 1e-10 * (1.0 + y.abs()) => {}
        (Some(x), w) if w.is_none_or(|y| x < y) => {
            assert!(f(x) >= level - 1e-12, "crossing at {x} is below the level");
            assert!(f(x - STEP) < level && f(x + STEP) < level || w.is_none());
        }
        _ => panic!("found {found:?}, reference {want:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arrivals_crossing_matches_bisection(
        list in arrivals(),
        level in -0.6f64..1.6,
        from in -2.0f64..16.0,
        tau in prop_oneof![Just(1.0), 0.4f64..2.5],
    ) {
        let a = Arrivals::new(AlphaKernel::new(tau).unwrap(), list).unwrap();
        let until = 15.0 + 40.0 * tau;
        let found = a.next_crossing(level, from).filter(|&t| t <= until);
        let want = reference(|t| a.potential(t), level, from, until);
        check(found, want, |t| a.potential(t), level);
    }

    #[test]
    fn state_crossing_matches_bisection(
        list in arrivals(),
        level in -0.6f64..1.6,
        offset in 0.0f64..3.0,
        span in 0.1f64..50.0,
        tau in prop_oneof![Just(1.0), 0.4f64..2.5],
    ) {
        let h = AlphaKernel::new(tau).unwrap();
        let mut sorted = list.clone();
        sorted.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut s = PotentialState::new(h);
        for &(t, w) in &sorted {
            s.add_arrival(t, w);
        }
        let a = Arrivals::new(h, list).unwrap();
        let from = s.last_arrival().unwrap() + offset;
        let until = from + span;
        let found = s.next_crossing(level, from, until);
        let want = reference(|t| s.potential(t), level, from, until);
        check(found, want, |t| s.potential(t), level);
        // Both representations agree after the last arrival.
        for t in [from, from + 0.5, until] {
            prop_assert!((s.potential(t) - a.potential(t)).abs() < 1e-13);
            prop_assert!((s.slope(t) - a.slope_right(t)).abs() < 1e-12);
        }
    }

    #[test]
    fn extrema_dominate_samples(
        list in arrivals(),
        raw in prop::collection::vec((-1.0f64..20.0, 0.0f64..4.0), 1..4),
    ) {
        let a = Arrivals::new(AlphaKernel::default(), list).unwrap();
        let intervals: Vec<(f64, f64)> = raw.iter().map(|&(s, l)| (s, s + l)).collect();
        let max = a.max_potential(&intervals).unwrap();
        let min = a.min_slope(&intervals).unwrap();
        prop_assert!(intervals.iter().any(|&(s, e)| s <= max.time && max.time <= e));
        prop_assert!((a.potential(max.time) - max.value).abs() < 1e-14);
        let left = a.slope_left(min.time);
        let right = a.slope_right(min.time);
        prop_assert!(min.value == left.min(right) || (min.value - left.min(right)).abs() < 1e-13);
        for &(s, e) in &intervals {
            for j in 0..=400 {
                let t = s + (e - s) * j as f64 / 400.0;
                prop_assert!(a.potential(t) <= max.value + 1e-13);
                prop_assert!(a.slope_right(t) >= min.value - 1e-13);
                prop_assert!(a.slope_left(t) >= min.value - 1e-13);
            }
        }
        let top = a.top_potential(&intervals, 3);
        prop_assert!(!top.is_empty() && top.len() <= 3);
        prop_assert!((top[0].value - max.value).abs() < 1e-13);
        prop_assert!(top.windows(2).all(|w| w[0].value >= w[1].value));
        // Every reported point is a local maximum of z on the union.
        let inside = |t: f64| intervals.iter().any(|&(s, e)| s <= t && t <= e);
        for m in a.top_potential(&intervals, 100) {
            for t in [m.time - 1e-7, m.time + 1e-7] {
                prop_assert!(!inside(t) || a.potential(t) <= m.value + 1e-12, "{:?}", m);
            }
        }
        for m in a.bottom_slope(&intervals, 100) {
            let near = |v: f64| (m.value - v).abs() < 1e-13;
            prop_assert!(near(a.slope_left(m.time)) || near(a.slope_right(m.time)));
            for t in [m.time - 1e-7, m.time + 1e-7] {
                prop_assert!(!inside(t) || a.slope_right(t) >= m.value - 1e-9, "{:?}", m);
            }
        }
        let bottom = a.bottom_slope(&intervals, 3);
        prop_assert!((bottom[0].value - min.value).abs() < 1e-13);
        prop_assert!(bottom.windows(2).all(|w| w[0].value <= w[1].value));
    }
}
