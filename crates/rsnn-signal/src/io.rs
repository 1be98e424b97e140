//! Versioned rsnn files, as JSON (for people and interop) or bincode (for speed).
//!
//! Every file is an envelope `{format: "rsnn", kind, version, seed, data}`: `kind` names the
//! type of `data` (for instance `"score"`), `version` its format version, `seed` the random seed
//! that produced it (if any). Loading checks the kind and the version before it decodes the
//! data, and the data types validate their invariants while they are decoded, so a bad file is a
//! clear error, never a panic. Writing goes to a temporary file in the same folder that is then
//! renamed, so no half-written file is ever left behind.
//!
//! A kind may still read some older format versions: it lists them in
//! [`FileData::OLDER_VERSIONS`] and upgrades their data in [`FileData::upgrade`], which also
//! says in plain words what it had to assume; those notes come back in [`Header::notes`].
//!
//! The encoding is chosen by extension: `.json`, or `.bin` / `.bincode`. The binary codec is
//! bincode 1.3 with fixed-width little-endian integers; only this module knows it, and its
//! errors reach callers only as text ([`CodecError`]).

use crate::SignalError;
use crate::error::CodecError;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "io_bincode.rs"]
mod binary;
#[path = "io_older.rs"]
mod older;
pub use older::OlderData;

/// The value of the `format` field of every rsnn file.
pub const FORMAT_TAG: &str = "rsnn";

/// A type that can be stored in an rsnn file.
pub trait FileData: Serialize + DeserializeOwned {
    /// The `kind` tag of files holding this type.
    const KIND: &'static str;
    /// The format version this build writes (and reads).
    const VERSION: u32;
    /// Older format versions this build still reads, through [`FileData::upgrade`] (none by
    /// default).
    const OLDER_VERSIONS: &'static [u32] = &[];

    /// Decodes the data of a file of an older format version (one of
    /// [`FileData::OLDER_VERSIONS`], see [`OlderData::version`]) and upgrades it to this
    /// version. Returns the data and human-readable notes on what had to be assumed (for
    /// instance a default for a field the old version did not record).
    ///
    /// The default refuses with [`SignalError::UnsupportedVersion`].
    ///
    /// # Errors
    /// Malformed or invalid old data (see [`OlderData::decode`] and [`OlderData::invalid`]).
    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS))
    }
}

/// The header of an rsnn file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Header {
    /// Always [`FORMAT_TAG`].
    pub format: String,
    /// The kind of data.
    pub kind: String,
    /// The format version of the data in the file (possibly older than the version the data
    /// was upgraded to).
    pub version: u32,
    /// The random seed that produced the data, if any.
    pub seed: Option<u64>,
    /// Human-readable notes from loading, for instance what an upgrade from an older version
    /// assumed (empty for a file of the current version; never stored in the file).
    #[serde(skip)]
    pub notes: Vec<String>,
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

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Json => "JSON",
            Encoding::Bincode => "bincode",
        })
    }
}

fn io_error(path: &Path, cause: std::io::Error) -> SignalError {
    SignalError::Io {
        path: path.to_owned(),
        cause,
    }
}

fn decode_error(path: &Path, encoding: Encoding, message: impl fmt::Display) -> SignalError {
    SignalError::Decode {
        path: path.to_owned(),
        encoding,
        cause: CodecError::new(message),
    }
}

/// Decodes `bytes` as a `U` in `encoding`; `path` is only used in error messages.
fn decode<U: DeserializeOwned>(
    bytes: &[u8],
    encoding: Encoding,
    path: &Path,
) -> Result<U, SignalError> {
    match encoding {
        Encoding::Json => serde_json::from_slice(bytes).map_err(|e| {
            let hint = if bytes.first().is_some_and(|b| !b.is_ascii()) {
                " (the file does not look like JSON: name a bincode file .bin)"
            } else {
                ""
            };
            decode_error(path, encoding, format_args!("{e}{hint}"))
        }),
        Encoding::Bincode => {
            binary::decode(bytes).map_err(|message| decode_error(path, encoding, message))
        }
    }
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
/// [`SignalError::Encode`] (for instance non-finite floats in JSON).
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
    let encode_error = |message: &dyn fmt::Display| SignalError::Encode {
        path: path.to_owned(),
        encoding,
        cause: CodecError::new(message),
    };
    match encoding {
        Encoding::Json => serde_json::to_vec(&envelope).map_err(|e| encode_error(&e)),
        Encoding::Bincode => {
            use bincode::Options;
            binary::options()
                .serialize(&envelope)
                .map_err(|e| encode_error(&e))
        }
    }
}

/// Saves `data` to `path`, in the encoding its extension names, recording `seed`.
///
/// # Errors
/// Unknown extension, encoding or I/O errors.
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
    if header.version != T::VERSION && !T::OLDER_VERSIONS.contains(&header.version) {
        return Err(SignalError::UnsupportedVersion {
            path: path.to_owned(),
            kind: T::KIND,
            found: header.version,
            supported: T::VERSION,
            older: T::OLDER_VERSIONS,
        });
    }
    Ok(())
}

/// The header alone, decoded from the start of a file.
fn decode_header(bytes: &[u8], encoding: Encoding, path: &Path) -> Result<Header, SignalError> {
    match encoding {
        Encoding::Json => {
            #[derive(Deserialize)]
            struct JsonHeader {
                format: String,
                kind: String,
                version: u32,
                #[serde(default)]
                seed: Option<u64>,
            }
            let h: JsonHeader = decode(bytes, encoding, path)?;
            Ok(Header {
                format: h.format,
                kind: h.kind,
                version: h.version,
                seed: h.seed,
                notes: Vec::new(),
            })
        }
        Encoding::Bincode => {
            binary::decode(bytes).map_err(|message| decode_error(path, encoding, message))
        }
    }
}

/// Decodes an rsnn file from bytes; `path` is only used in error messages. A file of an older
/// version the kind still reads is upgraded, and the header carries the upgrade's notes.
///
/// # Errors
/// Malformed data, wrong kind, unsupported version, or data that violates its invariants.
pub fn from_bytes<T: FileData>(
    bytes: &[u8],
    encoding: Encoding,
    path: &Path,
) -> Result<(T, Header), SignalError> {
    let mut header = decode_header(bytes, encoding, path)?;
    check_header::<T>(path, &header)?;
    if header.version != T::VERSION {
        let older = OlderData::new(bytes, encoding, path, header.version);
        let (data, notes) = T::upgrade(older)?;
        header.notes = notes;
        return Ok((data, header));
    }
    let envelope: EnvelopeIn<T> = decode(bytes, encoding, path)?;
    let header = Header {
        format: envelope.format,
        kind: envelope.kind,
        version: envelope.version,
        seed: envelope.seed,
        notes: Vec::new(),
    };
    Ok((envelope.data, header))
}

/// Loads an rsnn file written by [`save`], returning the data and its header (with the seed,
/// and notes if the file had an older version and was upgraded).
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
    decode_header(&bytes, encoding, path)
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
#[path = "io_tests.rs"]
mod tests;
