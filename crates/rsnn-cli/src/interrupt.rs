//! Ctrl-C (SIGINT) and SIGTERM: the command stops at once and leaves no file behind.
//!
//! [`install`] starts a thread that waits for either signal. When one arrives it sets a global
//! flag, removes every temporary file the command has registered (see [`create_temp`]), says
//! `rsnn: interrupted` on stderr and exits with 128 + the signal number (130 for Ctrl-C, 143
//! for SIGTERM). Temporary files become the real outputs only inside [`commit`], which holds
//! the same lock as the handler: an interrupt either comes before the renames (nothing is
//! written) or waits until all of them are done (every output is complete).

use anyhow::{Result, bail};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Set once a signal has arrived.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The temporary files written so far and not yet renamed.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    // A poisoned lock only means a panic elsewhere: the list itself is still valid.
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the handler of SIGINT and SIGTERM (once, from `main`).
///
/// # Errors
/// The signal handlers cannot be registered.
pub fn install() -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("rsnn-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                stop(signal);
            }
        })?;
    Ok(())
}

/// Removes the registered temporary files and exits with `128 + signal`.
fn stop(signal: i32) -> ! {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let mut list = temps();
    for path in list.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    crate::output::stderr_line("rsnn: interrupted; no output was written");
    // The lock stays held: no rename can start before the process is gone.
    std::process::exit(128 + signal)
}

/// Whether Ctrl-C or SIGTERM has arrived.
pub fn is_interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Fails once an interrupt has arrived (between the steps of a long run).
///
/// # Errors
/// The run was interrupted.
pub fn check() -> Result<()> {
    if is_interrupted() {
        bail!("interrupted");
    }
    Ok(())
}

/// Creates the temporary file `path` (replacing a leftover) and registers it for removal on
/// an interrupt; creation and registration happen under the handler's lock.
///
/// # Errors
/// The file cannot be created, or the run was interrupted.
pub fn create_temp(path: &Path) -> Result<File> {
    let mut list = temps();
    check()?;
    // A leftover of a killed process that had the same id is not ours to keep.
    let _ = std::fs::remove_file(path);
    let file = File::options().write(true).create_new(true).open(path)?;
    list.push(path.to_owned());
    Ok(file)
}

/// Removes a temporary file and forgets it.
pub fn remove_temp(path: &Path) {
    let mut list = temps();
    let _ = std::fs::remove_file(path);
    list.retain(|p| p != path);
}

/// Runs `renames` (the step that makes temporary files real) unless an interrupt has arrived,
/// under the handler's lock, then forgets `done`, the temporary names it consumed.
///
/// # Errors
/// The run was interrupted, or an error of `renames`.
pub fn commit(done: &[PathBuf], renames: impl FnOnce() -> Result<()>) -> Result<()> {
    let mut list = temps();
    check()?;
    let result = renames();
    list.retain(|p| !done.contains(p));
    result
}
