//! Reading and writing rsnn files (the kinds are those of the libraries, see [`rsnn::io`]).
//! Inputs must be regular files of at most [`MAX_INPUT_BYTES`]; outputs are written through a
//! [`Batch`] (all or nothing). Every file is a versioned envelope (see docs/file-formats.md).

use crate::batch::Batch;
use anyhow::{Context, Result, bail};
use rsnn::io::{self, Encoding, FileData, Header};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the notes of loaded files are kept off stderr (`--quiet`).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences (or not) the warnings [`load`] prints; set once per run from `--quiet`.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// The largest input file the command reads: 2 GiB.
pub const MAX_INPUT_BYTES: u64 = 2 << 30;

/// Checks that `path` is a regular file (after resolving symbolic links) of at most
/// [`MAX_INPUT_BYTES`]: a device, a named pipe or a folder is refused before anything is read.
///
/// # Errors
/// A missing file, not a regular file, or a file too large.
pub fn check_input(path: &Path) -> Result<u64> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {shown}"))?;
    if meta.is_dir() {
        bail!("{shown}: is a folder, not a file");
    }
    if !meta.is_file() {
        bail!("{shown}: not a regular file (a device, a named pipe or a socket)");
    }
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{shown}: {} bytes, more than the limit of {MAX_INPUT_BYTES} bytes (2 GiB) for input files",
            meta.len()
        );
    }
    Ok(meta.len())
}

/// Reads a checked input ([`check_input`]), never more than [`MAX_INPUT_BYTES`] even if the
/// file grows meanwhile.
///
/// # Errors
/// As [`check_input`], or a read failure.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let size = check_input(path)?;
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {shown}"))?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!("{shown}: grew past the limit of {MAX_INPUT_BYTES} bytes (2 GiB) while being read");
    }
    Ok(bytes)
}

/// Loads a file of kind `T` ([`read_input`], then [`io::from_bytes`]). The notes of an upgraded
/// older file (see [`Header::notes`](rsnn::signal::io::Header::notes)) are printed as warnings
/// on stderr, unless `--quiet`.
///
/// # Errors
/// Missing, unreadable, irregular or too large file, wrong kind or version, invalid data (the
/// message names the path).
pub fn load<T: FileData>(path: &Path) -> Result<(T, Header)> {
    let encoding = Encoding::from_path(path)?;
    let bytes = read_input(path)?;
    let (data, header) = io::from_bytes::<T>(&bytes, encoding, path)?;
    warn_notes(path, &header);
    Ok((data, header))
}

/// Reads the header of a file of any kind, once [`check_input`] accepts it.
///
/// # Errors
/// As [`check_input`] and [`io::read_header`].
pub fn read_header(path: &Path) -> Result<Header> {
    check_input(path)?;
    Ok(io::read_header(path)?)
}

/// Loads a file of any kind ([`io::load_any`]) once [`check_input`] accepts it, printing its
/// notes as [`load`] does.
///
/// # Errors
/// As [`check_input`]; unknown kind or version, invalid data.
pub fn load_any(path: &Path) -> Result<(io::AnyFile, Header)> {
    check_input(path)?;
    let (data, header) = io::load_any(path)?;
    warn_notes(path, &header);
    Ok((data, header))
}

fn warn_notes(path: &Path, header: &Header) {
    if !QUIET.load(Ordering::Relaxed) {
        for note in &header.notes {
            crate::output::stderr_line(format!("rsnn: warning: {}: {note}", path.display()));
        }
    }
}

/// Saves `data` with its `seed` in the encoding the extension names (a [`Batch`] of one file).
///
/// # Errors
/// Unknown extension, serialization or I/O failures.
pub fn save<T: FileData>(path: &Path, data: &T, seed: Option<u64>) -> Result<()> {
    let mut batch = Batch::new();
    batch.data(path, data, seed)?;
    batch.commit()
}

/// A path as JSON text (lossy for a name that is not valid UTF-8).
pub fn json_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_must_be_small_regular_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.json");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_INPUT_BYTES + 1).expect("sparse file");
        let e = check_input(&big).expect_err("too large");
        assert!(e.to_string().contains("limit"), "{e}");
        assert!(check_input(dir.path()).is_err());
        assert!(check_input(Path::new("/dev/null")).is_err());
        std::fs::write(dir.path().join("a.json"), "{}").expect("write");
        assert_eq!(
            read_input(&dir.path().join("a.json")).expect("reads"),
            b"{}"
        );
    }
}
