//! The hardening table: one row per reproduction of the hostile-input report, each with the
//! exit code and message fragment it must give. Every row runs the binary on small files, and
//! the peak memory of every run must stay below 200 MB: a refused size is refused before
//! anything is allocated. The peak is the largest resident set of any waited-for child of this
//! test process (`getrusage(RUSAGE_CHILDREN)`), checked after every row, so the first row that
//! exceeds the bound is the one named. Run with `--nocapture` to see each row's time.

#![cfg(target_os = "linux")]

mod common;

use common::fixture;
use nix::sys::resource::{UsageWho, getrusage};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The memory bound of every row, in kB (200 MB).
const MAX_RSS_KB: i64 = 200_000;

/// What a row must give.
enum Expect {
    /// Exit 1 with one line `rsnn: error: ...` containing the fragment.
    Error(&'static str),
    /// Exit 0 with the fragment on stderr (a warning, or "" for none).
    Success(&'static str),
    /// A legal but long run: a warning containing the fragment comes first, then Ctrl-C
    /// stops the run with exit 130 and no output.
    WarnThenInterrupt(&'static str),
}

/// The largest resident set of any finished child so far, in kB.
fn children_peak_kb() -> i64 {
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage works")
        .max_rss()
}

/// Runs `rsnn line` in `dir`; returns (exit code, stderr, seconds).
fn measure(dir: &Path, line: &str) -> (Option<i32>, String, f64) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_rsnn"))
        .current_dir(dir)
        .args(line.split_whitespace())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stderr, start.elapsed().as_secs_f64())
}

fn check(dir: &Path, line: &str, expect: &Expect) {
    let (code, stderr, seconds) = measure(dir, line);
    let rss = children_peak_kb();
    eprintln!("{seconds:7.3} s  rsnn {line}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation of"),
        "{line}: {stderr}"
    );
    assert!(rss < MAX_RSS_KB, "{line}: a peak of {rss} kB");
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    match expect {
        Expect::Error(fragment) => {
            assert_eq!(code, Some(1), "{line}: {stderr}");
            assert_eq!(lines.len(), 1, "{line}: one line: {stderr}");
            assert!(lines[0].starts_with("rsnn: error: "), "{line}: {stderr}");
            assert!(
                lines[0].contains(fragment),
                "{line}: `{fragment}` in {stderr}"
            );
        }
        Expect::Success(fragment) => {
            assert_eq!(code, Some(0), "{line}: {stderr}");
            assert!(
                stderr.contains(fragment),
                "{line}: `{fragment}` in {stderr}"
            );
        }
        Expect::WarnThenInterrupt(_) => unreachable!("run by `interrupt`"),
    }
}

/// Runs `rsnn line`, waits for a stderr line containing `warning`, interrupts the run and
/// checks that it stops with exit 130 and writes nothing.
fn interrupt(dir: &Path, line: &str, warning: &str) {
    let before = common::names(dir);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rsnn"))
        .current_dir(dir)
        .args(line.split_whitespace())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take().expect("piped");
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for text in BufReader::new(stderr).lines() {
            let text = text.expect("utf-8 stderr");
            sender.send(text).ok();
        }
    });
    let first = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("a first line on stderr");
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{seconds:7.3} s  rsnn {line} (warning, then Ctrl-C)");
    assert!(first.contains(warning), "{line}: `{warning}` in {first}");
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    assert!(kill.expect("kill runs").success());
    let status = child.wait().expect("waits");
    reader.join().expect("the reader ends");
    let rest: Vec<String> = receiver.try_iter().collect();
    assert_eq!(status.code(), Some(130), "{line}: {rest:?}");
    assert_eq!(
        common::names(dir),
        before,
        "{line}: no output, no temporary"
    );
    let rss = children_peak_kb();
    assert!(rss < MAX_RSS_KB, "{line}: a peak of {rss} kB");
}

/// Reads the rsnn file `name` of `dir` as JSON.
fn read(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("readable");
    serde_json::from_str(&text).expect("JSON")
}

/// Writes `value` as the rsnn file `name` of `dir`.
fn write(dir: &Path, name: &str, value: &Value) {
    std::fs::write(dir.join(name), value.to_string()).expect("writable");
}

/// An envelope of `kind` around `data`.
fn file(kind: &str, data: Value) -> Value {
    json!({"format": "rsnn", "kind": kind, "version": 1, "seed": null, "data": data})
}

/// The hostile files: scores of tiny periods, recordings of huge spans, networks with huge
/// kernels or delays, a stability report with huge eigenvalues.
fn hostile_files(dir: &Path) {
    let neurons = 30;
    let empty = vec![Vec::<f64>::new(); neurons];
    for (name, period) in [("tiny", 1e-300), ("p6", 1e-6), ("p8", 1e-8)] {
        let data = json!({"period": period, "channels": empty});
        write(dir, &format!("{name}.json"), &file("score", data));
    }
    for (name, start, end) in [("wide", -1e308, 1e308), ("long", 0.0, 1e9)] {
        let data = json!({"start": start, "end": end, "trains": empty});
        write(dir, &format!("{name}.json"), &file("recording", data));
    }
    let memorized = read(dir, "mem.json");
    for (name, tau) in [("tau6", 1e6), ("tau300", 1e300)] {
        let mut network = memorized.clone();
        network["data"]["kernel"]["tau"] = json!(tau);
        write(dir, &format!("{name}.json"), &network);
    }
    for (name, delay) in [("delay6", 1e6), ("delay300", 1e300)] {
        let mut network = memorized.clone();
        network["data"]["neurons"][0]["inputs"][0]["delay"] = json!(delay);
        write(dir, &format!("{name}.json"), &network);
    }
    let data = json!({
        "num_spikes": 2,
        "trivial_eigenvalue": [1.0, 0.0],
        "spectral_radius": 1e308,
        "top_magnitudes": [1e308],
        "eigenvalues": [[1e308, 1e308], [1.0, 0.0]],
    });
    write(dir, "huge-eigen.json", &file("stability", data));
}

