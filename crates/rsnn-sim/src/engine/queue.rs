//! The two event queues of the simulator, as min-heaps with a total, deterministic order.

use std::cmp::Ordering;

/// A spike on its way: the next delivery of the spike fired at `spike` by a source, through the
/// synapse at `pos` (its source's synapses run up to `end`, sorted by delay).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery {
    /// Time of the next delivery.
    pub time: f64,
    /// Time of the spike.
    pub spike: f64,
    /// Position of the next synapse in the flat synapse table.
    pub pos: usize,
    /// One past the last synapse of the source.
    pub end: usize,
}

/// A predicted threshold crossing; valid only while the neuron's version is unchanged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fire {
    /// The crossing time.
    pub time: f64,
    /// The neuron.
    pub neuron: usize,
    /// The neuron's prediction version when this was pushed.
    pub version: u64,
}

// `BinaryHeap` is a max-heap: the orders below are reversed so that the earliest event is on
// top. Ties are broken by the synapse position (deliveries) or the neuron id (fires), so the
// order of events never depends on anything but their content.

/// A key whose integer order is the total order of `f64` (as [`f64::total_cmp`]).
#[inline]
pub(crate) fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The inverse of [`order_key`].
#[inline]
pub(crate) fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

impl Ord for Delivery {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // (time, pos) identifies a delivery: one source's spikes are at least one refractory
        // period apart, so they never reach the same synapse at the same time.
        (order_key(other.time), other.pos).cmp(&(order_key(self.time), self.pos))
    }
}

impl PartialOrd for Delivery {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Delivery {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Delivery {}

impl Ord for Fire {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .time
            .total_cmp(&self.time)
            .then(other.neuron.cmp(&self.neuron))
            .then(other.version.cmp(&self.version))
    }
}

impl PartialOrd for Fire {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Fire {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Fire {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BinaryHeap;

    #[test]
    fn earliest_first_with_ties_by_id() {
        let mut h = BinaryHeap::new();
        for (time, neuron) in [(2.0, 0), (1.0, 5), (1.0, 3), (3.0, 1)] {
            h.push(Fire {
                time,
                neuron,
                version: 0,
            });
        }
        let order: Vec<usize> = std::iter::from_fn(|| h.pop().map(|f| f.neuron)).collect();
        assert_eq!(order, vec![3, 5, 0, 1]);
        let mut d = BinaryHeap::new();
        for (time, pos) in [(1.0, 7), (0.5, 9), (1.0, 2)] {
            d.push(Delivery {
                time,
                spike: 0.0,
                pos,
                end: 10,
            });
        }
        let order: Vec<usize> = std::iter::from_fn(|| d.pop().map(|x| x.pos)).collect();
        assert_eq!(order, vec![9, 2, 7]);
    }
}
