//! Quantized memorization (docs/model.md §5.7): weights on the levels, verified against the
//! continuous template (with the firing band), the exact method against enumeration, the
//! rounding method's honesty, and the time limit as a status of its own.

mod common;

use rsnn_neuron::Network;
use rsnn_optim::{
    Levels, MemorizeConfig, NeuronStatus, Objective, QuantMethod, Quantization, ValidConfig,
    memorize_neuron, template_violation,
};
use rsnn_signal::Score;

fn config(levels: usize, method: QuantMethod, objective: Objective) -> MemorizeConfig {
    MemorizeConfig {
        objective,
        quantization: Some(Quantization {
            method,
            time_limit: 2.0,
            ..Quantization::new(levels)
        }),
        // Wider than the default 0.2, so that most of these small problems are feasible.
        weight_bound: 0.5,
        ..Default::default()
    }
}

/// The continuous-time violation of `w` as neuron 0's weights.
fn violation(net: &mut Network, score: &Score, config: &ValidConfig, w: &[f64]) -> f64 {
    net.set_weights(0, w).expect("fits");
    template_violation(net, 0, std::slice::from_ref(score), config).expect("runs")
}

#[test]
fn weights_are_on_the_levels_and_meet_the_template() {
    let mut memorized = 0;
    for (seed, q, method) in [
        (1u64, 9, QuantMethod::Exact),
        (2, 3, QuantMethod::Exact),
        (1, 9, QuantMethod::Rounding),
        (3, 65, QuantMethod::Rounding),
    ] {
        let (mut net, score) = common::single_neuron(seed, 150, 10.0, 0.25);
        let config = config(q, method, Objective::L1).validate().expect("valid");
        let levels = Levels::new(q, config.weight_bound).expect("valid");
        let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
        let info = r.report.quantized.expect("a quantized report");
        assert_eq!((info.levels, info.method), (q, method));
        let Some(w) = r.weights else {
            assert!(!r.report.status.has_weights(), "{:?}", r.report);
            continue;
        };
        for &x in &w {
            let k = levels.index_of(x);
            assert!(k.is_some(), "seed {seed} Q {q}: {x} is not on the grid");
        }
        let v = violation(&mut net, &score, &config, &w);
        assert_eq!(Some(v), r.report.max_violation, "seed {seed} Q {q}");
        if r.report.status == NeuronStatus::Memorized {
            assert!(v <= 1e-6, "seed {seed} Q {q} {method}: violation {v}");
            memorized += 1;
        }
    }
    assert!(memorized >= 2, "only {memorized} of 4 memorized");
}

/// Every assignment of `q` levels to `k` weights.
fn assignments(q: usize, k: usize) -> impl Iterator<Item = Vec<usize>> {
    (0..q.pow(k as u32)).map(move |mut code| {
        (0..k)
            .map(|_| {
                let d = code % q;
                code /= q;
                d
            })
            .collect()
    })
}

#[test]
fn the_exact_method_finds_the_enumerated_optimum() {
    // Few inputs and levels: every assignment is checked against the continuous template.
    let (q, k) = (5, 4);
    let (mut found_feasible, mut found_infeasible) = (0, 0);
    for seed in 0..12u64 {
        let (mut net, score) = common::single_neuron(40 + seed, k, 6.0, 0.2);
        for objective in [Objective::L1, Objective::L2] {
            let base = MemorizeConfig {
                weight_bound: 1.0,
                min_slope: 0.2,
                objective,
                quantization: Some(Quantization {
                    firing_band: 0.25,
                    ..Quantization::new(q)
                }),
                ..Default::default()
            };
            let config = base.validate().expect("valid");
            let levels = Levels::new(q, 1.0).expect("valid");
            let mut best: Option<f64> = None;
            for a in assignments(q, k) {
                let w: Vec<f64> = a.iter().map(|&i| levels.value(i)).collect();
                if violation(&mut net, &score, &config, &w) <= config.tolerance {
                    let value = match objective {
                        Objective::L1 => w.iter().map(|x| x.abs()).sum(),
                        _ => 0.5 * w.iter().map(|x| x * x).sum::<f64>(),
                    };
                    best = Some(best.map_or(value, |b: f64| b.min(value)));
                }
            }
            let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
            match best {
                Some(b) => {
                    found_feasible += 1;
                    assert_eq!(r.report.status, NeuronStatus::Memorized, "seed {seed}");
                    let got = r.report.objective.expect("an objective");
                    assert!(
                        (got - b).abs() <= 1e-9,
                        "seed {seed} {objective}: {got} vs {b}"
                    );
                }
                None => {
                    found_infeasible += 1;
                    assert_eq!(r.report.status, NeuronStatus::Infeasible, "seed {seed}");
                }
            }
        }
    }
    // The seeds cover both verdicts.
    assert!(
        found_feasible > 0 && found_infeasible > 0,
        "{found_feasible} / {found_infeasible}"
    );
}

