//! Hostile inputs (the CLI half of the hardening table): one row per reproduction, each a
//! clean exit (a one-line error, or success where the input is legal), never a panic (101) or
//! an abort (134), and no partial output. Inputs are small, built by the binary itself.

#![cfg(unix)]

mod common;

use common::{fixture, names};
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `rsnn args...` in `dir` with arguments that need not be UTF-8; returns the exit code
/// and stderr.
fn run_os(dir: &Path, args: &[OsString]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rsnn"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn words(line: &str) -> Vec<OsString> {
    line.split_whitespace().map(OsString::from).collect()
}

/// Checks one row: exit code `code`, and for a failure one line `rsnn: error: ...` that
/// contains `fragment`.
fn row(dir: &Path, args: &[OsString], code: i32, fragment: &str) {
    let (got, stderr) = run_os(dir, args);
    assert_eq!(got, Some(code), "{args:?}: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal error"),
        "{args:?}: {stderr}"
    );
    assert!(
        stderr.contains(fragment),
        "{args:?}: `{fragment}` not in {stderr}"
    );
    if code == 1 {
        assert!(stderr.starts_with("rsnn: error: "), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    }
}

/// `name` with the byte 0xff in front: not valid UTF-8.
fn not_utf8(name: &str) -> OsString {
    let mut bytes = vec![0xff];
    bytes.extend_from_slice(name.as_bytes());
    OsStr::from_bytes(&bytes).to_owned()
}

#[test]
fn file_names_that_are_not_utf8() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    std::fs::copy(dir.join("score.json"), dir.join(not_utf8("s.json"))).expect("copy");
    let with = |line: &str, name: &str| {
        let mut args = words(line);
        args.push(not_utf8(name));
        args
    };
    for json in ["", "--json "] {
        row(dir, &with(&format!("{json}info"), "s.json"), 0, "");
        row(
            dir,
            &with(&format!("{json}sample --neurons 3 -o"), "a.json"),
            0,
            "",
        );
        row(
            dir,
            &with(
                &format!("{json}network --neurons 3 --inputs 5 -o"),
                "b.json",
            ),
            0,
            "",
        );
        let sim = format!("{json}simulate mem.json --score score.json --cycles 1 -o");
        row(dir, &with(&sim, "c.json"), 0, "");
        let mem = format!("{json}memorize net.json score.json --weight-bound 0.5 -o");
        row(dir, &with(&mem, "d.json"), 0, "");
        let mut args = with(&format!("{json}plot raster"), "c.json");
        args.extend([OsString::from("-o"), not_utf8("e.svg")]);
        row(dir, &args, 0, "");
    }
}

#[test]
fn inputs_that_are_not_small_regular_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.json")).expect("symlink");
    let fifo = Command::new("mkfifo").arg(dir.join("pipe.json")).status();
    assert!(fifo.expect("mkfifo runs").success());
    let big = std::fs::File::create(dir.join("big.json")).expect("create");
    big.set_len((2 << 30) + 1)
        .expect("a sparse file just over 2 GiB");
    std::fs::create_dir(dir.join("folder.json")).expect("mkdir");
    let rows = [
        ("info zero.json", "not a regular file"),
        ("info pipe.json", "not a regular file"),
        ("info big.json", "limit"),
        ("info folder.json", "is a folder"),
        ("measure zero.json pipe.json", "not a regular file"),
        ("plot cycles pipe.json -o c.svg", "not a regular file"),
    ];
    for (line, fragment) in rows {
        row(dir, &words(line), 1, fragment);
    }
    let (_, stderr) = run_os(dir, &words("info missing.json"));
    assert_eq!(
        stderr.matches("os error 2").count(),
        1,
        "said once: {stderr}"
    );
}

#[test]
fn outputs_are_checked_first_and_written_all_or_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    common::ok(
        dir,
        &["-q", "simulate", "mem.json", "--score", "score.json"]
            .iter()
            .chain(&["--cycles", "1", "-o", "rec.json"])
            .copied()
            .collect::<Vec<_>>(),
    );
    std::fs::create_dir(dir.join("dir.json")).expect("mkdir");
    let before = names(dir);
    let rows = [
        (
            "memorize net.json score.json -o same.json --report same.json",
            "two outputs",
        ),
        (
            "memorize net.json score.json -o same.json --report ./same.json",
            "same file",
        ),
        (
            "recall mem.json score.json -o same.json --recording same.json",
            "two outputs",
        ),
        (
            "memorize net.json score.json -o net.json",
            "--overwrite-input",
        ),
        (
            "simulate mem.json --score score.json --cycles 1 -o score.json",
            "also an input",
        ),
        (
            "memorize net.json score.json -o m.json --report dir.json",
            "is a folder",
        ),
        (
            "memorize net.json score.json -o m.json --report missing/r.json",
            "does not exist",
        ),
        (
            "recall mem.json score.json -o missing/r.json --recording rc.json",
            "does not exist",
        ),
        ("sample -o dir.json/", "not a file name"),
        ("plot raster rec.json -o p.png", "SVG"),
        ("demo --out score.json", "not a folder"),
    ];
    for (line, fragment) in rows {
        row(dir, &words(line), 1, fragment);
    }
    assert_eq!(names(dir), before, "no file written, no temporary left");
    let ok = "--overwrite-input memorize net.json score.json --weight-bound 0.5 -o net.json";
    row(dir, &words(ok), 0, "");
}

