//! Checks of the output paths of a command, all done before any work: a valid file name with a
//! known extension, not a folder, in an existing folder where a file can be created, no two
//! outputs naming the same file, and no output that is also an input (unless
//! `--overwrite-input`).

use anyhow::{Result, bail};
use rsnn::io::Encoding;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether `--overwrite-input` was given.
static OVERWRITE_INPUT: AtomicBool = AtomicBool::new(false);

/// Allows (or not) an output to replace one of the inputs; set once per run.
pub fn set_overwrite_input(allow: bool) {
    OVERWRITE_INPUT.store(allow, Ordering::Relaxed);
}

/// What an output holds, which decides its extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An rsnn file (`.json`, `.bin`, `.bincode`).
    Data,
    /// An SVG figure (`.svg`).
    Svg,
}

/// The folder of `path` (`.` for a bare file name).
pub fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The file `path` names, symbolic links and `..` resolved, whether it exists or not (None
/// when its folder cannot be resolved).
pub fn identity(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    Some(folder(path).canonicalize().ok()?.join(name))
}

fn check_name(path: &Path, kind: Kind) -> Result<()> {
    let shown = path.display();
    let ends_with_slash = path.as_os_str().as_encoded_bytes().last() == Some(&b'/');
    if path.file_name().is_none() || ends_with_slash {
        bail!("{shown}: not a file name");
    }
    match kind {
        Kind::Data => {
            Encoding::from_path(path)?;
        }
        Kind::Svg => {
            if path.extension().and_then(|e| e.to_str()) != Some("svg") {
                bail!("{shown}: figures are written as SVG (use the .svg extension)");
            }
        }
    }
    if path.is_dir() {
        bail!("{shown}: is a folder, not a file");
    }
    Ok(())
}

/// Checks that a file can be created in the folder of `path` by creating and removing one.
fn check_folder(path: &Path) -> Result<()> {
    let dir = folder(path);
    if !dir.is_dir() {
        bail!(
            "{}: the folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let probe = dir.join(format!(".rsnn-probe.{}.tmp", std::process::id()));
    match crate::interrupt::create_temp(&probe) {
        Ok(_) => {
            crate::interrupt::remove_temp(&probe);
            Ok(())
        }
        Err(e) => bail!(
            "cannot write {}: the folder {} is not writable ({e})",
            path.display(),
            dir.display()
        ),
    }
}

/// Checks an output folder (the demo's): not a file, and a file can be created in it or, when
/// it does not exist yet, in its nearest existing ancestor.
///
/// # Errors
/// An existing file of that name, or no writable ancestor.
pub fn check_folder_output(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{}: is a file, not a folder", dir.display());
    }
    let existing = dir
        .ancestors()
        .find(|a| a.as_os_str().is_empty() || a.is_dir());
    let existing = existing
        .filter(|a| !a.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_folder(&existing.join("probe"))
}

/// Checks one output path.
///
/// # Errors
/// See the module documentation.
pub fn check(path: &Path, kind: Kind) -> Result<()> {
    check_name(path, kind)?;
    check_folder(path)
}

/// Checks every output of a command and their relation to its inputs.
///
/// # Errors
/// A bad output, two outputs naming the same file, or an output that is an input without
/// `--overwrite-input`.
pub fn check_all(outputs: &[(&Path, Kind)], inputs: &[&Path]) -> Result<()> {
    for (path, kind) in outputs {
        check(path, *kind)?;
    }
    let ids: Vec<Option<PathBuf>> = outputs.iter().map(|(p, _)| identity(p)).collect();
    for (i, (path, _)) in outputs.iter().enumerate() {
        if let Some(j) = (0..i).find(|&j| ids[j].is_some() && ids[j] == ids[i]) {
            let (first, second) = (outputs[j].0.display(), path.display());
            let both = if first.to_string() == second.to_string() {
                format!("{first} is given for two outputs")
            } else {
                format!("{first} and {second} are the same file")
            };
            bail!("{both}: one would overwrite the other; give each output its own file");
        }
    }
    if OVERWRITE_INPUT.load(Ordering::Relaxed) {
        return Ok(());
    }
    for input in inputs {
        let Some(id) = identity(input).filter(|_| input.exists()) else {
            continue;
        };
        for ((path, _), o) in outputs.iter().zip(&ids) {
            if o.as_ref() == Some(&id) {
                bail!(
                    "{}: is also an input ({}); pass --overwrite-input to replace it",
                    path.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_are_checked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        assert!(check(&d.join("a.json"), Kind::Data).is_ok());
        assert!(check(&d.join("a.txt"), Kind::Data).is_err());
        assert!(check(&d.join("missing/a.json"), Kind::Data).is_err());
        assert!(check(&d.join("a.svg"), Kind::Svg).is_ok());
        assert!(check(&d.join("a.png"), Kind::Svg).is_err());
        std::fs::create_dir(d.join("f.json")).expect("mkdir");
        assert!(check(&d.join("f.json"), Kind::Data).is_err());
        let (a, b) = (d.join("a.json"), d.join("./a.json"));
        assert!(check_all(&[(&a, Kind::Data), (&b, Kind::Data)], &[]).is_err());
        std::fs::write(&a, "x").expect("write");
        assert!(check_all(&[(&b, Kind::Data)], &[&a]).is_err());
        assert!(check_all(&[(&d.join("c.json"), Kind::Data)], &[&a]).is_ok());
        assert_eq!(
            std::fs::read_dir(d).expect("dir").count(),
            2,
            "no probe left"
        );
    }
}
