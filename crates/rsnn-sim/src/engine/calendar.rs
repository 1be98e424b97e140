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
