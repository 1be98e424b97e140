//! Versioned rsnn files, as JSON (for people and interop) or bincode (for speed).
//!
//! Every file is an envelope `{format: "rsnn", kind, version, seed, data}`: `kind` names the
//! type of `data` (for instance `"score"`), `version` its format version, `seed` the random seed
//! that produced it (if any). Loading checks the kind and the version before it decodes the
//! data, and the data types validate their invariants while they are decoded, so a bad file is a
//! clear error, never a panic. Writing goes to a temporary file in the same folder that is then
//! renamed, so no half-written file is ever left behind.
//!
//! The encoding is chosen by extension: `.json`, or `.bin` / `.bincode`. The binary codec is
//! bincode 1.3 with fixed-width little-endian integers; only this module knows it.

use crate::SignalError;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The value of the `format` field of every rsnn file.
pub const FORMAT_TAG: &str = "rsnn";

/// A type that can be stored in an rsnn file.
pub trait FileData: Serialize + DeserializeOwned {
    /// The `kind` tag of files holding this type.
    const KIND: &'static str;
    /// The format version this build reads and writes.
    const VERSION: u32;
}

/// The header of an rsnn file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`FORMAT_TAG`].
    pub format: String,
    /// The kind of data.
    pub kind: String,
    /// The format version of the data.
    pub version: u32,
    /// The random seed that produced the data, if any.
    pub seed: Option<u64>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    format: &'a str,
    kind: &'a str,
    version: u32,
    seed: Option<u64>,
    data: &'a T,
}

#[derive(Deserialize)]
struct EnvelopeIn<T> {
    format: String,
    kind: String,
    version: u32,
    seed: Option<u64>,
    data: T,
}

/// The encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    /// Human-readable JSON.
    Json,
    /// Compact bincode.
    Bincode,
}

impl Encoding {
    /// The encoding named by a path's extension.
    ///
    /// # Errors
    /// [`SignalError::UnknownExtension`].
    pub fn from_path(path: &Path) -> Result<Self, SignalError> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Ok(Self::Json),
            Some("bin" | "bincode") => Ok(Self::Bincode),
            _ => Err(SignalError::UnknownExtension {
                path: path.to_owned(),
            }),
        }
    }
}

fn io_error(path: &Path, source: std::io::Error) -> SignalError {
    SignalError::Io {
        path: path.to_owned(),
        source,
    }
}

fn bincode_options() -> impl bincode::Options {
    use bincode::Options;
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
        .allow_trailing_bytes()
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
///
/// # Errors
/// [`SignalError::Io`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SignalError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        // Best effort: the temporary file must not stay behind.
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(path, source));
    }
    Ok(())
}

/// Encodes `data` with its header in the given encoding.
///
/// # Errors
/// Serialization errors (for instance non-finite floats in JSON).
pub fn to_bytes<T: FileData>(
    data: &T,
    seed: Option<u64>,
    encoding: Encoding,
    path: &Path,
) -> Result<Vec<u8>, SignalError> {
    let envelope = EnvelopeOut {
        format: FORMAT_TAG,
        kind: T::KIND,
        version: T::VERSION,
        seed,
        data,
    };
    match encoding {
        Encoding::Json => serde_json::to_vec(&envelope).map_err(|source| SignalError::Json {
            path: path.to_owned(),
            source,
        }),
        Encoding::Bincode => {
            use bincode::Options;
            bincode_options()
                .serialize(&envelope)
                .map_err(|source| SignalError::Bincode {
                    path: path.to_owned(),
                    source,
                })
        }
    }
}

/// Saves `data` to `path`, in the encoding its extension names, recording `seed`.
///
/// # Errors
/// Unknown extension, serialization or I/O errors.
pub fn save<T: FileData>(path: &Path, data: &T, seed: Option<u64>) -> Result<(), SignalError> {
    let bytes = to_bytes(data, seed, Encoding::from_path(path)?, path)?;
    write_atomically(path, &bytes)
}

fn check_header<T: FileData>(path: &Path, header: &Header) -> Result<(), SignalError> {
    if header.format != FORMAT_TAG || header.kind != T::KIND {
        let found = if header.format == FORMAT_TAG {
            header.kind.clone()
        } else {
            format!("{} (not an rsnn file)", header.format)
        };
        return Err(SignalError::WrongKind {
            path: path.to_owned(),
            expected: T::KIND,
            found,
        });
    }
    if header.version != T::VERSION {
        return Err(SignalError::UnsupportedVersion {
            path: path.to_owned(),
            kind: T::KIND,
            found: header.version,
            supported: T::VERSION,
        });
    }
    Ok(())
}

