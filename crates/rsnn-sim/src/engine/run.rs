//! One simulation run: the state of every neuron and the event loop.

use super::queue::{Delivery, Fire};
use super::{SimulationStats, Simulator};
use crate::{Recording, SimError, SimulationConfig};
use rand::RngExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use rsnn_neuron::PotentialState;
use rsnn_signal::{REFRACTORY_PERIOD, REFRACTORY_TOLERANCE};
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;
use std::f64::consts::E;

/// The kinds of events, in their tie-breaking order at equal times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Replay,
    Fire,
    Release,
    Deliver,
}

/// The mutable state of one run.
pub(super) struct Run<'a> {
    sim: &'a Simulator,
    config: &'a SimulationConfig,
    potentials: Vec<PotentialState>,
    thresholds: Vec<f64>,
    last_spike: Vec<f64>,
    versions: Vec<u64>,
    /// Whether the neuron has a valid predicted crossing in the fire queue.
    pending: Vec<bool>,
    rngs: Vec<ChaCha8Rng>,
    /// Prompt windows per neuron, sorted.
    windows: Vec<Vec<(f64, f64)>>,
    /// Replayed spikes `(time, neuron)`, sorted, and the next one.
    replays: Vec<(f64, usize)>,
    next_replay: usize,
    /// Ends of prompt windows `(time, neuron)`, sorted, and the next one.
    releases: Vec<(f64, usize)>,
    next_release: usize,
    deliveries: BinaryHeap<Delivery>,
    fires: BinaryHeap<Fire>,
    trains: Vec<Vec<f64>>,
    stats: SimulationStats,
}

