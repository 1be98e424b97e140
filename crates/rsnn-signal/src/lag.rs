//! The best global time lag of the similarity measure: an exact sorted-lag sweep.
//!
//! For one channel with prescribed times `p_i` and produced times `q_j` (both in `[0, T)`),
//! `kappa(circdist(q_j - lag, p_i)) = kappa(circdist(lag, d_ij))` with `d_ij = q_j - p_i`. So the
//! weighted sum over channels that precision (weights `1 / |q_c|`) and recall (weights
//! `1 / |p_c|`) maximize is a sum of triangular "bumps" of half-width 1/2, one centred at every
//! pairwise difference `d_ij` (wrapped to `[-T/2, T/2)`):
//!
//! `f(lag) = sum_m w_m kappa(circdist(lag, d_m))`.
//!
//! `f` is piecewise linear. Its slope drops (by `4 w_m`) only at the centres `d_m` and rises at
//! `d_m ± 1/2`, so every local maximum, and hence the global maximum over all real lags, is
//! attained at a centre. Evaluating `f` at every pairwise difference, as docs/model.md §6
//! prescribes, therefore gives the exact maximum over all lags.
//!
//! The sweep sorts the centres once and moves three pointers over them, so that for a lag `x`
//! the centres in `[x - 1/2, x]` and in `(x, x + 1/2]` are contiguous ranges; with prefix sums of
//! `w` and `w d` over the sorted centres, `f(x)` costs O(1). The prefix sums are kept in
//! double-double arithmetic so that a range sum is accurate to the rounding of the range itself,
//! not of the whole prefix. The total cost is `O(N log N)` for `N` pairwise differences.
//! Periods below 2 (at most one spike per train) use direct evaluation instead, since the
//! unrolling of the circle assumes that a window of width 1 never holds two copies of a centre.

/// A bump of the correlation: its centre and its weights for precision and recall.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bump {
    pub(crate) center: f64,
    pub(crate) precision_weight: f64,
    pub(crate) recall_weight: f64,
}

/// The triangular kernel `max(0, 1 - 2|x|)`.
pub(crate) fn kappa(x: f64) -> f64 {
    (1.0 - 2.0 * x.abs()).max(0.0)
}

/// The distance of `a` and `b` on a circle of circumference `period`.
pub(crate) fn circdist(a: f64, b: f64, period: f64) -> f64 {
    let d = (a - b).rem_euclid(period);
    d.min(period - d)
}

/// `d` (in `(-2T, 2T)`) wrapped to `[-T/2, T/2)`.
pub(crate) fn wrap(d: f64, period: f64) -> f64 {
    let half = 0.5 * period;
    if (-half..half).contains(&d) {
        return d;
    }
    let w = (d + half).rem_euclid(period) - half;
    if w >= half { w - period } else { w }
}

/// Appends the bumps of one channel (both trains non-empty, times in `[0, period)`).
pub(crate) fn push_bumps(out: &mut Vec<Bump>, prescribed: &[f64], produced: &[f64], period: f64) {
    let precision_weight = 1.0 / produced.len() as f64;
    let recall_weight = 1.0 / prescribed.len() as f64;
    for &p in prescribed {
        for &q in produced {
            out.push(Bump {
                center: wrap(q - p, period),
                precision_weight,
                recall_weight,
            });
        }
    }
}

/// A double-double number `hi + lo`.
#[derive(Debug, Clone, Copy, Default)]
struct Dd {
    hi: f64,
    lo: f64,
}

/// `a + b = s + e` exactly.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

impl Dd {
    fn add(self, x: f64) -> Self {
        let (s, e) = two_sum(self.hi, x);
        let (hi, lo) = two_sum(s, e + self.lo);
        Self { hi, lo }
    }

    /// `self - other`, rounded once.
    fn minus(self, other: Self) -> f64 {
        let (s, e) = two_sum(self.hi, -other.hi);
        s + (e + (self.lo - other.lo))
    }
}

/// Prefix sums of the four quantities the sweep needs.
struct Prefix {
    wp: Vec<Dd>,
    wr: Vec<Dd>,
    wpd: Vec<Dd>,
    wrd: Vec<Dd>,
}

impl Prefix {
    fn new(ext: &[Bump]) -> Self {
        let n = ext.len() + 1;
        let mut p = Self {
            wp: Vec::with_capacity(n),
            wr: Vec::with_capacity(n),
            wpd: Vec::with_capacity(n),
            wrd: Vec::with_capacity(n),
        };
        let mut acc = [Dd::default(); 4];
        let push = |p: &mut Self, acc: &[Dd; 4]| {
            p.wp.push(acc[0]);
            p.wr.push(acc[1]);
            p.wpd.push(acc[2]);
            p.wrd.push(acc[3]);
        };
        push(&mut p, &acc);
        for b in ext {
            acc[0] = acc[0].add(b.precision_weight);
            acc[1] = acc[1].add(b.recall_weight);
            acc[2] = acc[2].add(b.precision_weight * b.center);
            acc[3] = acc[3].add(b.recall_weight * b.center);
            push(&mut p, &acc);
        }
        p
    }

