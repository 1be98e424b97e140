//! Memorization across machines: `rsnn memorize --neurons` parts merged by `rsnn merge` give
//! the files of one `rsnn memorize` run, and every misfit of the parts is refused with a clear
//! message and no output.

mod common;

use common::{BOUND, fails, fixture, names, ok, run};
use serde_json::Value;
use std::path::Path;

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).expect("readable")
}

/// A memorize-report with every wall time (`seconds`) removed.
fn timeless(dir: &Path, name: &str) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("seconds");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_slice(&read(dir, name)).expect("JSON");
    strip(&mut v);
    v
}

/// `rsnn -q memorize NETWORK score.json --weight-bound BOUND EXTRA...`.
fn memorize(dir: &Path, network: &str, extra: &[&str]) {
    memorize_bound(dir, network, BOUND, extra);
}

/// `rsnn -q memorize NETWORK score.json --weight-bound bound EXTRA...`.
fn memorize_bound(dir: &Path, network: &str, bound: &str, extra: &[&str]) {
    let args = [
        &[
            "-q",
            "memorize",
            network,
            "score.json",
            "--weight-bound",
            bound,
        ],
        extra,
    ]
    .concat();
    ok(dir, &args);
}

#[test]
fn parts_merge_into_the_files_of_one_run() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    memorize(
        dir,
        "net.json",
        &["-o", "one.json", "--report", "one-report.json"],
    );
    memorize(dir, "net.json", &["--neurons", "0-9", "-o", "p0.json"]);
    memorize(
        dir,
        "net.json",
        &["--neurons", "10-14,25-29", "-o", "p1.bin"],
    );
    memorize(dir, "net.json", &["--neurons", "15-24", "-o", "p2.json"]);
    let info: Value = serde_json::from_str(&ok(dir, &["--json", "info", "p1.bin"])).expect("JSON");
    assert_eq!(info["header"]["kind"], "memorize-part");
    assert_eq!(info["summary"]["neurons"], 10);
    let merged = ok(
        dir,
        &[
            "--json",
            "merge",
            "net.json",
            "p2.json",
            "p0.json",
            "p1.bin",
            "-o",
            "merged.json",
            "--report",
            "merged-report.json",
        ],
    );
    let merged: Value = serde_json::from_str(&merged).expect("JSON");
    assert_eq!(
        (merged["memorized"].as_u64(), merged["parts"].as_u64()),
        (Some(30), Some(3))
    );
    assert_eq!(read(dir, "merged.json"), read(dir, "one.json"));
    assert_eq!(
        timeless(dir, "merged-report.json"),
        timeless(dir, "one-report.json")
    );
    // Two parts in bincode, merged into bincode: the same network.
    memorize(dir, "net.json", &["--neurons", "15-29", "-o", "q1.bin"]);
    memorize(dir, "net.json", &["--neurons", "0-14", "-o", "q0.bin"]);
    ok(
        dir,
        &[
            "-q",
            "merge",
            "net.json",
            "q1.bin",
            "q0.bin",
            "-o",
            "merged.bin",
        ],
    );
    memorize(dir, "net.json", &["-o", "one.bin"]);
    assert_eq!(read(dir, "merged.bin"), read(dir, "one.bin"));
}