impl<'a> Run<'a> {
    pub fn new(sim: &'a Simulator, config: &'a SimulationConfig) -> Self {
        let n = sim.num_neurons;
        let rngs: Vec<ChaCha8Rng> = (0..n)
            .map(|l| {
                let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
                rng.set_stream(l as u64);
                rng
            })
            .collect();
        let mut windows = vec![Vec::new(); n];
        let mut replays = Vec::new();
        let mut releases = Vec::new();
        for p in &config.prompts {
            windows[p.neuron].push((p.window_start, p.window_end));
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
        for w in &mut windows {
            w.sort_by(|a: &(f64, f64), b| a.0.total_cmp(&b.0));
        }
        let by_time = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        replays.sort_by(by_time);
        releases.sort_by(by_time);
        let mut run = Self {
            sim,
            config,
            potentials: vec![PotentialState::new(sim.kernel); n],
            thresholds: vec![sim.threshold; n],
            last_spike: vec![f64::NEG_INFINITY; n],
            versions: vec![0; n],
            pending: vec![false; n],
            rngs,
            windows,
            replays,
            next_replay: 0,
            releases,
            next_release: 0,
            deliveries: BinaryHeap::new(),
            fires: BinaryHeap::new(),
            trains: vec![Vec::new(); n],
            stats: SimulationStats::default(),
        };
        for l in 0..n {
            run.draw_threshold(l);
        }
        for (l, train) in config.history.iter().enumerate() {
            for &t in train.times() {
                run.send(l, t);
            }
            if let Some(t) = train.last() {
                run.last_spike[l] = t;
            }
        }
        run
    }

    /// Runs the event loop and builds the recording.
    pub fn execute(
        mut self,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(Recording, SimulationStats), SimError> {
        let (start, end) = (self.config.start, self.config.end);
        let step = (end - start) / 100.0;
        let mut next_report = start + step;
        // History: deliver the arrivals before the start, without any firing.
        while self.deliveries.peek().is_some_and(|d| d.time < start) {
            self.deliver(false);
        }
        for l in 0..self.sim.num_neurons {
            self.predict(l, start);
        }
        while let Some((time, kind)) = self.next_event() {
            if time >= end {
                break;
            }
            if time >= next_report {
                progress(time);
                next_report = time + step;
            }
            match kind {
                Kind::Replay => {
                    let (t, l) = self.replays[self.next_replay];
                    self.next_replay += 1;
                    self.replay(l, t);
                }
                Kind::Fire => {
                    if let Some(f) = self.fires.pop() {
                        self.fire(f.neuron, f.time);
                    }
                }
                Kind::Release => {
                    let (t, l) = self.releases[self.next_release];
                    self.next_release += 1;
                    self.predict(l, t);
                }
                Kind::Deliver => self.deliver(true),
            }
        }
        progress(end);
        let trains = std::mem::take(&mut self.trains);
        let recording = Recording::from_times(start, end, trains)?;
        Ok((recording, self.stats))
    }

    /// The earliest pending event (dropping outdated predictions on the way).
    fn next_event(&mut self) -> Option<(f64, Kind)> {
        while let Some(f) = self.fires.peek() {
            if f.version == self.versions[f.neuron] {
                break;
            }
            self.fires.pop();
        }
        let candidates = [
            self.replays
                .get(self.next_replay)
                .map(|r| (r.0, Kind::Replay)),
            self.fires.peek().map(|f| (f.time, Kind::Fire)),
            self.releases
                .get(self.next_release)
                .map(|r| (r.0, Kind::Release)),
            self.deliveries.peek().map(|d| (d.time, Kind::Deliver)),
        ];
        candidates
            .into_iter()
            .flatten()
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
    }

    /// Processes the earliest delivery and advances its spike's cursor.
    fn deliver(&mut self, predict: bool) {
        let Some(mut top) = self.deliveries.peek_mut() else {
            return;
        };
        let d = *top;
        let syn = *self.sim.synapses.get(d.pos);
        if d.pos + 1 < d.end {
            top.pos += 1;
            top.time = d.spike + self.sim.synapses.get(d.pos + 1).delay;
            drop(top);
        } else {
            PeekMut::pop(top);
        }
        self.stats.deliveries += 1;
        self.potentials[syn.target].add_arrival(d.time, syn.weight);
        // An inhibitory (or null) arrival only lowers the potential from now on: without a
        // pending crossing there is still none, so nothing needs to be recomputed.
        if predict && (syn.weight > 0.0 || self.pending[syn.target]) {
            self.predict(syn.target, d.time);
        }
    }

    /// Puts a spike of `source` at `t` on its way to every target.
    fn send(&mut self, source: usize, t: f64) {
        let range = self.sim.synapses.range(source);
        if range.start < range.end {
            self.deliveries.push(Delivery {
                time: t + self.sim.synapses.get(range.start).delay,
                spike: t,
                pos: range.start,
                end: range.end,
            });
        }
    }

    /// Emits a spike of neuron `l` at `t`: records it, sends it, redraws the threshold.
    fn emit(&mut self, l: usize, t: f64) {
        self.trains[l].push(t);
        self.stats.spikes += 1;
        self.last_spike[l] = t;
        self.draw_threshold(l);
        self.send(l, t);
    }

    /// A predicted crossing (still valid: outdated ones were dropped by `next_event`).
    fn fire(&mut self, l: usize, t: f64) {
        self.emit(l, t);
        self.predict(l, t);
    }

    /// A replayed spike of a prompted neuron.
    fn replay(&mut self, l: usize, t: f64) {
        if t - self.last_spike[l] < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE {
            self.stats.skipped_replays += 1;
            return;
        }
        self.versions[l] += 1;
        self.pending[l] = false;
        self.emit(l, t);
    }

    fn draw_threshold(&mut self, l: usize) {
        self.thresholds[l] = if self.config.sigma > 0.0 {
            let x: f64 = self.rngs[l].sample(StandardNormal);
            self.sim.threshold + self.config.sigma * x
        } else {
            self.sim.threshold
        };
    }

    /// The span `[from, until)` in which neuron `l` may fire freely next, seen at `now`.
    fn free_span(&self, l: usize, now: f64) -> Option<(f64, f64)> {
        let from = now.max(self.last_spike[l] + REFRACTORY_PERIOD);
        let mut until = self.config.end;
        for &(a, b) in &self.windows[l] {
            if b <= now {
                continue;
            }
            if a <= now {
                return None;
            }
            until = until.min(a);
            break;
        }
        (from < until).then_some((from, until))
    }

    /// Re-predicts the next threshold crossing of neuron `l` after a change at `now`.
    fn predict(&mut self, l: usize, now: f64) {
        self.versions[l] += 1;
        self.pending[l] = false;
        let Some((from, until)) = self.free_span(l, now) else {
            return;
        };
        let theta = self.thresholds[l];
        let z = &self.potentials[l];
        // On the current piece exp(-u) (alpha u + beta), u >= 0, the potential never exceeds
        // alpha+/e + beta+: below the threshold, no crossing is possible.
        let (alpha, beta) = z.coefficients();
        if alpha.max(0.0) / E + beta.max(0.0) < theta {
            return;
        }
        self.stats.crossing_searches += 1;
        if let Some(t) = z.next_crossing(theta, from, until)
            && t < until
        {
            self.pending[l] = true;
            self.fires.push(Fire {
                time: t,
                neuron: l,
                version: self.versions[l],
            });
        }
    }
}
