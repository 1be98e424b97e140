//! Every file kind's decoder, fed arbitrary bytes, arbitrary JSON envelopes and mutated valid
//! files in both encodings, returns an error or valid data: never a panic, and quickly (length
//! prefixes are checked against the file size, sizes against the limits). A longer run:
//! `cargo test -p rsnn --test fuzz_files -- --ignored`.

use proptest::prelude::*;
use rsnn::io::{Encoding, FileData, from_bytes, to_bytes};
use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, Score};
use rsnn_sim::Recording;
use std::path::Path;
use std::time::{Duration, Instant};

fn decode_as<T: FileData>(bytes: &[u8], encoding: Encoding) {
    let path = Path::new("fuzz");
    if let Err(e) = from_bytes::<T>(bytes, encoding, path) {
        // Every error has a message.
        assert!(!e.to_string().is_empty());
    }
}

/// Decodes `bytes` as every kind, in `encoding`.
fn decode_all(bytes: &[u8], encoding: Encoding) -> Result<(), TestCaseError> {
    let began = Instant::now();
    decode_as::<Score>(bytes, encoding);
    decode_as::<rsnn_signal::PeriodicTrain>(bytes, encoding);
    decode_as::<rsnn_signal::SpikeTrain>(bytes, encoding);
    decode_as::<Vec<rsnn_signal::SpikeTrain>>(bytes, encoding);
    decode_as::<Network>(bytes, encoding);
    decode_as::<Recording>(bytes, encoding);
    decode_as::<rsnn_optim::MemorizeRecord>(bytes, encoding);
    decode_as::<rsnn::parts::MemorizePart>(bytes, encoding);
    decode_as::<rsnn_sim::Measurement>(bytes, encoding);
    decode_as::<rsnn_sim::StabilityReport>(bytes, encoding);
    decode_as::<rsnn::recipes::RecallRecord>(bytes, encoding);
    decode_as::<rsnn::pipeline::PipelineSummary>(bytes, encoding);
    prop_assert!(began.elapsed() < Duration::from_secs(2));
    Ok(())
}

/// Valid files of a few kinds, in both encodings.
fn valid_files() -> Vec<(Vec<u8>, Encoding)> {
    let score = Score::new(10.0, vec![vec![1.0, 5.0], vec![3.0]]).expect("valid");
    let input = |source| Input {
        source,
        delay: 1.0,
        weight: 0.5,
    };
    let net = Network::new(
        vec![
            Neuron {
                inputs: vec![input(1)],
            },
            Neuron {
                inputs: vec![input(0), input(1)],
            },
        ],
        AlphaKernel::default(),
    )
    .expect("valid");
    let rec = Recording::from_times(0.0, 20.0, vec![vec![1.0, 11.0], vec![3.0]]).expect("valid");
    let mut out = Vec::new();
    for encoding in [Encoding::Json, Encoding::Bincode] {
        let path = Path::new("valid");
        out.push((
            to_bytes(&score, Some(3), encoding, path).expect("encodes"),
            encoding,
        ));
        out.push((
            to_bytes(&net, None, encoding, path).expect("encodes"),
            encoding,
        ));
        out.push((
            to_bytes(&rec, Some(1), encoding, path).expect("encodes"),
            encoding,
        ));
    }
    out
}

fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<f64>().prop_map(|x| if x.is_finite() {
            format!("{x:e}")
        } else {
            "1e999".to_owned()
        }),
        any::<u64>().prop_map(|x| x.to_string()),
        "[a-z-]{0,12}".prop_map(|s| format!("\"{s}\"")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-z_]{1,10}", inner), 0..6).prop_map(|v| {
                let fields: Vec<String> = v.iter().map(|(k, x)| format!("\"{k}\":{x}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

fn kind() -> impl Strategy<Value = &'static str> {
    prop::sample::select(rsnn::io::KINDS.to_vec())
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    for &(at, b) in edits {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] = b;
        }
    }
    let keep = bytes.len().saturating_sub(cut % 4);
    bytes.truncate(keep);
    bytes
}

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig::with_cases(n)
}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_all(&bytes, Encoding::Bincode)?;
        decode_all(&bytes, Encoding::Json)?;
    }

    #[test]
    fn arbitrary_envelopes(kind in kind(), version in 0u32..4, data in json_value()) {
        let text = format!(r#"{{"format":"rsnn","kind":"{kind}","version":{version},"seed":1,"data":{data}}}"#);
        decode_all(text.as_bytes(), Encoding::Json)?;
        decode_all(text.as_bytes(), Encoding::Bincode)?;
    }

    #[test]
    fn mutated_valid_files(which in 0usize..6, edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6), cut in any::<usize>()) {
        let files = valid_files();
        let (bytes, encoding) = &files[which % files.len()];
        decode_all(&mutate(bytes.clone(), &edits, cut), *encoding)?;
    }
}

proptest! {
    #![proptest_config(cases(20_000))]

    #[test]
    #[ignore = "long run: cargo test -p rsnn --test fuzz_files -- --ignored"]
    fn mutated_valid_files_long(which in 0usize..6, edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6), cut in any::<usize>()) {
        let files = valid_files();
        let (bytes, encoding) = &files[which % files.len()];
        decode_all(&mutate(bytes.clone(), &edits, cut), *encoding)?;
    }

    #[test]
    #[ignore = "long run: cargo test -p rsnn --test fuzz_files -- --ignored"]
    fn arbitrary_bytes_long(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        decode_all(&bytes, Encoding::Bincode)?;
        decode_all(&bytes, Encoding::Json)?;
    }
}
