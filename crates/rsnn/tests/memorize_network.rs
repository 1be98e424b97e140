//! Acceptance of issue 4: memorize a random network, check the continuous-time template, then
//! recall the score with threshold noise from the perfect initial condition and check stability.
//!
//! The full-size test (L = 200, K = 500, T = 50) is `#[ignore]`d in the default suite; run it with
//! `cargo test --release -p rsnn --test memorize_network -- --ignored --nocapture`.

#![cfg(feature = "clarabel")]

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn::prelude::*;
use rsnn::sim::history_from_score;
use std::error::Error;
use std::time::Instant;

struct Case {
    neurons: usize,
    inputs: usize,
    period: f64,
    weight_bound: f64,
    sigma: f64,
    cycles: usize,
    min_similarity: f64,
    seed: u64,
}

fn run(case: &Case) -> Result<(), Box<dyn Error>> {
    let mut rng = ChaCha8Rng::seed_from_u64(case.seed);
    let score = ScoreSampler::new(case.period, 0.2)?.sample_score(&mut rng, case.neurons)?;
    let topology = TopologyConfig {
        num_neurons: case.neurons,
        topology: Topology::FixedInDegree { k: case.inputs },
        d_min: 0.1,
        d_max: 10.0,
    };
    let mut network = topology.sample(AlphaKernel::default(), &mut rng)?;
    let config = MemorizeConfig {
        weight_bound: case.weight_bound,
        objective: Objective::L2,
        ..Default::default()
    };

    let started = Instant::now();
    let report = memorize_network(
        &mut network,
        std::slice::from_ref(&score),
        &config,
        |_, _| {},
    )?;
    let wall = started.elapsed().as_secs_f64();
    let max_rounds = report.neurons.iter().map(|r| r.rounds).max().unwrap_or(0);
    let max_rows = report
        .neurons
        .iter()
        .map(|r| r.constraints)
        .max()
        .unwrap_or(0);
    eprintln!(
        "memorized {}/{} neurons in {wall:.2} s wall ({} spikes per period): {:.3} s per neuron, \
         rounds {:.2} mean / {max_rounds} max, constraints {:.1} mean / {max_rows} max, \
         largest violation {:.2e}",
        report.num_memorized(),
        case.neurons,
        score.num_spikes(),
        report.mean_seconds(),
        report.mean_rounds(),
        report.mean_constraints(),
        report.max_violation(),
    );
    assert!(
        report.infeasible().is_empty(),
        "infeasible: {:?}",
        report.infeasible()
    );
    assert!(report.all_memorized());
    assert!(report.max_violation() <= 1e-6);

    let started = Instant::now();
    let stability = analyze_stability(&network, &score)?;
    eprintln!(
        "stability: spectral radius {:.3e} ({:.2} s)",
        stability.spectral_radius,
        started.elapsed().as_secs_f64()
    );
    assert!(stability.spectral_radius < 1.0);

    let period = score.period();
    let mut sim = SimulationConfig::new(0.0, case.cycles as f64 * period);
    sim.sigma = case.sigma;
    sim.seed = case.seed;
    sim.history = history_from_score(&score, 0.0, 1)?;
    let started = Instant::now();
    let recording = simulate(&network, &sim)?;
    let cycles = recording.cycle_similarities(&score, 0.0, case.cycles)?;
    eprintln!(
        "simulated {} cycles with sigma {} in {:.2} s",
        case.cycles,
        case.sigma,
        started.elapsed().as_secs_f64()
    );
    for (k, c) in cycles.iter().enumerate() {
        eprintln!(
            "  cycle {k}: precision {:.4}, recall {:.4}",
            c.precision, c.recall
        );
    }
    for (k, c) in cycles.iter().enumerate() {
        assert!(
            c.precision >= case.min_similarity && c.recall >= case.min_similarity,
            "cycle {k}: {c:?}"
        );
    }
    Ok(())
}

/// A small network for the default suite.
#[test]
fn small_network_memorizes_and_recalls() -> Result<(), Box<dyn Error>> {
    run(&Case {
        neurons: 40,
        inputs: 300,
        period: 20.0,
        // Only 40 sources: the inputs are correlated, so larger weights are needed.
        weight_bound: 0.5,
        sigma: 0.1,
        cycles: 5,
        min_similarity: 0.9,
        seed: 3,
    })
}

/// Issue 4 acceptance: L = 200, K = 500, T = 50, lambda = 0.2, delays U[0.1, 10], |w| <= 0.2,
/// squared L2: all neurons feasible with violation <= 1e-6, precision and recall >= 0.95 in
/// each of 10 cycles at sigma = 0.1, spectral radius < 1.
#[test]
#[ignore = "about 15 s of memorization in release; run with --release -- --ignored"]
fn l200_k500_t50_memorizes_and_recalls() -> Result<(), Box<dyn Error>> {
    run(&Case {
        neurons: 200,
        inputs: 500,
        period: 50.0,
        weight_bound: 0.2,
        sigma: 0.1,
        cycles: 10,
        min_similarity: 0.95,
        seed: 2024,
    })
}
