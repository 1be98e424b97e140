//! Test vectors V2 (potential, slopes, extrema) and V4 (periodic arrivals) of
//! docs/model.md §9, to 1e-12 relative.

use rsnn_neuron::{Arrivals, Input, Neuron, PotentialState, periodic_arrivals, weighted};
use rsnn_signal::{AlphaKernel, Score};

const V2: [(f64, f64); 6] = [
    (-0.5, -0.25),
    (1.0, 0.5),
    (3.0, 0.5),
    (0.0, 0.75),
    (1.5, -0.125),
    (2.5, -0.5),
];

fn v2() -> Arrivals {
    Arrivals::new(AlphaKernel::default(), V2.to_vec()).expect("finite arrivals")
}

fn assert_close(found: f64, want: f64, what: &str) {
    let tol = 1e-12 * want.abs().max(1e-3);
    assert!(
        (found - want).abs() <= tol,
        "{what}: found {found}, want {want}"
    );
}

#[test]
fn v2_potential() {
    let a = v2();
    let table = [
        (0.5, 0.3682704765125481),
        (1.0, 0.5225510026077624),
        (1.5, 0.9105875892660236),
        (2.5, 0.6467655826353216),
        (3.0, 0.07465463828675833),
        (3.896869317893622, 0.2952320551017868),
        (5.0, 0.20603746641634715),
    ];
    for (t, z) in table {
        assert_close(a.potential(t), z, &format!("z({t})"));
    }
    // The incremental state agrees after the last arrival.
    let mut sorted = V2.to_vec();
    sorted.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut s = PotentialState::new(AlphaKernel::default());
    for (t, w) in sorted {
        s.add_arrival(t, w);
    }
    assert_close(s.potential(5.0), 0.20603746641634715, "state z(5)");
    assert_close(s.potential(3.0), 0.07465463828675833, "state z(3)");
    assert_close(s.slope(3.0), 0.6492292414858265, "state z'(3+)");
}

#[test]
fn v2_slopes() {
    let a = v2();
    assert_close(a.slope_left(3.0), -0.7099116727436954, "z'(3-)");
    assert_close(a.slope_right(3.0), 0.6492292414858265, "z'(3+)");
    let t = 2.4255648561820418;
    assert_close(a.slope_right(t), -0.33587200892375646, "z'(local min)");
    assert_close(a.slope_left(t), -0.33587200892375646, "z'(local min) left");
    assert_close(
        a.slope_right(4.896869317893621),
        -0.10860980344674183,
        "z'(4.8969)",
    );
    // The local minimum of z' is found as such on [1.5, 2.5].
    let m = a.min_slope(&[(1.6, 2.49)]).expect("non-empty");
    assert_close(m.time, t, "argmin z' on [1.6, 2.49]");
    assert_close(m.value, -0.33587200892375646, "min z' on [1.6, 2.49]");
}

