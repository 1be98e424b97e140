//! Progressive rounding ("diving") for the rounding method (docs/model.md §5.7): fix the free
//! weights nearest to a level at that level, re-solve the continuous problem over the others
//! (so that they absorb the rounding errors of the fixed ones), and repeat, halving the free
//! set each time, until only a few weights are free. The continuous solves use the rows
//! tightened by a margin (firing band halved, inequalities lowered by `margin`), so that the
//! final rounding of the last free weights has room. Which weights remain free at the end (and
//! in which order they were fixed) tells the mixed-integer repair which weights to free.

use super::Levels;
use crate::backend::Backend;
use crate::{OptimError, Problem, Row};
use std::time::Instant;

/// The rows of one dive and how they are tightened.
pub(crate) struct DiveRows<'a> {
    /// Rows `a'w` that must lie within `band` of their right-hand side.
    pub firing: &'a [Row],
    /// The half-width of the firing band (the continuous solves use half of it).
    pub band: f64,
    /// Rows `a'w <= b` (the continuous solves use `b - margin`).
    pub inequalities: &'a [Row],
    /// The tightening of the inequalities.
    pub margin: f64,
}

/// A weight being fixed in the depth-first phase: the levels to try and the state before.
struct Node {
    options: Vec<usize>,
    tried: usize,
    w: Vec<f64>,
    free: Vec<usize>,
}

/// The outcome of a dive.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dive {
    /// The level index of every weight (the last free ones rounded to the nearest level).
    pub indices: Vec<usize>,
    /// Every weight, the last free ones first (farthest from a level first), then the others
    /// from the most recently fixed to the first fixed.
    pub order: Vec<usize>,
    /// How many weights were still free when the dive stopped (0: every weight was fixed and
    /// the rows known hold).
    pub free_left: usize,
    /// The continuous solves that succeeded.
    pub solves: usize,
}

