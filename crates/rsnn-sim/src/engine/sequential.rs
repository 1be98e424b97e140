//! The sequential event loop: one event at a time in the global order of docs/model.md §3
//! (time, then replays, crossings, ends of prompt windows and deliveries, then neuron id or
//! synapse position). Used when some delay is zero, where a spike can act at its own time and
//! neurons cannot be processed independently; the windowed loop reproduces its results
//! whenever every delay is positive.

use super::SimulationStats;
use super::queue::Delivery;
use super::run::{Kind, Run};
use crate::{Recording, SimError};
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;

impl Run<'_> {
    /// Runs the sequential loop to the end and builds the recording.
    pub fn execute_sequential(
        mut self,
        progress: &mut dyn FnMut(f64),
    ) -> Result<(Recording, SimulationStats), SimError> {
        let (start, end) = (self.config.start, self.config.end);
        let step = (end - start) / 100.0;
        let mut next_report = start + step;
        // One cursor per spike in flight.
        let mut deliveries = BinaryHeap::new();
        deliveries.extend(self.sent.drain(..));
        // History: deliver the arrivals before the start, without any firing.
        while deliveries.peek().is_some_and(|d| d.time < start) {
            self.deliver_next(&mut deliveries, false);
        }
        for l in 0..self.neurons.len() {
            self.predict(l, start);
            self.queue_fire(l);
        }
        while let Some((time, kind)) = self.next_event(&deliveries) {
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
                    if self.neurons.accept_replay(l, t, &mut self.stats) {
                        self.emit(l, t);
                        deliveries.extend(self.sent.drain(..));
                    }
                }
                Kind::Fire => {
                    if let Some(f) = self.fires.pop() {
                        self.emit(f.neuron, f.time);
                        deliveries.extend(self.sent.drain(..));
                        self.predict(f.neuron, f.time);
                        self.queue_fire(f.neuron);
                    }
                }
                Kind::Release => {
                    let (t, l) = self.releases[self.next_release];
                    self.next_release += 1;
                    self.predict(l, t);
                    self.queue_fire(l);
                }
                Kind::Deliver => self.deliver_next(&mut deliveries, true),
            }
        }
        progress(end);
        self.finish()
    }

    /// The earliest pending event (dropping outdated predictions on the way).
    fn next_event(&mut self, deliveries: &BinaryHeap<Delivery>) -> Option<(f64, Kind)> {
        while let Some(f) = self.fires.peek() {
            if f.version == self.neurons.version(f.neuron) {
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
            deliveries.peek().map(|d| (d.time, Kind::Deliver)),
        ];
        candidates
            .into_iter()
            .flatten()
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
    }

    /// Processes the earliest delivery and advances its spike's cursor.
    fn deliver_next(&mut self, deliveries: &mut BinaryHeap<Delivery>, predict: bool) {
        let Some(mut top) = deliveries.peek_mut() else {
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
        if self.neurons.arrive(syn.target, d.time, syn.weight) && predict {
            self.predict(syn.target, d.time);
            self.queue_fire(syn.target);
        }
    }
}
