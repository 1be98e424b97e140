//! Bounded work: the limits every size a user or a file can set is checked against, and the
//! error that names the parameter, its value, the size it implies and the limit.
//!
//! Each crate keeps its limits as documented constants next to this one (see docs/guide.md,
//! section "Limits"); a limit that a user may legitimately want to raise has a builder or a
//! field to do so, named in [`LimitExceeded::raise`].

use crate::number::compact;
use std::fmt;

/// The largest size of a sampled score: `channels * (1 + expected spikes per train)`, counting
/// each train as one unit of work besides its spikes (1e7: about 0.1 to 0.4 GB and a second
/// or so). Raise it with [`ScoreSampler::with_max_spikes`](crate::ScoreSampler::with_max_spikes).
pub const MAX_SCORE_SPIKES: f64 = 1e7;

/// The largest number of cycles the similarity functions measure in one call (each cycle
/// costs a few microseconds per spike). Larger measurements can be split into calls.
pub const MAX_CYCLES: f64 = 1e6;

/// A size implied by some parameter exceeds its limit: the work would not finish in a bounded
/// time, or would not fit in memory.
///
/// Displayed as, for example, "`period` = 1e-6 gives 5e7 cycles (with a recording of 50),
/// above the limit of 1e6".
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LimitExceeded {
    /// The parameter (a field or argument name).
    pub parameter: &'static str,
    /// Its value.
    pub value: f64,
    /// The size it implies.
    pub size: f64,
    /// What is counted ("cycles", "spikes", "inputs (24 bytes each)", ...).
    pub unit: &'static str,
    /// What else the size depends on ("with a recording of 50"), or empty.
    pub context: String,
    /// The limit on `size`.
    pub limit: f64,
    /// How to raise the limit, if it can be raised ("raise `max_spikes`"), or empty.
    pub raise: &'static str,
}

impl LimitExceeded {
    /// A limit error; `context` and `raise` are empty until set with the builders.
    pub fn new(
        parameter: &'static str,
        value: f64,
        size: f64,
        unit: &'static str,
        limit: f64,
    ) -> Self {
        Self {
            parameter,
            value,
            size,
            unit,
            context: String::new(),
            limit,
            raise: "",
        }
    }

    /// Says what else the size depends on (for instance "with a recording of 50").
    #[must_use]
    pub fn context(mut self, context: impl Into<String>) -> Self {
        self.context = context.into();
        self
    }

    /// Says how the limit can be raised.
    #[must_use]
    pub fn raise(mut self, how: &'static str) -> Self {
        self.raise = how;
        self
    }

    /// `Ok` if `size <= limit` (and `size` is not NaN), else this error built by `make`.
    ///
    /// # Errors
    /// The error `make` builds.
    pub fn check(size: f64, limit: f64, make: impl FnOnce(f64) -> Self) -> Result<(), Self> {
        if size <= limit {
            Ok(())
        } else {
            Err(make(size))
        }
    }
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` = {} gives {} {}",
            self.parameter,
            compact(self.value),
            compact(self.size),
            self.unit
        )?;
        if !self.context.is_empty() {
            write!(f, " ({})", self.context)?;
        }
        write!(f, ", above the limit of {}", compact(self.limit))?;
        if !self.raise.is_empty() {
            write!(f, "; {}", self.raise)?;
        }
        Ok(())
    }
}

impl std::error::Error for LimitExceeded {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_everything() {
        let e = LimitExceeded::new("period", 1e-6, 5e7, "cycles", MAX_CYCLES)
            .context("with a recording of 50")
            .raise("measure fewer cycles per call");
        assert_eq!(
            e.to_string(),
            "`period` = 1e-6 gives 5e7 cycles (with a recording of 50), above the limit of 1e6; \
             measure fewer cycles per call"
        );
        assert!(
            LimitExceeded::check(1.0, 2.0, |s| LimitExceeded::new("x", 1.0, s, "u", 2.0)).is_ok()
        );
        assert!(
            LimitExceeded::check(f64::NAN, 2.0, |s| LimitExceeded::new("x", 1.0, s, "u", 2.0))
                .is_err()
        );
    }
}
