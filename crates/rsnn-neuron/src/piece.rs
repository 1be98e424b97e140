//! One piece of a potential between two arrivals, in local time `u >= 0` (tau = 1 units):
//! `f(u) = exp(-u) (alpha u + beta)` (docs/model.md §3), and its exact level crossings.

/// Coefficients of the potential local to an arrival.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Piece {
    pub alpha: f64,
    pub beta: f64,
}

/// Where [`Piece::crossing`] stands before its root search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Bracket {
    /// No crossing.
    None,
    /// `f(u0) >= level`: the crossing is `u0`.
    AtStart,
    /// `f(a) < level <= f(b)` with `f` increasing on `[a, b]`: the crossing is in `(a, b]`.
    Within(f64, f64),
    /// On an increasing tail from `a`: a crossing before the limit is still to be searched for.
    Tail(f64, f64),
}

/// Largest number of root-finder iterations (bisection alone needs ~60 on any bracket).
const MAX_ITER: usize = 200;

impl Piece {
    /// `f(u)`.
    #[inline]
    pub fn value(&self, u: f64) -> f64 {
        (-u).exp() * (self.alpha * u + self.beta)
    }

    /// `f'(u)`.
    #[inline]
    pub fn slope(&self, u: f64) -> f64 {
        (-u).exp() * (self.alpha - self.beta - self.alpha * u)
    }

    /// `(f(u), f'(u))` with one exponential.
    #[inline]
    pub fn value_slope(&self, u: f64) -> (f64, f64) {
        let e = (-u).exp();
        let lin = self.alpha * u + self.beta;
        (e * lin, e * (self.alpha - lin))
    }

    /// The coefficients of the same function re-expressed relative to `u = delta`.
    #[inline]
    pub fn shifted(&self, delta: f64) -> Piece {
        let e = (-delta).exp();
        Piece {
            alpha: self.alpha * e,
            beta: (self.beta + self.alpha * delta) * e,
        }
    }

    /// The stationary point of `f`, `1 - beta / alpha` (None for `alpha == 0`).
    #[inline]
    pub fn stationary(&self) -> Option<f64> {
        (self.alpha != 0.0).then(|| 1.0 - self.beta / self.alpha)
    }

    /// The stationary point of `f'`, `2 - beta / alpha` (None for `alpha == 0`).
    #[inline]
    pub fn slope_stationary(&self) -> Option<f64> {
        (self.alpha != 0.0).then(|| 2.0 - self.beta / self.alpha)
    }

    /// The first `u` in `[u0, u1]` with `f(u) >= level` (`u1` may be infinite), or None.
    ///
    /// Exact: finds the increasing stretch of the unimodal `f` where the level can be reached,
    /// brackets the crossing and solves it by safeguarded Newton to about 1e-14 relative. The
    /// returned `u` satisfies `f(u) >= level` up to rounding of `f` itself.
    pub fn crossing(&self, level: f64, u0: f64, u1: f64) -> Option<f64> {
        match self.bracket(level, u0, u1) {
            Bracket::None => None,
            Bracket::AtStart => Some(u0),
            Bracket::Within(a, b) => Some(self.solve(level, a, b)),
            Bracket::Tail(a, limit) => {
                let b = self.upper_bracket(level, a, limit)?;
                Some(self.solve(level, a, b))
            }
        }
    }

    /// The first steps of [`Piece::crossing`], up to (not including) the root search: at most
    /// two evaluations of `f`.
    pub fn bracket(&self, level: f64, u0: f64, u1: f64) -> Bracket {
        if u0.is_nan() || u1.is_nan() || level.is_nan() || u1 < u0 {
            return Bracket::None;
        }
        let f0 = self.value(u0);
        if f0 >= level {
            return Bracket::AtStart;
        }
        if !f0.is_finite() {
            return Bracket::None;
        }
        if self.alpha > 0.0 {
            // Increasing up to the maximum at u*, then decreasing to 0.
            let top = self.stationary().unwrap_or(f64::INFINITY);
            if top <= u0 {
                return Bracket::None;
            }
            let end = top.min(u1);
            if end.is_finite() {
                if self.value(end) < level {
                    return Bracket::None;
                }
                Bracket::Within(u0, end)
            } else {
                // A denormal alpha puts the maximum at infinity: search a finite bracket.
                Bracket::Tail(u0, end)
            }
        } else {
            // alpha < 0: decreasing to the minimum at u*, then increasing towards 0 from below.
            // alpha == 0: beta exp(-u), increasing towards 0 only when beta < 0.
            if level >= 0.0 || (self.alpha == 0.0 && self.beta >= 0.0) {
                return Bracket::None;
            }
            let a = match self.stationary() {
                Some(s) if s > u0 => s,
                _ => u0,
            };
            if a >= u1 {
                return Bracket::None;
            }
            Bracket::Tail(a, u1)
        }
    }

