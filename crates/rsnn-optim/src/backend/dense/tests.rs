//! The dense backend against Clarabel: random dense problems, wide (row form) and tall
//! (variable form), a published grid template problem, dependent equalities, infeasibility.

use super::*;
use crate::problem::Row;
use crate::{MemorizeConfig, Mode, Objective};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_signal::{AlphaKernel, ScoreSampler};

/// A fixed pseudo-random sequence in [-0.5, 0.5) (linear congruential).
fn sequence(seed: u64) -> impl FnMut() -> f64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    }
}

/// Dense rows of pseudo-random coefficients, the first `equalities` of them equalities.
/// Feasible by construction: every row holds at x0 (|x0| <= 0.1), some inequalities with
/// equality.
fn dense_problem(n: usize, rows: usize, equalities: usize) -> Problem {
    let mut next = sequence(12345 + rows as u64);
    let x0: Vec<f64> = (0..n).map(|_| 0.2 * next()).collect();
    let mut p = Problem::weights(n, Objective::L2, 0.2);
    for i in 0..rows {
        let row: Vec<f64> = (0..n).map(|_| next()).collect();
        let at_x0: f64 = row.iter().zip(&x0).map(|(a, x)| a * x).sum();
        let margin = next().max(0.0);
        if i < equalities {
            p.add_equality(Row::dense(&row, at_x0)).expect("row");
        } else {
            p.add_inequality(Row::dense(&row, at_x0 + margin))
                .expect("row");
        }
    }
    p
}

/// The dense method's weights, with the reduction it chooses (asserted) and without fallback.
fn dense_weights(p: &Problem, expected: Reduction) -> Vec<f64> {
    let data = Data::new(p).expect("dense rows");
    assert_eq!(Reduction::choose(&data), expected);
    let (x, iterations) = interior_point(&data, expected, &DenseSettings::default());
    assert!(iterations > 0);
    x.expect("converges")
}

fn max_gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
}

/// Objective within the gap tolerance of Clarabel's, and weights within what strong convexity
/// (P = I: |x - x*|^2 <= 2 (f(x) - f(x*))) allows for that gap.
fn assert_matches_clarabel(p: &Problem, x: &[f64], label: &str) {
    let reference = ClarabelBackend::default().solve(p).expect("runs");
    assert!(
        reference.status.is_success(),
        "{label}: {:?}",
        reference.status
    );
    assert!(p.residual(x) < 1e-8, "{label}: residual {}", p.residual(x));
    let scale = reference.objective.abs().max(1.0);
    let gap = (p.objective_value(x) - reference.objective).abs();
    assert!(gap < 1e-7 * scale, "{label}: objective differs by {gap}");
    let dx = max_gap(x, &reference.x);
    assert!(
        dx < (4e-7 * scale).sqrt(),
        "{label}: weights differ by {dx}"
    );
}

#[test]
fn matches_clarabel_on_dense_rows() {
    for (n, rows) in [(40, 10), (120, 60), (60, 60)] {
        let p = dense_problem(n, rows, 3);
        let x = dense_weights(&p, Reduction::Rows);
        assert_matches_clarabel(&p, &x, &format!("{n} x {rows}"));
    }
}

#[test]
fn matches_clarabel_on_tall_dense_rows() {
    for (n, rows, equalities) in [(40, 41, 0), (30, 200, 0), (60, 400, 0), (50, 300, 4)] {
        let p = dense_problem(n, rows, equalities);
        let x = dense_weights(&p, Reduction::Variables);
        assert_matches_clarabel(&p, &x, &format!("{n} x {rows} ({equalities} equalities)"));
    }
}

