//! The aggregate steps of the recall summary on hand-made results.

use super::summary::{cycle_rows, mean_rows, start_curves};
use super::*;
use super::{original, original_summary, summary};
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

fn original(net: usize, autonomous: f64) -> OriginalFinished {
    let (_, spec, _, _) = sizes(Scale::Quick);
    let s = |x| Similarity {
        precision: x,
        recall: x / 2.0,
    };
    let cycle = |cycle, free| RecallCycle {
        cycle,
        prompting: true,
        prompted: Some(s(0.8)),
        free: Some(s(free)),
        all: s((0.8 + free) / 2.0),
    };
    let run = |start| RecallRun {
        sigma: 0.1,
        start,
        cycles: vec![
            cycle(0, 0.0),
            cycle(1, autonomous / 2.0),
            cycle(2, autonomous),
        ],
    };
    Done {
        job: Job {
            id: format!("quick-original-net{net}"),
            seed: 1,
            params: original::Params {
                net,
                spec,
                clamped_fraction: 0.5,
                jitter: 0.1,
                sigmas: vec![0.1],
                cycles: 3,
            },
        },
        result: Output {
            memorize: memorized(60, 60, 1.0),
            runs: original::STARTS.map(run).to_vec(),
        },
    }
}

#[test]
fn the_original_protocol_per_start_over_two_networks() {
    let done = [original(0, 1.0), original(1, 0.8)];
    let cycles = summary::runs_rows(done.iter().map(|f| (f.job.params.net, &f.result.runs[..])));
    assert_eq!(cycles.len(), 2 * 3 * 3);
    let rows = original_summary::start_rows(&summary::mean_rows(&cycles));
    let starts: Vec<Start> = rows.iter().map(|r| r.start).collect();
    assert_eq!(starts, [Start::Silent, Start::Random, Start::Memory]);
    let memory = &rows[2];
    assert_eq!(memory.first, (0.0, 0.0));
    assert!((memory.second.0 - 0.45).abs() < 1e-12 && (memory.second.1 - 0.225).abs() < 1e-12);
    assert!((memory.last.0 - 0.9).abs() < 1e-12 && (memory.last.1 - 0.45).abs() < 1e-12);
    assert!((memory.all_last.0 - 0.85).abs() < 1e-12);
    assert!((memory.control.0 - 0.8).abs() < 1e-12 && (memory.control.1 - 0.4).abs() < 1e-12);
    let curves = summary::group_curves(Start::Memory, &summary::mean_rows(&cycles), 1);
    assert_eq!(curves.len(), 1);
    assert!((curves[0].1[2].1 - 0.45).abs() < 1e-12);
}

#[test]
fn both_protocols_are_planned_with_shared_network_seeds() {
    let suite = Suite {
        scale: Scale::Full,
        seeds: rsnn::seeds::Seeds::new(1),
    };
    let jobs = Recall.plan(suite);
    let ours: Vec<_> = jobs
        .iter()
        .filter(|j| matches!(j.params, Protocol::Ours(_)))
        .collect();
    let originals: Vec<_> = jobs
        .iter()
        .filter(|j| matches!(j.params, Protocol::Original(_)))
        .collect();
    assert_eq!((ours.len(), originals.len()), (3, 10));
    assert!(matches!(jobs[0].params, Protocol::Ours(_)));
    assert_eq!(originals[0].id, "full-original-net0");
    assert_eq!(originals[2].seed, ours[2].seed);
}
