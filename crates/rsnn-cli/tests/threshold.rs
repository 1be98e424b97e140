//! The nominal threshold belongs to the network: `rsnn network --threshold` records it,
//! `memorize` and `simulate` use it, and `simulate --threshold` cannot silently contradict it.

mod common;

use common::{NEURONS, PERIOD, fails, ok, run};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("--json prints JSON")
}

/// Writes `score.json`, `net2.json` (threshold 2) and its memorized `mem2.json` into `dir`.
fn threshold_2_fixture(dir: &std::path::Path) {
    let seed = ["--neurons", NEURONS, "--seed", "3"];
    ok(
        dir,
        &[
            &["-q", "sample", "--period", PERIOD, "-o", "score.json"],
            &seed[..],
        ]
        .concat(),
    );
    let net = json(&ok(
        dir,
        &[
            &["--json", "network", "--inputs", common::INPUTS],
            &["--threshold", "2", "-o", "net2.json"][..],
            &seed[..],
        ]
        .concat(),
    ));
    assert_eq!(net["threshold"], 2.0);
    // Threshold 2 with |w| <= 1 is the usual problem (threshold 1, |w| <= 0.5) with half the
    // minimum slope: feasible.
    let args = [
        "-q",
        "memorize",
        "net2.json",
        "score.json",
        "--weight-bound",
        "1.0",
        "--report",
        "report.json",
        "-o",
        "mem2.json",
    ];
    ok(dir, &args);
}

#[test]
fn network_threshold_is_recorded_and_used() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    threshold_2_fixture(dir);
    for file in ["net2.json", "mem2.json"] {
        let info = json(&ok(dir, &["--json", "info", file]));
        assert_eq!(info["header"]["version"], 2, "{file}");
        assert_eq!(info["summary"]["threshold"], 2.0, "{file}");
    }
    // Memorized at threshold 2: the weights exceed what threshold 1 would need.
    let info = json(&ok(dir, &["--json", "info", "mem2.json"]));
    assert!(info["summary"]["largest |weight|"].as_f64().expect("w") > 0.5);

    // A noiseless free run at the network's threshold reproduces the score.
    let sim = [
        "simulate",
        "mem2.json",
        "--score",
        "score.json",
        "--cycles",
        "2",
        "--noise",
        "0",
    ];
    let s = json(&ok(
        dir,
        &[&["--json"], &sim[..], &["-o", "free.json"]].concat(),
    ));
    assert_eq!(s["threshold"], 2.0);
    let m = json(&ok(dir, &["--json", "measure", "free.json", "score.json"]));
    for c in m["cycles"].as_array().expect("cycles") {
        let (p, r) = (c["precision"].as_f64(), c["recall"].as_f64());
        assert!(p.expect("p") > 0.95 && r.expect("r") > 0.95, "{m}");
    }
    // Giving the same threshold is fine.
    ok(
        dir,
        &[&["-q"], &sim[..], &["--threshold", "2", "-o", "same.json"]].concat(),
    );
}

#[test]
fn a_different_simulation_threshold_needs_an_override() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    threshold_2_fixture(dir);
    let sim = [
        "simulate",
        "mem2.json",
        "--score",
        "score.json",
        "--cycles",
        "1",
        "--threshold",
        "1.5",
    ];
    let err = fails(dir, &[&sim[..], &["-o", "r.json"]].concat());
    assert!(
        err.contains("--threshold 1.5 differs from the network's threshold 2")
            && err.contains("--override-threshold"),
        "{err}"
    );
    assert!(!dir.join("r.json").exists());
    let out = run(
        dir,
        &[
            &["--json"],
            &sim[..],
            &["--override-threshold", "-o", "r.json"],
        ]
        .concat(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: simulating at threshold 1.5 instead of the network's 2"),
        "{stderr}"
    );
    let s = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(s["threshold"], 1.5);
    // The override needs a threshold.
    let err = run(dir, &["simulate", "mem2.json", "--override-threshold"]);
    assert!(!err.status.success());
}

#[test]
fn version_1_network_files_load_with_a_warning() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let text = r#"{"format":"rsnn","kind":"network","version":1,"seed":null,
        "data":{"kernel":{"tau":1.0},"neurons":[{"inputs":[{"source":1,"delay":0.5,"weight":0.1}]},{"inputs":[]}]}}"#;
    std::fs::write(dir.join("old.json"), text).expect("written");
    let out = run(dir, &["--json", "info", "old.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "rsnn: warning: old.json: version-1 network file: no threshold recorded, assuming 1"
        ),
        "{stderr}"
    );
    let info = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(info["summary"]["threshold"], 1.0);
    let quiet = run(dir, &["-q", "info", "old.json"]);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}
