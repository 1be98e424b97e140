//! The library version of `rsnn demo`: sample a score, wire a network, memorize it, check its
//! stability, and let it replay the score with threshold noise for some cycles.
//!
//! ```text
//! cargo run --release -p rsnn-examples --example memorize_and_recall            # L=60, T=20, 5 cycles
//! cargo run --release -p rsnn-examples --example memorize_and_recall -- 200 500 50 10
//! ```
//!
//! The optional arguments are `L K T CYCLES`; the second line is the acceptance run of the
//! memorization issue (L = 200, K = 500, T = 50, 10 cycles; about 15-30 s on 2 cores).

use rsnn::prelude::*;
use rsnn::recipes::NetworkSpec;
use rsnn::seeds::Seeds;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: f64| -> Result<f64, String> {
        args.get(i).map_or(Ok(default), |a| {
            a.parse().map_err(|_| format!("bad argument `{a}`"))
        })
    };
    let spec = NetworkSpec {
        neurons: arg(0, 60.0)? as usize,
        inputs: arg(1, 500.0)? as usize,
        period: arg(2, 20.0)?,
        rate: 0.2,
    };
    let cycles = arg(3, 5.0)? as usize;
    let (neurons, period, sigma, seed) = (spec.neurons, spec.period, 0.1, 1);
    let seeds = Seeds::new(seed);
    let (scores, mut network) = spec.sample(1, &seeds)?;
    let score = scores[0].clone();
    println!(
        "score: {neurons} neurons, period {period}, {} spikes per period",
        score.num_spikes()
    );

    let report = memorize_network(
        &mut network,
        std::slice::from_ref(&score),
        &MemorizeConfig::default(),
        |_, _| {},
    )?;
    println!(
        "memorized {}/{} neurons in {:.2} s, {:.1} rounds and {:.0} constraints on average, largest violation {:.1e}",
        report.num_memorized(),
        neurons,
        report.seconds,
        report.mean_rounds(),
        report.mean_constraints(),
        report.max_violation()
    );
    if !report.all_memorized() {
        return Err(format!("infeasible neurons: {:?}", report.infeasible()).into());
    }

    let stability = analyze_stability(&network, &score)?;
    println!(
        "stability: spectral radius after removing the eigenvalue 1 = {:.3e} ({})",
        stability.spectral_radius,
        if stability.is_stable() {
            "stable"
        } else {
            "unstable"
        }
    );

    let (recording, similarities) =
        rsnn::recipes::free_recall(&network, &score, cycles, sigma, seeds.free_run(0))?;
    println!(
        "free run with threshold noise {sigma}: {} spikes",
        recording.num_spikes()
    );
    println!("cycle  precision  recall");
    for (k, s) in similarities.iter().enumerate() {
        println!("{k:>5}  {:>9.4}  {:>6.4}", s.precision, s.recall);
    }
    let worst = similarities
        .iter()
        .map(|s| s.precision.min(s.recall))
        .fold(1.0, f64::min);
    if worst < 0.9 {
        return Err(format!("recall degraded to {worst:.3}").into());
    }
    Ok(())
}
