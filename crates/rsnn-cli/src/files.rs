//! Reading and writing rsnn files (the kinds are those of the libraries, see [`rsnn::io`]), and
//! checks of output paths before any work is done. Every file is a versioned envelope written
//! atomically (see docs/file-formats.md).

use anyhow::{Context, Result, bail};
use rsnn::io::{self, Encoding, FileData, Header};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the notes of loaded files are kept off stderr (`--quiet`).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences (or not) the warnings [`load`] prints; set once per run from `--quiet`.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Loads a file of kind `T`. The notes of an upgraded older file (see
/// [`Header::notes`](rsnn::signal::io::Header::notes)) are printed as warnings on stderr,
/// unless `--quiet`.
///
/// # Errors
/// Missing or unreadable file, wrong kind or version, invalid data (the message names the path).
pub fn load<T: FileData>(path: &Path) -> Result<(T, Header)> {
    let (data, header) = io::load::<T>(path)?;
    warn_notes(path, &header);
    Ok((data, header))
}

/// Loads a file of any kind ([`io::load_any`]), printing its notes as [`load`] does.
///
/// # Errors
/// Missing or unreadable file, unknown kind or version, invalid data.
pub fn load_any(path: &Path) -> Result<(io::AnyFile, Header)> {
    let (data, header) = io::load_any(path)?;
    warn_notes(path, &header);
    Ok((data, header))
}

fn warn_notes(path: &Path, header: &Header) {
    if !QUIET.load(Ordering::Relaxed) {
        for note in &header.notes {
            eprintln!("rsnn: warning: {}: {note}", path.display());
        }
    }
}

/// Saves `data` atomically with its `seed` in the encoding the extension names.
///
/// # Errors
/// Unknown extension, serialization or I/O failures.
pub fn save<T: FileData>(path: &Path, data: &T, seed: Option<u64>) -> Result<()> {
    io::save(path, data, seed).with_context(|| format!("cannot write {}", path.display()))
}

/// Checks an output path before any work is done: a known extension and an existing folder.
///
/// # Errors
/// Unknown extension or missing parent folder.
pub fn check_output(path: &Path) -> Result<()> {
    Encoding::from_path(path)?;
    check_parent(path)
}

/// Checks that an SVG output path has the `.svg` extension and an existing folder.
///
/// # Errors
/// Wrong extension or missing parent folder.
pub fn check_svg(path: &Path) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()) != Some("svg") {
        bail!(
            "{}: figures are written as SVG (use the .svg extension)",
            path.display()
        );
    }
    check_parent(path)
}

fn check_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!(
            "{}: the folder {} does not exist",
            path.display(),
            parent.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_are_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(check_output(&dir.path().join("a.json")).is_ok());
        assert!(check_output(&dir.path().join("a.txt")).is_err());
        assert!(check_output(&dir.path().join("missing/a.json")).is_err());
        assert!(check_svg(&dir.path().join("a.svg")).is_ok());
        assert!(check_svg(&dir.path().join("a.png")).is_err());
    }
}
