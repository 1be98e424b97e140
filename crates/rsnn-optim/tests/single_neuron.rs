//! One neuron with independent random inputs: memorization verified by brute force,
//! infeasibility, grid mode, several memories, every objective, capacity.

#![cfg(feature = "clarabel")]

mod common;

use rayon::prelude::*;
use rsnn_optim::{
    MemorizeConfig, Mode, NeuronStatus, Objective, memorize_neuron, template_violation,
};

fn valid(config: MemorizeConfig) -> rsnn_optim::ValidConfig {
    config.validate().expect("valid config")
}

#[test]
fn realistic_neuron_is_memorized_and_verified_by_brute_force() {
    let config = valid(MemorizeConfig::default());
    let (mut net, score) = common::single_neuron(3, 500, 50.0, 0.2);
    let memories = std::slice::from_ref(&score);
    let r = memorize_neuron(&net, 0, memories, &config).expect("runs");
    assert_eq!(r.report.status, NeuronStatus::Memorized, "{:?}", r.report);
    assert!(r.report.max_violation.expect("weights") <= 1e-6);
    let w = r.weights.expect("weights");
    assert!(w.iter().all(|x| x.is_finite() && x.abs() <= 0.2 + 1e-9));
    net.set_weights(0, &w).expect("weights fit");
    let v = template_violation(&net, 0, memories, &config).expect("runs");
    assert!(v <= 1e-6, "violation {v}");
    let b = common::brute_force_violation(&net, 0, &score, &config, 2e-3);
    assert!(b <= 1e-6, "brute-force violation {b}");
}

#[test]
fn firing_equalities_hold_at_the_networks_threshold() {
    // Threshold 2 with weight bound 0.4 is the default problem scaled by 2: still feasible.
    let config = valid(MemorizeConfig {
        weight_bound: 0.4,
        min_slope: 4.0,
        ..Default::default()
    });
    let (net, score) = common::single_neuron(3, 500, 50.0, 0.2);
    let mut net = net.with_threshold(2.0).expect("valid threshold");
    let memories = std::slice::from_ref(&score);
    let r = memorize_neuron(&net, 0, memories, &config).expect("runs");
    assert_eq!(r.report.status, NeuronStatus::Memorized, "{:?}", r.report);
    net.set_weights(0, &r.weights.expect("weights"))
        .expect("fit");
    let b = common::brute_force_violation(&net, 0, &score, &config, 2e-3);
    assert!(b <= 1e-6, "brute-force violation at threshold 2: {b}");
    // At threshold 1 the same weights fire at the wrong level.
    let net1 = net.clone().with_threshold(1.0).expect("valid threshold");
    let v = template_violation(&net1, 0, memories, &config).expect("runs");
    assert!(v > 0.5, "violation at threshold 1: {v}");
    // A silent level at or above the network's threshold is refused.
    let high = valid(MemorizeConfig {
        silent_level: 2.0,
        ..Default::default()
    });
    let err = memorize_neuron(&net, 0, memories, &high).expect_err("silent level too high");
    assert!(
        matches!(
            err,
            rsnn_optim::OptimError::SilentLevelNotBelowThreshold {
                silent_level: 2.0,
                threshold: 2.0
            }
        ),
        "{err}"
    );
}

#[test]
fn every_objective_is_memorized() {
    let (mut net, score) = common::single_neuron(11, 500, 50.0, 0.2);
    let memories = std::slice::from_ref(&score);
    for objective in [Objective::None, Objective::L1, Objective::LInf] {
        let config = valid(MemorizeConfig {
            objective,
            ..Default::default()
        });
        let r = memorize_neuron(&net, 0, memories, &config).expect("runs");
        assert_eq!(
            r.report.status,
            NeuronStatus::Memorized,
            "{objective}: {:?}",
            r.report
        );
        net.set_weights(0, &r.weights.expect("weights"))
            .expect("fit");
        let v = template_violation(&net, 0, memories, &config).expect("runs");
        assert!(v <= 1e-6, "{objective}: violation {v}");
    }
}

