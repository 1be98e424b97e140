//! The data of a file of an older format version, for [`FileData::upgrade`](super::FileData::upgrade).

use super::{Encoding, EnvelopeIn, decode, decode_error};
use crate::SignalError;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::Path;

/// The data of a file of an older format version, handed to [`FileData::upgrade`](super::FileData::upgrade).
#[derive(Debug, Clone, Copy)]
pub struct OlderData<'a> {
    bytes: &'a [u8],
    encoding: Encoding,
    path: &'a Path,
    version: u32,
}

impl<'a> OlderData<'a> {
    pub(super) fn new(bytes: &'a [u8], encoding: Encoding, path: &'a Path, version: u32) -> Self {
        Self {
            bytes,
            encoding,
            path,
            version,
        }
    }

    /// The format version of the file.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The file (for messages).
    pub fn path(&self) -> &Path {
        self.path
    }

    /// Decodes the file's `data` field as a `U` (the layout of the old version).
    ///
    /// # Errors
    /// [`SignalError::Decode`] naming the file.
    pub fn decode<U: DeserializeOwned>(&self) -> Result<U, SignalError> {
        decode::<EnvelopeIn<U>>(self.bytes, self.encoding, self.path).map(|e| e.data)
    }

    /// The error for old data that decodes but violates an invariant: a
    /// [`SignalError::Decode`] naming the file, with `message`.
    pub fn invalid(&self, message: impl fmt::Display) -> SignalError {
        decode_error(self.path, self.encoding, message)
    }

    /// The error for a version the kind cannot upgrade.
    pub fn unsupported(
        &self,
        kind: &'static str,
        supported: u32,
        older: &'static [u32],
    ) -> SignalError {
        SignalError::UnsupportedVersion {
            path: self.path.to_owned(),
            kind,
            found: self.version,
            supported,
            older,
        }
    }
}
