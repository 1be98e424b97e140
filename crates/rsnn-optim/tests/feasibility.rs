//! The objective "none" is pure feasibility: a vertex of the feasible set, not the
//! minimum-norm point of L2, and it satisfies every constraint of the template.

#![cfg(feature = "clarabel")]

mod common;

use rsnn_optim::{
    BackendKind, MemorizeConfig, NeuronStatus, Objective, memorize_neuron, template_violation,
};

fn solve(
    net: &rsnn_neuron::Network,
    score: &rsnn_signal::Score,
    objective: Objective,
    backend: BackendKind,
) -> (Vec<f64>, usize) {
    let config = MemorizeConfig {
        objective,
        backend,
        ..Default::default()
    }
    .validate()
    .expect("valid");
    let r = memorize_neuron(net, 0, std::slice::from_ref(score), &config).expect("runs");
    assert_eq!(r.report.status, NeuronStatus::Memorized, "{:?}", r.report);
    (r.weights.expect("weights"), r.report.constraints)
}

#[test]
fn none_is_a_feasible_vertex_that_differs_from_l2() {
    let (mut net, score) = common::single_neuron(7, 300, 30.0, 0.2);
    let memories = std::slice::from_ref(&score);
    let config = MemorizeConfig::default();
    let (l2, _) = solve(&net, &score, Objective::L2, BackendKind::Clarabel);
    let mut backends = vec![BackendKind::Clarabel];
    if BackendKind::GoodLp.is_available() {
        backends.push(BackendKind::GoodLp);
    }
    for backend in backends {
        let (w, rows) = solve(&net, &score, Objective::None, backend);
        let gap = w
            .iter()
            .zip(&l2)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(gap > 1e-2, "{backend}: none equals L2 (gap {gap})");
        // A vertex: at most one weight strictly inside the bounds per constraint row.
        let inside = w.iter().filter(|x| x.abs() < 0.2 - 1e-9).count();
        assert!(
            inside <= rows,
            "{backend}: {inside} inner weights, {rows} rows"
        );
        assert!(w.iter().all(|x| x.abs() <= 0.2 + 1e-9), "{backend}: bounds");
        // Every constraint of the continuous template holds.
        net.set_weights(0, &w).expect("fit");
        let valid = config.validate().expect("valid");
        let v = template_violation(&net, 0, memories, &valid).expect("runs");
        assert!(v <= 1e-6, "{backend}: violation {v}");
        let b = common::brute_force_violation(&net, 0, &score, &config, 2e-3);
        assert!(b <= 1e-6, "{backend}: brute-force violation {b}");
    }
}