/// Dives from the continuous solution `start`: halving the free set down to `min_free`
/// weights, then fixing one weight at a time, depth first, until none is free, `max_trials`
/// levels were tried, or `deadline` passes.
///
/// # Errors
/// A backend error (not an infeasibility: that ends the dive).
pub(crate) fn dive(
    rows: &DiveRows,
    levels: Levels,
    start: &[f64],
    backend: &dyn Backend,
    min_free: usize,
    max_trials: usize,
    deadline: Instant,
) -> Result<Dive, OptimError> {
    let n = start.len();
    let mut w = start.to_vec();
    let mut free: Vec<usize> = (0..n).collect();
    let mut fixed_order: Vec<usize> = Vec::with_capacity(n);
    let mut solves = 0;
    let distance = |x: f64| (x - levels.value(levels.nearest(x))).abs();
    // The weights whose rounding moves the tight rows least first (ties by index).
    let nearest_first = |w: &[f64], free: &mut Vec<usize>| {
        let cost = impact(rows, levels, w);
        free.sort_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(a.cmp(&b)));
    };
    // Halving: fix the half nearest to a level (and every weight already on a level), until a
    // solve fails (then that batch is undone) or `min_free` are left.
    while free.len() > min_free && Instant::now() < deadline {
        nearest_first(&w, &mut free);
        let on_grid = free.iter().filter(|&&j| distance(w[j]) <= 1e-9).count();
        let fix = on_grid.max(free.len() - (free.len() / 2).max(min_free));
        let saved = w.clone();
        for &j in &free[..fix] {
            w[j] = levels.value(levels.nearest(w[j]));
        }
        let rest = &free[fix..];
        if !rest.is_empty() {
            match solve_free(rows, levels.bound(), &w, rest, backend)? {
                Some(x) => {
                    for (&j, v) in rest.iter().zip(x) {
                        w[j] = v;
                    }
                    solves += 1;
                }
                None => {
                    w = saved;
                    break;
                }
            }
        }
        fixed_order.extend(free.drain(..fix));
    }
    // One at a time, depth first: the free weight whose rounding moves the tight rows least,
    // at its nearest level or else at the level on the other side of its value, whichever
    // leaves the others a feasible problem; when neither does, back to the previous weight's
    // other level. At most `max_trials` trials; then the deepest state reached is kept.
    let exact = DiveRows {
        margin: 0.0,
        ..*rows
    };
    let base = fixed_order.len();
    let mut stack: Vec<Node> = Vec::new();
    let mut best = (w.clone(), free.clone(), fixed_order.clone());
    let mut trials = 0;
    let mut descend = true;
    while !free.is_empty() && Instant::now() < deadline && trials < max_trials {
        if descend {
            nearest_first(&w, &mut free);
            let j = free[0];
            let k = levels.nearest(w[j]);
            let other = if w[j] >= levels.value(k) {
                (k + 1 < levels.count()).then_some(k + 1)
            } else {
                k.checked_sub(1)
            };
            stack.push(Node {
                options: std::iter::once(k).chain(other).collect(),
                tried: 0,
                w: w.clone(),
                free: free.clone(),
            });
        }
        let Some(node) = stack.last_mut() else { break };
        let Some(&level) = node.options.get(node.tried) else {
            // Both levels failed: back to the previous weight.
            stack.pop();
            descend = false;
            if stack.is_empty() {
                break;
            }
            continue;
        };
        node.tried += 1;
        trials += 1;
        let j = node.free[0];
        let rest = node.free[1..].to_vec();
        let mut trial = node.w.clone();
        trial[j] = levels.value(level);
        // The last weight: the rows themselves (without the margin) must hold.
        let tightened = if rest.is_empty() { &exact } else { rows };
        match solve_free(tightened, levels.bound(), &trial, &rest, backend)? {
            Some(x) => {
                for (&i, v) in rest.iter().zip(x) {
                    trial[i] = v;
                }
                solves += usize::from(!rest.is_empty());
                w = trial;
                free = rest;
                fixed_order.truncate(base);
                fixed_order.extend(stack.iter().map(|n| n.free[0]));
                if free.len() < best.1.len() {
                    best = (w.clone(), free.clone(), fixed_order.clone());
                }
                descend = true;
            }
            None => descend = false,
        }
    }
    if !free.is_empty() {
        (w, free, fixed_order) = best;
    }
    free.sort_by(|&a, &b| distance(w[b]).total_cmp(&distance(w[a])).then(a.cmp(&b)));
    let indices = w.iter().map(|&x| levels.nearest(x)).collect();
    let free_left = free.len();
    let order = free
        .iter()
        .copied()
        .chain(fixed_order.iter().rev().copied())
        .collect();
    Ok(Dive {
        indices,
        order,
        free_left,
        solves,
    })
}

/// For every weight, how much rounding it to its nearest level moves the rows, each row
/// weighted by how tight it is: `|w_j - level_j| * sum_i |a_ij| / (slack_i + s0)`, with the
/// slack of a row at `w` (of the tightened rows) and `s0` the half band.
fn impact(rows: &DiveRows, levels: Levels, w: &[f64]) -> Vec<f64> {
    let s0 = 0.5 * rows.band + 1e-9;
    let mut weight = vec![0.0; w.len()];
    let mut add = |row: &Row, slack: f64| {
        let tight = 1.0 / (slack.max(0.0) + s0);
        for &(j, a) in &row.coefficients {
            if let Some(x) = weight.get_mut(j) {
                *x += a.abs() * tight;
            }
        }
    };
    for row in rows.firing {
        add(row, 0.5 * rows.band - (row.eval(w) - row.rhs).abs());
    }
    for row in rows.inequalities {
        add(row, row.rhs - rows.margin - row.eval(w));
    }
    w.iter()
        .zip(weight)
        .map(|(&x, t)| (x - levels.value(levels.nearest(x))).abs() * t)
        .collect()
}

