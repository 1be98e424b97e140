//! Where results go: human-readable text, JSON for scripts, progress bars.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::fmt::Display;
use std::io::Write;
use std::time::Duration;

/// Writes one line on stdout. A closed pipe (`rsnn ... | head`) is not an error worth a panic:
/// the line is dropped.
fn print_line(text: impl Display) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}

/// The output settings of one run (`--quiet`, `--json`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    quiet: bool,
    json: bool,
}

impl Output {
    /// Output settings.
    pub fn new(quiet: bool, json: bool) -> Self {
        Self { quiet, json }
    }

    /// Whether `--quiet` was given.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Whether `--json` was given.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Human-readable text: on stdout, or on stderr with `--json`; nothing with `--quiet`.
    pub fn text(&self, text: impl Display) {
        if self.quiet {
            return;
        }
        if self.json {
            eprintln!("{text}");
        } else {
            print_line(text);
        }
    }

    /// A warning on stderr (nothing with `--quiet`).
    pub fn warn(&self, text: impl Display) {
        if !self.quiet {
            eprintln!("rsnn: warning: {text}");
        }
    }

    /// The machine-readable result, printed on stdout with `--json` only.
    ///
    /// # Errors
    /// Serialization failures (non-finite numbers are written as `null`).
    pub fn json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        if self.json {
            print_line(serde_json::to_string_pretty(value)?);
        }
        Ok(())
    }

    /// A progress bar of `len` steps on stderr (hidden with `--quiet` or off a terminal).
    pub fn bar(&self, len: u64, message: &str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg:>12} [{elapsed_precise}] {wide_bar} {pos}/{len} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(message.to_string());
        bar
    }

    /// A spinner for a step of unknown length (hidden with `--quiet` or off a terminal).
    pub fn spinner(&self, message: &str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }
}
