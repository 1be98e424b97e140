//! The incremental exact potential of one neuron: arrivals are added in time order and the
//! coefficients stay local to the last arrival (docs/model.md §3).

use crate::piece::{Bracket, Piece};
use rsnn_signal::AlphaKernel;
use std::f64::consts::E;

/// Absolute size below which [`PotentialState::prune`] forgets the state.
pub const PRUNE_TOLERANCE: f64 = 1e-18;

/// The potential $z(t) = \sum_i w_i h(t - a_i)$ of a stream of arrivals, kept as
/// $z(t) = e^{-u} (\alpha u + \beta)$ with $u = (t - a_{\text{last}}) / \tau$.
///
/// Adding an arrival costs one exponential; evaluating the potential or its slope costs one
/// exponential; [`next_crossing`](Self::next_crossing) is exact (no time grid).
///
/// Queries are meant for times at or after the last arrival: earlier times get the
/// continuation of the last piece, not the true potential.
#[derive(Debug, Clone, Copy)]
pub struct PotentialState {
    last: Option<f64>,
    piece: Piece,
    tau: f64,
    inv_tau: f64,
    kernel: AlphaKernel,
}

impl PotentialState {
    /// Zero potential, no arrival yet.
    pub fn new(kernel: AlphaKernel) -> Self {
        Self {
            last: None,
            piece: Piece::default(),
            tau: kernel.tau(),
            inv_tau: 1.0 / kernel.tau(),
            kernel,
        }
    }

    /// The kernel.
    pub fn kernel(&self) -> AlphaKernel {
        self.kernel
    }

    /// Adds `weight * h(t - time)`.
    ///
    /// Arrivals should come in time order. An arrival earlier than the last one is still added
    /// exactly, but the coefficients stay relative to the (later) last arrival, so the potential
    /// is only right from the last arrival on.
    #[inline]
    pub fn add_arrival(&mut self, time: f64, weight: f64) {
        let w = weight * E;
        match self.last {
            None => {
                self.last = Some(time);
                self.piece = Piece {
                    alpha: w,
                    beta: 0.0,
                };
            }
            Some(last) => {
                let delta = (time - last) * self.inv_tau;
                if delta >= 0.0 {
                    self.piece = self.piece.shifted(delta);
                    self.piece.alpha += w;
                    self.last = Some(time);
                } else {
                    let e = delta.exp();
                    self.piece.alpha += w * e;
                    self.piece.beta -= w * delta * e;
                }
            }
        }
    }

    /// The time of the last arrival (the reference of the local coefficients), if any.
    pub fn last_arrival(&self) -> Option<f64> {
        self.last
    }

    /// The local coefficients `(alpha, beta)` (tau = 1 units, relative to the last arrival).
    pub fn coefficients(&self) -> (f64, f64) {
        (self.piece.alpha, self.piece.beta)
    }

    /// `z(t)` for `t >=` the last arrival.
    #[inline]
    pub fn potential(&self, t: f64) -> f64 {
        match self.last {
            None => 0.0,
            Some(last) => self.piece.value((t - last) * self.inv_tau),
        }
    }

    /// The right slope `z'(t+)` for `t >=` the last arrival.
    #[inline]
    pub fn slope(&self, t: f64) -> f64 {
        match self.last {
            None => 0.0,
            Some(last) => self.piece.slope((t - last) * self.inv_tau) * self.inv_tau,
        }
    }

    /// `(z(t), z'(t+))` with one exponential, for `t >=` the last arrival.
    #[inline]
    pub fn potential_and_slope(&self, t: f64) -> (f64, f64) {
        match self.last {
            None => (0.0, 0.0),
            Some(last) => {
                let (z, dz) = self.piece.value_slope((t - last) * self.inv_tau);
                (z, dz * self.inv_tau)
            }
        }
    }

    /// The first `t` in `[from, until]` with `z(t) >= level` (`Some(from)` if it is already
    /// there), or None. `until` may be infinite. `from` before the last arrival is treated as
    /// the last arrival.
    ///
    /// Exact: the crossing is bracketed on the increasing part of the unimodal last piece and
    /// solved by safeguarded Newton to about 1e-15 relative in local time (no time grid). The
    /// result is the first representable time at or just after the root, so `potential(t)` is
    /// `>= level` up to the rounding of `t` itself (about `1e-16 * |t| * |z'|`).
    pub fn next_crossing(&self, level: f64, from: f64, until: f64) -> Option<f64> {
        if until.is_nan() || from.is_nan() || until < from {
            return None;
        }
        let Some(last) = self.last else {
            return (0.0 >= level).then_some(from);
        };
        let from = from.max(last);
        let u0 = (from - last) * self.inv_tau;
        let u1 = (until - last) * self.inv_tau;
        let u = self.piece.crossing(level, u0, u1)?;
        if u == u0 {
            return Some(from);
        }
        Some((last + u * self.tau).clamp(from, until))
    }

