//! The aggregate steps of the recall summary on hand-made results.

use super::summary::{cycle_rows, mean_rows, start_curves};
use super::*;
use crate::experiments::common::memorized;

fn cycle(cycle: usize, all: f64) -> RecallCycle {
    let s = |x| Similarity {
        precision: x,
        recall: x,
    };
    RecallCycle {
        cycle,
        prompting: cycle < 1,
        prompted: Some(s(1.0)),
        free: Some(s(all - 0.1)),
        all: s(all),
    }
}

fn network(net: usize, all: f64) -> Finished {
    let (_, spec, _, _) = sizes(Scale::Quick);
    let run = |start| RecallRun {
        sigma: 0.1,
        start,
        cycles: vec![cycle(0, 0.5), cycle(1, all)],
    };
    Done {
        job: Job {
            id: format!("quick-net{net}"),
            seed: 1,
            params: Params {
                net,
                spec,
                sigmas: vec![0.1],
                prompt_cycles: 1,
                cycles: 2,
            },
        },
        result: Output {
            memorize: memorized(60, 60, 1.0),
            runs: vec![run(Start::Silent), run(Start::Random)],
        },
    }
}

#[test]
fn means_over_two_networks_per_start_and_cycle() {
    let done = [network(0, 0.9), network(1, 0.7)];
    let cycles = cycle_rows(&done);
    assert_eq!(cycles.len(), 8);
    let means = mean_rows(&cycles);
    let keys: Vec<(Start, usize)> = means.iter().map(|m| (m.start, m.cycle)).collect();
    assert_eq!(
        keys,
        [
            (Start::Silent, 0),
            (Start::Silent, 1),
            (Start::Random, 0),
            (Start::Random, 1)
        ]
    );
    assert!((means[1].means[4] - 0.8).abs() < 1e-12);
    assert!((means[1].means[2] - 0.7).abs() < 1e-12);
    assert_eq!(means[1].means[0], 1.0);
    let curves = start_curves(Start::Random, &means);
    assert_eq!(curves.len(), 1);
    assert_eq!(curves[0].1[0], (0.0, 0.5));
}
