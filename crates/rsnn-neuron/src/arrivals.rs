//! A finite set of arrivals, evaluated exactly at any time: one piece
//! `exp(-u) (alpha_i u + beta_i)` per arrival, local to that arrival (docs/model.md §3).
//! Extrema over unions of intervals are in `extrema.rs`.

use crate::NeuronError;
use crate::piece::Piece;
use rsnn_signal::AlphaKernel;
use std::f64::consts::E;

/// A point where a function reaches an extremum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremum {
    /// Where.
    pub time: f64,
    /// The value there (for slopes at an arrival: the one-sided limit that is extreme).
    pub value: f64,
}

/// The potential $z(t) = \sum_i w_i h(t - a_i)$ of a finite set of arrivals, kept as one piece
/// per distinct arrival time with coefficients local to that arrival.
///
/// Arrivals at the same time are merged (weights summed). Before the first arrival `z = 0`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrivals {
    pub(crate) kernel: AlphaKernel,
    pub(crate) tau: f64,
    pub(crate) inv_tau: f64,
    pub(crate) times: Vec<f64>,
    pub(crate) weights: Vec<f64>,
    pub(crate) pieces: Vec<Piece>,
}

impl Arrivals {
    /// Builds the potential of `(time, weight)` arrivals given in any order.
    ///
    /// # Errors
    /// [`NeuronError::InvalidArrival`] for a non-finite time or weight.
    pub fn new(kernel: AlphaKernel, mut arrivals: Vec<(f64, f64)>) -> Result<Self, NeuronError> {
        if let Some((index, &(time, weight))) = arrivals
            .iter()
            .enumerate()
            .find(|(_, (t, w))| !(t.is_finite() && w.is_finite()))
        {
            return Err(NeuronError::InvalidArrival {
                index,
                time,
                weight,
            });
        }
        arrivals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut times: Vec<f64> = Vec::with_capacity(arrivals.len());
        let mut weights: Vec<f64> = Vec::with_capacity(arrivals.len());
        for (t, w) in arrivals {
            match times.last() {
                Some(&last) if last == t => {
                    if let Some(x) = weights.last_mut() {
                        *x += w;
                    }
                }
                _ => {
                    times.push(t);
                    weights.push(w);
                }
            }
        }
        let inv_tau = 1.0 / kernel.tau();
        let mut pieces = Vec::with_capacity(times.len());
        let mut current = Piece::default();
        for (i, (&t, &w)) in times.iter().zip(&weights).enumerate() {
            if i > 0 {
                current = current.shifted((t - times[i - 1]) * inv_tau);
            }
            current.alpha += w * E;
            pieces.push(current);
        }
        Ok(Self {
            kernel,
            tau: kernel.tau(),
            inv_tau,
            times,
            weights,
            pieces,
        })
    }

    /// The kernel.
    pub fn kernel(&self) -> AlphaKernel {
        self.kernel
    }

    /// The distinct arrival times, sorted.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// The weight at each distinct arrival time (merged arrivals summed).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Number of distinct arrival times.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether there is no arrival.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Index of the last arrival at or before `t` (`Some`), or None before the first one.
    #[inline]
    pub(crate) fn piece_at(&self, t: f64) -> Option<usize> {
        self.times.partition_point(|&a| a <= t).checked_sub(1)
    }

    /// Local time of `t` on piece `i`.
    #[inline]
    pub(crate) fn local(&self, i: usize, t: f64) -> f64 {
        (t - self.times[i]) * self.inv_tau
    }

    /// `z(t)`.
    pub fn potential(&self, t: f64) -> f64 {
        match self.piece_at(t) {
            Some(i) => self.pieces[i].value(self.local(i, t)),
            None => 0.0,
        }
    }

    /// The left slope `z'(t-)` (at an arrival: before its jump).
    pub fn slope_left(&self, t: f64) -> f64 {
        match self.times.partition_point(|&a| a < t).checked_sub(1) {
            Some(i) => self.pieces[i].slope(self.local(i, t)) * self.inv_tau,
            None => 0.0,
        }
    }

    /// The right slope `z'(t+)` (at an arrival: after its jump).
    pub fn slope_right(&self, t: f64) -> f64 {
        match self.piece_at(t) {
            Some(i) => self.pieces[i].slope(self.local(i, t)) * self.inv_tau,
            None => 0.0,
        }
    }

    /// The first `t >= from` with `z(t) >= level` (`Some(from)` if already there), or None.
    ///
    /// Exact: walks the pieces from `from`, each solved as in
    /// [`PotentialState::next_crossing`](crate::PotentialState::next_crossing).
    pub fn next_crossing(&self, level: f64, from: f64) -> Option<f64> {
        if level.is_nan() || from.is_nan() {
            return None;
        }
        let first = match self.piece_at(from) {
            Some(i) => i,
            None => {
                if 0.0 >= level {
                    return Some(from);
                }
                0
            }
        };
        for i in first..self.times.len() {
            let start = from.max(self.times[i]);
            let end = self.times.get(i + 1).copied().unwrap_or(f64::INFINITY);
            let u0 = self.local(i, start);
            let u1 = self.local(i, end);
            if let Some(u) = self.pieces[i].crossing(level, u0, u1) {
                if u == u0 {
                    return Some(start);
                }
                return Some((self.times[i] + u * self.tau).clamp(start, end));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_finite() {
        let k = AlphaKernel::default();
        assert!(matches!(
            Arrivals::new(k, vec![(0.0, 1.0), (f64::NAN, 1.0)]),
            Err(NeuronError::InvalidArrival { index: 1, .. })
        ));
        assert!(Arrivals::new(k, vec![(0.0, f64::INFINITY)]).is_err());
    }

    #[test]
    fn merges_equal_times_and_matches_direct_sum() {
        let h = AlphaKernel::new(0.7).unwrap();
        let list = vec![(2.0, 0.5), (0.0, 1.0), (2.0, -0.25), (3.5, 0.1)];
        let a = Arrivals::new(h, list.clone()).unwrap();
        assert_eq!(a.times(), &[0.0, 2.0, 3.5]);
        assert_eq!(a.weights(), &[1.0, 0.25, 0.1]);
        for t in [-1.0, 0.0, 0.3, 2.0, 2.2, 3.5, 9.0] {
            let direct: f64 = list.iter().map(|&(s, w)| w * h.value(t - s)).sum();
            assert!((a.potential(t) - direct).abs() < 1e-14, "t {t}");
        }
        let jump = a.slope_right(2.0) - a.slope_left(2.0);
        assert!((jump - 0.25 * h.slope_jump()).abs() < 1e-14);
    }

    #[test]
    fn crossing_walks_pieces() {
        let a = Arrivals::new(AlphaKernel::default(), vec![(0.0, 0.5), (2.0, 0.8)]).unwrap();
        let t = a.next_crossing(0.9, -5.0).unwrap();
        assert!(t > 2.0 && (a.potential(t) - 0.9).abs() < 1e-14);
        assert_eq!(a.next_crossing(0.0, -5.0), Some(-5.0));
        assert_eq!(a.next_crossing(2.0, -5.0), None);
        assert_eq!(a.next_crossing(0.5, 1.0), Some(1.0));
        let empty = Arrivals::new(AlphaKernel::default(), vec![]).unwrap();
        assert_eq!(empty.next_crossing(0.1, 0.0), None);
    }
}
