//! Associative recall: half of a trained network is prompted with noisy copies of the memory for
//! two cycles while the other half starts silent; then every neuron runs freely.
//!
//! ```text
//! cargo run --release -p rsnn-examples --example associative_recall
//! ```

use rsnn::prelude::*;
use rsnn::recipes::{NetworkSpec, RecallProtocol, associative_recall};
use rsnn::seeds::Seeds;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spec = NetworkSpec {
        neurons: 60,
        inputs: 500,
        period: 20.0,
        rate: 0.2,
    };
    let (neurons, seed) = (spec.neurons, 2);
    let seeds = Seeds::new(seed);
    let (scores, mut network) = spec.sample(1, &seeds)?;
    let score = scores[0].clone();
    let report = memorize_network(
        &mut network,
        std::slice::from_ref(&score),
        &MemorizeConfig::default(),
        |_, _| {},
    )?;
    if !report.all_memorized() {
        return Err(format!("infeasible neurons: {:?}", report.infeasible()).into());
    }

    let protocol = RecallProtocol {
        prompt_cycles: 2,
        free_cycles: 3,
        seed: seeds.recall(0),
        ..Default::default()
    };
    let outcome = associative_recall(&network, &score, &protocol)?;
    println!(
        "{} of {neurons} neurons prompted with jitter {} for {} cycles; threshold noise {}",
        outcome.prompted.len(),
        protocol.prompt_jitter,
        protocol.prompt_cycles,
        protocol.sigma
    );
    println!("cycle  phase    prompted (P/R)   free (P/R)       all (P/R)");
    for c in &outcome.cycles {
        println!(
            "{:>5}  {:7}  {:.3} / {:.3}    {:.3} / {:.3}    {:.3} / {:.3}",
            c.cycle,
            if c.prompting { "prompt" } else { "free" },
            c.prompted.map_or(f64::NAN, |s| s.precision),
            c.prompted.map_or(f64::NAN, |s| s.recall),
            c.free.map_or(f64::NAN, |s| s.precision),
            c.free.map_or(f64::NAN, |s| s.recall),
            c.all.precision,
            c.all.recall
        );
    }
    let last = outcome.cycles.last().ok_or("no cycle")?;
    if last.all.precision < 0.9 || last.all.recall < 0.9 {
        return Err("the memory was not recalled".into());
    }
    Ok(())
}
