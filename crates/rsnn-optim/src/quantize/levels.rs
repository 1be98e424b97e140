//! The weight levels of quantized memorization: `Q` values `k * step - w_b`, `k = 0..Q`, with
//! `step = 2 w_b / (Q - 1)`, evenly spaced over `[-w_b, w_b]` (an odd `Q` includes 0).

use crate::OptimError;

/// The largest number of levels (microlp's integer variables are `i32`; beyond this the
/// spacing is far below any useful precision anyway).
pub const MAX_LEVELS: usize = 1 << 20;

/// How far a weight may lie from its level and still count as on the grid.
pub const ON_GRID: f64 = 1e-12;

/// `Q` evenly spaced weight levels over `[-bound, bound]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levels {
    count: usize,
    bound: f64,
}

impl Levels {
    /// `count` levels over `[-bound, bound]`.
    ///
    /// # Errors
    /// [`OptimError::InvalidParameter`] for fewer than 2 or more than [`MAX_LEVELS`] levels,
    /// or a bound that is not finite and positive.
    pub fn new(count: usize, bound: f64) -> Result<Self, OptimError> {
        if !(2..=MAX_LEVELS).contains(&count) {
            return Err(OptimError::InvalidParameter {
                name: "quantization.levels",
                value: count as f64,
                reason: "must be in [2, 1048576]",
            });
        }
        if !(bound.is_finite() && bound > 0.0) {
            return Err(OptimError::InvalidParameter {
                name: "weight_bound",
                value: bound,
                reason: "must be finite and positive",
            });
        }
        Ok(Self { count, bound })
    }

    /// The number of levels `Q`.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The bound `w_b`.
    pub fn bound(&self) -> f64 {
        self.bound
    }

    /// The spacing `2 w_b / (Q - 1)`.
    pub fn step(&self) -> f64 {
        2.0 * self.bound / (self.count - 1) as f64
    }

    /// Level `k` (`0 <= k < Q`): `k * step - w_b`; the middle level of an odd `Q` is exactly 0.
    pub fn value(&self, k: usize) -> f64 {
        if 2 * k + 1 == self.count {
            0.0
        } else {
            k as f64 * self.step() - self.bound
        }
    }

    /// Every level, ascending.
    pub fn values(&self) -> Vec<f64> {
        (0..self.count).map(|k| self.value(k)).collect()
    }

    /// The index of the level nearest to `w` (clamped to the bounds; ties go up).
    pub fn nearest(&self, w: f64) -> usize {
        let k = ((w + self.bound) / self.step()).round();
        if k.is_nan() || k <= 0.0 {
            0
        } else {
            (k as usize).min(self.count - 1)
        }
    }

    /// The index of `w`'s level if `w` lies on the grid (within [`ON_GRID`]).
    pub fn index_of(&self, w: f64) -> Option<usize> {
        let k = self.nearest(w);
        ((w - self.value(k)).abs() <= ON_GRID).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn levels_span_the_bound_and_odd_counts_include_zero() {
        let l = Levels::new(9, 0.2).expect("valid");
        assert!((l.step() - 0.05).abs() < 1e-15);
        assert_eq!(l.value(0), -0.2);
        assert!((l.value(8) - 0.2).abs() <= ON_GRID);
        assert_eq!(l.value(4), 0.0);
        assert_eq!(l.values().len(), 9);
        let even = Levels::new(2, 0.3).expect("valid");
        assert_eq!(even.values(), vec![-0.3, 0.3]);
        assert_eq!(even.nearest(0.0), 1);
        assert!(Levels::new(1, 0.2).is_err());
        assert!(Levels::new(3, f64::NAN).is_err());
    }

    proptest! {
        #[test]
        fn nearest_is_nearest_and_on_the_grid(q in 2usize..200, w in -0.5f64..0.5) {
            let l = Levels::new(q, 0.2).expect("valid");
            let k = l.nearest(w);
            let best = l.values().iter().map(|v| (v - w).abs()).fold(f64::MAX, f64::min);
            prop_assert!(((l.value(k) - w).abs() - best).abs() <= 1e-12);
            prop_assert_eq!(l.index_of(l.value(k)), Some(k));
        }
    }
}
