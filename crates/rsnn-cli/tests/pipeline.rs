//! The happy path of every subcommand, chained over files as a user would.

mod common;

use common::{fixture, names, ok};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("--json prints JSON")
}

#[test]
fn every_subcommand_over_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let info = json(&ok(dir, &["--json", "info", "mem.json"]));
    assert_eq!(info["header"]["kind"], "network");
    assert_eq!(info["header"]["seed"], 3);
    assert!(info["summary"]["largest |weight|"].as_f64().expect("w") > 0.0);

    // Memorize with a report, as JSON.
    let args = [
        "--json",
        "-q",
        "memorize",
        "net.json",
        "score.json",
        "--weight-bound",
        common::BOUND,
        "--report",
        "report.json",
        "-o",
        "mem2.bin",
    ];
    let m = json(&ok(dir, &args));
    assert_eq!(m["memorized"], 30);
    assert!(m["max_violation"].as_f64().expect("v") <= 1e-6);
    let info = json(&ok(dir, &["--json", "info", "report.json"]));
    assert_eq!(info["header"]["kind"], "memorize-report");

    // Free run from the perfect initial condition, then measure it.
    let sim = [
        "--json",
        "simulate",
        "mem.json",
        "--score",
        "score.json",
        "--cycles",
        "3",
    ];
    let s = json(&ok(
        dir,
        &[&sim[..], &["--seed", "5", "-o", "free.json"]].concat(),
    ));
    assert!(s["spikes"].as_u64().expect("count") > 0);
    assert_eq!(s["end"], 60.0);
    let m = json(&ok(
        dir,
        &[
            "--json",
            "measure",
            "free.json",
            "score.json",
            "-o",
            "m.json",
        ],
    ));
    let cycles = m["cycles"].as_array().expect("cycles");
    assert_eq!(cycles.len(), 3);
    assert!(
        cycles
            .iter()
            .all(|c| c["precision"].as_f64().expect("p") > 0.9),
        "{m}"
    );
    let table = ok(dir, &["measure", "free.json", "score.json"]);
    assert!(
        table.contains("precision") && table.lines().count() == 5,
        "{table}"
    );

    // Continue from the recording; a silent start with a prompt of half the neurons.
    ok(
        dir,
        &[
            "simulate",
            "mem.json",
            "--init",
            "free.json",
            "--duration",
            "20",
            "-o",
            "more.json",
        ],
    );
    let args = [
        "simulate",
        "mem.json",
        "--score",
        "score.json",
        "--init",
        "silent",
        "--prompt",
        "0-14",
        "--prompt-window",
        "0:40",
        "--prompt-jitter",
        "0.05",
        "--cycles",
        "4",
        "-o",
        "p.json",
    ];
    ok(dir, &args);
    let m = json(&ok(
        dir,
        &["--json", "measure", "p.json", "score.json", "--start", "40"],
    ));
    assert_eq!(m["cycles"].as_array().map(Vec::len), Some(2));

    // Stability, recall.
    let st = json(&ok(
        dir,
        &[
            "--json",
            "stability",
            "mem.json",
            "score.json",
            "-o",
            "st.json",
        ],
    ));
    assert!(st["spectral_radius"].as_f64().expect("radius") < 1.0);
    assert_eq!(st["stable"], true);
    let args = [
        "--json",
        "recall",
        "mem.json",
        "score.json",
        "--seed",
        "2",
        "-o",
        "rc.json",
        "--recording",
        "rc-run.bin",
    ];
    let r = json(&ok(dir, &args));
    assert_eq!(r["prompted"].as_array().map(Vec::len), Some(15));
    assert_eq!(r["cycles"].as_array().map(Vec::len), Some(5));
    let args = [
        "recall",
        "mem.json",
        "score.json",
        "--free-cycles",
        "2",
        "--free-start-rate",
        "0.2",
    ];
    let table = ok(dir, &args);
    assert!(table.contains("prompted P"), "{table}");

    // Figures.
    let figures: [&[&str]; 5] = [
        &[
            "plot",
            "raster",
            "free.json",
            "--score",
            "score.json",
            "--neurons",
            "0-9",
            "-o",
            "r.svg",
        ],
        &[
            "plot",
            "potential",
            "mem.json",
            "score.json",
            "--neuron",
            "2",
            "-o",
            "pot.svg",
        ],
        &["plot", "cycles", "m.json", "-o", "c.svg"],
        &["plot", "cycles", "rc.json", "-o", "c2.svg"],
        &["plot", "eigenvalues", "st.json", "-o", "e.svg"],
    ];
    for args in figures {
        ok(dir, args);
        let file = args[args.len() - 1];
        let svg = std::fs::read_to_string(dir.join(file)).expect("written");
        assert!(svg.starts_with("<svg"), "{file}");
    }

    // `info` on every kind written.
    for (file, kind) in [
        ("score.json", "score"),
        ("mem2.bin", "network"),
        ("free.json", "recording"),
        ("rc-run.bin", "recording"),
        ("m.json", "measurement"),
        ("st.json", "stability"),
        ("rc.json", "recall"),
    ] {
        let info = json(&ok(dir, &["--json", "info", file]));
        assert_eq!(info["header"]["kind"], kind, "{file}");
        assert!(
            !info["summary"].as_object().expect("facts").is_empty(),
            "{file}"
        );
    }
    let text = ok(dir, &["info", "score.json"]);
    assert!(
        text.contains("rsnn `score` file, version 1, seed 3"),
        "{text}"
    );
    assert!(names(dir).iter().all(|n| !n.starts_with('.')));
}

#[test]
fn quiet_prints_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = ok(
        tmp.path(),
        &["--quiet", "sample", "--neurons", "4", "-o", "s.json"],
    );
    assert!(out.is_empty());
    let out = ok(tmp.path(), &["sample", "--neurons", "4", "-o", "t.bin"]);
    assert!(out.contains("4 neurons"), "{out}");
}

#[cfg(feature = "good_lp")]
#[test]
fn good_lp_backend_memorizes_with_a_linear_objective() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let args = [
        "--json",
        "memorize",
        "net.json",
        "score.json",
        "--backend",
        "good_lp",
        "--objective",
        "l1",
        "--weight-bound",
        common::BOUND,
        "-o",
        "lp.json",
    ];
    let m = json(&ok(dir, &args));
    assert_eq!(m["memorized"], 30);
    let err = common::fails(
        dir,
        &[
            "memorize",
            "net.json",
            "score.json",
            "--backend",
            "good_lp",
            "-o",
            "x.json",
        ],
    );
    assert!(err.contains("choose --objective l1, linf or none"), "{err}");
}
