//! Extrema of the potential and of its slope over a union of intervals (docs/model.md §3):
//! candidates are the stationary points inside each piece, the interval ends and the arrivals
//! (for the slope, both one-sided limits).

use crate::arrivals::{Arrivals, Extremum};

/// Which function of the potential.
#[derive(Clone, Copy)]
enum Func {
    /// `z`.
    Potential,
    /// `z'`.
    Slope,
}

/// The restriction of one piece (None: the zero potential before the first arrival) to one
/// interval of the union: `[lo, hi]`, possibly a single point.
#[derive(Clone, Copy)]
struct Segment {
    piece: Option<usize>,
    lo: f64,
    hi: f64,
}

/// One candidate: the best point of a segment for `sign * F`.
#[derive(Clone, Copy)]
struct Candidate {
    time: f64,
    /// `sign * F` at `time` (on the segment's piece).
    score: f64,
}

/// Sorted, merged, non-empty intervals (NaN and inverted intervals are ignored).
fn merge(intervals: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = intervals.iter().copied().filter(|(s, e)| s <= e).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()))
}

impl Arrivals {
    /// Segments of the union, grouped per interval: `(segments, group boundaries)`.
    fn segments(&self, intervals: &[(f64, f64)]) -> (Vec<Segment>, Vec<usize>) {
        let mut segs = Vec::new();
        let mut groups = Vec::new();
        let n = self.times.len();
        for (s, e) in merge(intervals) {
            groups.push(segs.len());
            if n == 0 || s <= self.times[0] {
                let hi = if n == 0 { e } else { e.min(self.times[0]) };
                segs.push(Segment {
                    piece: None,
                    lo: s,
                    hi,
                });
            }
            let p = self.times.partition_point(|&a| a < s);
            let mut i = p.saturating_sub(1);
            while i < n && self.times[i] <= e {
                let end = self.times.get(i + 1).copied().unwrap_or(f64::INFINITY);
                if end >= s {
                    segs.push(Segment {
                        piece: Some(i),
                        lo: s.max(self.times[i]),
                        hi: e.min(end),
                    });
                }
                i += 1;
            }
        }
        groups.push(segs.len());
        (segs, groups)
    }

    /// `(F(t), dF/dt)` on a segment's piece.
    fn eval(&self, f: Func, piece: Option<usize>, t: f64) -> (f64, f64) {
        let Some(i) = piece else {
            return (0.0, 0.0);
        };
        let p = &self.pieces[i];
        let u = self.local(i, t);
        let e = (-u).exp();
        let lin = p.alpha * u + p.beta;
        match f {
            Func::Potential => (e * lin, e * (p.alpha - lin) * self.inv_tau),
            Func::Slope => (
                e * (p.alpha - lin) * self.inv_tau,
                e * (lin - 2.0 * p.alpha) * self.inv_tau * self.inv_tau,
            ),
        }
    }

    /// The best point of a segment for `sign * F`.
    fn best_on(&self, f: Func, sign: f64, seg: &Segment) -> Candidate {
        let score = |t: f64| sign * self.eval(f, seg.piece, t).0;
        // The zero potential before the first arrival: report its end, next to the first piece.
        let start = if seg.piece.is_none() { seg.hi } else { seg.lo };
        let mut best = Candidate {
            time: start,
            score: score(start),
        };
        let mut consider = |t: f64| {
            let s = score(t);
            if s > best.score {
                best = Candidate { time: t, score: s };
            }
        };
        if seg.hi > seg.lo {
            consider(seg.hi);
        }
        if let Some(i) = seg.piece {
            let p = &self.pieces[i];
            // z has a maximum at u* when alpha > 0; z' has a minimum at u* + 1 when alpha > 0.
            let (stationary, is_max) = match f {
                Func::Potential => (p.stationary(), p.alpha > 0.0),
                Func::Slope => (p.slope_stationary(), p.alpha < 0.0),
            };
            if let Some(u) = stationary
                && is_max == (sign > 0.0)
            {
                let t = self.times[i] + u * self.tau;
                if t > seg.lo && t < seg.hi {
                    consider(t);
                }
            }
        }
        best
    }

    fn best(&self, f: Func, sign: f64, intervals: &[(f64, f64)]) -> Option<Extremum> {
        let (segs, _) = self.segments(intervals);
        let mut best: Option<Candidate> = None;
        for seg in &segs {
            let c = self.best_on(f, sign, seg);
            if best.is_none_or(|b| c.score > b.score) {
                best = Some(c);
            }
        }
        best.map(|c| Extremum {
            time: c.time,
            value: sign * c.score,
        })
    }

