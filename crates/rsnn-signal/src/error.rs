//! The error type of `rsnn-signal`.

use crate::io::Encoding;
use crate::limits::LimitExceeded;
use crate::number::compact;
use std::fmt;
use std::path::PathBuf;

/// The message of an encoder or decoder, kept as text so that no codec's own error type is
/// part of the public API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError {
    message: String,
}

impl CodecError {
    /// An error with this message.
    pub fn new(message: impl fmt::Display) -> Self {
        Self {
            message: message.to_string(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CodecError {}

/// "version 2" or "versions 1, 2": the versions a build reads.
fn readable(supported: u32, older: &[u32]) -> String {
    if older.is_empty() {
        return format!("version {supported}");
    }
    let all: Vec<String> = older
        .iter()
        .chain([&supported])
        .map(u32::to_string)
        .collect();
    format!("versions {}", all.join(", "))
}

/// Where a spike sits: an optional channel (neuron) and the index of the spike in its train.
fn at(channel: &Option<usize>, index: &usize) -> String {
    match channel {
        Some(c) => format!("channel {c}, spike {index}"),
        None => format!("spike {index}"),
    }
}

/// Everything that can go wrong in `rsnn-signal`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignalError {
    /// A spike time is NaN or infinite.
    #[error("{}: spike time {} is not finite", at(.channel, .index), compact(*.value))]
    NonFinite {
        /// Channel of the offending train, if known.
        channel: Option<usize>,
        /// Index of the offending spike.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Spike times are not sorted in increasing order.
    #[error(
        "{}: spike times are not sorted ({} follows {})",
        at(.channel, .index), compact(*.current), compact(*.previous)
    )]
    Unsorted {
        /// Channel of the offending train, if known.
        channel: Option<usize>,
        /// Index of the offending spike.
        index: usize,
        /// The time of the previous spike.
        previous: f64,
        /// The time of the offending spike.
        current: f64,
    },
    /// Two consecutive spikes are closer than the refractory period.
    #[error(
        "{}: spikes at {} and {} are closer than the refractory period {}",
        at(.channel, .index), compact(*.previous), compact(*.current), compact(*.min_gap)
    )]
    Refractory {
        /// Channel of the offending train, if known.
        channel: Option<usize>,
        /// Index of the later spike (0 for the pair across the period boundary).
        index: usize,
        /// The earlier spike time.
        previous: f64,
        /// The later spike time (for the period boundary: the first spike plus the period).
        current: f64,
        /// The required minimal distance.
        min_gap: f64,
    },
    /// A spike of a periodic train lies outside `[0, period)`.
    #[error(
        "{}: spike time {} is outside [0, {})",
        at(.channel, .index), compact(*.time), compact(*.period)
    )]
    OutOfPeriod {
        /// Channel of the offending train, if known.
        channel: Option<usize>,
        /// Index of the offending spike.
        index: usize,
        /// The offending time.
        time: f64,
        /// The period of the train.
        period: f64,
    },
    /// A spike lies outside the time window it must stay in.
    #[error(
        "{}: spike time {} is outside the window [{}, {}]",
        at(.channel, .index), compact(*.time), compact(*.start), compact(*.end)
    )]
    OutOfWindow {
        /// Channel of the offending train, if known.
        channel: Option<usize>,
        /// Index of the offending spike.
        index: usize,
        /// The offending time.
        time: f64,
        /// Start of the window.
        start: f64,
        /// End of the window.
        end: f64,
    },
    /// The trains of a score do not share one period.
    #[error(
        "channel {channel} has period {}, but the score has period {}",
        compact(*.found), compact(*.expected)
    )]
    PeriodMismatch {
        /// Offending channel.
        channel: usize,
        /// The period of the score.
        expected: f64,
        /// The period of the channel.
        found: f64,
    },
    /// Two collections that must have the same number of channels do not.
    #[error("channel counts differ: expected {expected}, found {found}")]
    ChannelMismatch {
        /// The expected number of channels.
        expected: usize,
        /// The number of channels found.
        found: usize,
    },
    /// A numeric parameter is out of its valid range.
    #[error("invalid parameter `{name}` = {}: {reason}", compact(*.value))]
    InvalidParameter {
        /// Name of the parameter.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// A file could not be read or written. The message includes the cause, which is therefore
    /// not also exposed as [`std::error::Error::source`] (a chain would print it twice).
    #[error("{}: {cause}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// A file is malformed or holds invalid data.
    #[error("{}: invalid {encoding} rsnn file: {cause}", .path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Its encoding.
        encoding: Encoding,
        /// What the decoder reported (names the field, the position and the broken invariant;
        /// part of the message, not a [`std::error::Error::source`]).
        cause: CodecError,
    },
    /// Data could not be encoded (for instance a non-finite number in JSON).
    #[error("{}: cannot encode as {encoding}: {cause}", .path.display())]
    Encode {
        /// The file.
        path: PathBuf,
        /// The encoding asked for.
        encoding: Encoding,
        /// What the encoder reported (part of the message).
        cause: CodecError,
    },
    /// A file holds another kind of rsnn data than requested.
    #[error("{}: holds `{found}` data, expected `{expected}`", .path.display())]
    WrongKind {
        /// The file.
        path: PathBuf,
        /// The kind that was requested.
        expected: &'static str,
        /// The kind found in the file.
        found: String,
    },
    /// A file was written with a format version this build cannot read.
    #[error(
        "{}: format version {found} of `{kind}` is not supported (this build reads {})",
        .path.display(),
        readable(*.supported, .older)
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The kind of data.
        kind: &'static str,
        /// The version found in the file.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
        /// The older versions this build still reads (and upgrades).
        older: &'static [u32],
    },
    /// A size implied by a parameter exceeds its limit (see [`crate::limits`]).
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    /// The file extension does not name a known encoding.
    #[error("{}: unknown file extension (use .json, .bin or .bincode)", .path.display())]
    UnknownExtension {
        /// The file.
        path: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<SignalError>();
    }

    #[test]
    fn causes_are_printed_once() {
        let e = SignalError::Io {
            path: PathBuf::from("x.json"),
            cause: std::io::Error::other("Permission denied"),
        };
        assert_eq!(e.to_string(), "x.json: Permission denied");
        assert!(std::error::Error::source(&e).is_none());
        let e = SignalError::InvalidParameter {
            name: "period",
            value: 1e308,
            reason: "too large",
        };
        assert_eq!(
            e.to_string(),
            "invalid parameter `period` = 1e308: too large"
        );
    }

    #[test]
    fn messages_name_the_location() {
        let e = SignalError::Unsorted {
            channel: Some(3),
            index: 5,
            previous: 4.0,
            current: 2.0,
        };
        assert_eq!(
            e.to_string(),
            "channel 3, spike 5: spike times are not sorted (2 follows 4)"
        );
    }

    #[test]
    fn version_messages_list_what_is_read() {
        let e = |older| SignalError::UnsupportedVersion {
            path: PathBuf::from("n.json"),
            kind: "network",
            found: 9,
            supported: 2,
            older,
        };
        assert_eq!(
            e(&[1]).to_string(),
            "n.json: format version 9 of `network` is not supported (this build reads versions 1, 2)"
        );
        assert!(e(&[]).to_string().ends_with("(this build reads version 2)"));
    }
}
