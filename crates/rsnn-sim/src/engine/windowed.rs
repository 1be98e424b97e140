//! The windowed event loop, used when every delay is positive.
//!
//! A spike emitted at `s` reaches its first target at `s + d_min` at the earliest, where
//! `d_min > 0` is the network's smallest delay. So if `t0` is the earliest pending event, every
//! delivery in `[t0, t0 + d_min)` comes from a spike that is already known, and what a neuron
//! does in that window depends on nothing another neuron does in it. The loop therefore takes
//! a whole window at once: it walks the spikes in flight (kept in a [`Calendar`], one cursor per
//! spike), puts every delivery of the window into its target's bucket (with the neuron's
//! replays and end of prompt window), sorts each bucket (about seven events) and plays each
//! touched neuron's events in the sequential loop's order restricted to that neuron: by time,
//! then replays, crossings, ends of prompt windows and deliveries by synapse position.
//!
//! Predictions are lazy: after a change the neuron is marked stale, and its prediction is only
//! made when something may depend on it, with the same arguments as the sequential loop's
//! immediate prediction. Before the neuron's next event, a bound that costs no exponential
//! ([`rsnn_neuron::PotentialState::quiet_until`]) usually shows that no crossing can come first;
//! an inhibitory arrival then only needs to know whether a crossing exists at all (the
//! sequential loop re-predicts after it only then), which the first steps of the search tell
//! without solving for the root ([`rsnn_neuron::PotentialState::crossing_exists`]). At the end
//! of the window every stale neuron is predicted.
//!
//! Every neuron thus sees the same operations, with the same arguments, in the same order as in
//! the sequential loop, and the spikes are bit-identical (floating-point rounding is monotone,
//! so a delivery computed as `s + d` with `s >= t0`, `d >= d_min` is never before
//! `t0 + d_min`); only [`SimulationStats::crossing_searches`] is smaller. The order in which
//! neurons are played within a window does not matter.

use super::SimulationStats;
use super::calendar::Calendar;
use super::queue::{Delivery, from_order_key, order_key};
use super::run::Run;
use crate::{Recording, SimError};

/// Tags of bucket events, in their order at equal times (deliveries: `DELIVER + position`).
const REPLAY: u64 = 0;
const RELEASE: u64 = 1;
const DELIVER: u64 = 2;
/// A predicted crossing comes before an event at the same time whose tag is at least this
/// (after replays, before ends of prompt windows and deliveries).
const FIRE: u64 = 1;

/// One event of a neuron in a window: a delivery, a replay or the end of a prompt window.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// [`order_key`] of the time: integer order is the time order.
    key: u64,
    /// [`REPLAY`], [`RELEASE`] or [`DELIVER`] `+ synapse position`.
    tag: u64,
    weight: f64,
}

/// The buckets of one window and their bookkeeping.
struct Window {
    /// Events per neuron.
    buckets: Vec<Vec<Entry>>,
    /// The cursors due in the window (a recycled buffer).
    due: Vec<Delivery>,
    /// Neurons with something to do, in the order they were touched.
    touched: Vec<usize>,
    /// The number of the window in which each neuron was last touched, and its prediction
    /// version then.
    stamp: Vec<u64>,
    version_at_touch: Vec<u64>,
    number: u64,
}

impl Window {
    fn new(n: usize) -> Self {
        Self {
            buckets: vec![Vec::new(); n],
            due: Vec::new(),
            touched: Vec::new(),
            stamp: vec![0; n],
            version_at_touch: vec![0; n],
            number: 0,
        }
    }
}

