//! `rsnn network`: a random topology with all weights 0 (docs/model.md §2).

use crate::flags::{self, Flags};
use crate::outputs::{self, Kind};
use crate::{Output, files, seeds};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use rsnn::neuron::limits::MAX_NETWORK_SIZE;
use rsnn::neuron::{Network, Topology, TopologyConfig};
use rsnn::signal::AlphaKernel;
use serde_json::json;
use std::path::PathBuf;

/// How the library says the topology's limit is raised.
const TOPOLOGY_HINT: &str = "raise it with TopologyConfig::sample_within";

/// The wiring rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Wiring {
    /// Every neuron receives `--inputs` inputs from uniformly drawn sources.
    FixedIn,
    /// Every neuron feeds `--inputs` inputs of uniformly drawn targets.
    FixedOut,
    /// Every neuron receives one input from every other neuron.
    AllToAll,
}

/// Arguments of `rsnn network`.
#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// Number of neurons L.
    #[arg(long, default_value_t = 200)]
    pub neurons: usize,
    /// Inputs per neuron K (fixed-in) or outputs per neuron (fixed-out).
    #[arg(long, default_value_t = 500)]
    pub inputs: usize,
    /// The wiring rule.
    #[arg(long, value_enum, default_value_t = Wiring::FixedIn)]
    pub wiring: Wiring,
    /// With all-to-all wiring, also connect every neuron to itself.
    #[arg(long)]
    pub self_connections: bool,
    /// Smallest delay.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub d_min: f64,
    /// Largest delay.
    #[arg(long, default_value_t = 10.0, allow_negative_numbers = true)]
    pub d_max: f64,
    /// Time constant tau of the alpha kernel.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub tau: f64,
    /// Nominal threshold theta_0 of the neurons, recorded in the network (memorization and
    /// simulation use it).
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub threshold: f64,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Largest size of the network, in neurons plus inputs (24 bytes each).
    #[arg(long, default_value_t = MAX_NETWORK_SIZE, allow_negative_numbers = true)]
    pub max_size: f64,
    /// Output file (.json or .bin).
    #[arg(long, short)]
    pub out: PathBuf,
}

impl NetworkArgs {
    /// The topology configuration these arguments describe.
    pub fn config(&self) -> TopologyConfig {
        let topology = match self.wiring {
            Wiring::FixedIn => Topology::FixedInDegree { k: self.inputs },
            Wiring::FixedOut => Topology::FixedOutDegree { k: self.inputs },
            Wiring::AllToAll => Topology::AllToAll {
                self_connections: self.self_connections,
            },
        };
        TopologyConfig {
            num_neurons: self.neurons,
            topology,
            d_min: self.d_min,
            d_max: self.d_max,
        }
    }
}

/// Wires a network from stream [`seeds::NETWORK_STREAM`] of `seed`, of at most `max_size`
/// neurons plus inputs.
///
/// # Errors
/// Invalid parameters, or a network above `max_size`.
pub fn sample_network(
    config: &TopologyConfig,
    tau: f64,
    seed: u64,
    max_size: f64,
) -> Result<Network> {
    if config.num_neurons == 0 {
        bail!("invalid parameter `neurons` = 0: must be at least 1");
    }
    let kernel = AlphaKernel::new(tau)?;
    let mut rng = seeds::rng(seed, seeds::NETWORK_STREAM);
    Ok(config.sample_within(kernel, &mut rng, max_size)?)
}

/// Runs `rsnn network`.
///
/// # Errors
/// Invalid parameters or an unwritable output.
pub fn run(args: &NetworkArgs, out: &Output) -> Result<()> {
    outputs::check_all(&[(&args.out, Kind::Data)], &[])?;
    let max_size = flags::limit("--max-size", args.max_size)?;
    let network = sample_network(&args.config(), args.tau, args.seed, max_size)
        .and_then(|n| Ok(n.with_threshold(args.threshold)?))
        .map_err(|e| flags::raise_with(e, TOPOLOGY_HINT, "--max-size"))
        .flags(&[
            ("d_min", "--d-min"),
            ("d_max", "--d-max"),
            ("num_neurons", "--neurons"),
            ("k", "--inputs"),
            ("tau", "--tau"),
            ("threshold", "--threshold"),
        ])?;
    files::save(&args.out, &network, Some(args.seed))?;
    out.text(format!(
        "network: {} neurons, {} inputs in all, delays in [{}, {}], tau {}, threshold {} -> {}",
        network.num_neurons(),
        network.num_inputs(),
        args.d_min,
        args.d_max,
        args.tau,
        network.threshold(),
        args.out.display()
    ));
    out.json(&json!({
        "path": files::json_path(&args.out),
        "seed": args.seed,
        "neurons": network.num_neurons(),
        "inputs": network.num_inputs(),
        "d_min": args.d_min,
        "d_max": args.d_max,
        "tau": args.tau,
        "threshold": network.threshold(),
    }))
}
