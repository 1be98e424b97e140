//! # rsnn-sim — dynamics and analysis (layer 3)
//!
//! Event-driven exact simulation of networks with delays, absolute refractoriness, threshold
//! noise, prompted neurons and neurons clamped to given spikes from before the start
//! ([`Simulator`], [`SimulationConfig`], [`Prompt`], [`SimulationConfig::clamp`]); recordings of
//! every spike ([`Recording`]); the linearized jitter-propagation stability analysis
//! ([`stability`], docs/model.md §7).
//!
//! Spike times are exact threshold crossings of the potentials of `rsnn-neuron` (never a time
//! grid). Neuron $l$ fires at the first $t$ at least one refractory period after its last spike
//! with $z_l(t) \ge \theta_l$, where $\theta_l \sim \mathcal N(\theta_0, \sigma^2)$ is redrawn after
//! every spike from the neuron's own random stream: the same seed gives bit-identical spikes.
//!
//! Users: the facade `rsnn` and `rsnn-cli`; anyone who simulates a network built with
//! `rsnn-neuron`.
//!
//! ```
//! use rsnn_neuron::{Input, Network, Neuron};
//! use rsnn_signal::{AlphaKernel, SpikeTrain};
//! use rsnn_sim::{SimulationConfig, simulate};
//!
//! // Two neurons exciting each other strongly with delay 2.
//! let link = |source| Neuron { inputs: vec![Input { source, delay: 2.0, weight: 3.0 }] };
//! let net = Network::new(vec![link(1), link(0)], AlphaKernel::default())?;
//! let mut config = SimulationConfig::new(0.0, 20.0);
//! config.sigma = 0.0;
//! config.history = vec![SpikeTrain::new(vec![-1.0])?, SpikeTrain::empty()];
//! let recording = simulate(&net, &config)?;
//! // The ring keeps going: neuron 1 fires first, then both alternate.
//! assert!(recording.train(0).map_or(0, |t| t.len()) >= 3);
//! assert!(recording.train(1).map_or(0, |t| t.len()) >= 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clamp;
mod config;
mod engine;
mod error;
pub mod limits;
mod measurement;
mod prompt;
mod recording;
pub mod stability;

pub use config::{SimulationConfig, history_from_score};
pub use engine::{SimulationStats, Simulator, simulate};
pub use error::SimError;
pub use limits::SimLimits;
pub use measurement::{CycleRow, Measurement};
pub use prompt::Prompt;
pub use recording::Recording;
pub use stability::{
    EigenMethod, MapForm, Solver, StabilityOptions, StabilityReport, analyze as analyze_stability,
    analyze_until as analyze_stability_until, analyze_with as analyze_stability_with,
};
