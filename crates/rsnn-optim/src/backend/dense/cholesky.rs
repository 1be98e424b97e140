//! A small in-place Cholesky factorization that tolerates dependent rows, for the reduced
//! systems that may be singular: the row form's `m x m` matrix (dependent equalities) and the
//! variable form's Schur complement on the equalities.

use super::system::dot;

/// In-place Cholesky `M = L L'` of a symmetric positive semi-definite row-major matrix (lower
/// triangle used). A pivot that vanishes (a row dependent on earlier ones) is replaced by a huge
/// one, which sets that component of every solution to zero. A pivot vanishes when it falls
/// below `1e-14` times its diagonal entry.
pub(super) fn cholesky(m: &mut [f64], dim: usize) {
    for j in 0..dim {
        let row_j = &mut m[j * dim..(j + 1) * dim];
        // Relative to the row's own diagonal: the diagonal spans many orders of magnitude near
        // the end (the slacks over the duals of inactive rows grow without bound).
        let tiny = 1e-14 * row_j[j].max(f64::MIN_POSITIVE);
        let d = row_j[j] - dot(&row_j[..j], &row_j[..j]);
        row_j[j] = if d > tiny { d.sqrt() } else { 1e64 };
        for i in j + 1..dim {
            let (upper, lower) = m.split_at_mut(i * dim);
            let row_j = &upper[j * dim..j * dim + dim];
            let row_i = &mut lower[..dim];
            row_i[j] = (row_i[j] - dot(&row_i[..j], &row_j[..j])) / row_j[j];
        }
    }
}

/// Solves `L L' x = b` in place after [`cholesky`].
pub(super) fn cholesky_solve(l: &[f64], dim: usize, b: &mut [f64]) {
    for i in 0..dim {
        b[i] = (b[i] - dot(&l[i * dim..i * dim + i], &b[..i])) / l[i * dim + i];
    }
    for i in (0..dim).rev() {
        b[i] /= l[i * dim + i];
        let bi = b[i];
        for k in 0..i {
            b[k] -= l[i * dim + k] * bi;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_zeroes_dependent_components() {
        // Rows 0 and 1 of the Gram matrix of (1, 1) and (2, 2): rank one, plus an independent
        // unit row.
        let mut m = vec![2.0, 4.0, 0.0, 4.0, 8.0, 0.0, 0.0, 0.0, 3.0];
        cholesky(&mut m, 3);
        let mut b = vec![2.0, 4.0, 6.0];
        cholesky_solve(&m, 3, &mut b);
        assert!((b[0] - 1.0).abs() < 1e-12, "{b:?}");
        assert!(b[1].abs() < 1e-12, "{b:?}");
        assert!((b[2] - 2.0).abs() < 1e-12, "{b:?}");
    }
}
