//! The published template (`Mode::Published`) against a direct grid formulation written here
//! independently, and against rsnn's continuous template (a subset of its feasible set).

#![cfg(feature = "clarabel")]

mod common;

use rsnn_neuron::Network;
use rsnn_optim::{
    BackendKind, MemorizeConfig, Mode, NeuronStatus, Objective, Problem, Row, memorize_neuron,
};
use rsnn_signal::Score;

/// The published grid problem of neuron 0, built by hand: grid 0.05, margins 1e-6, kernels at
/// `(t - a) mod T`, `z(s) >= 1` at firing times, `z <= -1` for a neuron without spikes.
fn direct_grid_problem(net: &Network, score: &Score, objective: Objective) -> Problem {
    let period = score.period();
    let (threshold, drop) = (1.0, 1.0);
    let h = net.kernel();
    let inputs = &net.neurons()[0].inputs;
    let firing = score.channel(0).expect("channel").times().to_vec();
    let mut arrivals = Vec::new();
    for (k, x) in inputs.iter().enumerate() {
        for &s in score.channel(x.source).expect("source").times() {
            arrivals.push((k, s + x.delay));
        }
    }
    let row = |t: f64, slope: bool| -> Vec<f64> {
        let mut r = vec![0.0; inputs.len()];
        for &(k, a) in &arrivals {
            let u = (t - a).rem_euclid(period);
            r[k] += if slope { h.derivative(u) } else { h.value(u) };
        }
        r
    };
    let neg = |r: Vec<f64>| -> Vec<f64> { r.into_iter().map(|a| -a).collect() };
    let mut p = Problem::weights(inputs.len(), objective, 0.2);
    let mut add = |r: Vec<f64>, rhs: f64| p.add_inequality(Row::dense(&r, rhs)).expect("row");
    for &s in &firing {
        add(neg(row(s, false)), -1.0);
    }
    let n = (period / 0.05).ceil() as usize;
    for t in (0..n).map(|i| i as f64 * 0.05).filter(|&t| t < period) {
        if firing.is_empty() {
            add(row(t, false), threshold - drop);
            continue;
        }
        let next = firing
            .iter()
            .map(|&s| (s - t).rem_euclid(period))
            .fold(f64::INFINITY, f64::min);
        let last = firing
            .iter()
            .map(|&s| (t - s).rem_euclid(period))
            .fold(f64::INFINITY, f64::min);
        if last > 1.0 {
            add(row(t, false), if next <= 0.2 { 1.0 - 1e-6 } else { -1e-6 });
        }
        if next <= 0.2 || last <= 0.2 {
            add(neg(row(t, true)), -(2.0 + 1e-6));
        }
    }
    p
}

fn published(objective: Objective) -> rsnn_optim::ValidConfig {
    MemorizeConfig {
        mode: Mode::Published,
        objective,
        ..Default::default()
    }
    .validate()
    .expect("valid")
}

#[test]
fn published_mode_matches_a_direct_grid_formulation() {
    let clarabel = BackendKind::Clarabel.backend().expect("compiled in");
    let mut verdicts = [0usize; 2];
    for (seed, k) in [(1u64, 15usize), (2, 120), (3, 10), (4, 150), (5, 8)] {
        let (net, score) = common::single_neuron(300 + seed, k, 12.0, 0.25);
        let r = memorize_neuron(
            &net,
            0,
            std::slice::from_ref(&score),
            &published(Objective::L2),
        )
        .expect("runs");
        let direct = clarabel
            .solve(&direct_grid_problem(&net, &score, Objective::L2))
            .expect("runs");
        let feasible = r.report.status.has_weights();
        assert_eq!(
            feasible,
            direct.status.is_success(),
            "seed {seed}: {:?} vs {:?}",
            r.report,
            direct.status
        );
        assert_eq!(r.report.solver_status, direct.status, "seed {seed}");
        verdicts[usize::from(feasible)] += 1;
        let Some(w) = r.weights else { continue };
        let gap = w
            .iter()
            .zip(&direct.x)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(gap <= 1e-6, "seed {seed}: weights differ by {gap}");
        // The continuous-time cost of the grid is reported, and decides the status.
        let v = r.report.continuous_violations.expect("measured");
        let worst = r.report.max_violation.expect("measured");
        assert!(v.silent >= 0.0 && v.slope >= 0.0 && v.firing >= 0.0);
        assert!((worst - v.max()).abs() < 1e-12, "{v:?} vs {worst}");
        let expected = if worst <= 1e-6 {
            NeuronStatus::Memorized
        } else {
            NeuronStatus::Unverified
        };
        assert_eq!(r.report.status, expected, "seed {seed}");
    }
    assert!(verdicts[0] > 0 && verdicts[1] > 0, "{verdicts:?}");
}