    /// Local extrema of `sign * F` on the union: the best point of each segment, kept unless a
    /// neighbouring segment of the same interval goes higher right next to it.
    fn local_best(&self, f: Func, sign: f64, intervals: &[(f64, f64)], k: usize) -> Vec<Extremum> {
        let (segs, groups) = self.segments(intervals);
        let mut out: Vec<Candidate> = Vec::new();
        for g in groups.windows(2) {
            let (first, end) = (g[0], g[1]);
            for index in first..end {
                let seg = &segs[index];
                let c = self.best_on(f, sign, seg);
                let at_lo = c.time == seg.lo;
                let at_hi = c.time == seg.hi;
                // Left neighbour: must not rise above c when approaching c from the left.
                if at_lo && index > first {
                    let prev = &segs[index - 1];
                    let (v, d) = self.eval(f, prev.piece, prev.hi);
                    let (v, d) = (sign * v, sign * d);
                    if v > c.score && !close(v, c.score) || close(v, c.score) && d < 0.0 {
                        continue;
                    }
                }
                if at_hi && index + 1 < end {
                    let next = &segs[index + 1];
                    let (v, d) = self.eval(f, next.piece, next.lo);
                    let (v, d) = (sign * v, sign * d);
                    if v > c.score && !close(v, c.score) || close(v, c.score) && d > 0.0 {
                        continue;
                    }
                }
                // The same point reached from both sides of a continuous join: keep one.
                if let Some(last) = out.last()
                    && last.time == c.time
                    && close(last.score, c.score)
                {
                    continue;
                }
                out.push(c);
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.time.total_cmp(&b.time)));
        out.truncate(k);
        out.into_iter()
            .map(|c| Extremum {
                time: c.time,
                value: sign * c.score,
            })
            .collect()
    }

    /// The maximum of `z` over the union of the closed `intervals`, or None for an empty union.
    pub fn max_potential(&self, intervals: &[(f64, f64)]) -> Option<Extremum> {
        self.best(Func::Potential, 1.0, intervals)
    }

    /// The minimum of `z` over the union of the closed `intervals`, or None for an empty union.
    pub fn min_potential(&self, intervals: &[(f64, f64)]) -> Option<Extremum> {
        self.best(Func::Potential, -1.0, intervals)
    }

    /// The minimum of `z'` over the union of the closed `intervals` (at an arrival both
    /// one-sided limits count), or None for an empty union.
    pub fn min_slope(&self, intervals: &[(f64, f64)]) -> Option<Extremum> {
        self.best(Func::Slope, -1.0, intervals)
    }

    /// The maximum of `z'` over the union of the closed `intervals` (at an arrival both
    /// one-sided limits count), or None for an empty union.
    pub fn max_slope(&self, intervals: &[(f64, f64)]) -> Option<Extremum> {
        self.best(Func::Slope, 1.0, intervals)
    }

    /// The `k` largest local maxima of `z` over the union (candidates: stationary points,
    /// interval ends, arrivals), at distinct points, sorted by decreasing value.
    pub fn top_potential(&self, intervals: &[(f64, f64)], k: usize) -> Vec<Extremum> {
        self.local_best(Func::Potential, 1.0, intervals, k)
    }

    /// The `k` smallest local minima of `z'` over the union (at an arrival the one-sided limits
    /// are separate candidates), sorted by increasing value.
    pub fn bottom_slope(&self, intervals: &[(f64, f64)], k: usize) -> Vec<Extremum> {
        self.local_best(Func::Slope, -1.0, intervals, k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_signal::AlphaKernel;

    #[test]
    fn merge_intervals() {
        let m = merge(&[
            (3.0, 5.0),
            (0.0, 1.0),
            (0.5, 2.0),
            (f64::NAN, 1.0),
            (7.0, 6.0),
        ]);
        assert_eq!(m, vec![(0.0, 2.0), (3.0, 5.0)]);
    }

    #[test]
    fn single_kernel_extrema() {
        let a = Arrivals::new(AlphaKernel::new(2.0).unwrap(), vec![(1.0, 1.0)]).unwrap();
        let m = a.max_potential(&[(0.0, 10.0)]).unwrap();
        assert!((m.time - 3.0).abs() < 1e-12 && (m.value - 1.0).abs() < 1e-15);
        let s = a.min_slope(&[(0.0, 10.0)]).unwrap();
        assert!((s.time - 5.0).abs() < 1e-12);
        assert!((s.value - a.slope_right(5.0)).abs() < 1e-15);
        assert_eq!(a.max_potential(&[]), None);
        let top = a.top_potential(&[(0.0, 2.0), (4.0, 10.0)], 5);
        assert_eq!(top.len(), 2);
        assert_eq!(top[0].time, 4.0);
        assert_eq!(top[1].time, 2.0);
        assert!(a.min_potential(&[(0.0, 10.0)]).unwrap().value == 0.0);
        assert!(
            (a.max_slope(&[(0.0, 10.0)]).unwrap().value - a.kernel().slope_jump()).abs() < 1e-15
        );
    }
}
