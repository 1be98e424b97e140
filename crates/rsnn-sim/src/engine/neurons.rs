//! The state of every neuron during a run and the operations on one neuron: adding an arrival,
//! predicting the next crossing, emitting a spike. Both event loops (`sequential.rs`,
//! `windowed.rs`) call these in the same per-neuron order, so they compute the same spikes.

use super::SimulationStats;
use crate::SimulationConfig;
use rand::RngExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use rsnn_neuron::PotentialState;
use rsnn_signal::{AlphaKernel, REFRACTORY_PERIOD, REFRACTORY_TOLERANCE};
use std::f64::consts::E;

/// Per-neuron state of one run.
pub(super) struct Neurons {
    potentials: Vec<PotentialState>,
    thresholds: Vec<f64>,
    last_spike: Vec<f64>,
    /// Bumped at every prediction, so that queued predictions can be recognized as outdated.
    versions: Vec<u64>,
    /// The predicted crossing (`f64::INFINITY` when there is none).
    fire_at: Vec<f64>,
    /// Whether the neuron has a predicted crossing (the sequential loop's reason to re-predict
    /// after an inhibitory arrival).
    pending: Vec<bool>,
    /// Whether the prediction is still to be made (lazily, by the windowed loop) at the time
    /// in `stale_since`; `fire_at` and `pending` are then meaningless.
    stale: Vec<bool>,
    stale_since: Vec<f64>,
    rngs: Vec<ChaCha8Rng>,
    /// Prompt windows per neuron, sorted.
    windows: Vec<Vec<(f64, f64)>>,
    trains: Vec<Vec<f64>>,
    nominal: f64,
    sigma: f64,
    end: f64,
}

impl Neurons {
    /// `n` neurons at rest, thresholds drawn from their own streams.
    pub fn new(n: usize, kernel: AlphaKernel, nominal: f64, config: &SimulationConfig) -> Self {
        let rngs = (0..n)
            .map(|l| {
                let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
                rng.set_stream(l as u64);
                rng
            })
            .collect();
        let mut windows = vec![Vec::new(); n];
        for p in &config.prompts {
            windows[p.neuron].push((p.window_start, p.window_end));
        }
        for w in &mut windows {
            w.sort_by(|a: &(f64, f64), b| a.0.total_cmp(&b.0));
        }
        let mut neurons = Self {
            potentials: vec![PotentialState::new(kernel); n],
            thresholds: vec![nominal; n],
            last_spike: vec![f64::NEG_INFINITY; n],
            versions: vec![0; n],
            fire_at: vec![f64::INFINITY; n],
            pending: vec![false; n],
            stale: vec![false; n],
            stale_since: vec![f64::NEG_INFINITY; n],
            rngs,
            windows,
            trains: vec![Vec::new(); n],
            nominal,
            sigma: config.sigma,
            end: config.end,
        };
        for l in 0..n {
            neurons.draw_threshold(l);
        }
        neurons
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.potentials.len()
    }

    /// The recorded trains (leaving empty ones behind).
    pub fn take_trains(&mut self) -> Vec<Vec<f64>> {
        std::mem::take(&mut self.trains)
    }

    /// The neuron's prediction version.
    #[inline]
    pub fn version(&self, l: usize) -> u64 {
        self.versions[l]
    }

    /// The neuron's predicted crossing, `f64::INFINITY` if none.
    #[inline]
    pub fn fire_at(&self, l: usize) -> f64 {
        self.fire_at[l]
    }

    /// Sets the time of the neuron's last spike before the run (from its history).
    pub fn set_last_spike(&mut self, l: usize, t: f64) {
        self.last_spike[l] = t;
    }

    /// Adds an arrival to the potential.
    #[inline]
    pub fn add_arrival(&mut self, l: usize, time: f64, weight: f64) {
        self.potentials[l].add_arrival(time, weight);
    }

    /// Adds an arrival to the potential and tells whether the next crossing must be
    /// re-predicted: an inhibitory (or null) arrival only lowers the potential from now on, so
    /// without a pending crossing there is still none.
    #[inline]
    pub fn arrive(&mut self, l: usize, time: f64, weight: f64) -> bool {
        self.potentials[l].add_arrival(time, weight);
        weight > 0.0 || self.pending[l]
    }

    /// Records a spike of neuron `l` at `t` and redraws its threshold (sending it is the
    /// caller's business).
    pub fn emit(&mut self, l: usize, t: f64, stats: &mut SimulationStats) {
        self.trains[l].push(t);
        stats.spikes += 1;
        self.last_spike[l] = t;
        self.draw_threshold(l);
    }

