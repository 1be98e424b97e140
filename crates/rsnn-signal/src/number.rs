//! Numbers in messages: short, whatever their magnitude.

use std::fmt;

/// A number displayed compactly: as Rust's shortest round-trip decimal when its magnitude lies
/// in `[1e-4, 1e6)` (or it is 0), else in scientific notation (`1e308`, `-2.5e-9`), so that no
/// message prints 309 digits. NaN and infinities print as `NaN`, `inf` and `-inf`.
///
/// ```
/// use rsnn_signal::compact;
/// assert_eq!(compact(1e308).to_string(), "1e308");
/// assert_eq!(compact(0.25).to_string(), "0.25");
/// assert_eq!(compact(-1e-300).to_string(), "-1e-300");
/// assert_eq!(compact(18446744073709551615.0).to_string(), "1.8446744073709552e19");
/// ```
pub fn compact(value: f64) -> Compact {
    Compact(value)
}

/// See [`compact`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compact(pub f64);

impl fmt::Display for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        let magnitude = x.abs();
        if !x.is_finite() || x == 0.0 || (1e-4..1e6).contains(&magnitude) {
            write!(f, "{x}")
        } else {
            write!(f, "{x:e}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitudes() {
        for (x, s) in [
            (50.0, "50"),
            (999_999.5, "999999.5"),
            (1e6, "1e6"),
            (1e-5, "1e-5"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
            (-0.0, "-0"),
        ] {
            assert_eq!(compact(x).to_string(), s);
        }
    }
}
