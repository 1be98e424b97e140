//! Memorizes a random score in a random network and prints the per-network report.
//!
//! `cargo run --release -p rsnn-optim --example memorize_network -- [L K T] [l1|l2|linf|none] [continuous|grid|published] [BACKEND]`
//! (default: the acceptance network of issue 4, L = 200, K = 500, T = 50, squared L2,
//! continuous time; `grid` puts rsnn's template on a 0.05 grid instead, `published` uses the
//! original package's grid template).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Topology, TopologyConfig};
use rsnn_optim::{MemorizeConfig, Mode, Objective, memorize_network};
use rsnn_signal::{AlphaKernel, ScoreSampler};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: f64| -> Result<f64, std::num::ParseFloatError> {
        args.get(i).map_or(Ok(default), |s| s.parse())
    };
    let (l, k, t) = (
        number(0, 200.0)? as usize,
        number(1, 500.0)? as usize,
        number(2, 50.0)?,
    );
    let objective = match args.get(3).map(String::as_str) {
        None | Some("l2") => Objective::L2,
        Some("l1") => Objective::L1,
        Some("linf") => Objective::LInf,
        Some("none") => Objective::None,
        Some(other) => return Err(format!("unknown objective `{other}`").into()),
    };

    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let score = ScoreSampler::new(t, 0.2)?.sample_score(&mut rng, l)?;
    let topology = TopologyConfig {
        num_neurons: l,
        topology: Topology::FixedInDegree { k },
        ..Default::default()
    };
    let mut network = topology.sample(AlphaKernel::default(), &mut rng)?;
    let mode = match args.get(4).map(String::as_str) {
        None | Some("continuous") => Mode::ContinuousTime,
        Some("grid") => Mode::Grid { step: 0.05 },
        Some("published") => Mode::Published,
        Some(other) => return Err(format!("unknown mode `{other}`").into()),
    };
    let backend = match args.get(5) {
        Some(name) => name.parse()?,
        None => Default::default(),
    };
    let config = MemorizeConfig {
        objective,
        mode,
        backend,
        ..Default::default()
    };
    println!(
        "memorizing L = {l}, K = {k}, T = {t} ({} spikes per period), objective {objective}",
        score.num_spikes()
    );
    let report = memorize_network(&mut network, &[score], &config, |done, total| {
        if done % 20 == 0 || done == total {
            print!("\r{done}/{total} neurons");
            let _ = std::io::stdout().flush();
        }
    })?;
    println!();
    let max =
        |f: fn(&rsnn_optim::NeuronReport) -> usize| report.neurons.iter().map(f).max().unwrap_or(0);
    println!(
        "{} memorized, {} unverified, infeasible {:?}, largest violation {:.2e}",
        report.num_memorized(),
        report
            .with_status(rsnn_optim::NeuronStatus::Unverified)
            .len(),
        report.infeasible(),
        report.max_violation()
    );
    println!(
        "wall {:.2} s; per neuron {:.3} s, rounds {:.2} (max {}), constraints {:.1} (max {})",
        report.seconds,
        report.mean_seconds(),
        report.mean_rounds(),
        max(|r| r.rounds),
        report.mean_constraints(),
        max(|r| r.constraints)
    );
    Ok(())
}
