//! Tests of the versioned file machinery.

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
        Err(SignalError::Decode {
            encoding: Encoding::Json,
            ..
        })
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
        Err(SignalError::Decode {
            encoding: Encoding::Bincode,
            ..
        })
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

/// A kind at version 2 that still reads version 1 (which had no `b`, now assumed 1).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Pair {
    a: u32,
    b: u32,
}

impl FileData for Pair {
    const KIND: &'static str = "pair";
    const VERSION: u32 = 2;
    const OLDER_VERSIONS: &'static [u32] = &[1];
    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        #[derive(Deserialize)]
        struct PairV1 {
            a: u32,
        }
        assert_eq!(data.version(), 1);
        let old: PairV1 = data.decode()?;
        if old.a == 0 {
            return Err(data.invalid("a must not be 0"));
        }
        Ok((
            Pair { a: old.a, b: 1 },
            vec!["no b recorded, assuming 1".to_string()],
        ))
    }
}

/// Version 1 of [`Pair`], as an old build wrote it.
#[derive(Serialize, Deserialize)]
struct PairV1Out {
    a: u32,
}

impl FileData for PairV1Out {
    const KIND: &'static str = "pair";
    const VERSION: u32 = 1;
}

#[test]
fn older_versions_are_upgraded_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["p.json", "p.bin"] {
        let path = dir.path().join(name);
        save(&path, &PairV1Out { a: 7 }, Some(5)).unwrap();
        let (pair, header) = load::<Pair>(&path).unwrap();
        assert_eq!(pair, Pair { a: 7, b: 1 });
        assert_eq!((header.version, header.seed), (1, Some(5)));
        assert_eq!(header.notes, vec!["no b recorded, assuming 1".to_string()]);
        save(&path, &pair, None).unwrap();
        let (back, header) = load::<Pair>(&path).unwrap();
        assert_eq!((back, header.version), (pair, 2));
        assert!(header.notes.is_empty());
        save(&path, &PairV1Out { a: 0 }, None).unwrap();
        let err = load::<Pair>(&path).unwrap_err().to_string();
        assert!(
            err.contains("a must not be 0") && err.contains(name),
            "{err}"
        );
    }
    let path = dir.path().join("p3.json");
    std::fs::write(
        &path,
        r#"{"format":"rsnn","kind":"pair","version":3,"data":{}}"#,
    )
    .unwrap();
    let err = load::<Pair>(&path).unwrap_err().to_string();
    assert!(err.contains("this build reads versions 1, 2"), "{err}");
}

#[test]
fn codec_errors_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{not json").unwrap();
    match load::<Score>(&path) {
        Err(SignalError::Decode { cause, .. }) => assert!(!cause.message().is_empty()),
        other => panic!("expected a decode error, got {other:?}"),
    }
    // JSON maps need string keys: a map keyed by byte strings cannot be encoded.
    let mut map = std::collections::BTreeMap::new();
    map.insert(vec![1u8], 1u8);
    assert!(matches!(
        to_bytes(&Wrapped(map), None, Encoding::Json, &path),
        Err(SignalError::Encode { .. })
    ));
}

#[derive(Serialize, Deserialize)]
struct Wrapped(std::collections::BTreeMap<Vec<u8>, u8>);

impl FileData for Wrapped {
    const KIND: &'static str = "wrapped";
    const VERSION: u32 = 1;
}