    /// Whether `next_crossing(level, from, until)` is `Some(t)` with `t < until`, when that
    /// can be told without the root search (at most two exponentials); None when it cannot.
    ///
    /// Exact: it takes the same first steps as [`next_crossing`](Self::next_crossing) and
    /// answers `Some(true)` only when the crossing it would solve for maps to a time before
    /// `until` whatever the root search returns (the mapping from local to absolute time is
    /// monotone).
    pub fn crossing_exists(&self, level: f64, from: f64, until: f64) -> Option<bool> {
        if until.is_nan() || from.is_nan() || until < from {
            return Some(false);
        }
        let Some(last) = self.last else {
            return Some(0.0 >= level && from < until);
        };
        let from = from.max(last);
        let u0 = (from - last) * self.inv_tau;
        let u1 = (until - last) * self.inv_tau;
        match self.piece.bracket(level, u0, u1) {
            Bracket::None => Some(false),
            Bracket::AtStart => Some(from < until),
            // The root search returns u in (a, b], so the time is at most last + b tau.
            Bracket::Within(_, b) => (last + b * self.tau < until).then_some(true),
            Bracket::Tail(..) => None,
        }
    }

    /// True only if, whatever `until`, `next_crossing(level, from, until)` certainly gives no
    /// time `t <= horizon` other than `until` itself (false when unsure). Costs no exponential.
    ///
    /// On `[from, horizon]`, `u >= 0`, so `z = exp(-u) (alpha u + beta)` is at most
    /// `max(alpha+ u_h + beta, 0)` with `u_h` the local time of the horizon; when that bound is
    /// below `level` by more than the rounding of the evaluations of `z` (about 1e-15 of the
    /// magnitude of the terms, taken with a wide margin), every value the root search computes
    /// there is below `level`, and the search only returns points where its computed value
    /// reaches `level`. The horizon's local time is widened by far more than the rounding of
    /// the conversions between absolute and local times.
    pub fn quiet_until(&self, level: f64, from: f64, horizon: f64) -> bool {
        let Some(last) = self.last else {
            return level > 0.0 || level.is_nan() || from > horizon;
        };
        let from = from.max(last);
        if from > horizon {
            return true;
        }
        let u0 = (from - last) * self.inv_tau;
        let uh = (horizon - last) * self.inv_tau;
        let u = uh.max(u0) + 1e-13 * (uh.abs() + 1.0 + (last.abs() + horizon.abs()) * self.inv_tau);
        let (alpha, beta) = (self.piece.alpha, self.piece.beta);
        let bound = (alpha.max(0.0) * u + beta).max(0.0);
        let margin = 1e-13 * (alpha.abs() * u + beta.abs() + bound) + 1e-300;
        bound + margin < level
    }

    /// Forgets the state when its potential and slope are negligible (below
    /// [`PRUNE_TOLERANCE`] in absolute value) from time `t` on. The last arrival time is kept.
    pub fn prune(&mut self, t: f64) {
        if let Some(last) = self.last {
            let u = ((t - last) * self.inv_tau).max(0.0);
            let bound = (-u).exp() * (self.piece.alpha.abs() * (1.0 + u) + self.piece.beta.abs());
            if bound < PRUNE_TOLERANCE {
                self.piece = Piece::default();
            }
        }
    }