#[test]
fn few_inputs_cannot_store_a_long_train() {
    // K = 20 inputs cannot store T = 50 at lambda = 0.2.
    let config = valid(MemorizeConfig::default());
    let mut tested = 0;
    for seed in 0..8 {
        let (net, score) = common::single_neuron(seed, 20, 50.0, 0.2);
        if score.channel(0).is_none_or(|c| c.is_empty()) {
            continue;
        }
        tested += 1;
        let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
        assert_eq!(r.report.status, NeuronStatus::Infeasible, "seed {seed}");
        assert!(r.report.solver_status.is_infeasible());
        assert!(r.weights.is_none() && r.report.max_violation.is_none());
    }
    assert!(tested >= 5);
}

#[test]
fn grid_mode_solves_once_and_reports_the_continuous_violation() {
    let (net, score) = common::single_neuron(5, 500, 50.0, 0.2);
    let config = valid(MemorizeConfig {
        mode: Mode::Grid { step: 0.05 },
        ..Default::default()
    });
    let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
    assert!(r.report.status.has_weights(), "{:?}", r.report);
    assert_eq!(r.report.rounds, 1);
    assert!(r.report.constraints > 900, "{:?}", r.report);
    let v = r.report.max_violation.expect("weights");
    assert!(v.is_finite() && v >= 0.0);
    assert_eq!(r.report.status == NeuronStatus::Memorized, v <= 1e-6);
}

#[test]
fn several_memories_share_the_weights() {
    let (mut net, a) = common::single_neuron(21, 500, 30.0, 0.2);
    let (_, b) = common::single_neuron(22, 500, 40.0, 0.2);
    let config = valid(MemorizeConfig::default());
    let both = [a.clone(), b.clone()];
    let r = memorize_neuron(&net, 0, &both, &config).expect("runs");
    assert_eq!(r.report.status, NeuronStatus::Memorized, "{:?}", r.report);
    net.set_weights(0, &r.weights.expect("weights"))
        .expect("fit");
    for memory in [a, b] {
        let v = template_violation(&net, 0, std::slice::from_ref(&memory), &config).expect("runs");
        assert!(v <= 1e-6, "violation {v}");
    }
}

#[test]
fn a_neuron_without_inputs() {
    let (net, score) = common::single_neuron(1, 0, 10.0, 0.2);
    let config = valid(MemorizeConfig::default());
    let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
    let silent = score.channel(0).is_none_or(|c| c.is_empty());
    let expected = if silent {
        NeuronStatus::Memorized
    } else {
        NeuronStatus::Infeasible
    };
    assert_eq!(r.report.status, expected);
}

/// Issue 4: K = 500 independent random inputs store a random T = 50 train in at least 99 of 100
/// seeded trials.
#[test]
fn capacity_99_of_100_trials() {
    let config = valid(MemorizeConfig::default());
    let outcomes: Vec<(u64, NeuronStatus, usize, usize, f64)> = (1000..1100u64)
        .into_par_iter()
        .map(|seed| {
            let (net, score) = common::single_neuron(seed, 500, 50.0, 0.2);
            let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
            let rep = r.report;
            (seed, rep.status, rep.rounds, rep.constraints, rep.seconds)
        })
        .collect();
    let ok = outcomes
        .iter()
        .filter(|o| o.1 == NeuronStatus::Memorized)
        .count();
    let rounds = outcomes.iter().map(|o| o.2).max().unwrap_or(0);
    let rows = outcomes.iter().map(|o| o.3).max().unwrap_or(0);
    let secs: f64 = outcomes.iter().map(|o| o.4).sum::<f64>() / outcomes.len() as f64;
    eprintln!(
        "capacity: {ok}/100 memorized; max rounds {rounds}, max rows {rows}, mean {secs:.3} s"
    );
    for o in outcomes.iter().filter(|o| o.1 != NeuronStatus::Memorized) {
        eprintln!("  seed {} -> {:?}", o.0, o.1);
    }
    assert!(ok >= 99, "only {ok} of 100 trials memorized");
}
