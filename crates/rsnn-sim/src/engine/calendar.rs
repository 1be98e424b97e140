//! A calendar queue of the spikes in flight, for the windowed loop.
//!
//! Time is cut into slots of a fixed width; a ring of slots holds each cursor (a spike's next
//! delivery, [`Delivery`]) in the slot of its next delivery time, and cursors further ahead than
//! the ring reaches wait in an overflow heap. Taking the cursors due before a time costs O(1) per
//! cursor instead of a heap's O(log n): the slots are visited in order and only the last one is
//! partly due. The slot of a time, `floor((t - origin) / width)` in floating point, is a
//! non-decreasing function of `t`, which is all the correctness needs (the grid is only an
//! index: which cursors are due is decided by comparing their times).

use super::queue::Delivery;
use std::collections::BinaryHeap;

/// The calendar queue of cursors.
#[derive(Debug)]
pub(crate) struct Calendar {
    slots: Vec<Vec<Delivery>>,
    /// `slots.len() - 1` (the ring's length is a power of two).
    mask: u64,
    origin: f64,
    inv_width: f64,
    /// No cursor is in a slot before this one.
    current: u64,
    /// Cursors whose slot is `current + slots.len()` or later.
    overflow: BinaryHeap<Delivery>,
    /// Cursors in the ring.
    in_ring: usize,
    /// A recycled buffer for the slot being split.
    spare: Vec<Delivery>,
}

impl Calendar {
    /// An empty calendar with slots of `width` from `origin`, its ring covering at least
    /// `horizon` (both positive; the ring has at most 2^16 slots).
    pub fn new(origin: f64, width: f64, horizon: f64) -> Self {
        let wanted = (horizon / width).ceil() + 2.0;
        let len = if wanted.is_finite() && wanted < 65536.0 {
            (wanted as usize).next_power_of_two()
        } else {
            65536
        };
        Self {
            slots: vec![Vec::new(); len],
            mask: len as u64 - 1,
            origin,
            inv_width: 1.0 / width,
            current: 0,
            overflow: BinaryHeap::new(),
            in_ring: 0,
            spare: Vec::new(),
        }
    }

    /// The slot of time `t` (times before the origin, and NaN, are in slot 0).
    #[inline]
    fn slot_of(&self, t: f64) -> u64 {
        // A float-to-integer `as` saturates: non-decreasing in `t` over the whole line.
        ((t - self.origin) * self.inv_width) as u64
    }

    /// Adds a cursor. Its time must not be before the last `take_due` bound.
    #[inline]
    pub fn push(&mut self, d: Delivery) {
        let slot = self.slot_of(d.time).max(self.current);
        if slot - self.current > self.mask {
            self.overflow.push(d);
        } else {
            self.slots[(slot & self.mask) as usize].push(d);
            self.in_ring += 1;
        }
    }

    /// The earliest time of a cursor, if any.
    pub fn earliest(&self) -> Option<f64> {
        let from_ring = (self.in_ring > 0)
            .then(|| {
                (0..=self.mask).find_map(|i| {
                    let slot = &self.slots[((self.current + i) & self.mask) as usize];
                    slot.iter().map(|d| d.time).min_by(f64::total_cmp)
                })
            })
            .flatten();
        // Everything in the overflow is in later slots than everything in the ring.
        from_ring.or_else(|| self.overflow.peek().map(|d| d.time))
    }

    /// Moves every cursor with time before `t1` into `due` (in slot order, then in the order
    /// they were pushed: deterministic, but not sorted by time).
    pub fn take_due(&mut self, t1: f64, due: &mut Vec<Delivery>) {
        let last = self.slot_of(t1).max(self.current);
        while self.in_ring > 0 && self.current < last {
            let slot = &mut self.slots[(self.current & self.mask) as usize];
            self.in_ring -= slot.len();
            due.append(slot);
            self.current += 1;
            self.refill();
        }
        // The ring now starts at the last slot, which may hold cursors due at or after `t1`.
        self.current = last;
        self.refill();
        let mut keep = std::mem::take(&mut self.spare);
        let slot = &mut self.slots[(last & self.mask) as usize];
        let before = slot.len();
        for d in slot.drain(..) {
            if d.time < t1 {
                due.push(d);
            } else {
                keep.push(d);
            }
        }
        self.in_ring -= before - keep.len();
        std::mem::swap(&mut keep, slot);
        self.spare = keep;
    }

