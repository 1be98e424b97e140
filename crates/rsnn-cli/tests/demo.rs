//! `rsnn demo` at a small size: a valid summary.json with precision and recall >= 0.95 after
//! the first cycle, every announced file present, nothing half-written.

mod common;

use serde_json::Value;

#[test]
fn small_demo_recalls_the_score() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "--json",
        "--quiet",
        "demo",
        "--neurons",
        "50",
        "--inputs",
        "400",
        "--period",
        "25",
        "--weight-bound",
        "0.4",
        "--cycles",
        "4",
        "--seed",
        "3",
        "--out",
        "out",
    ];
    let stdout = common::ok(dir.path(), &args);
    let printed: Value = serde_json::from_str(&stdout).expect("--json prints the summary");
    let out = dir.path().join("out");
    let text = std::fs::read_to_string(out.join("summary.json")).expect("summary written");
    let file: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        (file["format"].as_str(), file["kind"].as_str()),
        (Some("rsnn"), Some("pipeline-summary"))
    );
    assert_eq!(file["seed"], 3);
    let s = &file["data"];
    assert_eq!(s, &printed);
    assert_eq!(s["config"]["seed"], 3);
    assert_eq!(s["config"]["network"]["neurons"], 50);
    let m = &s["memorize"];
    assert_eq!(m["counts"]["memorized"].as_u64(), Some(50));
    assert_eq!(m["counts"]["infeasible"], 0);
    assert!(m["seconds"].as_f64().is_some());
    assert!(m["max_violation"].as_f64().expect("number") <= 1e-6);
    assert!(s["stability"]["spectral_radius"].as_f64().expect("number") < 1.0);
    let cycles = s["free_run"]["cycles"].as_array().expect("cycles");
    assert_eq!(cycles.len(), 4);
    for c in &cycles[1..] {
        let (p, r) = (
            c["precision"].as_f64().expect("p"),
            c["recall"].as_f64().expect("r"),
        );
        assert!(p >= 0.95 && r >= 0.95, "cycle {c}");
    }
    let recall = s["recall"]["cycles"].as_array().expect("recall cycles");
    assert_eq!(recall.len(), 5);
    for c in recall {
        for group in ["prompted", "free", "all"] {
            assert!(
                c[group]["precision"].is_f64() && c[group]["recall"].is_f64(),
                "{c}"
            );
        }
    }
    assert!(
        recall[4]["all"]["recall"].as_f64().expect("r") >= 0.9,
        "{}",
        recall[4]
    );
    let names = common::names(&out);
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "temporary files left: {names:?}"
    );
    for svg in [
        "raster-free.svg",
        "raster-recall.svg",
        "potential.svg",
        "eigenvalues.svg",
    ] {
        assert!(names.contains(&svg.to_string()), "{svg}");
    }
    // Every rsnn file of the folder is described by `info`.
    for name in [
        "score.json",
        "network.json",
        "memorize-report.json",
        "stability.json",
        "free-run.json",
        "free-run-cycles.json",
        "recall-run.json",
        "recall.json",
        "summary.json",
    ] {
        assert!(names.contains(&name.to_string()), "{name}");
        common::ok(&out, &["info", name]);
    }
}

#[test]
fn demo_rejects_bad_parameters_before_writing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = common::fails(dir.path(), &["demo", "--period", "-5", "--out", "o"]);
    assert!(err.contains("period") && err.contains("-5"), "{err}");
    let err = common::fails(dir.path(), &["demo", "--fraction", "1.5", "--out", "o"]);
    assert!(err.contains("fraction") && err.contains("1.5"), "{err}");
    let err = common::fails(dir.path(), &["demo", "--noise", "-0.1", "--out", "o"]);
    assert!(err.contains("noise"), "{err}");
    let err = common::fails(dir.path(), &["demo", "--backend", "nope", "--out", "o"]);
    assert!(err.contains("unknown backend"), "{err}");
    assert!(common::names(dir.path()).is_empty());
}