#[test]
fn misfit_parts_are_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    memorize(dir, "net.json", &["--neurons", "0-14", "-o", "a.json"]);
    memorize(dir, "net.json", &["--neurons", "15-29", "-o", "b.json"]);
    memorize(dir, "net.json", &["--neurons", "10-29", "-o", "wide.json"]);
    memorize(dir, "net.json", &["--neurons", "20-29", "-o", "short.json"]);
    memorize_bound(
        dir,
        "net.json",
        "0.6",
        &["--neurons", "15-29", "-o", "bound.json"],
    );
    // Another network (other sources and delays) and other scores, same sizes.
    let common = ["--neurons", common::NEURONS, "--seed", "4"];
    ok(
        dir,
        &[
            &[
                "-q",
                "network",
                "--inputs",
                common::INPUTS,
                "-o",
                "net4.json",
            ],
            &common[..],
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &[
                "-q",
                "sample",
                "--period",
                common::PERIOD,
                "-o",
                "score4.json",
            ],
            &common[..],
        ]
        .concat(),
    );
    memorize(
        dir,
        "net4.json",
        &["--neurons", "15-29", "-o", "net4-part.json"],
    );
    ok(
        dir,
        &[
            "-q",
            "memorize",
            "net.json",
            "score4.json",
            "--weight-bound",
            BOUND,
            "--neurons",
            "15-29",
            "-o",
            "score4-part.json",
        ],
    );
    let before = names(dir);
    let merge = |parts: &[&str]| {
        fails(
            dir,
            &[
                &["merge", "net.json"],
                parts,
                &["-o", "x.json", "--report", "r.json"],
            ]
            .concat(),
        )
    };
    let e = merge(&["a.json", "wide.json"]);
    assert!(
        e.contains("wide.json and a.json both hold neurons 10-14"),
        "{e}"
    );
    let e = merge(&["a.json", "short.json"]);
    assert!(e.contains("no part holds neurons 15-19 (of the 30"), "{e}");
    let e = merge(&["a.json", "bound.json"]);
    assert!(
        e.contains("bound.json: memorized with other parameters than a.json")
            && e.contains("`--weight-bound` (0.6 in bound.json, 0.5 in a.json)"),
        "{e}"
    );
    let e = merge(&["a.json", "net4-part.json"]);
    assert!(
        e.contains("net4-part.json: memorized from another network"),
        "{e}"
    );
    let e = merge(&["a.json", "score4-part.json"]);
    assert!(
        e.contains("score4-part.json: memorized from other scores than a.json"),
        "{e}"
    );
    let e = merge(&["a.json", "b.json", "./a.json"]);
    assert!(
        e.contains("./a.json: the same file as a.json, given twice"),
        "{e}"
    );
    let e = merge(&["a.json", "mem.json"]);
    assert!(e.contains("mem.json") && e.contains("network"), "{e}");
    // The network the parts were memorized from is also checked against the parts.
    let e = fails(
        dir,
        &["merge", "net4.json", "a.json", "b.json", "-o", "x.json"],
    );
    assert!(e.contains("a.json: memorized from another network"), "{e}");
    assert_eq!(names(dir), before, "nothing written");
    // The right parts merge.
    ok(
        dir,
        &[
            "-q", "merge", "net.json", "a.json", "b.json", "-o", "x.json",
        ],
    );
    // A part's options: a neuron the network does not have; `--report` belongs to merge.
    let e = fails(
        dir,
        &[
            "memorize",
            "net.json",
            "score.json",
            "--neurons",
            "25-30",
            "-o",
            "y.json",
        ],
    );
    assert!(
        e.contains("neuron 30 does not exist (the network has 30 neurons)"),
        "{e}"
    );
    let both = [
        "memorize",
        "net.json",
        "score.json",
        "--neurons",
        "0-3",
        "-o",
        "y.json",
        "--report",
        "r.json",
    ];
    assert_eq!(run(dir, &both).status.code(), Some(2));
    assert!(!dir.join("y.json").exists() && !dir.join("r.json").exists());
}

#[test]
fn neurons_not_memorized_are_refused_or_kept_as_in_one_run() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    // Start from the memorized network, whose weights the infeasible neurons keep.
    let strict = "0.05";
    let before = names(dir);
    let e = fails(
        dir,
        &[
            "memorize",
            "mem.json",
            "score.json",
            "--weight-bound",
            strict,
            "--neurons",
            "0-9",
            "-o",
            "p.json",
        ],
    );
    assert!(
        e.contains(" of 10 neurons not memorized") && e.contains("--allow-infeasible"),
        "{e}"
    );
    assert_eq!(names(dir), before, "nothing written");
    let allow = "--allow-infeasible";
    memorize_bound(
        dir,
        "mem.json",
        strict,
        &[allow, "--neurons", "0-9", "-o", "p0.json"],
    );
    memorize_bound(
        dir,
        "mem.json",
        strict,
        &[allow, "--neurons", "10-29", "-o", "p1.json"],
    );
    let e = fails(
        dir,
        &["merge", "mem.json", "p0.json", "p1.json", "-o", "x.json"],
    );
    assert!(
        e.contains(" of 30 neurons not memorized") && e.contains("--allow-infeasible"),
        "{e}"
    );
    assert!(!dir.join("x.json").exists());
    ok(
        dir,
        &[
            "-q",
            "merge",
            "mem.json",
            "p0.json",
            "p1.json",
            "--allow-infeasible",
            "-o",
            "x.json",
            "--report",
            "x-report.json",
        ],
    );
    memorize_bound(
        dir,
        "mem.json",
        strict,
        &[allow, "-o", "one.json", "--report", "one-report.json"],
    );
    assert_eq!(read(dir, "x.json"), read(dir, "one.json"));
    // The neurons not memorized kept their weights; the others (silent ones) were memorized.
    let json = |name| -> Value { serde_json::from_slice(&read(dir, name)).expect("JSON") };
    let (merged, input, report) = (json("x.json"), json("mem.json"), json("x-report.json"));
    let statuses = report["data"]["report"]["neurons"]
        .as_array()
        .expect("neurons");
    let kept = statuses
        .iter()
        .filter(|n| n["status"] == "infeasible")
        .count();
    assert!(kept > 0 && kept < 30, "{kept} infeasible");
    for (i, n) in statuses.iter().enumerate() {
        let same = merged["data"]["neurons"][i] == input["data"]["neurons"][i];
        assert_eq!(same, n["status"] == "infeasible", "neuron {i}: {n}");
    }
    assert_eq!(
        timeless(dir, "x-report.json"),
        timeless(dir, "one-report.json")
    );
}