#[test]
fn v2_extrema() {
    let a = v2();
    let m = a.max_potential(&[(0.0, 10.0)]).expect("non-empty");
    assert_eq!(m.time, 1.5);
    assert_close(m.value, 0.9105875892660236, "max z on [0, 10]");
    let union = [(0.0, 0.5), (3.0, 5.0)];
    let m = a.max_potential(&union).expect("non-empty");
    assert_eq!(m.time, 0.5);
    assert_close(m.value, 0.3682704765125481, "max z on the union");

    let s = a.min_slope(&[(0.0, 10.0)]).expect("non-empty");
    assert_eq!(s.time, 2.5);
    // docs/model.md §9.2 quotes -1.6941273677036164, which is 1.6e-12 relative off the exact value
    // -1.694127367706358185... (40-digit mpmath sum of w h'(2.5 - a) + w e / tau); we check the
    // exact value to 1e-12 and the listed one to 2e-12.
    assert_close(s.value, -1.694_127_367_706_358, "min z' on [0, 10]");
    assert!((s.value + 1.6941273677036164).abs() < 2e-12 * 1.7);
    let s = a.min_slope(&union).expect("non-empty");
    assert_eq!(s.time, 3.0);
    assert_close(s.value, -0.7099116727436958, "min z' on the union");

    // Local maxima of z on [0, 10]: the arrival at 1.5 and the stationary point of the last
    // piece; on the union: 0.5 and the stationary point.
    let top = a.top_potential(&[(0.0, 10.0)], 5);
    assert_eq!(top.len(), 2, "{top:?}");
    assert_eq!(top[0].time, 1.5);
    assert_close(top[1].time, 3.896869317893622, "second local max");
    assert_close(top[1].value, 0.2952320551017868, "second local max value");
    let top = a.top_potential(&union, 1);
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].time, 0.5);
    let top = a.top_potential(&union, 10);
    assert_eq!(top.len(), 2, "{top:?}");
    assert_close(top[1].time, 3.896869317893622, "local max on the union");

    // Local minima of z' over [0, 10], in increasing order, the first is the global one.
    let bottom = a.bottom_slope(&[(0.0, 10.0)], 10);
    assert_eq!(bottom[0].time, 2.5);
    assert_close(bottom[0].value, -1.694_127_367_706_358, "bottom z' 0");
    assert!(bottom.windows(2).all(|w| w[0].value <= w[1].value));
    for want in [2.4255648561820418, 4.896869317893621] {
        assert!(
            bottom.iter().any(|e| (e.time - want).abs() < 1e-9),
            "{want} missing from {bottom:?}"
        );
    }
    // z' rises from -1.69 to -0.71 on [2.5, 3): the left limit at 3 is not a local minimum.
    assert!(bottom.iter().all(|e| e.time != 3.0), "{bottom:?}");
    let bottom = a.bottom_slope(&union, 1);
    assert_eq!(bottom[0].time, 3.0);
    assert_close(
        bottom[0].value,
        -0.7099116727436954,
        "bottom z' on the union",
    );
}

#[test]
fn v2_crossings() {
    let a = v2();
    let t = a.next_crossing(0.9, 0.0).expect("the maximum is 0.91");
    assert!(t < 1.5 && t > 1.0);
    assert_close(a.potential(t), 0.9, "z at crossing");
    assert_eq!(a.next_crossing(0.92, 0.0), None);
    let t = a
        .next_crossing(0.25, 3.0)
        .expect("the last piece reaches 0.295");
    assert_close(a.potential(t), 0.25, "z at second crossing");
}

#[test]
fn v4_periodic_arrivals() {
    // Inputs (source, weight, delay).
    let inputs = [(0, 0.5, 1.0), (1, 1.0, 3.0), (2, 1.0, 0.5), (1, -0.5, 2.0)];
    let neuron = Neuron {
        inputs: inputs
            .iter()
            .map(|&(source, weight, delay)| Input {
                source,
                delay,
                weight,
            })
            .collect(),
    };
    let score = Score::new(
        100.0,
        vec![vec![0.0, 22.0], vec![10.0, 47.0], vec![34.5, 98.5]],
    )
    .expect("valid score");
    let found = periodic_arrivals(&neuron, &score, AlphaKernel::default(), 3.0, 103.0, 1e-12)
        .expect("valid inputs");
    let times: Vec<f64> = found.iter().map(|a| a.time).collect();
    let want = [-1.0, 1.0, 12.0, 13.0, 23.0, 35.0, 49.0, 50.0, 99.0, 101.0];
    for w in want {
        assert!(
            times.iter().any(|&t| (t - w).abs() < 1e-12),
            "{w} missing: {times:?}"
        );
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    // Anything else is an older copy whose kernel is negligible on the window.
    for t in times
        .iter()
        .filter(|&&t| !want.iter().any(|&w| (t - w).abs() < 1e-12))
    {
        assert!(
            *t < -1.0 && AlphaKernel::default().value(3.0 - t) < 1e-12,
            "extra {t}"
        );
    }
    let by_time = |t: f64| {
        found
            .iter()
            .find(|a| (a.time - t).abs() < 1e-12)
            .map(|a| a.input)
    };
    assert_eq!(by_time(-1.0), Some(2));
    assert_eq!(by_time(12.0), Some(3));
    assert_eq!(by_time(101.0), Some(0));
    let pairs = weighted(&neuron, &found);
    assert_eq!(pairs.len(), found.len());
    assert!(pairs.iter().any(|&(t, w)| t == 49.0 && w == -0.5));
}
