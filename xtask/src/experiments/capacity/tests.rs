//! The aggregate steps of the capacity summary on hand-made results.

use super::summary::{Cell, capacity_rows, cells};
use super::*;

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
