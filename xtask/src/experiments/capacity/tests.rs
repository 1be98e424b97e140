//! The aggregate steps of the capacity summary on hand-made results.

use super::summary::{Cell, capacity_rows, cells};
use super::*;
use super::{templates, templates_summary};

fn block(k: usize, period: f64, first: usize, feasible: usize, trials: usize) -> Finished {
    let skipped = trials == 0;
    Done {
        job: Job {
            id: format!("quick-k{k}-t{period}-from{first}"),
            seed: 1,
            params: Params {
                inputs: k,
                period,
                first_trial: first,
                trials: 10,
                total_trials: 20,
            },
        },
        result: Output {
            trials,
            statuses: StatusCounts {
                memorized: feasible,
                infeasible: trials - feasible,
                ..StatusCounts::default()
            },
            skipped,
            decided_fail: skipped || trials - feasible > 0,
        },
    }
}

#[test]
fn blocks_add_up_and_periods_after_the_first_failure_are_dropped() {
    let done = [
        block(100, 10.0, 0, 10, 10),
        block(100, 10.0, 10, 10, 10),
        block(100, 15.0, 0, 9, 10),
        block(100, 20.0, 0, 10, 10),
        block(100, 25.0, 0, 0, 0),
        block(200, 10.0, 0, 10, 10),
    ];
    let cells = cells(&done);
    let stored = Cell {
        feasible: 20,
        trials: 20,
        failed: false,
    };
    assert_eq!(cells[&(100, 10)], stored);
    assert!(cells[&(100, 15)].failed);
    assert!(!cells.contains_key(&(100, 20)) && !cells.contains_key(&(100, 25)));
    let rows = capacity_rows(&cells);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].inputs, rows[0].max_trials), (100, 20));
    assert_eq!(rows[0].capacity, Some(10));
    assert_eq!(rows[0].first_fail, Some((15, 0.9)));
    assert_eq!((rows[1].capacity, rows[1].first_fail), (Some(10), None));
}

#[test]
fn a_failing_first_period_has_no_capacity() {
    let rows = capacity_rows(&cells(&[block(50, 10.0, 0, 5, 10)]));
    assert_eq!(rows[0].capacity, None);
    assert_eq!(rows[0].first_fail, Some((10, 0.5)));
}

fn template_block(
    k: usize,
    period: f64,
    continuous: (usize, usize),
    published: (usize, usize, usize),
) -> OriginalFinished {
    let decided = |trials: usize, feasible: usize| trials - feasible > 0;
    let (c_ok, c_run) = continuous;
    let (p_ok, p_unverified, p_run) = published;
    let skipped = c_run == 0;
    Done {
        job: Job {
            id: format!("quick-original-k{k}-t{period}-from0"),
            seed: 1,
            params: Params {
                inputs: k,
                period,
                first_trial: 0,
                trials: 10,
                total_trials: 10,
            },
        },
        result: templates::Output {
            continuous: Output {
                trials: c_run,
                statuses: StatusCounts {
                    memorized: c_ok,
                    infeasible: c_run - c_ok,
                    ..StatusCounts::default()
                },
                skipped,
                decided_fail: skipped || decided(c_run, c_ok),
            },
            published: Output {
                trials: p_run,
                statuses: StatusCounts {
                    memorized: p_ok,
                    unverified: p_unverified,
                    infeasible: p_run - p_ok - p_unverified,
                    ..StatusCounts::default()
                },
                skipped: false,
                decided_fail: decided(p_run, p_ok + p_unverified),
            },
        },
    }
}

#[test]
fn each_template_has_its_own_capacity_on_the_same_trials() {
    let done = [
        template_block(100, 20.0, (10, 10), (0, 10, 10)),
        template_block(100, 25.0, (4, 5), (1, 9, 10)),
        template_block(100, 30.0, (0, 0), (0, 9, 10)),
        template_block(100, 35.0, (0, 0), (0, 10, 10)),
    ];
    let cells = templates_summary::template_cells(&done);
    let [(c, continuous), (p, published)] = &cells[..] else {
        panic!("two templates");
    };
    assert_eq!((*c, *p), (Template::Continuous, Template::Published));
    assert_eq!(
        continuous.keys().copied().collect::<Vec<_>>(),
        [(100, 20), (100, 25)]
    );
    // Unverified weights count as feasible with the published template.
    assert_eq!(published[&(100, 25)].feasible, 10);
    assert!(!published.contains_key(&(100, 35)));
    let rows = templates_summary::template_capacities(&cells);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].0, rows[0].1.capacity),
        (Template::Continuous, Some(20))
    );
    assert_eq!(rows[0].1.first_fail, Some((25, 0.8)));
    assert_eq!(
        (rows[1].0, rows[1].1.capacity),
        (Template::Published, Some(25))
    );
    assert_eq!(rows[1].1.first_fail, Some((30, 0.9)));
    let all_failed = templates::feasible(
        Template::Continuous,
        &StatusCounts {
            unverified: 3,
            ..StatusCounts::default()
        },
    );
    assert_eq!(all_failed, 0);
}

#[test]
fn a_block_whose_templates_both_failed_before_is_skipped_without_solving() {
    let p = Params {
        inputs: 800,
        period: 400.0,
        first_trial: 0,
        trials: 100,
        total_trials: 1000,
    };
    let out = templates::execute(&p, 1, [true, true]).unwrap();
    for template in Template::ALL {
        let b = out.get(template);
        assert!(b.skipped && b.decided_fail && b.trials == 0);
    }
}

#[test]
fn the_original_protocol_starts_at_twenty_with_fewer_inputs() {
    let suite = |scale| Suite {
        scale,
        seeds: rsnn::seeds::Seeds::new(1),
    };
    let quick = Capacity.plan(suite(Scale::Quick));
    let original: Vec<&str> = quick
        .iter()
        .filter(|j| matches!(j.params, Protocol::Original(_)))
        .map(|j| j.id.as_str())
        .collect();
    assert_eq!(original.len(), 10);
    assert_eq!(original[0], "quick-original-k100-t20-from0");
    assert_eq!(quick.len(), 21 + 10);
    assert_eq!(Capacity.plan(suite(Scale::Full)).len(), 1530 + 1380);
}
