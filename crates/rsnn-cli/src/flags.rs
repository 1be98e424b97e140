//! Library errors name the fields of the library's types (`sigma`, `weight_bound`); the user
//! typed flags (`--noise`, `--weight-bound`). Each command maps its library calls' errors
//! through a small table field -> flag, so that the message names what the user typed.

use crate::errors::error_line;
use anyhow::{Result, anyhow};

/// A table field -> flag.
pub type Table = [(&'static str, &'static str)];

/// The memorization fields (`memorize` and `demo`).
pub const MEMORIZE: &Table = &[
    ("weight_bound", "--weight-bound"),
    ("half_width", "--half-width"),
    ("silent_level", "--silent-level"),
    ("min_slope", "--slope"),
    ("tolerance", "--tolerance"),
    ("max_rounds", "--max-rounds"),
    ("step", "--grid"),
    ("mode.step", "--grid"),
];

/// The associative-recall protocol's fields (`recall` and `demo`).
pub const PROTOCOL: &Table = &[
    ("prompted_fraction", "--fraction"),
    ("prompt_jitter", "--prompt-jitter"),
    ("sigma", "--noise"),
    ("prompt_cycles", "--prompt-cycles"),
    ("free_cycles", "--free-cycles"),
];

/// The pipeline's own fields (`demo`).
pub const DEMO: &Table = &[
    ("network.neurons", "--neurons"),
    ("network.inputs", "--inputs"),
    ("network.period", "--period"),
    ("network.rate", "--rate"),
    ("noise", "--noise"),
    ("cycles", "--cycles"),
];

/// The protocol's fields in `recall`, where `rate` can only be that of the free start.
pub const RECALL: &Table = &[("rate", "--free-start-rate")];

/// The error `error` with every field of `table` named by its flag, or `error` itself when it
/// names none (then its chain of causes is kept).
pub fn rename(error: anyhow::Error, table: &Table) -> anyhow::Error {
    let line = error_line(&error);
    let mut renamed = line.clone();
    for (field, flag) in table {
        renamed = renamed.replace(&format!("`{field}`"), &format!("`{flag}`"));
    }
    if renamed == line {
        error
    } else {
        anyhow!(renamed)
    }
}

/// A limit a command lets its user raise: the library's hint (how to raise it from Rust) is
/// replaced by the command's flag. Checks the flag's value first.
///
/// # Errors
/// A value that is not a positive number, named by `flag`.
pub fn limit(flag: &str, value: f64) -> Result<f64> {
    if value.is_nan() || value <= 0.0 {
        return Err(anyhow!(
            "invalid parameter `{flag}` = {value}: a limit must be a positive number"
        ));
    }
    Ok(value)
}

/// The error `error` with the library's hint `library` (how to raise a limit from Rust)
/// replaced by "raise it with `flag`", or `error` itself when it does not contain the hint.
pub fn raise_with(error: anyhow::Error, library: &str, flag: &str) -> anyhow::Error {
    let line = error_line(&error);
    if line.contains(library) {
        anyhow!(line.replace(library, &format!("raise it with `{flag}`")))
    } else {
        error
    }
}

/// [`rename`] on the error of a result.
pub trait Flags<T> {
    /// The result with its error's fields named by their flags in `table`.
    ///
    /// # Errors
    /// The error of `self`, renamed.
    fn flags(self, table: &Table) -> Result<T>;
}

impl<T, E: Into<anyhow::Error>> Flags<T> for std::result::Result<T, E> {
    fn flags(self, table: &Table) -> Result<T> {
        self.map_err(|e| rename(e.into(), table))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_become_flags() {
        let e = anyhow!("invalid parameter `sigma` = -1: must be >= 0");
        let line = rename(e, &[("sigma", "--noise")]).to_string();
        assert_eq!(line, "invalid parameter `--noise` = -1: must be >= 0");
        let e = anyhow!("invalid parameter `sigmas` = -1");
        assert!(
            rename(e, &[("sigma", "--noise")])
                .to_string()
                .contains("`sigmas`")
        );
    }
}
