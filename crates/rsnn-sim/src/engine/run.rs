//! One simulation run: the neurons, the queues of events, and the choice of event loop.

use super::neurons::Neurons;
use super::queue::{Delivery, Fire};
use super::{SimulationStats, Simulator};
use crate::{Recording, SimError, SimulationConfig};
use std::collections::BinaryHeap;

/// The kinds of events, in their tie-breaking order at equal times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Replay,
    Fire,
    Release,
    Deliver,
}

/// The state of one run, shared by both event loops.
pub(super) struct Run<'a> {
    pub sim: &'a Simulator,
    pub config: &'a SimulationConfig,
    pub neurons: Neurons,
    /// Replayed spikes `(time, neuron)`, sorted, and the next one.
    pub replays: Vec<(f64, usize)>,
    pub next_replay: usize,
    /// Ends of prompt windows `(time, neuron)`, sorted, and the next one.
    pub releases: Vec<(f64, usize)>,
    pub next_release: usize,
    /// Cursors of the spikes sent since the event loop last took them.
    pub sent: Vec<Delivery>,
    /// Predicted crossings (outdated ones are skipped by their version).
    pub fires: BinaryHeap<Fire>,
    pub stats: SimulationStats,
}

impl<'a> Run<'a> {
    pub fn new(sim: &'a Simulator, config: &'a SimulationConfig) -> Self {
        let mut replays = Vec::new();
        let mut releases = Vec::new();
        for p in &config.prompts {
            replays.extend(
                p.spikes
                    .times()
                    .iter()
                    .filter(|&&t| t < config.end)
                    .map(|&t| (t, p.neuron)),
            );
            if p.window_end < config.end {
                releases.push((p.window_end, p.neuron));
            }
        }
        let by_time = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        replays.sort_by(by_time);
        releases.sort_by(by_time);
        let mut run = Self {
            sim,
            config,
            neurons: Neurons::new(sim.num_neurons, sim.kernel, sim.threshold, config),
            replays,
            next_replay: 0,
            releases,
            next_release: 0,
            sent: Vec::new(),
            fires: BinaryHeap::new(),
            stats: SimulationStats::default(),
        };
        for (l, train) in config.history.iter().enumerate() {
            for &t in train.times() {
                run.send(l, t);
            }
            if let Some(t) = train.last() {
                run.neurons.set_last_spike(l, t);
            }
        }
        run
    }

    /// Runs the event loop and builds the recording: the windowed loop when every delay is
    /// positive, the sequential one otherwise (a zero delay lets a spike act at its own time).
    pub fn execute(
        self,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(Recording, SimulationStats), SimError> {
        match self.sim.synapses.delay_range() {
            Some((d_min, d_max)) if self.delays_advance_time(d_min) => {
                self.execute_windowed(d_min, d_max, progress)
            }
            Some(_) => self.execute_sequential(progress),
            None => self.execute_windowed(f64::INFINITY, 0.0, progress),
        }
    }

    /// Whether `t + d_min > t` in floating point for every time `t` of the run (from the first
    /// delivery of the history to the end): otherwise some delay acts like a zero delay.
    pub fn delays_advance_time(&self, d_min: f64) -> bool {
        let first = self
            .sent
            .iter()
            .map(|d| d.time)
            .fold(self.config.start, f64::min);
        let extent = first.abs().max(self.config.end.abs());
        // Adding more than half the spacing of the floats at the largest magnitude moves every
        // time of smaller magnitude too.
        extent.is_finite() && d_min > 0.5 * (extent.next_up() - extent)
    }

    /// The recording and the counters at the end of a run.
    pub fn finish(mut self) -> Result<(Recording, SimulationStats), SimError> {
        let trains = self.neurons.take_trains();
        let recording = Recording::from_times(self.config.start, self.config.end, trains)?;
        Ok((recording, self.stats))
    }

    /// Puts a spike of `source` at `t` on its way to every target.
    pub fn send(&mut self, source: usize, t: f64) {
        let range = self.sim.synapses.range(source);
        if range.start < range.end {
            self.sent.push(Delivery {
                time: t + self.sim.synapses.get(range.start).delay,
                spike: t,
                pos: range.start,
                end: range.end,
            });
        }
    }

    /// Emits a spike of neuron `l` at `t`: records it, sends it, redraws the threshold.
    pub fn emit(&mut self, l: usize, t: f64) {
        self.neurons.emit(l, t, &mut self.stats);
        self.send(l, t);
    }

    /// Re-predicts the crossing of neuron `l` at `now`; true if there is one.
    #[inline]
    pub fn predict(&mut self, l: usize, now: f64) -> bool {
        self.neurons.predict(l, now, &mut self.stats).is_some()
    }

    /// Queues neuron `l`'s current prediction, if any.
    pub fn queue_fire(&mut self, l: usize) {
        let time = self.neurons.fire_at(l);
        if time < f64::INFINITY {
            self.fires.push(Fire {
                time,
                neuron: l,
                version: self.neurons.version(l),
            });
        }
    }
}
