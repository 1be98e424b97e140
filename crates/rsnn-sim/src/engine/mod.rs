//! The event-driven exact simulator.
//!
//! Events are spike deliveries (a source's spike reaching one target after the synapse's
//! delay), predicted threshold crossings, replayed (prompted) spikes and the ends of prompt
//! windows. Each spike's deliveries come from its source's synapses sorted by delay, so one
//! "cursor" per spike in flight stands for all of them. Each neuron's next crossing is
//! predicted exactly from its potential; a cheap bound rules out most crossings without
//! solving anything, and an inhibitory arrival at a neuron without a pending crossing needs no
//! prediction at all. The cost grows with spikes times fan-out, never with a time step.
//!
//! The order of events is total and deterministic: by time, then replays, crossings, ends of
//! prompt windows and deliveries, then by neuron id (crossings) or synapse position
//! (deliveries). Two loops play it (`run.rs` picks one):
//!
//! - the **windowed** loop (`windowed.rs`) whenever every delay is positive (and larger than
//!   half the spacing of the floats at the run's times): neurons are independent within any
//!   window shorter than the smallest delay, so each window's deliveries are taken from a
//!   calendar queue of cursors (`calendar.rs`) into per-neuron buckets, and each neuron plays
//!   its own events in the order above, with lazy predictions;
//! - the **sequential** loop (`sequential.rs`) otherwise: one event at a time from two
//!   min-heaps (`queue.rs`), the cursors' and the predictions' (predictions carry a version
//!   stamp so that outdated ones are skipped).
//!
//! Both give bit-identical spikes (tests in `tests.rs`). The run is single-threaded and every
//! neuron draws its thresholds from its own random stream, so the same seed always gives
//! bit-identical spikes.

mod calendar;
mod neurons;
mod queue;
mod run;
mod sequential;
mod synapses;
#[cfg(test)]
mod tests;
mod windowed;

use crate::{Recording, SimError, SimulationConfig};
use rsnn_neuron::Network;
use rsnn_signal::AlphaKernel;
use serde::{Deserialize, Serialize};
use synapses::Synapses;

/// Counters of one simulation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationStats {
    /// Spikes emitted in `[start, end)` (free and replayed).
    pub spikes: u64,
    /// Spike deliveries (synaptic events) processed, including those of history spikes.
    pub deliveries: u64,
    /// Exact crossing searches (root solves) that were made: the cheap bounds did not rule
    /// them out. The windowed loop, which predicts lazily, makes far fewer than the
    /// sequential one for the same spikes.
    pub crossing_searches: u64,
    /// Replayed spikes skipped because they came within one refractory period of the
    /// neuron's previous spike.
    pub skipped_replays: u64,
}

/// A network prepared for simulation (its fan-out tables built once), reusable across runs.
#[derive(Debug, Clone)]
pub struct Simulator {
    synapses: Synapses,
    num_neurons: usize,
    kernel: AlphaKernel,
    threshold: f64,
}

impl Simulator {
    /// Prepares `network` for simulation.
    pub fn new(network: &Network) -> Self {
        Self {
            synapses: Synapses::new(network),
            num_neurons: network.num_neurons(),
            kernel: network.kernel(),
            threshold: network.threshold(),
        }
    }

    /// Number of neurons of the network.
    pub fn num_neurons(&self) -> usize {
        self.num_neurons
    }

    /// The network's nominal threshold, around which the thresholds are drawn.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Simulates the network as `config` says.
    ///
    /// # Errors
    /// An invalid configuration (see [`SimulationConfig::validate`]).
    pub fn run(&self, config: &SimulationConfig) -> Result<Recording, SimError> {
        self.run_with_stats(config).map(|(recording, _)| recording)
    }

    /// Like [`Simulator::run`], also returning the counters of the run.
    ///
    /// # Errors
    /// As [`Simulator::run`].
    pub fn run_with_stats(
        &self,
        config: &SimulationConfig,
    ) -> Result<(Recording, SimulationStats), SimError> {
        self.run_with_progress(config, &mut |_| {})
    }

    /// Like [`Simulator::run_with_stats`], calling `progress` with the simulated time about
    /// every hundredth of the span and once at the end (with `config.end`), for progress bars.
    ///
    /// # Errors
    /// As [`Simulator::run`].
    pub fn run_with_progress(
        &self,
        config: &SimulationConfig,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(Recording, SimulationStats), SimError> {
        config.validate(self.num_neurons)?;
        run::Run::new(self, config).execute(progress)
    }
}

/// Simulates `network` as `config` says (a one-shot [`Simulator`]).
///
/// # Errors
/// An invalid configuration (see [`SimulationConfig::validate`]).
pub fn simulate(network: &Network, config: &SimulationConfig) -> Result<Recording, SimError> {
    Simulator::new(network).run(config)
}
