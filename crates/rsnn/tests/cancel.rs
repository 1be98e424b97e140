//! Stopping the long steps from the facade: the pipeline's memorization and stability analysis
//! watch `Progress::is_cancelled`, and a part's memorization takes a stop check.

use rsnn::Error;
use rsnn::optim::{MemorizeConfig, OptimError};
use rsnn::parts::{memorize_part, memorize_part_until};
use rsnn::pipeline::{Pipeline, PipelineConfig, Progress, Stage};
use rsnn::recipes::NetworkSpec;
use rsnn::sim::SimError;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Asks to stop from the `after + 1`-th check on.
struct StopAfter {
    after: usize,
    checks: AtomicUsize,
}

impl StopAfter {
    fn new(after: usize) -> Self {
        Self {
            after,
            checks: AtomicUsize::new(0),
        }
    }
}

impl Progress for StopAfter {
    fn is_cancelled(&self) -> bool {
        self.checks.fetch_add(1, Ordering::Relaxed) >= self.after
    }
}

/// 20 neurons, 200 inputs each, period 20.
fn pipeline() -> Pipeline {
    let config = PipelineConfig {
        network: NetworkSpec {
            neurons: 20,
            inputs: 200,
            period: 20.0,
            ..NetworkSpec::default()
        },
        memorize: MemorizeConfig {
            weight_bound: 0.5,
            ..MemorizeConfig::default()
        },
        ..PipelineConfig::default()
    };
    Pipeline::new(config).expect("valid")
}

#[test]
fn the_pipeline_stops_during_memorization_and_leaves_the_network_unchanged() {
    let p = pipeline();
    let score = p.sample(0).expect("score");
    let mut network = p.wire().expect("network");
    let before = network.clone();
    // One check before the step, then one before each neuron: stop at the sixth neuron.
    let e = p
        .memorize(
            &mut network,
            std::slice::from_ref(&score),
            &StopAfter::new(6),
        )
        .expect_err("stopped");
    assert!(e.is_cancelled(), "{e:?}");
    assert!(
        matches!(e, Error::Optim(OptimError::Cancelled { total: 20, .. })),
        "{e:?}"
    );
    assert_eq!(network, before);
    let e = p
        .memorize(
            &mut network,
            std::slice::from_ref(&score),
            &StopAfter::new(0),
        )
        .expect_err("stopped");
    assert!(matches!(e, Error::Cancelled { stage } if stage == Stage::Memorize.name()));
    assert_eq!(e.to_string(), "cancelled before the memorize step");
}

#[test]
fn the_pipeline_stops_during_the_stability_analysis() {
    let p = pipeline();
    let score = p.sample(0).expect("score");
    let mut network = p.wire().expect("network");
    let record = p
        .memorize(&mut network, std::slice::from_ref(&score), &())
        .expect("memorized");
    // Neurons without weights (if any) are clamped, as the pipeline's run does.
    let clamped = record.report.without_weights();
    let e = p
        .stability_clamped(&network, &score, &clamped, &StopAfter::new(3))
        .expect_err("stopped");
    assert!(e.is_cancelled(), "{e:?}");
    assert!(matches!(e, Error::Sim(SimError::Cancelled { .. })), "{e:?}");
    let never = StopAfter::new(usize::MAX);
    let report = p.stability_clamped(&network, &score, &clamped, &never);
    let plain = p.stability_clamped(&network, &score, &clamped, &());
    assert_eq!(report.expect("analyzed"), plain.expect("analyzed"));
    assert!(never.checks.load(Ordering::Relaxed) > score.num_spikes());
}

#[test]
fn a_part_stops_or_matches_the_part_without_a_stop_check() {
    let p = pipeline();
    let score = p.sample(0).expect("score");
    let network = p.wire().expect("network");
    let scores = std::slice::from_ref(&score);
    let config = &p.config().memorize;
    let ids = [3, 1, 4];
    let e = memorize_part_until(&network, &ids, scores, config, |_, _| {}, || true)
        .expect_err("stopped");
    assert!(
        matches!(e, Error::Optim(OptimError::Cancelled { done: 0, total: 3 })),
        "{e:?}"
    );
    let until =
        memorize_part_until(&network, &ids, scores, config, |_, _| {}, || false).expect("part");
    let plain = memorize_part(&network, &ids, scores, config, |_, _| {}).expect("part");
    let weights = |part: &rsnn::parts::MemorizePart| {
        let w = part.neurons.iter().map(|n| n.weights.clone());
        w.collect::<Vec<_>>()
    };
    assert_eq!(weights(&until), weights(&plain));
    assert_eq!(until.neurons.len(), 3);
}