    /// Moves the overflow cursors that the ring now reaches into it.
    fn refill(&mut self) {
        let reach = self.current.saturating_add(self.mask);
        while let Some(&d) = self.overflow.peek()
            && self.slot_of(d.time) <= reach
        {
            self.overflow.pop();
            let slot = self.slot_of(d.time).max(self.current);
            self.slots[(slot & self.mask) as usize].push(d);
            self.in_ring += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cursor(time: f64, pos: usize) -> Delivery {
        Delivery {
            time,
            spike: 0.0,
            pos,
            end: pos + 1,
        }
    }

    /// Everything due before `t1` in the reference heap, in its (time, position) order.
    fn reference_due(heap: &mut BinaryHeap<Delivery>, t1: f64) -> Vec<(u64, usize)> {
        let mut out = Vec::new();
        while heap.peek().is_some_and(|d| d.time < t1) {
            let d = heap.pop().expect("peeked");
            out.push((d.time.to_bits(), d.pos));
        }
        out
    }

    fn sorted(due: &[Delivery]) -> Vec<(u64, usize)> {
        let mut v: Vec<(u64, usize)> = due.iter().map(|d| (d.time.to_bits(), d.pos)).collect();
        v.sort_by(|a, b| {
            f64::from_bits(a.0)
                .total_cmp(&f64::from_bits(b.0))
                .then(a.1.cmp(&b.1))
        });
        v
    }

    #[test]
    fn takes_exactly_the_due_cursors_with_ties_and_overflow() {
        // Slots of 0.5, a ring of 4 slots: times beyond 2 slots ahead overflow.
        let mut c = Calendar::new(0.0, 0.5, 1.0);
        let mut heap = BinaryHeap::new();
        for (i, &t) in [3.0, 0.25, 0.25, 7.75, -1.0, 0.5, 2.0, 0.25, 100.0]
            .iter()
            .enumerate()
        {
            c.push(cursor(t, i));
            heap.push(cursor(t, i));
        }
        assert_eq!(c.earliest(), Some(-1.0));
        let mut due = Vec::new();
        for t1 in [0.25, 0.5000001, 2.0, 2.0, 7.75, 8.0, 1e9] {
            c.take_due(t1, &mut due);
            assert_eq!(sorted(&due), reference_due(&mut heap, t1), "before {t1}");
            assert_eq!(c.earliest(), heap.peek().map(|d| d.time), "after {t1}");
            due.clear();
        }
        assert_eq!(c.earliest(), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random streams of pushes (never before the last bound, on a coarse grid so that
        /// equal times are common) and bounds: the calendar hands out the same cursors as a
        /// binary heap, whatever the slot width and ring size.
        #[test]
        fn agrees_with_a_binary_heap(
            width in 0.01f64..3.0,
            horizon in 0.0f64..10.0,
            ops in proptest::collection::vec((0u8..3, 0u32..400, 0u32..40), 1..200),
        ) {
            let mut c = Calendar::new(0.0, width, horizon);
            let mut heap = BinaryHeap::new();
            let mut bound = 0.0;
            let mut due = Vec::new();
            for (i, &(kind, a, b)) in ops.iter().enumerate() {
                if kind < 2 {
                    let t = bound + a as f64 * 0.125;
                    c.push(cursor(t, i));
                    heap.push(cursor(t, i));
                } else {
                    bound += b as f64 * 0.125;
                    c.take_due(bound, &mut due);
                    prop_assert_eq!(sorted(&due), reference_due(&mut heap, bound));
                    due.clear();
                }
                prop_assert_eq!(c.earliest(), heap.peek().map(|d| d.time));
            }
        }
    }
}
