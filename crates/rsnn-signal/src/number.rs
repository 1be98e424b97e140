//! Numbers in messages: short, whatever their magnitude.

use std::fmt;

/// A number displayed compactly: with at most 7 significant digits when its magnitude lies in
/// `[1e-4, 1e6)` (or it is 0), else in scientific notation with at most 4 (`1e308`, `-2.5e-9`,
/// `1.845e19`), so that no message prints 309 digits. NaN and infinities print as `NaN`, `inf`
/// and `-inf`.
///
/// ```
/// use rsnn_signal::compact;
/// assert_eq!(compact(1e308).to_string(), "1e308");
/// assert_eq!(compact(0.25).to_string(), "0.25");
/// assert_eq!(compact(-1e-300).to_string(), "-1e-300");
/// assert_eq!(compact(18446744073709551615.0).to_string(), "1.845e19");
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
        if !x.is_finite() || x == 0.0 {
            write!(f, "{x}")
        } else if (1e-4..1e6).contains(&magnitude) {
            // At most 7 significant digits: enough for any value a user types, short for
            // derived quantities (7.225325743195441 -> 7.225326).
            let short = format!("{x}");
            if short.trim_start_matches('-').len() <= 8 {
                f.write_str(&short)
            } else {
                let digits = 6usize.saturating_sub(magnitude.log10().floor().max(0.0) as usize);
                f.write_str(trim_zeros(&format!("{x:.digits$}")))
            }
        } else {
            // Scientific notation with at most 4 significant digits: 8.225325743195441e8 ->
            // 8.225e8, 1e-6 stays 1e-6.
            let text = format!("{x:.3e}");
            match text.split_once('e') {
                Some((mantissa, exponent)) => write!(f, "{}e{exponent}", trim_zeros(mantissa)),
                None => f.write_str(&text),
            }
        }
    }
}

/// `1.500` -> `1.5`, `2.000` -> `2` (only after a decimal point).
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
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
            (8.225325743195441e8, "8.225e8"),
            (7.225325743195441, "7.225326"),
            (1e308, "1e308"),
            (-2.5e-7, "-2.5e-7"),
            (0.123, "0.123"),
        ] {
            assert_eq!(compact(x).to_string(), s);
        }
    }
}