    /// Back to zero potential with no arrival.
    pub fn reset(&mut self) {
        self.last = None;
        self.piece = Piece::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn direct(arrivals: &[(f64, f64)], t: f64, h: AlphaKernel) -> f64 {
        arrivals.iter().map(|&(a, w)| w * h.value(t - a)).sum()
    }

    #[test]
    fn matches_direct_sum() {
        for tau in [1.0, 0.3, 2.5] {
            let h = AlphaKernel::new(tau).unwrap();
            let arr = [
                (0.0, 0.75),
                (1.0, 0.5),
                (1.5, -0.125),
                (2.5, -0.5),
                (3.0, 0.5),
            ];
            let mut s = PotentialState::new(h);
            assert_eq!(s.potential(1.0), 0.0);
            for &(a, w) in &arr {
                s.add_arrival(a, w);
            }
            for t in [3.0, 3.2, 4.0, 7.5] {
                assert!((s.potential(t) - direct(&arr, t, h)).abs() < 1e-14);
                let eps = 1e-6;
                let fd = (s.potential(t + eps) - s.potential(t)) / eps;
                assert!((s.slope(t) - fd).abs() < 1e-4, "tau {tau} t {t}");
                let (z, dz) = s.potential_and_slope(t);
                assert!((z - s.potential(t)).abs() < 1e-15 && (dz - s.slope(t)).abs() < 1e-14);
            }
        }
    }

    #[test]
    fn late_arrival_is_added_exactly() {
        let h = AlphaKernel::default();
        let mut s = PotentialState::new(h);
        s.add_arrival(2.0, 1.0);
        s.add_arrival(1.5, -0.3);
        assert_eq!(s.last_arrival(), Some(2.0));
        let t = 2.7;
        let want = h.value(t - 2.0) - 0.3 * h.value(t - 1.5);
        assert!((s.potential(t) - want).abs() < 1e-15);
    }

    #[test]
    fn crossing_cases() {
        let mut s = PotentialState::new(AlphaKernel::default());
        assert_eq!(s.next_crossing(0.0, 1.0, 2.0), Some(1.0));
        assert_eq!(s.next_crossing(0.5, 1.0, 2.0), None);
        s.add_arrival(10.0, 1.0);
        let t = s.next_crossing(0.5, 10.0, f64::INFINITY).unwrap();
        assert!((s.potential(t) - 0.5).abs() < 1e-14);
        assert!(t > 10.0 && t < 11.0);
        assert_eq!(s.next_crossing(0.5, 10.0, t - 1e-9), None);
        assert_eq!(s.next_crossing(1.01, 10.0, f64::INFINITY), None);
        assert_eq!(s.next_crossing(0.5, 10.5, 20.0), Some(10.5));
        // Level 1 is the exact peak at t = 11.
        let peak = s.next_crossing(1.0, 10.0, 20.0).unwrap();
        assert!((peak - 11.0).abs() < 1e-7);
        assert_eq!(s.next_crossing(0.5, 3.0, 2.0), None);
    }

    #[test]
    fn prune_forgets_negligible_state() {
        let mut s = PotentialState::new(AlphaKernel::default());
        s.add_arrival(0.0, 1.0);
        s.prune(5.0);
        assert!(s.potential(5.0) > 0.0);
        s.prune(60.0);
        assert_eq!(s.potential(60.0), 0.0);
        assert_eq!(s.coefficients(), (0.0, 0.0));
        assert_eq!(s.last_arrival(), Some(0.0));
        s.reset();
        assert_eq!(s.last_arrival(), None);
    }

    #[test]
    fn quiet_and_exists_decide_the_common_cases() {
        let mut s = PotentialState::new(AlphaKernel::default());
        s.add_arrival(10.0, 0.5);
        // Far below the threshold just after the arrival, and no crossing at all.
        assert!(s.quiet_until(1.0, 10.0, 10.05));
        assert_eq!(s.crossing_exists(1.0, 10.0, f64::INFINITY), Some(false));
        // A crossing exists (max 0.5 at t = 11) but not within the next 0.05.
        assert!(s.quiet_until(0.4, 10.0, 10.05));
        assert_eq!(s.crossing_exists(0.4, 10.0, f64::INFINITY), Some(true));
        assert!(!s.quiet_until(0.4, 10.0, 11.0));
        // From after the horizon.
        assert!(s.quiet_until(0.0, 12.0, 11.0));
        assert_eq!(s.crossing_exists(0.4, 10.0, 10.5), None);
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// `crossing_exists` and `quiet_until` never contradict `next_crossing`, including at
        /// levels within rounding of the potential's maximum and at large absolute times.
        #[test]
        fn helpers_agree_with_next_crossing(
            arrivals in proptest::collection::vec((0.0f64..5.0, -1.0f64..2.0), 1..6),
            offset in prop_oneof![Just(0.0), Just(1e7), Just(-3e5)],
            level in -0.5f64..1.5,
            tangent in any::<bool>(),
            nudge in -4i64..4,
            from in -1.0f64..4.0,
            span in prop_oneof![Just(f64::INFINITY), 0.0f64..10.0],
            ahead in -0.5f64..3.0,
            tau in prop_oneof![Just(1.0), 0.3f64..3.0],
        ) {
            let mut arrivals = arrivals;
            arrivals.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut s = PotentialState::new(AlphaKernel::new(tau).unwrap());
            for &(t, w) in &arrivals {
                s.add_arrival(offset + t, w);
            }
            let last = s.last_arrival().unwrap();
            let from = last + from;
            let level = if tangent {
                // The maximum of the last piece, moved by a few units in the last place.
                let (alpha, beta) = s.coefficients();
                let top = if alpha > 0.0 { (1.0 - beta / alpha).max(0.0) } else { 0.0 };
                let peak = s.potential(last + top * tau);
                f64::from_bits((peak.to_bits() as i64 + nudge) as u64)
            } else {
                level
            };
            let until = from + span;
            let crossing = s.next_crossing(level, from, until);
            if let Some(b) = s.crossing_exists(level, from, until) {
                prop_assert_eq!(b, crossing.is_some_and(|t| t < until));
            }
            let horizon = from + ahead;
            if s.quiet_until(level, from, horizon) {
                for until in [until, f64::INFINITY, horizon, from + 1.0] {
                    if let Some(t) = s.next_crossing(level, from, until) {
                        prop_assert!(t > horizon || t == until, "t {} horizon {}", t, horizon);
                    }
                }
            }
        }
    }
}