    /// On the increasing tail (alpha <= 0), a point `b <= u1` with `f(b) >= level`, or None.
    fn upper_bracket(&self, level: f64, a: f64, u1: f64) -> Option<f64> {
        let mut step = 1.0;
        let mut b = a;
        for _ in 0..MAX_ITER {
            b = (a + step).min(u1);
            if self.value(b) >= level {
                return Some(b);
            }
            if b >= u1 {
                return None;
            }
            step *= 2.0;
        }
        // Only reachable for absurd coefficients (f keeps below the level up to ~1e60).
        (self.value(b) >= level).then_some(b)
    }

    /// The crossing in `[a, b]` where `f(a) < level <= f(b)` and `f` increases: Newton steps
    /// kept inside the shrinking bracket, bisection when Newton leaves it or stalls.
    fn solve(&self, level: f64, mut a: f64, mut b: f64) -> f64 {
        let mut x = a;
        let mut dx_old = b - a;
        let mut dx = dx_old;
        for _ in 0..MAX_ITER {
            let (f, df) = self.value_slope(x);
            let g = f - level;
            if g >= 0.0 {
                b = x;
            } else {
                a = x;
            }
            let tol = 1e-15 * (1.0 + x.abs());
            if b - a <= 4.0 * tol {
                break;
            }
            let newton = df > 0.0 && (2.0 * g).abs() <= (dx_old * df).abs();
            dx_old = dx;
            let mut next = f64::NAN;
            if newton {
                dx = g / df;
                if dx.abs() < tol {
                    // Converged: step just past the root so that both bracket ends close in.
                    dx += tol.copysign(dx);
                }
                next = x - dx;
            }
            if !(next > a && next < b) {
                dx = 0.5 * (b - a);
                next = a + dx;
            }
            x = next;
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bisect(p: &Piece, level: f64, mut a: f64, mut b: f64) -> f64 {
        for _ in 0..200 {
            let m = 0.5 * (a + b);
            if p.value(m) >= level {
                b = m;
            } else {
                a = m;
            }
        }
        b
    }

    #[test]
    fn positive_alpha_crossing() {
        let p = Piece {
            alpha: 2.0,
            beta: 0.1,
        };
        let u = p.crossing(0.5, 0.0, f64::INFINITY).unwrap();
        assert!((p.value(u) - 0.5).abs() < 1e-14);
        assert!((u - bisect(&p, 0.5, 0.0, 0.95)).abs() < 1e-13);
        assert_eq!(p.crossing(0.5, 0.0, u * 0.9), None);
        assert_eq!(p.crossing(0.9, 0.0, 10.0), None);
        assert_eq!(p.crossing(0.0, 0.0, 10.0), Some(0.0));
        // Tangent: the maximum is exactly the level.
        let top = p.stationary().unwrap();
        let u = p.crossing(p.value(top), 0.0, 10.0).unwrap();
        assert!((u - top).abs() < 1e-6);
    }

    #[test]
    fn negative_alpha_tail_crossing() {
        let p = Piece {
            alpha: -3.0,
            beta: -0.5,
        };
        let u = p.crossing(-0.01, 0.0, f64::INFINITY).unwrap();
        assert!(u > p.stationary().unwrap());
        assert!((p.value(u) + 0.01).abs() < 1e-15);
        assert_eq!(p.crossing(0.0, 0.0, f64::INFINITY), None);
        assert_eq!(p.crossing(-0.01, 0.0, u - 1e-6), None);
        let q = Piece {
            alpha: 0.0,
            beta: -1.0,
        };
        let u = q.crossing(-0.25, 0.0, f64::INFINITY).unwrap();
        assert!((u - 4f64.ln()).abs() < 1e-14);
        assert_eq!(Piece::default().crossing(1e-300, 0.0, 1e9), None);
        let tiny = Piece {
            alpha: 5e-324,
            beta: -1.0,
        };
        assert_eq!(tiny.crossing(0.5, 0.0, f64::INFINITY), None);
        assert!(tiny.crossing(-0.5, 0.0, f64::INFINITY).is_some());
        let t = Piece {
            alpha: -5e-324,
            beta: -1.0,
        };
        assert!(t.crossing(-0.5, 0.0, f64::INFINITY).is_some());
        assert_eq!(Piece::default().crossing(0.0, 0.0, 1e9), Some(0.0));
    }
}