#[test]
fn published_none_is_a_vertex_of_the_grid_problem() {
    let (net, score) = common::single_neuron(302, 120, 12.0, 0.25);
    let memories = std::slice::from_ref(&score);
    let none = memorize_neuron(&net, 0, memories, &published(Objective::None)).expect("runs");
    let l2 = memorize_neuron(&net, 0, memories, &published(Objective::L2)).expect("runs");
    let (w, w2) = (
        none.weights.expect("feasible"),
        l2.weights.expect("feasible"),
    );
    let direct = direct_grid_problem(&net, &score, Objective::None);
    assert!(
        direct.residual(&w) <= 1e-9,
        "residual {}",
        direct.residual(&w)
    );
    let gap = w
        .iter()
        .zip(&w2)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(gap > 1e-2, "none equals L2 (gap {gap})");
    let at_bound = w.iter().filter(|x| x.abs() >= 0.2 - 1e-9).count();
    assert!(
        at_bound + direct.inequalities().len() >= w.len(),
        "not a vertex"
    );
}

#[test]
fn a_silent_neuron_stays_a_unit_below_threshold() {
    let (net, score) = common::single_neuron(9, 40, 12.0, 0.25);
    let mut channels: Vec<Vec<f64>> = score
        .channels()
        .iter()
        .map(|c| c.times().to_vec())
        .collect();
    channels[0].clear();
    let silent = Score::new(score.period(), channels).expect("score");
    let r = memorize_neuron(
        &net,
        0,
        std::slice::from_ref(&silent),
        &published(Objective::L2),
    )
    .expect("runs");
    // w = 0 meets z <= theta_0 - 1 = 0: the minimum-norm weights are zero.
    let w = r.weights.expect("feasible");
    assert!(w.iter().all(|x| x.abs() < 1e-5), "{w:?}");
    assert_eq!(r.report.status, NeuronStatus::Memorized);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]

    /// With the published margins, rsnn's continuous template is feasible only where the
    /// published one is (period 50 > largest delay 10 + kernel horizon ~32, so the periodic
    /// copies that the published template drops are negligible).
    #[test]
    fn continuous_feasible_implies_published_feasible(seed in 0u64..1_000_000, k in 120usize..360) {
        let (net, score) = common::single_neuron(seed, k, 50.0, 0.08);
        let memories = std::slice::from_ref(&score);
        let continuous = MemorizeConfig {
            silent_level: -1e-6,
            min_slope: 2.0 + 1e-6,
            ..Default::default()
        }
        .validate()
        .expect("valid");
        let c = memorize_neuron(&net, 0, memories, &continuous).expect("runs");
        let p = memorize_neuron(&net, 0, memories, &published(Objective::L2)).expect("runs");
        if c.report.status == NeuronStatus::Memorized {
            proptest::prop_assert!(
                p.report.status.has_weights(),
                "continuous feasible, published {:?}", p.report
            );
            // The continuous weights meet the published rows, up to the tolerance.
            let w = c.weights.expect("weights");
            let r = direct_grid_problem(&net, &score, Objective::None).residual(&w);
            proptest::prop_assert!(r <= 1e-6 + 1e-9, "published residual {}", r);
        }
        if p.report.status == NeuronStatus::Infeasible {
            proptest::prop_assert!(c.report.status != NeuronStatus::Memorized);
        }
    }
}
