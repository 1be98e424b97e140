//! Axis scales: linear `f64` axes whose ticks are either "nice" decimals or integers only, and
//! the ranges they span.

use crate::PlotError;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use std::ops::Range;

/// A linear axis over `[start, end]`; an integer axis only puts ticks (and labels) on integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    start: f64,
    end: f64,
    integer: bool,
}

impl Scale {
    /// A linear axis with decimal ticks.
    pub fn real(range: (f64, f64)) -> Self {
        Self {
            start: range.0,
            end: range.1,
            integer: false,
        }
    }

    /// A linear axis with integer ticks only (for counts and indices).
    pub fn integer(range: (f64, f64)) -> Self {
        Self {
            integer: true,
            ..Self::real(range)
        }
    }

    fn linear(&self) -> RangedCoordf64 {
        RangedCoordf64::from(self.start..self.end)
    }
}

impl Ranged for Scale {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear().map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // plotters' decimal ticks need a finite, non-NaN span (an infinite one never ends).
        if !(self.end - self.start).is_finite() {
            Vec::new()
        } else if self.integer {
            integer_points(self.start, self.end, hint.max_num_points())
        } else {
            self.linear().key_points(hint)
        }
    }

    fn range(&self) -> Range<f64> {
        self.start..self.end
    }
}

impl ValueFormatter<f64> for Scale {
    fn format(value: &f64) -> String {
        RangedCoordf64::format(value)
    }

    fn format_ext(&self, value: &f64) -> String {
        if self.integer {
            // `+ 0.0` turns -0 into 0.
            format!("{:.0}", value.round() + 0.0)
        } else {
            Self::format(value)
        }
    }
}

/// At most `max` integers in `[start, end]`, evenly spaced by 1, 2, 5, 10, 20, 50, ...
pub(crate) fn integer_points(start: f64, end: f64, max: usize) -> Vec<f64> {
    if max == 0 || !(start.is_finite() && end.is_finite()) {
        return Vec::new();
    }
    let (lo, hi) = (start.min(end).ceil(), start.max(end).floor());
    if lo > hi {
        return Vec::new();
    }
    let mut step = 1.0;
    for k in 0.. {
        step = [1.0, 2.0, 5.0][k % 3] * 10f64.powi((k / 3) as i32);
        if (hi / step).floor() - (lo / step).ceil() < max as f64 || step > 1e300 {
            break;
        }
    }
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// `(min, max)` of the finite values, padded by `pad` of the range (or by 1 when the range is
/// empty); `(-1, 1)` without finite values.
pub(crate) fn padded_range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo - pad * span, hi + pad * span)
    }
}

/// `range` itself when it is finite and non-empty.
///
/// # Errors
/// [`PlotError::InvalidRange`] otherwise.
pub(crate) fn checked_range(
    what: &'static str,
    range: (f64, f64),
) -> Result<(f64, f64), PlotError> {
    let (start, end) = range;
    if start.is_finite() && end.is_finite() && start < end {
        Ok(range)
    } else {
        Err(PlotError::InvalidRange { what, start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_range_handles_degenerate_input() {
        assert_eq!(padded_range([].into_iter(), 0.1), (-1.0, 1.0));
        assert_eq!(padded_range([2.0].into_iter(), 0.1), (1.0, 3.0));
        let (lo, hi) = padded_range([0.0, 10.0, f64::NAN].into_iter(), 0.1);
        assert!((lo + 1.0).abs() < 1e-12 && (hi - 11.0).abs() < 1e-12);
        let (lo, hi) = padded_range([-f64::MAX, f64::MAX].into_iter(), 0.1);
        assert!(lo.is_finite() && hi.is_finite());
    }

    #[test]
    fn integer_points_are_integers_and_few_enough() {
        assert_eq!(integer_points(-0.5, 2.5, 10), vec![0.0, 1.0, 2.0]);
        assert_eq!(
            integer_points(0.0, 100.0, 6),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(integer_points(0.0, 9.0, 4), vec![0.0, 5.0]);
        assert!(integer_points(0.2, 0.8, 10).is_empty());
        assert!(integer_points(0.0, 5.0, 0).is_empty());
        assert!(integer_points(f64::NAN, 5.0, 3).is_empty());
        let wide = integer_points(-1e9, 1e9, 12);
        assert!(!wide.is_empty() && wide.len() <= 12);
        assert!(wide.iter().all(|v| v.fract() == 0.0));
    }

    #[test]
    fn integer_labels_have_no_decimals() {
        let s = Scale::integer((-0.5, 3.5));
        assert_eq!(s.format_ext(&2.0), "2");
        assert_eq!(s.format_ext(&-0.0), "0");
        assert_eq!(Scale::real((0.0, 1.0)).range(), 0.0..1.0);
    }

    #[test]
    fn huge_or_nan_ranges_have_no_ticks() {
        for range in [(-f64::MAX, f64::MAX), (f64::NAN, 1.0), (0.0, f64::INFINITY)] {
            assert!(Scale::real(range).key_points(10).is_empty());
            assert!(Scale::integer(range).key_points(10).is_empty());
        }
        assert_eq!(Scale::real((0.0, 1.0)).key_points(3), vec![0.0, 0.5, 1.0]);
    }

    #[test]
    fn checked_range_rejects_nan_and_empty_ranges() {
        assert!(checked_range("window", (0.0, 1.0)).is_ok());
        for r in [
            (1.0, 1.0),
            (2.0, 1.0),
            (f64::NAN, 1.0),
            (0.0, f64::INFINITY),
        ] {
            assert!(matches!(
                checked_range("window", r),
                Err(PlotError::InvalidRange { what: "window", .. })
            ));
        }
    }
}