    /// Whether a replayed spike at `t` is accepted (not within one refractory period of the
    /// neuron's previous spike); an accepted replay cancels the neuron's prediction.
    pub fn accept_replay(&mut self, l: usize, t: f64, stats: &mut SimulationStats) -> bool {
        if t - self.last_spike[l] < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE {
            stats.skipped_replays += 1;
            return false;
        }
        self.versions[l] += 1;
        self.fire_at[l] = f64::INFINITY;
        self.pending[l] = false;
        self.stale[l] = false;
        true
    }

    fn draw_threshold(&mut self, l: usize) {
        self.thresholds[l] = if self.sigma > 0.0 {
            let x: f64 = self.rngs[l].sample(StandardNormal);
            self.nominal + self.sigma * x
        } else {
            self.nominal
        };
    }

    /// The span `[from, until)` in which neuron `l` may fire freely next, seen at `now`.
    fn free_span(&self, l: usize, now: f64) -> Option<(f64, f64)> {
        let from = now.max(self.last_spike[l] + REFRACTORY_PERIOD);
        let mut until = self.end;
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

    /// Re-predicts the next threshold crossing of neuron `l` after a change at `now`: bumps
    /// the version and returns the crossing (also kept as [`Neurons::fire_at`]), if any.
    #[inline]
    pub fn predict(&mut self, l: usize, now: f64, stats: &mut SimulationStats) -> Option<f64> {
        self.versions[l] += 1;
        self.fire_at[l] = f64::INFINITY;
        self.pending[l] = false;
        self.stale[l] = false;
        let (from, until) = self.searchable_span(l, now)?;
        stats.crossing_searches += 1;
        let t = self.potentials[l]
            .next_crossing(self.thresholds[l], from, until)
            .filter(|&t| t < until)?;
        self.fire_at[l] = t;
        self.pending[l] = true;
        Some(t)
    }

    /// The span `[from, until)` a prediction at `now` searches, or None when it has nothing to
    /// search: no free span, or the potential's bound below the threshold (on the current
    /// piece exp(-u) (alpha u + beta), u >= 0, the potential never exceeds alpha+/e + beta+).
    #[inline]
    fn searchable_span(&self, l: usize, now: f64) -> Option<(f64, f64)> {
        let span = self.free_span(l, now)?;
        let (alpha, beta) = self.potentials[l].coefficients();
        (alpha.max(0.0) / E + beta.max(0.0) >= self.thresholds[l]).then_some(span)
    }

    /// Lazy prediction (windowed loop): the neuron changed at `now`; its prediction will be
    /// made by [`Neurons::refresh`] only if needed, with the same result as
    /// [`Neurons::predict`] at `now` (nothing else changes the neuron until then).
    #[inline]
    pub fn invalidate(&mut self, l: usize, now: f64) {
        self.versions[l] += 1;
        self.fire_at[l] = f64::INFINITY;
        self.stale[l] = true;
        self.stale_since[l] = now;
    }

    /// Makes the prediction of a stale neuron (as [`Neurons::predict`] at the time it became
    /// stale).
    #[inline]
    pub fn refresh(&mut self, l: usize, stats: &mut SimulationStats) {
        if self.stale[l] {
            self.predict(l, self.stale_since[l], stats);
        }
    }

    /// Whether the neuron is stale.
    #[inline]
    pub fn is_stale(&self, l: usize) -> bool {
        self.stale[l]
    }

    /// True only if the prediction of a stale neuron is certainly no crossing at or before
    /// `horizon` (no exponential computed; false when unsure).
    #[inline]
    pub fn quiet_until(&self, l: usize, horizon: f64) -> bool {
        match self.searchable_span(l, self.stale_since[l]) {
            None => true,
            Some((from, _)) => self.potentials[l].quiet_until(self.thresholds[l], from, horizon),
        }
    }

    /// Whether the neuron has a predicted crossing; for a stale one, decided without the root
    /// search when possible (else the prediction is made).
    #[inline]
    pub fn pending(&mut self, l: usize, stats: &mut SimulationStats) -> bool {
        if !self.stale[l] {
            return self.pending[l];
        }
        let decided = match self.searchable_span(l, self.stale_since[l]) {
            None => Some(false),
            Some((from, until)) => {
                self.potentials[l].crossing_exists(self.thresholds[l], from, until)
            }
        };
        decided.unwrap_or_else(|| {
            self.refresh(l, stats);
            self.pending[l]
        })
    }

    /// A stale neuron found without a crossing (its prediction would be None) is settled.
    #[inline]
    pub fn settle_without_crossing(&mut self, l: usize) {
        self.stale[l] = false;
        self.pending[l] = false;
        self.fire_at[l] = f64::INFINITY;
    }
}