#[test]
fn every_reproduction_is_refused_quickly_and_in_bounded_memory() {
    use Expect::{Error, Success, WarnThenInterrupt};
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let simulate = "-q simulate mem.json --score score.json";
    common::ok(
        dir,
        &format!("{simulate} --cycles 2 -o rec.json")
            .split(' ')
            .collect::<Vec<_>>(),
    );
    hostile_files(dir);
    let max = u64::MAX;
    let rows: Vec<(String, Expect)> = vec![
        // measure: tiny periods, huge cycle counts and spans.
        ("measure rec.json tiny.json".into(), Error("period")),
        (
            "measure rec.json p6.json".into(),
            Error("above the limit of 1e6"),
        ),
        (
            "measure rec.json p8.json".into(),
            Error("above the limit of 1e6"),
        ),
        (
            format!("measure rec.json score.json --cycles {max}"),
            Error("`--cycles`"),
        ),
        (
            "measure rec.json score.json --start -1e308".into(),
            Error("`--start`"),
        ),
        ("measure wide.json score.json".into(), Error("limit")),
        (
            "measure long.json score.json".into(),
            Error("above the limit of 1e6"),
        ),
        // sizes of scores and networks.
        (
            format!("network --neurons {max} --inputs 1 -o n.json"),
            Error("`--neurons`"),
        ),
        (
            format!("network --neurons 10 --inputs {max} -o n.json"),
            Error("`--inputs`"),
        ),
        (
            "sample --neurons 100000000 -o s.json".into(),
            Error("--max-spikes"),
        ),
        ("sample --period 1e-6 -o s.json".into(), Error("`--period`")),
        (
            "network --neurons 100000000 -o n.json".into(),
            Error("`--neurons`"),
        ),
        (
            "network --neurons 10 --inputs 0 -o n.json".into(),
            Error("`--inputs` = 0"),
        ),
        (
            "network --neurons 1000000 --inputs 1000000 -o n.json".into(),
            Error("--max-size"),
        ),
        (
            "network --wiring all-to-all --neurons 100000 -o n.json".into(),
            Error("--max-size"),
        ),
        // plots.
        (
            format!("plot potential mem.json score.json --samples {max} -o p.svg"),
            Error("`--samples`"),
        ),
        (
            "plot raster rec.json --score score.json --to 2e9 -o r.svg".into(),
            Error("limit"),
        ),
        ("plot raster long.json -o r.svg".into(), Success("")),
        (
            "plot eigenvalues huge-eigen.json -o e.svg".into(),
            Success(""),
        ),
        // memorization and simulation with huge grids, kernels and delays.
        (
            "memorize net.json score.json --grid 1e-9 -o m.json".into(),
            Error("`--grid`"),
        ),
        (
            "memorize tau6.json score.json -o m.json".into(),
            Error("tau"),
        ),
        (
            "memorize tau300.json score.json -o m.json".into(),
            Error("tau"),
        ),
        (
            "memorize delay6.json score.json -o m.json".into(),
            Error("not memorized"),
        ),
        (
            "memorize delay300.json score.json -o m.json".into(),
            Error("delay"),
        ),
        (
            "simulate tau6.json --score score.json --cycles 1 -o r.json".into(),
            Error("tau"),
        ),
        (
            "simulate tau300.json --score score.json --cycles 1 -o r.json".into(),
            Error("tau"),
        ),
        (
            "simulate delay300.json --score score.json --cycles 1 -o r.json".into(),
            Error("delay"),
        ),
        // prompt windows and spans.
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window 0:1e9 -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window -inf:5 -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window 0:inf -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window -1e308:1e308 -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window NaN:5 -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1 --prompt 0-5 --prompt-window 0:NaN -o r.json"),
            Error("`--prompt-window`"),
        ),
        (
            format!("{simulate} --cycles 1000000000 -o r.json"),
            Error("--max-neuron-time"),
        ),
        (
            "simulate mem.json --duration 1e15 -o r.json".into(),
            Error("--max-neuron-time"),
        ),
        // recall protocols.
        (
            "recall mem.json score.json --free-cycles 1000000000".into(),
            Error("`--free-cycles`"),
        ),
        (
            format!("recall mem.json score.json --prompt-cycles {max}"),
            Error("`--prompt-cycles`"),
        ),
        // the dense jitter map of a 5,000-neuron score (about 36,000 spikes).
        (
            "stability big-net.json big-score.json --method dense".into(),
            Error("--max-dimension"),
        ),
        // a legal run that would take minutes says so up front and stops on Ctrl-C.
        (
            "simulate mem.json --score score.json --cycles 40000 -o r.json".into(),
            WarnThenInterrupt("minutes"),
        ),
    ];
    let big = ["--neurons", "5000", "-o"];
    common::ok(
        dir,
        &[&["-q", "sample"][..], &big, &["big-score.json"]].concat(),
    );
    let inputs = ["--inputs", "5"];
    common::ok(
        dir,
        &[&["-q", "network"][..], &inputs, &big, &["big-net.json"]].concat(),
    );
    let fixtures = children_peak_kb();
    assert!(
        fixtures < MAX_RSS_KB,
        "the fixtures alone peak at {fixtures} kB"
    );
    for (line, expect) in &rows {
        match expect {
            WarnThenInterrupt(warning) => interrupt(dir, line, warning),
            _ => check(dir, line, expect),
        }
    }
}
