//! The binary codec (bincode 1.3, fixed-width little-endian integers), with decode errors that
//! say what was wrong and where: bincode itself reports an early end of data as an empty I/O
//! error and a huge length prefix without its value.

use serde::de::DeserializeOwned;
use std::io::Read;

pub(super) fn options() -> impl bincode::Options {
    use bincode::Options;
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_little_endian()
        .allow_trailing_bytes()
}

/// Decodes `bytes` (no length prefix may ask for more bytes than the data holds); on failure,
/// a description of what was wrong and at which byte.
pub(super) fn decode<U: DeserializeOwned>(bytes: &[u8]) -> Result<U, String> {
    use bincode::Options;
    let limit = bytes.len() as u64;
    match options().with_limit(limit).deserialize(bytes) {
        Ok(value) => Ok(value),
        Err(_) => {
            // Decode again through a reader that counts, to say where the failure is.
            let mut reader = Counting { bytes, pos: 0 };
            match options()
                .with_limit(limit)
                .deserialize_from::<_, U>(&mut reader)
            {
                Ok(value) => Ok(value),
                Err(e) => Err(describe(&e, bytes, reader.pos)),
            }
        }
    }
}

struct Counting<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

fn looks_like_json(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// What went wrong, at byte `pos` of `bytes`.
fn describe(error: &bincode::ErrorKind, bytes: &[u8], pos: usize) -> String {
    use bincode::ErrorKind as K;
    let len = bytes.len();
    let what = match error {
        K::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("unexpected end of data after {len} bytes (a truncated file?)")
        }
        K::Io(e) => format!("read error at byte {pos}: {e}"),
        K::SizeLimit => {
            let prefix = pos
                .checked_sub(8)
                .and_then(|at| Some((at, bytes.get(at..pos)?)))
                .and_then(|(at, b)| Some((at, u64::from_le_bytes(b.try_into().ok()?))));
            match prefix {
                Some((at, value)) if value > (len - pos) as u64 => format!(
                    "length prefix {value} at byte {at} exceeds the file size ({len} bytes)"
                ),
                _ => format!("unexpected end of data at byte {pos} of {len} (a truncated file?)"),
            }
        }
        K::InvalidUtf8Encoding(e) => {
            format!("invalid UTF-8 in the string ending at byte {pos}: {e}")
        }
        K::InvalidBoolEncoding(b) => {
            format!("invalid boolean byte {b} at byte {}", pos.saturating_sub(1))
        }
        K::InvalidCharEncoding => format!("invalid character encoding at byte {pos}"),
        K::InvalidTagEncoding(tag) => format!("invalid variant tag {tag} before byte {pos}"),
        K::Custom(message) => format!("{message} (decoding stopped at byte {pos} of {len})"),
        other => format!("{other} (at byte {pos} of {len})"),
    };
    if looks_like_json(bytes) {
        format!("{what}; the file looks like JSON (name it .json)")
    } else {
        what
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_say_what_and_where() {
        let e = decode::<(u64, u64)>(&[1, 0, 0, 0]).unwrap_err();
        assert_eq!(
            e,
            "unexpected end of data at byte 0 of 4 (a truncated file?)"
        );
        let mut huge = (1u64 << 60).to_le_bytes().to_vec();
        huge.extend_from_slice(b"abc");
        let e = decode::<String>(&huge).unwrap_err();
        assert_eq!(
            e,
            "length prefix 1152921504606846976 at byte 0 exceeds the file size (11 bytes)"
        );
        let e = decode::<String>(b"{\"format\": \"rsnn\"}").unwrap_err();
        assert!(
            e.ends_with("the file looks like JSON (name it .json)"),
            "{e}"
        );
        let e = decode::<bool>(&[7]).unwrap_err();
        assert_eq!(e, "invalid boolean byte 7 at byte 0");
        assert_eq!(decode::<(u8, bool)>(&[3, 1]), Ok((3, true)));
    }
}
