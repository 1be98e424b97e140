//! Two memories in one network: prompt memory 0, let it run, switch to memory 1 with a prompt,
//! let it run, and come back to memory 0.
//!
//! ```text
//! cargo run --release -p rsnn-examples --example two_memories
//! ```

use rsnn::prelude::*;
use rsnn::recipes::{NetworkSpec, Phase, choose_neurons, prompt_sequence};
use rsnn::seeds::{Purpose, Seeds};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spec = NetworkSpec {
        neurons: 60,
        inputs: 500,
        period: 15.0,
        rate: 0.2,
    };
    let (neurons, period, seed) = (spec.neurons, spec.period, 3);
    let seeds = Seeds::new(seed);
    let (memories, mut network) = spec.sample(2, &seeds)?;
    let report = memorize_network(
        &mut network,
        &memories,
        &MemorizeConfig::default(),
        |_, _| {},
    )?;
    println!(
        "stored two memories of period {period}: {}/{neurons} neurons feasible in {:.2} s",
        report.num_memorized(),
        report.seconds
    );
    if !report.all_memorized() {
        return Err(format!("infeasible neurons: {:?}", report.infeasible()).into());
    }

    let phases = [0, 1, 0].map(|memory| Phase {
        memory,
        prompt_cycles: 2,
        free_cycles: 3,
    });
    let sequence_seed = Seeds::new(seeds.sub_seed(Purpose::Sequence, 0));
    let prompted = choose_neurons(&mut sequence_seed.rng(0), neurons, neurons / 2);
    let (_, cycles) = prompt_sequence(
        &network,
        &memories,
        &phases,
        &prompted,
        0.1,
        0.1,
        sequence_seed.master(),
    )?;
    println!("cycle  prompted  phase    vs memory 0 (P/R)   vs memory 1 (P/R)");
    for c in &cycles {
        println!(
            "{:>5}  {:>8}  {:7}  {:.3} / {:.3}       {:.3} / {:.3}",
            c.cycle,
            c.memory,
            if c.prompting { "prompt" } else { "free" },
            c.against[0].precision,
            c.against[0].recall,
            c.against[1].precision,
            c.against[1].recall
        );
    }
    // The last free cycle of each phase follows the memory of that phase.
    for (k, phase) in phases.iter().enumerate() {
        let last = cycles.iter().rfind(|c| c.phase == k).ok_or("empty phase")?;
        if last.against[phase.memory].recall < 0.9 {
            return Err(format!("phase {k} did not settle on memory {}", phase.memory).into());
        }
    }
    Ok(())
}
