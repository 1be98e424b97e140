//! # rsnn — recurrent spiking neural networks that memorize spike trains
//!
//! The facade of the rsnn workspace: it re-exports each layer as a module ([`signal`],
//! [`neuron`], [`optim`], [`sim`]), gathers the common names in [`prelude`], and adds
//! [`recipes`] that compose the layers into the experiments of Aguettaz & Loeliger,
//! "Continuous-time neural networks can stably memorize random spike trains" (arXiv:2408.01166).
//!
//! Cargo features select the memorization backends: `clarabel` (default) and `good_lp`.
//!
//! ## From a random score to its recall
//!
//! ```
//! use rand::SeedableRng;
//! use rand_chacha::ChaCha8Rng;
//! use rsnn::prelude::*;
//!
//! let mut rng = ChaCha8Rng::seed_from_u64(7);
//! // 1. Sample a score: 30 neurons, period 20, rate 0.2 (docs/model.md §4).
//! let score = ScoreSampler::new(20.0, 0.2)?.sample_score(&mut rng, 30)?;
//! // 2. Wire a network: every neuron gets 200 inputs with delays in [0.1, 10].
//! let topology = TopologyConfig {
//!     num_neurons: 30,
//!     topology: Topology::FixedInDegree { k: 200 },
//!     ..Default::default()
//! };
//! let mut network = topology.sample(AlphaKernel::default(), &mut rng)?;
//! // 3. Memorize: one convex problem per neuron, constraints exact in continuous time
//! //    (with only 200 inputs per neuron, weights up to 0.5 are needed).
//! let config = MemorizeConfig { weight_bound: 0.5, ..Default::default() };
//! let report = memorize_network(&mut network, std::slice::from_ref(&score), &config, |_, _| {})?;
//! assert!(report.all_memorized() && report.max_violation() <= 1e-6);
//! // 4. Simulate 3 cycles with threshold noise 0.05 from the perfect initial condition,
//! // 5. and measure precision and recall per cycle.
//! let (recording, cycles) = rsnn::recipes::free_recall(&network, &score, 3, 0.05, 11)?;
//! assert!(recording.num_spikes() > 0);
//! for c in &cycles {
//!     assert!(c.precision > 0.9 && c.recall > 0.9, "{c:?}");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
pub mod io;
pub mod parts;
pub mod pipeline;
pub mod recipes;
pub mod seeds;

pub use error::Error;

#[doc(inline)]
pub use rsnn_neuron as neuron;
#[doc(inline)]
pub use rsnn_optim as optim;
#[doc(inline)]
pub use rsnn_signal as signal;
#[doc(inline)]
pub use rsnn_sim as sim;

/// The names most programs need, for `use rsnn::prelude::*`.
pub mod prelude {
    #[doc(no_inline)]
    pub use crate::Error;
    #[doc(no_inline)]
    pub use rsnn_neuron::{Input, Network, Neuron, Topology, TopologyConfig};
    #[doc(no_inline)]
    pub use rsnn_optim::{
        BackendKind, MemorizeConfig, Mode, NetworkReport, NeuronStatus, Objective, memorize_network,
    };
    #[doc(no_inline)]
    pub use rsnn_signal::{
        AlphaKernel, JitterConfig, PeriodicTrain, Score, ScoreSampler, Similarity, SpikeTrain,
    };
    #[doc(no_inline)]
    pub use rsnn_sim::{
        MapForm, Prompt, Recording, SimulationConfig, StabilityReport, analyze_stability, simulate,
    };
}

/// The code blocks of README.md, compiled and run as doctests so that the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
