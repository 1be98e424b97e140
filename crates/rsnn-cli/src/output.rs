//! Where results go: human-readable text, JSON for scripts, progress bars.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::fmt::Display;
use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The first failure to write on stdout (other than a closed pipe), reported by
/// [`Output::finish`].
static STDOUT_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// Set when the reader of stdout has gone (`rsnn ... | head`): the rest is dropped quietly.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

fn stdout_error() -> MutexGuard<'static, Option<String>> {
    STDOUT_ERROR.lock().unwrap_or_else(|e| e.into_inner())
}

/// Notes the outcome of a write on stdout.
fn note(result: std::io::Result<()>) {
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => STDOUT_CLOSED.store(true, Ordering::SeqCst),
        Err(e) => {
            stdout_error().get_or_insert(e.to_string());
        }
    }
}

/// Writes one line on stdout, unless stdout has already failed or closed.
fn print_line(text: impl Display) {
    if STDOUT_CLOSED.load(Ordering::SeqCst) || stdout_error().is_some() {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    note(writeln!(stdout, "{text}").and_then(|()| stdout.flush()));
}

/// Writes one line on stderr; a failure there cannot be reported anywhere and is ignored.
pub(crate) fn stderr_line(text: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
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
            stderr_line(text);
        } else {
            print_line(text);
        }
    }

    /// A warning on stderr (nothing with `--quiet`).
    pub fn warn(&self, text: impl Display) {
        if !self.quiet {
            stderr_line(format!("rsnn: warning: {text}"));
        }
    }

    /// A note on stderr (nothing with `--quiet`).
    pub fn note(&self, text: impl Display) {
        if !self.quiet {
            stderr_line(format!("rsnn: note: {text}"));
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

    /// A line on stderr, whatever the settings (errors; a failure to write is ignored).
    pub fn stderr(text: &str) {
        stderr_line(text);
    }

    /// Ends the output of a run: flushes stdout and reports a failure to write there. A closed
    /// pipe (`rsnn ... | head`) is not a failure: the reader wanted no more.
    ///
    /// # Errors
    /// Stdout could not be written (a full disk, `/dev/full`, an I/O error).
    pub fn finish(&self) -> anyhow::Result<()> {
        note(std::io::stdout().lock().flush());
        match stdout_error().take() {
            Some(e) => anyhow::bail!("cannot write the results on stdout: {e}"),
            None => Ok(()),
        }
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
