//! Exact sampling from a Gaussian truncated to an interval.
//!
//! Accept-reject with the proposals of C. P. Robert, "Simulation of truncated normal variables"
//! (Statistics and Computing, 1995), chosen so that the acceptance probability is at least about
//! 0.2 for every interval: a plain normal when the interval holds a large part of the mass, a
//! uniform proposal on short intervals, and a translated exponential in the tails. The accepted
//! values follow the truncated normal exactly. A cap on the number of trials (never reached
//! unless the generator is broken) guarantees termination.

use rand::{Rng, RngExt};
use rand_distr::{Exp1, StandardNormal};

/// Trials before giving up (the probability to need them is below `0.8^10000`).
const MAX_TRIALS: usize = 10_000;

/// `sqrt(2 pi)`: an interval around 0 at least this wide holds more than 49% of the mass.
const SQRT_TWO_PI: f64 = 2.5066282746310002;

/// Draws from `N(mean, sigma^2)` truncated to `[lo, hi]`.
///
/// Requires `sigma > 0`, `mean` finite and `lo <= hi` (either may be infinite). The result is
/// always in `[lo, hi]`.
pub(crate) fn truncated_normal<R: Rng + ?Sized>(
    rng: &mut R,
    mean: f64,
    sigma: f64,
    lo: f64,
    hi: f64,
) -> f64 {
    if lo >= hi {
        return lo.max(hi.min(mean));
    }
    let a = (lo - mean) / sigma;
    let b = (hi - mean) / sigma;
    let x = if a < b {
        standard_truncated(rng, a, b)
    } else {
        // The interval is narrower than the rounding of the standardization.
        None
    };
    match x {
        Some(x) => (mean + sigma * x).clamp(lo, hi),
        None => mean.clamp(lo, hi),
    }
}

/// Draws from the standard normal truncated to `[a, b]`, `a < b`; `None` only if every trial
/// was rejected.
fn standard_truncated<R: Rng + ?Sized>(rng: &mut R, a: f64, b: f64) -> Option<f64> {
    if b <= 0.0 {
        // Mirror the interval onto the positive side.
        return one_side(rng, -b, -a).map(|x| -x);
    }
    if a >= 0.0 {
        return one_side(rng, a, b);
    }
    // a < 0 < b.
    if b - a >= SQRT_TWO_PI {
        for _ in 0..MAX_TRIALS {
            let z: f64 = rng.sample(StandardNormal);
            if (a..=b).contains(&z) {
                return Some(z);
            }
        }
    } else {
        for _ in 0..MAX_TRIALS {
            let z = a + (b - a) * rng.random::<f64>();
            if rng.random::<f64>() <= (-0.5 * z * z).exp() {
                return Some(z.clamp(a, b));
            }
        }
    }
    None
}

/// The case `0 <= a < b` (`b` may be infinite).
fn one_side<R: Rng + ?Sized>(rng: &mut R, a: f64, b: f64) -> Option<f64> {
    // Optimal rate of the translated exponential proposal, computed without overflow.
    let alpha = 0.5 * (a + a.hypot(2.0));
    if alpha * (b - a) >= 1.0 {
        // Exponential proposal: it lands below b with probability >= 1 - 1/e and is then
        // accepted with probability >= 0.76 (Robert 1995).
        for _ in 0..MAX_TRIALS {
            let e: f64 = rng.sample(Exp1);
            let z = a + e / alpha;
            if z > b {
                continue;
            }
            let d = z - alpha;
            if rng.random::<f64>() <= (-0.5 * d * d).exp() {
                return Some(z);
            }
        }
    } else {
        // Uniform proposal on a short interval: alpha (b - a) < 1 implies a (b - a) < 1 and
        // b - a < 1, so the acceptance exp((a^2 - z^2) / 2) is at least exp(-1.5).
        for _ in 0..MAX_TRIALS {
            let z = a + (b - a) * rng.random::<f64>();
            let accept = (-0.5 * (z - a) * (z + a)).exp();
            if rng.random::<f64>() <= accept {
                return Some(z.clamp(a, b));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    /// CDF of the standard normal truncated to [a, b] at sorted points: Simpson's rule per cell
    /// of a fine grid, linear inside a cell.
    fn truncated_cdf(a: f64, b: f64, points: &[f64]) -> Vec<f64> {
        let density = |x: f64| (-0.5 * x * x).exp();
        let cells = 20_000;
        let h = (b - a) / cells as f64;
        let mut cumulative = vec![0.0];
        for k in 0..cells {
            let x = a + k as f64 * h;
            let cell = (density(x) + 4.0 * density(x + 0.5 * h) + density(x + h)) * h / 6.0;
            cumulative.push(cumulative[k] + cell);
        }
        let total = cumulative[cells];
        points
            .iter()
            .map(|&x| {
                let pos = ((x - a) / h).clamp(0.0, cells as f64);
                let k = (pos.floor() as usize).min(cells - 1);
                let frac = pos - k as f64;
                (cumulative[k] + frac * (cumulative[k + 1] - cumulative[k])) / total
            })
            .collect()
    }

    /// Kolmogorov-Smirnov distance between samples and the truncated normal on [a, b].
    fn ks_distance(a: f64, b: f64, seed: u64) -> f64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = 4000;
        let mut xs: Vec<f64> = (0..n)
            .map(|_| {
                let x = standard_truncated(&mut rng, a, b).unwrap();
                assert!(x >= a && x <= b, "{x} outside [{a}, {b}]");
                x
            })
            .collect();
        xs.sort_by(f64::total_cmp);
        let cdf = truncated_cdf(a, b.min(a.max(0.0) + 40.0), &xs);
        xs.iter()
            .zip(&cdf)
            .enumerate()
            .map(|(i, (_, &f))| {
                let lo = i as f64 / n as f64;
                let hi = (i + 1) as f64 / n as f64;
                (f - lo).abs().max((hi - f).abs())
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn matches_the_truncated_normal() {
        // Every branch: wide and narrow around 0, mirrored, tails, short tail intervals.
        let cases = [
            (-3.0, 3.0),
            (-0.5, 1.0),
            (-2.0, -0.1),
            (0.0, 5.0),
            (0.1, 0.4),
            (2.0, 8.0),
            (5.0, 5.1),
            (-9.0, -4.0),
            (12.0, 60.0),
            (-1.0, 40.0),
        ];
        for (k, &(a, b)) in cases.iter().enumerate() {
            let d = ks_distance(a, b, 100 + k as u64);
            // 1.63 / sqrt(4000) is the 1% critical value.
            assert!(d < 0.0258, "[{a}, {b}]: KS distance {d}");
        }
    }

    #[test]
    fn degenerate_and_extreme_intervals() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert_eq!(truncated_normal(&mut rng, 0.0, 1.0, 2.0, 2.0), 2.0);
        assert_eq!(truncated_normal(&mut rng, 0.0, 1.0, 3.0, 2.0), 3.0);
        for _ in 0..100 {
            let x = truncated_normal(&mut rng, 0.0, 1e-300, 1.0, 1.0 + 1e-12);
            assert!((1.0..=1.0 + 1e-12).contains(&x));
            let x = truncated_normal(&mut rng, 0.0, 1.0, 1e200, f64::INFINITY);
            assert!(x >= 1e200 && x.is_finite());
            let x = truncated_normal(&mut rng, 5.0, 0.1, f64::NEG_INFINITY, f64::INFINITY);
            assert!(x.is_finite());
            let x = truncated_normal(&mut rng, 0.0, 1.0, -1e-15, 1e-15);
            assert!(x.abs() <= 1e-15);
        }
    }
}