#[test]
fn both_reductions_agree() {
    for (n, rows, equalities) in [(50, 20, 2), (20, 50, 2), (30, 30, 0)] {
        let p = dense_problem(n, rows, equalities);
        let data = Data::new(&p).expect("dense rows");
        let settings = DenseSettings::default();
        let by_rows = interior_point(&data, Reduction::Rows, &settings).0;
        let by_vars = interior_point(&data, Reduction::Variables, &settings).0;
        let (a, b) = (by_rows.expect("rows"), by_vars.expect("variables"));
        let gap = max_gap(&a, &b);
        assert!(gap < 1e-4, "{n} x {rows}: {gap}");
        assert_matches_clarabel(&p, &b, &format!("{n} x {rows} by the variables"));
    }
}

/// Both reductions solve the same Newton system: the same step at random points `(s, z)`
/// with `s z` in [0.5, 1.5] and `z / s` log-uniform in `[10^lo, 10^hi]`, rows beyond the
/// variable form's border ratio included (in the last case every inequality row, more than
/// the variables).
#[test]
fn both_reductions_give_the_same_newton_step() {
    for (n, rows, equalities, lo, hi) in [
        (30, 80, 0, -8.0, 8.0),
        (30, 80, 3, -8.0, 8.0),
        (20, 60, 2, 7.0, 9.0),
    ] {
        let p = dense_problem(n, rows, equalities);
        let d = Data::new(&p).expect("dense rows");
        let mut next = sequence(99 + rows as u64);
        let count = d.mi() + d.bounds.len();
        let (mut s, mut z) = (Vec::new(), Vec::new());
        for _ in 0..count {
            let product = 1.0 + next();
            let ratio = 10f64.powf(lo + (hi - lo) * (next() + 0.5));
            s.push((product / ratio).sqrt());
            z.push((product * ratio).sqrt());
        }
        let mut random = |len: usize| -> Vec<f64> { (0..len).map(|_| next()).collect() };
        let (rd, re, rp, rc) = (random(n), random(equalities), random(count), random(count));
        let steps = [Reduction::Rows, Reduction::Variables].map(|reduction| {
            let newton = Newton::new(&d, reduction, &s, &z).expect("factored");
            newton.solve(&d, &z, &rd, &re, &rp, &rc)
        });
        let [a, b] = &steps;
        for (name, u, v) in [
            ("dx", &a.dx, &b.dx),
            ("dy", &a.dy, &b.dy),
            ("ds", &a.ds, &b.ds),
            ("dz", &a.dz, &b.dz),
        ] {
            let size = u.iter().fold(1.0f64, |m, x| m.max(x.abs()));
            let gap = max_gap(u, v);
            assert!(
                gap <= 1e-8 * size,
                "{n} x {rows}, {name}: {gap} (size {size})"
            );
        }
    }
}

/// The published grid problem of neuron 0 (published.rs) for `memories` random scores of
/// period `period` over `k` independent inputs.
fn published_neuron(seed: u64, k: usize, period: f64, memories: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sampler = ScoreSampler::new(period, 0.2).expect("sampler");
    let scores: Vec<_> = (0..memories)
        .map(|_| sampler.sample_score(&mut rng, k + 1).expect("score"))
        .collect();
    let kernel = AlphaKernel::default();
    let net = rsnn_neuron::independent_inputs(k, 0.1, 10.0, kernel, &mut rng).expect("net");
    let config = MemorizeConfig {
        mode: Mode::Published,
        objective: Objective::L2,
        ..Default::default()
    }
    .validate()
    .expect("valid");
    let neuron = net.neuron(0).expect("neuron 0");
    let (p, rows) =
        crate::published::published_problem(neuron, 0, &scores, kernel, net.threshold(), &config)
            .expect("problem");
    assert!(rows > k, "{rows} rows over {k} weights: not tall");
    p
}

#[test]
fn published_template_matches_clarabel() {
    // Two memories of period 10: about 370 rows over 250 weights.
    for seed in [1, 3, 4] {
        let p = published_neuron(seed, 250, 10.0, 2);
        let x = dense_weights(&p, Reduction::Variables);
        let reference = ClarabelBackend::default().solve(&p).expect("runs");
        assert!(reference.status.is_success(), "{:?}", reference.status);
        let gap = max_gap(&x, &reference.x);
        assert!(gap <= 1e-6, "seed {seed}: weights differ by {gap}");
        assert!(p.residual(&x) < 1e-8, "residual {}", p.residual(&x));
        let s = DenseBackend::default().solve(&p).expect("runs");
        assert_eq!(s.status, SolveStatus::Solved);
        assert_eq!(s.x, x);
    }
}