/// The continuous problem over the weights `free` with the others fixed at their values in
/// `w`, on the tightened rows; `None` when it is infeasible or the solver fails.
fn solve_free(
    rows: &DiveRows,
    bound: f64,
    w: &[f64],
    free: &[usize],
    backend: &dyn Backend,
) -> Result<Option<Vec<f64>>, OptimError> {
    let mut position = vec![usize::MAX; w.len()];
    for (i, &j) in free.iter().enumerate() {
        position[j] = i;
    }
    // `a'w = a_free'x + constant`.
    let split = |row: &Row| {
        let mut coefficients = Vec::new();
        let mut constant = 0.0;
        for &(j, a) in &row.coefficients {
            match position.get(j) {
                Some(&i) if i != usize::MAX => coefficients.push((i, a)),
                _ => constant += a * w.get(j).copied().unwrap_or(0.0),
            }
        }
        (coefficients, constant)
    };
    let n = free.len();
    // Variables: the free weights and the common slack `t` of every row; maximize `t` (with a
    // tiny quadratic term on the weights so that the point is unique).
    let t = n;
    let mut p = Problem::new(n + 1);
    for i in 0..n {
        p.set_bounds(i, -bound, bound)?;
    }
    p.set_bounds(t, -1.0, rows.band)?;
    let mut quadratic = vec![1e-6; n + 1];
    quadratic[t] = 0.0;
    let mut linear = vec![0.0; n + 1];
    linear[t] = -1.0;
    p.set_objective(quadratic, linear)?;
    let mut push = |mut coefficients: Vec<(usize, f64)>, rhs: f64| -> Result<bool, OptimError> {
        if coefficients.is_empty() {
            // A row of fixed weights only: it holds or the problem is infeasible.
            return Ok(rhs >= -1e-12);
        }
        coefficients.push((t, 1.0));
        p.add_inequality(Row { coefficients, rhs })?;
        Ok(true)
    };
    for row in rows.firing {
        let (a, c) = split(row);
        let neg = a.iter().map(|&(i, v)| (i, -v)).collect();
        let upper = push(a, row.rhs + rows.band - c)?;
        let lower = push(neg, c - row.rhs + rows.band)?;
        if !(upper && lower) {
            return Ok(None);
        }
    }
    for row in rows.inequalities {
        let (a, c) = split(row);
        if !push(a, row.rhs - c)? {
            return Ok(None);
        }
    }
    if n == 0 {
        return Ok(Some(Vec::new()));
    }
    let solution = backend.solve(&p)?;
    if !solution.status.is_success() || solution.x[t] < rows.margin {
        return Ok(None);
    }
    Ok(Some(solution.x[..n].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::BackendKind;
    use std::time::Duration;

    #[test]
    fn a_dive_ends_on_the_levels_and_orders_every_weight_once() {
        // Two firing rows and a silent row over 12 weights.
        let firing = [
            Row::dense(
                &[0.3, 0.1, 0.2, 0.05, 0.4, 0.1, 0.3, 0.2, 0.1, 0.05, 0.2, 0.3],
                1.0,
            ),
            Row::dense(
                &[0.1, 0.4, 0.1, 0.3, 0.05, 0.2, 0.1, 0.3, 0.2, 0.4, 0.1, 0.1],
                1.0,
            ),
        ];
        let silent = [Row::dense(
            &[
                0.2, -0.1, 0.3, 0.1, -0.2, 0.1, 0.2, 0.0, 0.1, 0.1, -0.1, 0.2,
            ],
            0.5,
        )];
        let rows = DiveRows {
            firing: &firing,
            band: 0.01,
            inequalities: &silent,
            margin: 0.005,
        };
        let levels = Levels::new(9, 1.0).expect("valid");
        let start = vec![0.37; 12];
        let backend = BackendKind::default().backend().expect("default backend");
        let deadline = Instant::now() + Duration::from_secs(10);
        let d = dive(&rows, levels, &start, backend.as_ref(), 3, 100, deadline).expect("solves");
        let mut seen = d.order.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..12).collect::<Vec<_>>());
        assert!(d.indices.iter().all(|&k| k < 9));
        assert!(d.solves >= 1);
    }
}
