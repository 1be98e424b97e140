//! The aggregate steps of the two-memories summary on hand-made results.

use super::summary::{curves, cycle_rows, settled_rows};
use super::*;
use super::{original, original_summary};
use crate::experiments::common::memorized;
use crate::experiments::protocol::Template;

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

fn original_job(net: usize, template: Template, end: f64) -> OriginalFinished {
    let mut cycles = Vec::new();
    for (phase, memory) in original::SCHEDULE.into_iter().enumerate() {
        for k in 0..2 {
            let settled = if k == 1 { end } else { 0.5 };
            let (vs0, vs1) = if memory == 0 {
                (settled, 0.1)
            } else {
                (0.1, settled)
            };
            let mut c = cycle(2 * phase + k, phase, memory, vs0, vs1);
            c.prompting = k == 0;
            cycles.push(c);
        }
    }
    let statuses = rsnn::optim::StatusCounts {
        memorized: 50,
        unverified: 8,
        infeasible: 2,
        failed: 0,
        time_limit: 0,
    };
    Done {
        job: Job {
            id: format!("quick-original-net{net}-{}", template.name()),
            seed: 1,
            params: original::Params {
                net,
                spec: sizes(Scale::Quick).1,
                template,
                sigma: 0.1,
                prompted_fraction: 0.75,
                jitter: 0.1,
                prompt_cycles: 1,
                free_cycles: 1,
            },
        },
        result: original::Output {
            memorize: memorized(60, 50, 2.0 + net as f64),
            statuses,
            cycles,
        },
    }
}

#[test]
fn the_original_protocol_per_template_and_phase() {
    let done = [
        original_job(0, Template::Continuous, 0.95),
        original_job(0, Template::Published, 0.85),
        original_job(1, Template::Continuous, 0.75),
    ];
    let templates = original_summary::template_rows(&done);
    assert_eq!(templates.len(), 2);
    let c = &templates[0];
    assert_eq!(
        (c.template, c.networks, c.neurons),
        (Template::Continuous, 2, 60)
    );
    assert_eq!(c.statuses, [50.0, 8.0, 2.0, 0.0]);
    assert_eq!(c.seconds, 2.5);
    let phases = original_summary::phase_rows(&done);
    assert_eq!(phases.len(), 6);
    let p1 = &phases[1];
    assert_eq!(
        (p1.template, p1.phase, p1.memory),
        (Template::Continuous, 1, 1)
    );
    assert_eq!(
        (p1.prompted.clone(), p1.other.clone()),
        (vec![0.95, 0.75], vec![0.1, 0.1])
    );
    assert_eq!(phases[5].template, Template::Published);
    assert_eq!(phases[5].prompted, vec![0.85]);
}

#[test]
fn the_original_protocol_runs_both_templates_on_one_network() {
    let suite = Suite {
        scale: Scale::Full,
        seeds: rsnn::seeds::Seeds::new(1),
    };
    let jobs = TwoMemories.plan(suite);
    assert_eq!(jobs.len(), 6 + 6);
    let original: Vec<_> = jobs[6..].iter().collect();
    assert_eq!(original[1].id, "full-original-net0-published");
    assert_eq!(original[0].seed, original[1].seed);
    assert_ne!(original[0].seed, jobs[0].seed);
}
