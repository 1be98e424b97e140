//! # rsnn-neuron — one neuron and the wiring (layer 2)
//!
//! Inputs (source neuron, delay, weight), neurons and networks, topology samplers, and the exact
//! continuous-time potential machinery of the alpha-kernel neuron: arrival buffers with recurrence
//! coefficients local to the last arrival, potential and slope at any time, exact threshold
//! crossings and extrema over unions of intervals.
//!
//! With the kernel $h(t) = (t/\tau) e^{1 - t/\tau}$, a neuron's potential is
//! $z(t) = \sum_i w_i h(t - a_i)$ over its arrivals $a_i$; between arrivals it is
//! $e^{-u}(\alpha u + \beta)$ in the local time $u = (t - a_{\text{last}})/\tau$.
//!
//! Users: `rsnn-optim` (memorization) and `rsnn-sim` (simulation) build on this crate.
//!
//! ```
//! use rsnn_neuron::{Input, Network, Neuron, PotentialState};
//! use rsnn_signal::AlphaKernel;
//!
//! let kernel = AlphaKernel::new(1.0)?;
//! let neuron = Neuron { inputs: vec![Input { source: 0, delay: 1.0, weight: 1.5 }] };
//! let net = Network::new(vec![neuron], kernel)?;
//! assert_eq!(net.fan_out(), vec![vec![(0, 0)]]);
//!
//! let mut z = PotentialState::new(kernel);
//! z.add_arrival(2.0, 1.5);
//! let t = z.next_crossing(1.0, 2.0, f64::INFINITY).expect("the peak 1.5 exceeds 1");
//! assert!((z.potential(t) - 1.0).abs() < 1e-12);
//! # Ok::<(), rsnn_neuron::NeuronError>(())
//! ```

mod arrivals;
mod error;
mod extrema;
pub mod limits;
mod network;
mod periodic;
mod piece;
mod state;
mod topology;

pub use arrivals::{Arrivals, Extremum};
pub use error::NeuronError;
pub use network::{Input, Network, Neuron};
pub use periodic::{PeriodicArrival, periodic_arrivals, weighted};
pub use state::{PRUNE_TOLERANCE, PotentialState};
pub use topology::{Topology, TopologyConfig, independent_inputs};
