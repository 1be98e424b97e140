//! Both backends give the same feasibility verdict and template-satisfying weights on the LP
//! objectives (none, L1, L-infinity) for small random problems. Needs `--features good_lp`.

#![cfg(all(feature = "clarabel", feature = "good_lp"))]

mod common;

use rsnn_optim::{
    BackendKind, MemorizeConfig, NeuronStatus, Objective, OptimError, memorize_neuron,
    template_violation,
};

#[test]
fn backends_agree_on_small_random_problems() {
    let mut verdicts = [0usize; 2];
    for seed in 0..6u64 {
        // Few inputs make some problems infeasible, more make them feasible.
        let k = [20, 200, 250, 200, 30, 250][seed as usize];
        let (mut net, score) = common::single_neuron(100 + seed, k, 12.0, 0.25);
        let memories = std::slice::from_ref(&score);
        for objective in [Objective::None, Objective::L1, Objective::LInf] {
            let mut statuses = Vec::new();
            for backend in [BackendKind::Clarabel, BackendKind::GoodLp] {
                let config = MemorizeConfig {
                    objective,
                    backend,
                    ..Default::default()
                }
                .validate()
                .expect("valid");
                let r = memorize_neuron(&net, 0, memories, &config).expect("runs");
                let status = r.report.status;
                assert!(
                    matches!(status, NeuronStatus::Memorized | NeuronStatus::Infeasible),
                    "seed {seed} {objective} {backend}: {:?}",
                    r.report
                );
                if let Some(w) = r.weights {
                    net.set_weights(0, &w).expect("fit");
                    let v = template_violation(&net, 0, memories, &config).expect("runs");
                    assert!(
                        v <= 1e-6,
                        "seed {seed} {objective} {backend}: violation {v}"
                    );
                }
                statuses.push(status);
            }
            assert_eq!(statuses[0], statuses[1], "seed {seed} k {k} {objective}");
            verdicts[usize::from(statuses[0] == NeuronStatus::Memorized)] += 1;
        }
    }
    eprintln!(
        "verdicts: {} infeasible, {} memorized (x2 backends)",
        verdicts[0], verdicts[1]
    );
    // The set covers both verdicts.
    assert!(verdicts[0] > 0 && verdicts[1] > 0, "{verdicts:?}");
}

#[test]
fn good_lp_rejects_l2_with_a_typed_error() {
    let config = MemorizeConfig {
        backend: BackendKind::GoodLp,
        ..Default::default()
    };
    assert!(matches!(
        config.validate(),
        Err(OptimError::Unsupported {
            backend: BackendKind::GoodLp,
            objective: Objective::L2
        })
    ));
}