    /// `(f_precision, f_recall)` at `x` from the ranges `[lo, mid)` (centres left of `x`) and
    /// `[mid, hi)` (centres right of `x`).
    fn eval(&self, x: f64, lo: usize, mid: usize, hi: usize) -> (f64, f64) {
        let side = |w: &[Dd], wd: &[Dd]| {
            let wl = w[mid].minus(w[lo]);
            let sl = wd[mid].minus(wd[lo]);
            let wr = w[hi].minus(w[mid]);
            let sr = wd[hi].minus(wd[mid]);
            // Left: sum w (1 - 2 (x - d)); right: sum w (1 - 2 (d - x)).
            (wl - 2.0 * (x * wl - sl)) + (wr - 2.0 * (sr - x * wr))
        };
        (side(&self.wp, &self.wpd), side(&self.wr, &self.wrd))
    }
}

/// The maxima over all lags of the precision- and recall-weighted correlations
/// (`(0, 0)` without bumps). Sorts `bumps` in place.
pub(crate) fn max_correlation(bumps: &mut [Bump], period: f64) -> (f64, f64) {
    if bumps.is_empty() {
        return (0.0, 0.0);
    }
    if period < 2.0 {
        // At most one spike per train fits: few bumps, and the linear unrolling below needs
        // a circle longer than the kernel support.
        return max_correlation_direct(bumps, period);
    }
    bumps.sort_by(|a, b| a.center.total_cmp(&b.center));
    let first = bumps[0].center;
    let last = bumps[bumps.len() - 1].center;
    // Unroll the circle: copies shifted by -T and +T of the centres that a window
    // [x - 1/2, x + 1/2] with x in [first, last] can reach.
    let shifted = |b: &Bump, by: f64| Bump {
        center: b.center + by,
        ..*b
    };
    let mut ext: Vec<Bump> = bumps
        .iter()
        .map(|b| shifted(b, -period))
        .filter(|b| b.center >= first - 0.5)
        .collect();
    ext.extend_from_slice(bumps);
    ext.extend(
        bumps
            .iter()
            .map(|b| shifted(b, period))
            .filter(|b| b.center <= last + 0.5),
    );
    let prefix = Prefix::new(&ext);
    let (mut lo, mut mid, mut hi) = (0, 0, 0);
    let (mut best_p, mut best_r) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut previous = f64::NAN;
    for b in bumps.iter() {
        let x = b.center;
        if x == previous {
            continue;
        }
        previous = x;
        while lo < ext.len() && ext[lo].center < x - 0.5 {
            lo += 1;
        }
        while mid < ext.len() && ext[mid].center <= x {
            mid += 1;
        }
        while hi < ext.len() && ext[hi].center <= x + 0.5 {
            hi += 1;
        }
        let (fp, fr) = prefix.eval(x, lo, mid.max(lo), hi.max(mid));
        best_p = best_p.max(fp);
        best_r = best_r.max(fr);
    }
    (best_p, best_r)
}

/// The same maxima by direct evaluation at every distinct centre: `O(N^2)`, the reference.
pub(crate) fn max_correlation_direct(bumps: &[Bump], period: f64) -> (f64, f64) {
    if bumps.is_empty() {
        return (0.0, 0.0);
    }
    let mut best = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for x in bumps.iter().map(|b| b.center) {
        let (mut fp, mut fr) = (0.0, 0.0);
        for b in bumps {
            let k = kappa(circdist(x, b.center, period));
            fp += b.precision_weight * k;
            fr += b.recall_weight * k;
        }
        best = (best.0.max(fp), best.1.max(fr));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(center: f64, w: f64) -> Bump {
        Bump {
            center,
            precision_weight: w,
            recall_weight: 2.0 * w,
        }
    }

    #[test]
    fn kernel_and_distances() {
        assert_eq!(kappa(0.0), 1.0);
        assert_eq!(kappa(0.25), 0.5);
        assert_eq!(kappa(-0.6), 0.0);
        assert!((circdist(0.1, 9.9, 10.0) - 0.2).abs() < 1e-12);
        assert!((circdist(9.9, 0.1, 10.0) - 0.2).abs() < 1e-12);
        assert_eq!(wrap(5.0, 10.0), -5.0);
        assert_eq!(wrap(-5.0, 10.0), -5.0);
        assert_eq!(wrap(-7.0, 10.0), 3.0);
        assert_eq!(wrap(12.0, 10.0), 2.0);
    }

    #[test]
    fn sweep_matches_direct_evaluation() {
        // Bumps near each other, across the wrap point, and duplicates.
        let centers = [-4.9, 4.8, 4.95, -4.7, 0.0, 0.3, 0.3, 0.79, 2.0, -2.1];
        let mut bumps: Vec<Bump> = centers
            .iter()
            .enumerate()
            .map(|(k, &c)| bump(c, 1.0 + k as f64 * 0.1))
            .collect();
        let direct = max_correlation_direct(&bumps, 10.0);
        let sweep = max_correlation(&mut bumps, 10.0);
        assert!((direct.0 - sweep.0).abs() < 1e-12, "{direct:?} {sweep:?}");
        assert!((direct.1 - sweep.1).abs() < 1e-12, "{direct:?} {sweep:?}");
    }

    #[test]
    fn peak_value_is_exact() {
        let mut bumps = vec![bump(1.0, 0.5), bump(1.2, 0.5), bump(3.0, 0.25)];
        let (p, r) = max_correlation(&mut bumps, 10.0);
        // At 1.0: 0.5 + 0.5 * (1 - 0.4) = 0.8; at 1.2 the same.
        assert!((p - 0.8).abs() < 1e-15, "{p}");
        assert!((r - 1.6).abs() < 1e-15, "{r}");
        assert_eq!(max_correlation(&mut [], 10.0), (0.0, 0.0));
    }
}