#[test]
fn dependent_equalities_are_solved() {
    let mut p = Problem::weights(3, Objective::L2, 1.0);
    for scale in [1.0, 2.0] {
        let row = Row::dense(&[scale, scale, 0.0], 0.4 * scale);
        p.add_equality(row).expect("row");
    }
    let s = DenseBackend::default().solve(&p).expect("runs");
    assert_eq!(s.status, SolveStatus::Solved);
    assert!((s.x[0] - 0.2).abs() < 1e-7 && (s.x[1] - 0.2).abs() < 1e-7);
    assert!(s.x[2].abs() < 1e-7);
}

#[test]
fn dependent_equalities_of_tall_problems_are_solved() {
    // A tall problem whose first equality appears twice (once scaled): the Schur complement on
    // the equalities is singular.
    let mut p = dense_problem(30, 120, 3);
    let first = p.equalities()[0].clone();
    let doubled: Vec<(usize, f64)> = first
        .coefficients
        .iter()
        .map(|&(j, v)| (j, 2.0 * v))
        .collect();
    p.add_equality(Row {
        coefficients: doubled,
        rhs: 2.0 * first.rhs,
    })
    .expect("row");
    let x = dense_weights(&p, Reduction::Variables);
    assert_matches_clarabel(&p, &x, "dependent equalities");
}

#[test]
fn sparse_rows_and_infeasibility_go_to_clarabel() {
    // L1 adds two sparse rows per weight: not the dense method's shape.
    let l1 = Problem::weights(4, Objective::L1, 0.2);
    assert!(Data::new(&l1).is_none());
    let mut p = Problem::weights(2, Objective::L2, 0.2);
    p.add_equality(Row::dense(&[1.0, 1.0], 1.0)).expect("row");
    let s = DenseBackend::default().solve(&p).expect("runs");
    assert!(s.status.is_infeasible(), "{:?}", s.status);
    assert!(s.x.is_empty());
}

#[test]
fn infeasible_tall_problems_end_with_clarabel_infeasible() {
    // A feasible tall problem made infeasible two ways: a row and its opposite that exclude
    // each other, and a dense row that needs more than the box allows.
    let mut next = sequence(7);
    let row: Vec<f64> = (0..40).map(|_| next()).collect();
    let opposite: Vec<f64> = row.iter().map(|a| -a).collect();
    let mut excluded = dense_problem(40, 160, 0);
    excluded
        .add_inequality(Row::dense(&row, -0.5))
        .expect("row");
    excluded
        .add_inequality(Row::dense(&opposite, -0.5))
        .expect("row");
    let mut boxed = dense_problem(40, 160, 0);
    boxed
        .add_inequality(Row::dense(&vec![-1.0; 40], -0.3 * 40.0))
        .expect("row");
    // And two published problems without a solution (about 350 rows over 150 weights).
    let published = [2, 3].map(|seed| published_neuron(seed, 150, 10.0, 2));
    for p in [excluded, boxed].into_iter().chain(published) {
        let data = Data::new(&p).expect("dense rows");
        assert_eq!(Reduction::choose(&data), Reduction::Variables);
        let settings = DenseSettings::default();
        let (x, iterations) = interior_point(&data, Reduction::Variables, &settings);
        assert!(x.is_none(), "an infeasible problem was solved");
        // The duals grow without bound: the method gives up before its iteration cap.
        assert!(iterations < settings.max_iter, "{iterations} iterations");
        let s = DenseBackend::default().solve(&p).expect("runs");
        assert!(s.status.is_infeasible(), "{:?}", s.status);
        assert!(s.x.is_empty());
    }
}