#[test]
fn the_rounding_method_says_when_it_violates() {
    let mut sufficed = 0;
    for seed in 0..6u64 {
        let (mut net, score) = common::single_neuron(70 + seed, 120, 10.0, 0.25);
        let q = [3, 5, 9, 17, 33, 65][seed as usize];
        let config = config(q, QuantMethod::Rounding, Objective::L2)
            .validate()
            .expect("valid");
        let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
        let info = r.report.quantized.expect("a quantized report");
        sufficed += usize::from(info.rounding_sufficed == Some(true));
        match (&r.weights, r.report.status) {
            (Some(w), status) => {
                let v = violation(&mut net, &score, &config, w);
                assert_eq!(Some(v), r.report.max_violation);
                match status {
                    NeuronStatus::Memorized => assert!(v <= config.tolerance, "seed {seed}"),
                    NeuronStatus::Unverified => assert!(v > config.tolerance, "seed {seed}"),
                    other => panic!("weights with status {other:?}"),
                }
            }
            (None, status) => assert!(!status.has_weights(), "seed {seed}"),
        }
    }
    eprintln!("rounding alone sufficed for {sufficed} of 6");
}

#[test]
fn running_out_of_time_is_not_infeasibility() {
    let (net, score) = common::single_neuron(5, 150, 10.0, 0.25);
    let mut c = config(9, QuantMethod::Exact, Objective::L1);
    if let Some(q) = c.quantization.as_mut() {
        // Less than building the rows takes: the limit is reached before the first solve.
        q.time_limit = 1e-9;
    }
    let config = c.validate().expect("valid");
    let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
    assert_eq!(r.report.status, NeuronStatus::TimeLimit);
    assert!(r.weights.is_none() && !r.report.status.has_weights());
}

#[test]
fn the_dive_memorizes_where_rounding_alone_fails() {
    // K = 300 inputs, T = 15, |w| <= 0.2, 9 levels: rounding the L2 solution breaks its tight rows; the
    // dive (docs/model.md §5.7) must still put every weight on a level and meet the template.
    let (mut dived, mut tested) = (0, 0);
    for seed in 0..6u64 {
        let (mut net, score) = common::single_neuron(90 + seed, 300, 15.0, 0.2);
        // Only neurons with continuous weights: without them the exact method decides.
        let continuous = MemorizeConfig::default().validate().expect("valid");
        let c = memorize_neuron(&net, 0, std::slice::from_ref(&score), &continuous).expect("runs");
        if c.report.status != NeuronStatus::Memorized {
            continue;
        }
        tested += 1;
        let config = MemorizeConfig {
            quantization: Some(Quantization::new(9)),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        let levels = Levels::new(9, config.weight_bound).expect("valid");
        let r = memorize_neuron(&net, 0, std::slice::from_ref(&score), &config).expect("runs");
        let info = r.report.quantized.expect("a quantized report");
        assert_eq!(info.method, QuantMethod::Rounding);
        assert_eq!(r.report.status, NeuronStatus::Memorized, "seed {seed}");
        let w = r.weights.expect("weights");
        assert!(w.iter().all(|&x| levels.index_of(x).is_some()));
        let v = violation(&mut net, &score, &config, &w);
        assert!(v <= config.tolerance, "seed {seed}: violation {v}");
        dived += usize::from(info.rounding_sufficed == Some(false));
    }
    assert!(
        tested >= 3,
        "only {tested} of 6 neurons have continuous weights"
    );
    assert!(
        dived >= 2,
        "rounding alone sufficed too often to test the dive"
    );
}
