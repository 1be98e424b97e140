//! `examples/pipeline.rs` (the facade's pipeline) and `rsnn demo` with the same seed give the
//! same score, weights, stability and precision/recall (at the demo's default sizes, with 2
//! free cycles to keep the test short).

mod common;

// The example's own code, compiled into this test.
#[allow(dead_code)]
#[path = "../../../examples/pipeline.rs"]
mod example;

use rsnn::io::load;
use rsnn::neuron::Network;
use rsnn::optim::MemorizeRecord;
use rsnn::pipeline::PipelineSummary;
use rsnn::recipes::RecallRecord;
use rsnn::signal::Score;
use rsnn::sim::{Measurement, StabilityReport};

#[test]
fn the_example_and_the_demo_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "--quiet", "demo", "--seed", "1", "--cycles", "2", "--out", "out",
    ];
    common::ok(dir.path(), &args);
    let out = dir.path().join("out");
    let file = |name: &str| out.join(name);
    let (summary, header) = load::<PipelineSummary>(&file("summary.json")).expect("summary");
    assert_eq!((header.seed, summary.config.seed), (Some(1), 1));
    let o = example::run(summary.config.clone()).expect("the example's pipeline runs");
    assert_eq!(
        load::<Score>(&file("score.json")).expect("score").0,
        o.score
    );
    let network = load::<Network>(&file("network.json")).expect("network").0;
    assert_eq!(network, o.network, "identical weights");
    let record = load::<MemorizeRecord>(&file("memorize-report.json"))
        .expect("report")
        .0;
    assert_eq!(record.report.counts(), o.memorize.report.counts());
    let stability = load::<StabilityReport>(&file("stability.json"))
        .expect("stability")
        .0;
    assert_eq!(stability, o.stability);
    let cycles = load::<Measurement>(&file("free-run-cycles.json"))
        .expect("cycles")
        .0;
    assert_eq!(cycles, o.free_run.measurement);
    let recall = load::<RecallRecord>(&file("recall.json"))
        .expect("recall")
        .0;
    assert_eq!(recall, o.recall.record);
    assert_eq!(summary.free_run, o.summary().free_run);
    assert!(
        o.free_run
            .measurement
            .cycles
            .iter()
            .all(|c| c.precision > 0.9)
    );
}
