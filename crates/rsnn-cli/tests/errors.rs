//! User mistakes: a non-zero exit, one clear line on stderr, and no partial output file.

mod common;

use common::{fails, fixture, names};

#[test]
fn bad_input_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    std::fs::write(
        dir.join("corrupt.json"),
        "{\"format\": \"rsnn\", \"kind\": ",
    )
    .expect("write");
    let score = std::fs::read_to_string(dir.join("score.json")).expect("read");
    let future = score.replacen("\"version\":1", "\"version\":7", 1);
    assert_ne!(future, score, "the version field is found");
    std::fs::write(dir.join("future.json"), future).expect("write");
    let before = names(dir);

    let err = fails(
        dir,
        &["memorize", "missing.json", "score.json", "-o", "out.json"],
    );
    assert!(err.contains("missing.json"), "{err}");
    let err = fails(
        dir,
        &["memorize", "corrupt.json", "score.json", "-o", "out.json"],
    );
    assert!(
        err.contains("corrupt.json") && err.contains("invalid JSON"),
        "{err}"
    );
    let err = fails(
        dir,
        &["memorize", "net.json", "future.json", "-o", "out.json"],
    );
    assert!(
        err.contains("version 7") && err.contains("not supported"),
        "{err}"
    );
    let err = fails(
        dir,
        &["memorize", "score.json", "score.json", "-o", "out.json"],
    );
    assert!(
        err.contains("holds `score` data, expected `network`"),
        "{err}"
    );
    let err = fails(dir, &["info", "corrupt.json"]);
    assert!(err.contains("corrupt.json"), "{err}");
    let err = fails(dir, &["measure", "mem.json", "score.json"]);
    assert!(err.contains("expected `recording`"), "{err}");
    assert_eq!(names(dir), before, "no file written");
}

#[test]
fn bad_parameters() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let before = names(dir);
    let err = fails(dir, &["sample", "--period", "-50", "-o", "s.json"]);
    assert!(err.contains("period") && err.contains("-50"), "{err}");
    let err = fails(dir, &["sample", "--rate", "-1", "-o", "s.json"]);
    assert!(err.contains("rate"), "{err}");
    let err = fails(dir, &["sample", "-o", "s.txt"]);
    assert!(err.contains("extension"), "{err}");
    let err = fails(
        dir,
        &["network", "--d-min", "5", "--d-max", "1", "-o", "n.json"],
    );
    assert!(err.contains("d_max"), "{err}");
    let err = fails(
        dir,
        &[
            "memorize",
            "net.json",
            "score.json",
            "--backend",
            "nope",
            "-o",
            "o.json",
        ],
    );
    assert!(err.contains("unknown backend `nope`"), "{err}");
    if !cfg!(feature = "good_lp") {
        let err = fails(
            dir,
            &[
                "memorize",
                "net.json",
                "score.json",
                "--backend",
                "good_lp",
                "-o",
                "o.json",
            ],
        );
        assert!(err.contains("not compiled in"), "{err}");
    }
    let err = fails(
        dir,
        &[
            "memorize",
            "net.json",
            "score.json",
            "--weight-bound",
            "-1",
            "-o",
            "o.json",
        ],
    );
    assert!(err.contains("weight_bound") && err.contains("-1"), "{err}");
    let err = fails(
        dir,
        &[
            "simulate",
            "mem.json",
            "--score",
            "score.json",
            "-o",
            "r.json",
        ],
    );
    assert!(err.contains("--duration or --cycles"), "{err}");
    let err = fails(
        dir,
        &[
            "simulate",
            "mem.json",
            "--duration",
            "10",
            "--noise",
            "-1",
            "-o",
            "r.json",
        ],
    );
    assert!(err.contains("sigma"), "{err}");
    let args = [
        "simulate",
        "mem.json",
        "--score",
        "score.json",
        "--cycles",
        "1",
        "--prompt",
        "0-99",
    ];
    let err = fails(dir, &[&args[..], &["-o", "r.json"]].concat());
    assert!(err.contains("neuron 99 does not exist"), "{err}");
    let err = fails(
        dir,
        &["recall", "mem.json", "score.json", "--fraction", "2"],
    );
    assert!(err.contains("prompted_fraction"), "{err}");
    let err = fails(
        dir,
        &[
            "plot",
            "potential",
            "mem.json",
            "score.json",
            "--neuron",
            "30",
            "-o",
            "p.svg",
        ],
    );
    assert!(err.contains("neuron 30"), "{err}");
    let err = fails(dir, &["plot", "cycles", "score.json", "-o", "p.svg"]);
    assert!(err.contains("expected `measurement` or `recall`"), "{err}");
    assert_eq!(names(dir), before, "no file written");
}

#[test]
fn infeasible_memorization_needs_permission() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let args = [
        "memorize",
        "net.json",
        "score.json",
        "--weight-bound",
        "0.01",
        "-o",
        "w.json",
    ];
    let err = fails(dir, &[&args[..], &["--report", "rep.json"]].concat());
    assert!(
        err.contains("not memorized") && err.contains("--allow-infeasible"),
        "{err}"
    );
    assert!(!dir.join("w.json").exists() && !dir.join("rep.json").exists());
    common::ok(dir, &[&args[..], &["-q", "--allow-infeasible"]].concat());
    assert!(dir.join("w.json").exists());
}
