//! Stopping a stability analysis: the stop check is polled while the map, its dense matrix and
//! the Krylov iteration run; a stopped analysis is `SimError::Cancelled`, a never-stopped one
//! the report of the analysis without a stop check.

use super::krylov_tests::random_case;
use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The first random case (40 neurons, 30 inputs each, period 20) whose map exists.
fn case() -> (Network, Score) {
    (0..20)
        .filter_map(|seed| random_case(seed, 40, 30, 20.0))
        .find(|(network, score)| JitterMap::new(network, score).is_ok())
        .expect("a random case with a map")
}

fn options(method: EigenMethod) -> StabilityOptions {
    StabilityOptions {
        method,
        eigenvalues: 4,
        ..StabilityOptions::default()
    }
}

/// The step of a cancelled analysis whose stop check returns true from its `after + 1`-th call
/// on, and the number of calls.
fn stopped_after(after: usize, method: EigenMethod) -> (&'static str, usize) {
    let (network, score) = case();
    let calls = AtomicUsize::new(0);
    let stop = || calls.fetch_add(1, Ordering::Relaxed) >= after;
    match analyze_until(&network, &score, &options(method), &stop) {
        Err(SimError::Cancelled { step }) => (step, calls.load(Ordering::Relaxed)),
        other => panic!("not cancelled: {other:?}"),
    }
}

#[test]
fn a_stop_at_once_ends_the_construction_of_the_map() {
    let (network, score) = case();
    let e = analyze_until(&network, &score, &StabilityOptions::default(), &|| true)
        .expect_err("stopped");
    assert!(
        matches!(e, SimError::Cancelled { step } if step == "construction of the jitter map"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "stability analysis cancelled during the construction of the jitter map"
    );
}

#[test]
fn a_later_stop_ends_each_step_where_it_is() {
    let spikes = case().1.num_spikes();
    assert_eq!(
        stopped_after(spikes / 2, EigenMethod::Dense),
        ("construction of the jitter map", spikes / 2 + 1)
    );
    assert_eq!(
        stopped_after(spikes + 3, EigenMethod::Dense),
        ("construction of the dense matrix", spikes + 4)
    );
    // One poll before the iteration, then one per application of the map.
    assert_eq!(
        stopped_after(spikes + 5, EigenMethod::Krylov),
        ("Krylov iteration", spikes + 6)
    );
}

#[test]
fn a_stop_that_never_comes_gives_the_same_report() {
    let (network, score) = case();
    for method in [EigenMethod::Dense, EigenMethod::Krylov] {
        let calls = AtomicUsize::new(0);
        let stop = || {
            calls.fetch_add(1, Ordering::Relaxed);
            false
        };
        let until = analyze_until(&network, &score, &options(method), &stop).expect("runs");
        let plain = analyze_with(&network, &score, &options(method)).expect("runs");
        assert_eq!(until, plain);
        // Every row of the map, then every row of the matrix or every application.
        let calls = calls.load(Ordering::Relaxed);
        assert!(calls > score.num_spikes(), "{method:?}: {calls}");
    }
    let map = JitterMap::new(&network, &score).expect("map");
    let clamped = JitterMap::clamped_until(&network, &score, &[], 2.5e8, &|| false).expect("map");
    assert_eq!(clamped, map);
    let stopped = map.analyze_until(&options(EigenMethod::Krylov), &|| true);
    assert!(matches!(
        stopped,
        Err(SimError::Cancelled {
            step: "Krylov iteration"
        })
    ));
}
