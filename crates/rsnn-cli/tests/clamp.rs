//! `rsnn stability --clamp` and `--clamp-from`: neurons driven by the score (docs/model.md §7.6).

mod common;

use common::{BOUND, fails, fixture, ok};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("--json prints JSON")
}

fn stability(dir: &std::path::Path, network: &str, extra: &[&str]) -> Value {
    let args = [&["--json", "stability", network, "score.json"][..], extra].concat();
    json(&ok(dir, &args))
}

#[test]
fn clamping_removes_the_trivial_eigenvalue_and_is_recorded() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let plain = stability(dir, "mem.json", &[]);
    assert_eq!(plain["clamped_neurons"], Value::Array(vec![]));
    assert!(plain["trivial_eigenvalue"].is_array(), "{plain}");
    let clamped = stability(dir, "mem.json", &["--clamp", "4,0-1", "-o", "st.json"]);
    assert_eq!(clamped["clamped_neurons"], serde_json::json!([0, 1, 4]));
    assert!(clamped["trivial_eigenvalue"].is_null(), "{clamped}");
    let radius = clamped["spectral_radius"].as_f64().expect("radius");
    assert!(radius.is_finite() && radius < 1.0, "{clamped}");
    let info = json(&ok(dir, &["--json", "info", "st.json"]));
    assert_eq!(info["header"]["kind"], "stability");
    let text = ok(
        dir,
        &["stability", "mem.json", "score.json", "--clamp", "4"],
    );
    assert!(text.contains("neuron 4 clamped to the score"), "{text}");
    let bad = fails(
        dir,
        &["stability", "mem.json", "score.json", "--clamp", "30"],
    );
    assert!(bad.contains("neuron 30 does not exist"), "{bad}");
}

/// With a weight bound far too small no neuron gets weights: the plain analysis is refused
/// with a hint, the analysis clamping the neurons of the memorize report runs (every row is
/// empty: the spectrum is 0), and a report of a well-memorized network clamps nothing.
#[test]
fn clamp_from_a_memorize_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fixture(dir);
    let args = [
        "-q",
        "memorize",
        "net.json",
        "score.json",
        "--weight-bound",
        "0.001",
        "--allow-infeasible",
        "--report",
        "none.json",
        "-o",
        "zero.json",
    ];
    ok(dir, &args);
    let refused = fails(dir, &["stability", "zero.json", "score.json"]);
    assert!(refused.contains("can be clamped to the score"), "{refused}");
    let all = stability(dir, "zero.json", &["--clamp-from", "none.json"]);
    // Every neuron that fires is infeasible (a silent one may still be memorized).
    let clamped = all["clamped_neurons"].as_array().map_or(0, Vec::len);
    assert!(clamped > 20, "{all}");
    assert_eq!(all["spectral_radius"], 0.0);

    let args = [
        "-q",
        "memorize",
        "net.json",
        "score.json",
        "--weight-bound",
        BOUND,
        "--report",
        "report.json",
        "-o",
        "mem2.json",
    ];
    ok(dir, &args);
    let plain = stability(dir, "mem2.json", &[]);
    let from = stability(dir, "mem2.json", &["--clamp-from", "report.json"]);
    assert_eq!(from["clamped_neurons"], Value::Array(vec![]));
    assert_eq!(from["spectral_radius"], plain["spectral_radius"]);
    let wrong = fails(
        dir,
        &[
            "stability",
            "mem2.json",
            "score.json",
            "--clamp-from",
            "score.json",
        ],
    );
    assert!(wrong.contains("score.json"), "{wrong}");
}
