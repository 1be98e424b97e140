//! The aggregate steps of the two-memories summary on hand-made results.

use super::summary::{curves, cycle_rows, settled_rows};
use super::*;
use crate::experiments::common::memorized;

fn cycle(cycle: usize, phase: usize, memory: usize, vs0: f64, vs1: f64) -> SequenceCycle {
    let s = |x| Similarity {
        precision: x,
        recall: x,
    };
    SequenceCycle {
        cycle,
        start: cycle as f64 * 15.0,
        phase,
        memory,
        prompting: false,
        against: vec![s(vs0), s(vs1)],
    }
}

fn network(net: usize, settled: f64) -> Finished {
    let (_, spec, _) = sizes(Scale::Quick);
    let cycles = vec![
        cycle(0, 0, 0, 0.5, 0.1),
        cycle(1, 0, 0, settled, 0.1),
        cycle(2, 1, 1, 0.1, settled),
    ];
    Done {
        job: Job {
            id: format!("quick-net{net}-half"),
            seed: 1,
            params: Params {
                net,
                spec,
                sigma: 0.1,
                prompted_fraction: 0.5,
                prompt_cycles: 1,
                free_cycles: 1,
            },
        },
        result: Output {
            memorize: memorized(60, 60, 1.0),
            cycles,
        },
    }
}

#[test]
fn the_last_cycle_of_each_phase_against_its_memory() {
    let done = [network(0, 0.95), network(1, 0.85)];
    let cycles = cycle_rows(&done);
    let settled = settled_rows(&cycles);
    assert_eq!(settled.len(), 2);
    assert_eq!((settled[0].fraction, settled[0].phase), (0.5, 0));
    assert_eq!(settled[0].values, vec![0.95, 0.85]);
    assert_eq!(
        (settled[1].phase, settled[1].values.clone()),
        (1, vec![0.95, 0.85])
    );
    let first: Vec<_> = cycles.iter().copied().filter(|c| c.net == 0).collect();
    let curves = curves(&first);
    assert_eq!(curves.len(), 2);
    assert_eq!(curves[1].1, vec![(0.0, 0.1), (1.0, 0.1), (2.0, 0.95)]);
}
