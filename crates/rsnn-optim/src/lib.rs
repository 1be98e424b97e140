//! # rsnn-optim — memorization by convex optimization (layer 3)
//!
//! Templates from prescribed periodic spike trains, the per-neuron convex problem, constraint
//! generation to continuous-time feasibility, and pluggable solver backends selected by cargo
//! features (`clarabel` by default, `good_lp` optionally).
//!
//! Users: the facade `rsnn` and the `rsnn` command; build on `rsnn-neuron` networks and
//! `rsnn-signal` scores.
//!
//! For each neuron with prescribed firing times $s_1 < \dots < s_n$ (one period), the weights
//! $w$ solve
//! $$\min_w \tfrac12\|w\|_2^2 \ \text{(or } \|w\|_1, \|w\|_\infty, 0\text{)}\quad
//! \text{s.t.}\ z(s_m) = \theta_0,\ z(t) \le z_{\max} \text{ on silent regions},\
//! z'(t) \ge \dot z_{\min} \text{ on active regions},\ |w_k| \le w_{\max},$$
//! where $z(t) = \sum_k w_k \phi_k(t)$ is linear in the weights. The continuous-time
//! constraints are met by constraint generation with the exact extrema of the potential
//! ([`Mode::ContinuousTime`]), then verified; [`Mode::Grid`] puts the same template on a grid,
//! and [`Mode::Published`] reproduces the original package's grid template exactly
//! ([`published`]: grid 0.05, margins 1e-6, `z(s) >= theta_0`, kernels modulo the period),
//! solved once. Every report measures the weights in continuous time
//! ([`NeuronReport::continuous_violations`]), so a grid's cost between grid points shows.
//!
//! - [`memorize_network`]: every neuron in parallel (rayon, deterministic), with progress and a
//!   [`NetworkReport`]; [`memorize_network_until`] with a stop check before each neuron
//!   ([`OptimError::Cancelled`], the network unchanged); [`memorize_neurons`] for some of the
//!   neurons, without changing the network; [`memorize_neuron`] for one neuron,
//!   [`template_violation`] to check weights against the continuous template.
//! - [`MemorizeConfig`] (defaults of docs/model.md §1) and its checked form [`ValidConfig`].
//! - [`Template`]: firing times, silent and active regions of one train; [`PeriodicReplay`]:
//!   a neuron's template and the arrivals it sees when every neuron replays a periodic score,
//!   and [`replayed_potential`], the exact potential of a network's neuron under that replay
//!   (with display samples, [`ReplayedPotential::sample`]).
//! - [`quantize`]: weights restricted to `Q` levels ([`Quantization`] in
//!   [`MemorizeConfig::quantization`]): an exact mixed-integer program (microlp's branch and
//!   bound, always compiled in, or HiGHS with the feature `highs`) or rounding with repair,
//!   inside the same constraint generation, with a time limit per neuron and an optional node
//!   limit per solve ([`NeuronStatus::TimeLimit`]).
//! - [`Problem`]: the neutral form handed to a [`Backend`]; [`BackendKind`] chooses at run time
//!   among the compiled-in backends, whose outcomes map onto [`SolveStatus`].
//!
//! | cargo feature | backend | objectives |
//! |---|---|---|
//! | `clarabel` (default) | `dense` (the default backend): a dense interior point for few dense rows, Clarabel otherwise; `clarabel`: Clarabel interior point, called directly; microlp's simplex for "none" with both | none, L1, squared L2, L-infinity |
//! | `good_lp` | good_lp with microlp (simplex) | none, L1, L-infinity (L2: [`OptimError::Unsupported`]) |
//!
//! What comes back, per objective and backend:
//!
//! | objective | `dense`, `clarabel` | `good_lp` |
//! |---|---|---|
//! | none | a vertex of the feasible set (simplex) | a vertex of the feasible set (simplex) |
//! | L1, L-infinity | a point of the optimal face, near its relative interior | a vertex of the optimal face |
//! | squared L2 | the unique minimizer | unsupported |
//!
//! ```
//! use rsnn_neuron::{Input, Network, Neuron};
//! use rsnn_optim::{MemorizeConfig, NeuronStatus, memorize_network};
//! use rsnn_signal::{AlphaKernel, Score};
//!
//! // Neuron 0 must fire at t = 5 (period 10); neurons 1..=150 fire once each, spread
//! // in time, and feed neuron 0 with various delays.
//! let mut channels = vec![vec![5.0]];
//! channels.extend((1..=150).map(|i| vec![(i as f64 * 0.123) % 10.0]));
//! let score = Score::new(10.0, channels)?;
//! let inputs = (1..=150)
//!     .map(|i| Input { source: i, delay: 0.1 + (i as f64 * 0.377) % 9.9, weight: 0.0 })
//!     .collect();
//! let mut neurons = vec![Neuron { inputs }];
//! neurons.resize(151, Neuron::default());
//! let mut net = Network::new(neurons, AlphaKernel::default())?;
//!
//! let config = MemorizeConfig { weight_bound: 0.5, ..Default::default() };
//! let report = memorize_network(&mut net, &[score], &config, |_, _| {})?;
//! assert_eq!(report.neurons[0].status, NeuronStatus::Memorized);
//! assert!(report.max_violation() <= 1e-6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(not(any(feature = "clarabel", feature = "good_lp")))]
compile_error!("rsnn-optim needs at least one backend: enable the feature `clarabel` or `good_lp`");

pub mod backend;
mod config;
mod error;
pub mod problem;
mod templates;

pub use backend::{Backend, BackendKind, SolveStatus};
pub use config::{MemorizeConfig, Mode, Objective, UnknownObjective, ValidConfig};
pub use error::OptimError;
pub use problem::{Problem, Row};
pub use templates::Template;
mod generation;
mod generator;
pub mod limits;
mod measure;
mod mode_codec;
mod network;
pub mod published;
pub mod quantize;
mod record;
pub mod record_v1;
mod report;
mod rows;
mod trace;

pub use generation::{NeuronResult, memorize_neuron, memorize_neuron_with};
pub use measure::template_violation;
pub use network::{memorize_network, memorize_network_until, memorize_neurons, validate_inputs};
pub use quantize::{Levels, MipSolver, QuantMethod, Quantization};
pub use record::{MemorizeRecord, StatusCounts};
pub use report::{NetworkReport, NeuronReport, NeuronStatus, QuantizedReport, Violations};
pub use trace::{PeriodicReplay, ReplayedPotential, replayed_potential};