/// Decodes an rsnn file from bytes; `path` is only used in error messages.
///
/// # Errors
/// Malformed data, wrong kind, unsupported version, or data that violates its invariants.
pub fn from_bytes<T: FileData>(
    bytes: &[u8],
    encoding: Encoding,
    path: &Path,
) -> Result<(T, Header), SignalError> {
    let json_err = |source| SignalError::Json {
        path: path.to_owned(),
        source,
    };
    let bin_err = |source| SignalError::Bincode {
        path: path.to_owned(),
        source,
    };
    let header: Header = match encoding {
        Encoding::Json => {
            #[derive(Deserialize)]
            struct JsonHeader {
                format: String,
                kind: String,
                version: u32,
                #[serde(default)]
                seed: Option<u64>,
            }
            let h: JsonHeader = serde_json::from_slice(bytes).map_err(json_err)?;
            Header {
                format: h.format,
                kind: h.kind,
                version: h.version,
                seed: h.seed,
            }
        }
        Encoding::Bincode => {
            use bincode::Options;
            bincode_options().deserialize(bytes).map_err(bin_err)?
        }
    };
    check_header::<T>(path, &header)?;
    let envelope: EnvelopeIn<T> = match encoding {
        Encoding::Json => serde_json::from_slice(bytes).map_err(json_err)?,
        Encoding::Bincode => {
            use bincode::Options;
            bincode_options()
                .with_limit(bytes.len() as u64)
                .deserialize(bytes)
                .map_err(bin_err)?
        }
    };
    let header = Header {
        format: envelope.format,
        kind: envelope.kind,
        version: envelope.version,
        seed: envelope.seed,
    };
    Ok((envelope.data, header))
}

/// Loads an rsnn file written by [`save`], returning the data and its header (with the seed).
///
/// # Errors
/// I/O errors, unknown extension, malformed data, wrong kind or version, invalid data.
pub fn load<T: FileData>(path: &Path) -> Result<(T, Header), SignalError> {
    let encoding = Encoding::from_path(path)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    from_bytes(&bytes, encoding, path)
}

/// Reads only the header of an rsnn file (to describe it without knowing its kind).
///
/// # Errors
/// I/O errors, unknown extension or a malformed header.
pub fn read_header(path: &Path) -> Result<Header, SignalError> {
    let encoding = Encoding::from_path(path)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    match encoding {
        Encoding::Json => {
            let v: serde_json::Value =
                serde_json::from_slice(&bytes).map_err(|source| SignalError::Json {
                    path: path.to_owned(),
                    source,
                })?;
            let mut v = v;
            if let Some(obj) = v.as_object_mut() {
                obj.remove("data");
            }
            serde_json::from_value(v).map_err(|source| SignalError::Json {
                path: path.to_owned(),
                source,
            })
        }
        Encoding::Bincode => {
            use bincode::Options;
            bincode_options()
                .deserialize(&bytes)
                .map_err(|source| SignalError::Bincode {
                    path: path.to_owned(),
                    source,
                })
        }
    }
}

impl FileData for crate::Score {
    const KIND: &'static str = "score";
    const VERSION: u32 = 1;
}

impl FileData for crate::PeriodicTrain {
    const KIND: &'static str = "periodic-train";
    const VERSION: u32 = 1;
}

impl FileData for crate::SpikeTrain {
    const KIND: &'static str = "spike-train";
    const VERSION: u32 = 1;
}

impl FileData for Vec<crate::SpikeTrain> {
    const KIND: &'static str = "spike-trains";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Score;

    fn score() -> Score {
        Score::new(10.0, vec![vec![1.0, 4.5], vec![], vec![9.0]]).unwrap()
    }

    #[test]
    fn round_trip_both_encodings() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["s.json", "s.bin"] {
            let path = dir.path().join(name);
            save(&path, &score(), Some(42)).unwrap();
            let (back, header): (Score, Header) = load(&path).unwrap();
            assert_eq!(back, score());
            assert_eq!(header.seed, Some(42));
            assert_eq!(header.kind, "score");
            assert_eq!(read_header(&path).unwrap(), header);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn rejects_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.json");
        let write = |text: &str| std::fs::write(&path, text).unwrap();
        write(r#"{"format":"rsnn","kind":"score","version":99,"seed":null,"data":{}}"#);
        assert!(matches!(
            load::<Score>(&path),
            Err(SignalError::UnsupportedVersion { found: 99, .. })
        ));
        write(r#"{"format":"rsnn","kind":"network","version":1,"seed":null,"data":{}}"#);
        assert!(matches!(
            load::<Score>(&path),
            Err(SignalError::WrongKind { .. })
        ));
        write(
            r#"{"format":"rsnn","kind":"score","version":1,"seed":null,"data":{"period":-1,"channels":[]}}"#,
        );
        let err = load::<Score>(&path).unwrap_err().to_string();
        assert!(err.contains("period") && err.contains("-1"), "{err}");
        write(
            r#"{"format":"rsnn","kind":"score","version":1,"data":{"period":10,"channels":[[3,2]]}}"#,
        );
        let err = load::<Score>(&path).unwrap_err().to_string();
        assert!(err.contains("channel 0, spike 1"), "{err}");
        write("{not json");
        assert!(matches!(
            load::<Score>(&path),
            Err(SignalError::Json { .. })
        ));
        let missing = dir.path().join("missing.json");
        assert!(matches!(
            load::<Score>(&missing),
            Err(SignalError::Io { .. })
        ));
        assert!(matches!(
            load::<Score>(&dir.path().join("x.txt")),
            Err(SignalError::UnknownExtension { .. })
        ));
        let bin = dir.path().join("bad.bin");
        std::fs::write(&bin, [1u8, 2, 3]).unwrap();
        assert!(matches!(
            load::<Score>(&bin),
            Err(SignalError::Bincode { .. })
        ));
    }

    #[test]
    fn truncated_bincode_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.bin");
        save(&path, &score(), None).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        for cut in [bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(load::<Score>(&path).is_err());
        }
    }
}
