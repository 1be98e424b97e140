//! The error type of `rsnn-plot`.

use rsnn_signal::compact;
use std::path::PathBuf;

/// Everything that can go wrong while drawing or writing a figure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlotError {
    /// An axis range or time window is not finite or is empty.
    #[error(
        "invalid {what} [{}, {}]: must be finite with start < end",
        compact(*.start), compact(*.end)
    )]
    InvalidRange {
        /// Which range (for instance `"window"` or `"y range"`).
        what: &'static str,
        /// Its start.
        start: f64,
        /// Its end.
        end: f64,
    },
    /// Two sequences that must pair up element by element have different lengths.
    #[error("{what}: {left} against {right} elements")]
    LengthMismatch {
        /// The two sequences (for instance `"potential times and values"`).
        what: &'static str,
        /// Length of the first sequence.
        left: usize,
        /// Length of the second sequence.
        right: usize,
    },
    /// plotters failed to draw (its error need not be `Send`, so only its message is kept).
    #[error("drawing the {figure} failed: {message}")]
    Draw {
        /// The figure being drawn.
        figure: &'static str,
        /// plotters' description of the failure.
        message: String,
    },
    /// The SVG file could not be written (the message includes the cause, which is therefore
    /// not also a [`std::error::Error::source`]).
    #[error("{}: cannot write the figure: {cause}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// Another failure of the file layer while writing the figure.
    #[error(transparent)]
    Signal(rsnn_signal::SignalError),
}

impl From<rsnn_signal::SignalError> for PlotError {
    fn from(e: rsnn_signal::SignalError) -> Self {
        match e {
            rsnn_signal::SignalError::Io { path, cause } => Self::Io { path, cause },
            other => Self::Signal(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<PlotError>();
    }

    #[test]
    fn io_failures_keep_the_path() {
        let e = PlotError::from(rsnn_signal::SignalError::Io {
            path: PathBuf::from("out/f.svg"),
            cause: std::io::Error::other("disk full"),
        });
        assert!(std::error::Error::source(&e).is_none());
        assert!(matches!(&e, PlotError::Io { path, .. } if path.ends_with("f.svg")));
        assert_eq!(
            e.to_string(),
            "out/f.svg: cannot write the figure: disk full"
        );
        let e = PlotError::InvalidRange {
            what: "window",
            start: 1.0,
            end: f64::NAN,
        };
        assert_eq!(
            e.to_string(),
            "invalid window [1, NaN]: must be finite with start < end"
        );
    }
}
