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
    // (command line, substrings the one-line error must contain)
    let mut cases: Vec<(&str, &[&str])> = vec![
        ("sample --period -50 -o s.json", &["period", "-50"]),
        ("sample --rate -1 -o s.json", &["rate"]),
        ("sample -o s.txt", &["extension"]),
        ("network --d-min 5 --d-max 1 -o n.json", &["--d-max"]),
        (
            "memorize net.json score.json --backend nope -o o.json",
            &["unknown backend `nope`"],
        ),
        (
            "memorize net.json score.json --weight-bound -1 -o o.json",
            &["--weight-bound", "-1"],
        ),
        (
            "simulate mem.json --score score.json -o r.json",
            &["--duration or --cycles"],
        ),
        (
            "simulate mem.json --duration 10 --noise -1 -o r.json",
            &["--noise"],
        ),
        (
            "simulate mem.json --score score.json --cycles 1 --prompt 0-99 -o r.json",
            &["neuron 99 does not exist"],
        ),
        ("recall mem.json score.json --fraction 2", &["--fraction"]),
        (
            "plot potential mem.json score.json --neuron 30 -o p.svg",
            &["neuron 30"],
        ),
        (
            "plot cycles score.json -o p.svg",
            &["expected `measurement` or `recall`"],
        ),
    ];
    if !cfg!(feature = "good_lp") {
        cases.push((
            "memorize net.json score.json --backend good_lp -o o.json",
            &["not compiled in"],
        ));
    }
    for (line, expected) in cases {
        let args: Vec<&str> = line.split_whitespace().collect();
        let err = fails(dir, &args);
        for e in expected {
            assert!(err.contains(e), "`{line}`: expected `{e}` in: {err}");
        }
    }
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
