//! Helpers of the integration tests: run the `rsnn` binary in a temporary folder.

#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

/// Sizes that memorize fast and reliably: 30 neurons, 300 inputs each, period 20, |w| <= 0.5.
pub const NEURONS: &str = "30";
/// Inputs per neuron.
pub const INPUTS: &str = "300";
/// Period.
pub const PERIOD: &str = "20";
/// Weight bound.
pub const BOUND: &str = "0.5";

/// Runs `rsnn args...` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_rsnn"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs and expects success; returns stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "rsnn {args:?} failed: {stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs and expects a clean failure: exit code 1, one line `rsnn: error: ...` on stderr, no
/// panic. Returns that line.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "rsnn {args:?}: {stderr}");
    assert!(stderr.starts_with("rsnn: error: "), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    stderr
}

/// The sorted file names in `dir`.
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes `score.json`, `net.json` and the memorized `mem.json` into `dir`.
pub fn fixture(dir: &Path) {
    let common = ["--neurons", NEURONS, "--seed", "3"];
    ok(
        dir,
        &[
            &["-q", "sample", "--period", PERIOD, "-o", "score.json"],
            &common[..],
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &["-q", "network", "--inputs", INPUTS, "-o", "net.json"],
            &common[..],
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            "-q",
            "memorize",
            "net.json",
            "score.json",
            "--weight-bound",
            BOUND,
            "-o",
            "mem.json",
        ],
    );
}