#[test]
fn messages_name_what_the_user_typed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let rows = [
        (
            "simulate mem.json --score score.json --cycles 0 -o r.json",
            "`--cycles`",
        ),
        (
            "simulate mem.json --duration 5 --noise -1 -o r.json",
            "`--noise`",
        ),
        (
            "simulate mem.json --score score.json --cycles 1 --prompt 0 --prompt-jitter -1 -o r.json",
            "`--prompt-jitter`",
        ),
        (
            "recall mem.json score.json --prompt-jitter -1",
            "`--prompt-jitter`",
        ),
        ("recall mem.json score.json --noise -1", "`--noise`"),
        ("network --d-min 5 --d-max 1 -o n.json", "`--d-max`"),
        (
            "memorize net.json score.json --half-width -1 -o o.json",
            "`--half-width`",
        ),
    ];
    for (line, fragment) in rows {
        row(dir, &words(line), 1, fragment);
    }
    common::ok(
        dir,
        &[
            "-q",
            "simulate",
            "mem.json",
            "--duration",
            "5",
            "-o",
            "rec.json",
        ],
    );
    let (_, stderr) = run_os(dir, &words("plot raster rec.json --neurons 0-99 -o r.svg"));
    assert!(stderr.contains("the recording has 30 neurons"), "{stderr}");
}

#[test]
fn stdout_failures_are_errors_and_a_closed_pipe_is_quiet() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    common::ok(dir, &["-q", "sample", "--neurons", "3", "-o", "s.json"]);
    for args in [&["info", "s.json"][..], &["--json", "info", "s.json"]] {
        let full = std::fs::File::options().write(true).open("/dev/full");
        let out = Command::new(env!("CARGO_BIN_EXE_rsnn"))
            .current_dir(dir)
            .args(args)
            .stdout(full.expect("/dev/full opens"))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("cannot write the results on stdout"),
            "{stderr}"
        );
    }
    let bin = env!("CARGO_BIN_EXE_rsnn");
    let script = format!("set -o pipefail; '{bin}' info s.json | true");
    let out = Command::new("bash")
        .current_dir(dir)
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_interrupt_stops_a_long_run_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let before = names(dir);
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let child = Command::new(env!("CARGO_BIN_EXE_rsnn"))
            .current_dir(dir)
            .args(words(
                "simulate mem.json --score score.json --cycles 100000 -o r.json",
            ))
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        std::thread::sleep(std::time::Duration::from_millis(700));
        let pid = child.id().to_string();
        let kill = Command::new("kill").args([signal, &pid]).status();
        assert!(kill.expect("kill runs").success());
        let out = child.wait_with_output().expect("waits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert_eq!(names(dir), before, "no output, no temporary");
    }
}

/// Rasters are bounded by the marks they would draw, and the score must fit the recording.
#[test]
fn rasters_are_bounded() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    common::ok(
        dir,
        &[
            "-q",
            "simulate",
            "mem.json",
            "--score",
            "score.json",
            "--cycles",
            "2",
            "-o",
            "rec.json",
        ],
    );
    common::ok(
        dir,
        &[
            "-q",
            "sample",
            "--neurons",
            "5",
            "--period",
            "20",
            "-o",
            "five.json",
        ],
    );
    let rows = [
        (
            "plot raster rec.json --score score.json --to 2e9 -o r.svg",
            "above the limit of 1e6 marks",
        ),
        (
            "plot raster rec.json --score five.json -o r.svg",
            "the score has 5 channels, but the recording has",
        ),
    ];
    for (line, fragment) in rows {
        row(dir, &words(line), 1, fragment);
    }
    assert!(!names(dir).contains(&"r.svg".to_string()));
}

/// An empty group (no neuron prompted, or all of them) has no similarity: `null` in the
/// record, `-` in the table, never a made-up 1 / 1.
#[test]
fn empty_recall_groups_are_undefined() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    for (fraction, empty, other) in [("0", "prompted", "free"), ("1", "free", "prompted")] {
        let args = [
            "--json",
            "recall",
            "mem.json",
            "score.json",
            "--fraction",
            fraction,
            "--free-cycles",
            "1",
        ];
        let out = common::ok(dir, &args);
        let record: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        for cycle in record["cycles"].as_array().expect("cycles") {
            assert!(cycle[empty].is_null(), "{fraction}: {cycle}");
            assert!(cycle[other]["precision"].is_f64(), "{fraction}: {cycle}");
        }
        let table = common::ok(dir, &args[1..]);
        assert!(table.contains(" - "), "{table}");
    }
}
