//! All-or-nothing writes: every output of a command is first written in full to a temporary
//! file `.NAME.PID.tmp` next to it, and only once all of them are written are they renamed to
//! their real names. A failure (or an interrupt) before the renames removes the temporaries and
//! leaves every output as it was.

use crate::interrupt;
use anyhow::{Context, Result};
use rsnn::io::{Encoding, FileData};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The outputs of one command, encoded and waiting to be written.
#[derive(Debug, Default)]
pub struct Batch {
    files: Vec<(PathBuf, Vec<u8>)>,
}

/// The temporary name of `path`: `.NAME.PID.tmp` in the same folder.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = interrupt::create_temp(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an rsnn file: `data` with its `seed`, in the encoding the extension names.
    ///
    /// # Errors
    /// Unknown extension or an encoding failure.
    pub fn data<T: FileData>(&mut self, path: &Path, data: &T, seed: Option<u64>) -> Result<()> {
        let encoding = Encoding::from_path(path)?;
        let bytes = rsnn::io::to_bytes(data, seed, encoding, path)?;
        self.files.push((path.to_owned(), bytes));
        Ok(())
    }

    /// Adds a file with the given content (an SVG figure).
    pub fn raw(&mut self, path: &Path, bytes: impl Into<Vec<u8>>) {
        self.files.push((path.to_owned(), bytes.into()));
    }

    /// Writes every file, all or nothing.
    ///
    /// # Errors
    /// A file that cannot be written (then none is), or an interrupt.
    pub fn commit(self) -> Result<()> {
        let mut temps: Vec<PathBuf> = Vec::with_capacity(self.files.len());
        for (path, bytes) in &self.files {
            let tmp = temporary(path);
            let written = write_temp(&tmp, bytes);
            temps.push(tmp);
            if let Err(e) = written {
                temps.iter().for_each(|t| interrupt::remove_temp(t));
                return Err(e.context(format!("cannot write {}", path.display())));
            }
        }
        interrupt::commit(&temps, || self.rename_all(&temps))
    }

    fn rename_all(&self, temps: &[PathBuf]) -> Result<()> {
        for (i, ((path, _), tmp)) in self.files.iter().zip(temps).enumerate() {
            let renamed = std::fs::rename(tmp, path)
                .with_context(|| format!("cannot write {}", path.display()));
            if renamed.is_err() {
                temps[i..].iter().for_each(|t| {
                    let _ = std::fs::remove_file(t);
                });
                return renamed;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_file_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut batch = Batch::new();
        batch.raw(&dir.path().join("a.svg"), "a");
        batch.raw(&dir.path().join("missing/b.svg"), "b");
        let e = batch.commit().expect_err("b cannot be written");
        assert!(format!("{e:#}").contains("b.svg"), "{e:#}");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        let mut batch = Batch::new();
        batch.raw(&dir.path().join("a.svg"), "a");
        batch.raw(&dir.path().join("b.svg"), "b");
        batch.commit().expect("writes");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    }
}