impl Run<'_> {
    /// Runs the windowed loop (`d_min > 0` and `d_max` are the smallest and largest delays;
    /// infinite and 0 without synapses) to the end and builds the recording.
    pub fn execute_windowed(
        mut self,
        d_min: f64,
        d_max: f64,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(Recording, SimulationStats), SimError> {
        let (start, end) = (self.config.start, self.config.end);
        let step = (end - start) / 100.0;
        let mut next_report = start + step;
        let width = if d_min.is_finite() { d_min } else { 1.0 };
        let origin = self.sent.iter().map(|d| d.time).fold(start, f64::min);
        let mut calendar = Calendar::new(origin, width, d_max + width);
        for d in self.sent.drain(..) {
            calendar.push(d);
        }
        let mut window = Window::new(self.neurons.len());
        // History: the arrivals before the start, without any firing (so any window length
        // would do; `width` bounds the staging area).
        while let Some(t0) = calendar.earliest().filter(|&t| t < start) {
            let t1 = (t0 + width).min(start);
            window.number += 1;
            self.stage(&mut window, &mut calendar, t1);
            for &l in &window.touched {
                let bucket = &mut window.buckets[l];
                sort_entries(bucket);
                for e in bucket.iter() {
                    self.neurons.add_arrival(l, from_order_key(e.key), e.weight);
                }
                self.stats.deliveries += bucket.len() as u64;
                bucket.clear();
            }
            window.touched.clear();
        }
        for l in 0..self.neurons.len() {
            self.predict(l, start);
            self.queue_fire(l);
        }
        while let Some(t0) = self.earliest_event(&calendar).filter(|&t| t < end) {
            if t0 >= next_report {
                progress(t0);
                next_report = t0 + step;
            }
            let t1 = (t0 + d_min).min(end);
            self.play_window(&mut window, &mut calendar, t1);
            // Spikes of this window reach their first target at `t1` or later.
            for d in self.sent.drain(..) {
                calendar.push(d);
            }
        }
        progress(end);
        self.finish()
    }

    /// The time of the earliest pending event (dropping outdated predictions on the way).
    fn earliest_event(&mut self, calendar: &Calendar) -> Option<f64> {
        while let Some(f) = self.fires.peek() {
            if f.version == self.neurons.version(f.neuron) {
                break;
            }
            self.fires.pop();
        }
        [
            self.replays.get(self.next_replay).map(|r| r.0),
            self.fires.peek().map(|f| f.time),
            self.releases.get(self.next_release).map(|r| r.0),
            calendar.earliest(),
        ]
        .into_iter()
        .flatten()
        .min_by(f64::total_cmp)
    }

    /// Puts every delivery before `t1` into its target's bucket, and advances the cursors.
    fn stage(&mut self, window: &mut Window, calendar: &mut Calendar, t1: f64) {
        let synapses = &self.sim.synapses;
        let mut due = std::mem::take(&mut window.due);
        calendar.take_due(t1, &mut due);
        for cursor in due.drain(..) {
            let Delivery {
                mut time,
                spike,
                mut pos,
                end,
            } = cursor;
            loop {
                let syn = synapses.get(pos);
                let entry = Entry {
                    key: order_key(time),
                    tag: DELIVER + pos as u64,
                    weight: syn.weight,
                };
                self.push(window, syn.target, entry);
                pos += 1;
                if pos == end {
                    break;
                }
                time = spike + synapses.get(pos).delay;
                if time >= t1 {
                    calendar.push(Delivery {
                        time,
                        spike,
                        pos,
                        end,
                    });
                    break;
                }
            }
        }
        window.due = due;
    }

    /// Puts an event into neuron `l`'s bucket.
    #[inline]
    fn push(&self, window: &mut Window, l: usize, entry: Entry) {
        if window.buckets[l].is_empty() {
            self.touch(window, l);
        }
        window.buckets[l].push(entry);
    }

    /// Plays the window `[t0, t1)`.
    fn play_window(&mut self, window: &mut Window, calendar: &mut Calendar, t1: f64) {
        window.number += 1;
        self.stage(window, calendar, t1);
        while let Some(&(t, l)) = self.replays.get(self.next_replay).filter(|r| r.0 < t1) {
            self.next_replay += 1;
            let entry = Entry {
                key: order_key(t),
                tag: REPLAY,
                weight: 0.0,
            };
            self.push(window, l, entry);
        }
        while let Some(&(t, l)) = self.releases.get(self.next_release).filter(|r| r.0 < t1) {
            self.next_release += 1;
            let entry = Entry {
                key: order_key(t),
                tag: RELEASE,
                weight: 0.0,
            };
            self.push(window, l, entry);
        }
        // Neurons whose predicted crossing falls in the window.
        while let Some(f) = self.fires.peek() {
            if f.version != self.neurons.version(f.neuron) {
                self.fires.pop();
            } else if f.time < t1 {
                let l = f.neuron;
                self.fires.pop();
                self.touch(window, l);
            } else {
                break;
            }
        }
        for i in 0..window.touched.len() {
            let l = window.touched[i];
            let bucket = &mut window.buckets[l];
            sort_entries(bucket);
            for e in bucket.iter() {
                self.advance(l, e.key, e.tag, t1);
                self.apply(l, e);
            }
            bucket.clear();
            self.close(l, t1);
            // A neuron whose prediction changed queues the new one; otherwise its queued one
            // (later than the window) is still valid.
            if self.neurons.version(l) != window.version_at_touch[l] {
                self.queue_fire(l);
            }
        }
        window.touched.clear();
    }

    #[inline]
    fn touch(&self, window: &mut Window, l: usize) {
        if window.stamp[l] != window.number {
            window.stamp[l] = window.number;
            window.version_at_touch[l] = self.neurons.version(l);
            window.touched.push(l);
        }
    }

    /// Plays neuron `l`'s crossings that come before its event `(key, tag)`.
    #[inline]
    fn advance(&mut self, l: usize, key: u64, tag: u64, t1: f64) {
        loop {
            if self.neurons.is_stale(l) {
                if self.neurons.quiet_until(l, from_order_key(key)) {
                    return;
                }
                self.neurons.refresh(l, &mut self.stats);
            }
            let fire = self.neurons.fire_at(l);
            if !(fire < t1 && (order_key(fire), FIRE) <= (key, tag)) {
                return;
            }
            self.fire(l);
        }
    }

    /// Plays one staged event (the neuron's earlier crossings were played).
    #[inline]
    fn apply(&mut self, l: usize, e: &Entry) {
        let time = from_order_key(e.key);
        match e.tag {
            REPLAY => {
                if self.neurons.accept_replay(l, time, &mut self.stats) {
                    self.emit(l, time);
                }
            }
            RELEASE => self.neurons.invalidate(l, time),
            _ => {
                // The sequential loop re-predicts after an inhibitory arrival only when a
                // crossing was pending.
                let again = e.weight > 0.0 || self.neurons.pending(l, &mut self.stats);
                self.neurons.add_arrival(l, time, e.weight);
                self.stats.deliveries += 1;
                if again {
                    self.neurons.invalidate(l, time);
                } else if self.neurons.is_stale(l) {
                    self.neurons.settle_without_crossing(l);
                }
            }
        }
    }

    /// Plays neuron `l`'s remaining crossings in the window and leaves it predicted.
    fn close(&mut self, l: usize, t1: f64) {
        loop {
            self.neurons.refresh(l, &mut self.stats);
            if self.neurons.fire_at(l) >= t1 {
                return;
            }
            self.fire(l);
        }
    }

    /// Neuron `l` fires at its predicted crossing.
    #[inline]
    fn fire(&mut self, l: usize) {
        let t = self.neurons.fire_at(l);
        self.emit(l, t);
        self.neurons.invalidate(l, t);
    }
}

/// Sorts a bucket by time, then tag (insertion sort: buckets are small).
#[inline]
fn sort_entries(entries: &mut [Entry]) {
    if entries.len() > 32 {
        entries.sort_unstable_by_key(|e| (e.key, e.tag));
        return;
    }
    for i in 1..entries.len() {
        let x = entries[i];
        let mut j = i;
        while j > 0 && (entries[j - 1].key, entries[j - 1].tag) > (x.key, x.tag) {
            entries[j] = entries[j - 1];
            j -= 1;
        }
        entries[j] = x;
    }
}
