//! Network files: JSON and bincode round trips, and rejection of invalid data on load with
//! messages that name the neuron, the input and the value.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Input, Network, Neuron, Topology, TopologyConfig};
use rsnn_signal::AlphaKernel;
use rsnn_signal::io::{FileData, load, save};
use serde::Serialize;

fn network() -> Network {
    let config = TopologyConfig {
        num_neurons: 6,
        topology: Topology::FixedInDegree { k: 9 },
        ..TopologyConfig::default()
    };
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut net = config
        .sample(AlphaKernel::new(1.5).expect("valid tau"), &mut rng)
        .expect("valid config");
    let weights: Vec<f64> = (0..9).map(|k| 0.1 * k as f64 - 0.35).collect();
    net.set_weights(2, &weights).expect("nine finite weights");
    net
}

#[test]
fn round_trip_json_and_bincode() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["net.json", "net.bin"] {
        let path = dir.path().join(name);
        save(&path, &network(), Some(3)).expect("saved");
        let (back, header) = load::<Network>(&path).expect("loaded");
        assert_eq!(back, network(), "{name}");
        assert_eq!(header.kind, "network");
        assert_eq!(header.version, 2);
        assert_eq!(header.seed, Some(3));
        assert!(header.notes.is_empty());
    }
}

#[test]
fn round_trip_keeps_the_threshold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let net = network().with_threshold(2.0).expect("valid threshold");
    for name in ["net.json", "net.bin"] {
        let path = dir.path().join(name);
        save(&path, &net, None).expect("saved");
        let (back, _) = load::<Network>(&path).expect("loaded");
        assert_eq!(back.threshold(), 2.0, "{name}");
        assert_eq!(back, net);
    }
}

/// The layout of version 1 (no threshold), as an old build wrote it.
#[derive(Serialize, serde::Deserialize)]
struct Version1 {
    kernel: AlphaKernel,
    neurons: Vec<Neuron>,
}

impl FileData for Version1 {
    const KIND: &'static str = "network";
    const VERSION: u32 = 1;
}

#[test]
fn version_1_loads_with_threshold_1_and_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A file written by hand, as version 1 looked.
    let path = dir.path().join("v1.json");
    let text = r#"{"format":"rsnn","kind":"network","version":1,"seed":7,
        "data":{"kernel":{"tau":1.0},"neurons":[{"inputs":[{"source":1,"delay":0.5,"weight":0.1}]},{"inputs":[]}]}}"#;
    std::fs::write(&path, text).expect("written");
    let (net, header) = load::<Network>(&path).expect("version 1 still loads");
    assert_eq!(net.threshold(), 1.0);
    assert_eq!(net.num_inputs(), 1);
    assert_eq!((header.version, header.seed), (1, Some(7)));
    assert_eq!(
        header.notes,
        vec!["version-1 network file: no threshold recorded, assuming 1".to_string()]
    );
    // The same in bincode.
    let old = Version1 {
        kernel: AlphaKernel::new(1.5).expect("valid tau"),
        neurons: network().into_neurons(),
    };
    let path = dir.path().join("v1.bin");
    save(&path, &old, None).expect("saved");
    let (net, header) = load::<Network>(&path).expect("version 1 still loads");
    assert_eq!(net, network());
    assert_eq!(header.notes.len(), 1);
    // Version-1 data is validated as well.
    let path = dir.path().join("v1-bad.json");
    let text = r#"{"format":"rsnn","kind":"network","version":1,"seed":null,
        "data":{"kernel":{"tau":1.0},"neurons":[{"inputs":[{"source":4,"delay":0.5,"weight":0.1}]}]}}"#;
    std::fs::write(&path, text).expect("written");
    let err = load::<Network>(&path).expect_err("bad source").to_string();
    assert!(
        err.contains("v1-bad.json") && err.contains("source 4"),
        "{err}"
    );
}

#[test]
fn bad_thresholds_are_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    for value in ["0", "-2.5"] {
        let path = dir.path().join("t.json");
        let text = format!(
            r#"{{"format":"rsnn","kind":"network","version":2,"seed":null,
            "data":{{"kernel":{{"tau":1.0}},"threshold":{value},"neurons":[]}}}}"#
        );
        std::fs::write(&path, text).expect("written");
        let err = load::<Network>(&path)
            .expect_err("bad threshold")
            .to_string();
        assert!(
            err.contains("`threshold` = ") && err.contains(value) && err.contains("t.json"),
            "{err}"
        );
    }
    let mut bad = bad(Input {
        source: 0,
        delay: 1.0,
        weight: 0.1,
    });
    bad.threshold = f64::NAN;
    let err = load_error("t.bin", &bad);
    assert!(err.contains("`threshold` = NaN"), "{err}");
}

/// The serialized layout of a network, without validation, to write bad files.
#[derive(Serialize, serde::Deserialize)]
struct Unchecked {
    kernel: AlphaKernel,
    threshold: f64,
    neurons: Vec<Neuron>,
}

impl FileData for Unchecked {
    const KIND: &'static str = "network";
    const VERSION: u32 = 2;
}

fn bad(input: Input) -> Unchecked {
    let good = Input {
        source: 0,
        delay: 1.0,
        weight: 0.5,
    };
    Unchecked {
        kernel: AlphaKernel::default(),
        threshold: 1.0,
        neurons: vec![
            Neuron { inputs: vec![good] },
            Neuron {
                inputs: vec![good, input],
            },
        ],
    }
}

fn load_error(name: &str, data: &Unchecked) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    save(&path, data, None).expect("saved");
    load::<Network>(&path)
        .expect_err("invalid network must be rejected")
        .to_string()
}

#[test]
fn rejects_invalid_networks() {
    let input = |source, delay, weight| Input {
        source,
        delay,
        weight,
    };
    for name in ["bad.json", "bad.bin"] {
        let err = load_error(name, &bad(input(2, 1.0, 0.1)));
        assert!(
            err.contains("neuron 1, input 1: source 2 does not exist"),
            "{err}"
        );
        let err = load_error(name, &bad(input(0, -0.5, 0.1)));
        assert!(
            err.contains("delay -0.5 must be finite, >= 0 and <= 1e6"),
            "{err}"
        );
    }
    // JSON cannot hold non-finite numbers; bincode can.
    let err = load_error("bad.bin", &bad(input(0, f64::INFINITY, 0.1)));
    assert!(err.contains("neuron 1, input 1: delay inf"), "{err}");
    let err = load_error("bad.bin", &bad(input(0, f64::NAN, 0.1)));
    assert!(err.contains("delay NaN"), "{err}");
    let err = load_error("bad.bin", &bad(input(0, 1.0, f64::NAN)));
    assert!(
        err.contains("neuron 1, input 1: weight NaN is not finite"),
        "{err}"
    );
    let err = load_error("bad.bin", &bad(input(0, 1.0, f64::NEG_INFINITY)));
    assert!(err.contains("weight -inf"), "{err}");
    // A bad kernel is rejected too.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kernel.json");
    let text = r#"{"format":"rsnn","kind":"network","version":2,"seed":null,
        "data":{"kernel":{"tau":-1.0},"threshold":1.0,"neurons":[]}}"#;
    std::fs::write(&path, text).expect("written");
    let err = load::<Network>(&path).expect_err("bad tau").to_string();
    assert!(err.contains("tau"), "{err}");
}
