//! The weights of the jitter map packed for its application: one array of columns (32 bits)
//! and one of weights for all rows, with the offset of each row.
//!
//! Applying the map streams every weight once ([`super::JitterMap::apply_into`]); with about a
//! thousand weights per spike the map outgrows the caches from a few hundred neurons on, so
//! its application is bound by memory bandwidth. Packed, a weight takes 12 bytes instead of
//! the 16 of a `(usize, f64)` pair, in one block instead of one allocation per row: measured
//! on the map of 600 neurons (4,228 spikes), the whole stability analysis takes about 30% less
//! time and 20% less memory (docs/performance.md).

use crate::SimError;

/// The rows of the map, packed (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Packed {
    /// Row `m` is `cols[starts[m]..starts[m + 1]]` with `vals[...]` (sorted by column).
    starts: Vec<usize>,
    /// Per row, the index (into `cols`) of its first weight with a column at or beyond the
    /// dimension of the state (those read the oldest period of the state).
    splits: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f64>,
}

impl Packed {
    /// No rows yet.
    pub fn new() -> Self {
        Self {
            starts: vec![0],
            splits: Vec::new(),
            cols: Vec::new(),
            vals: Vec::new(),
        }
    }

    /// Appends a row of weights `(column, a)` sorted by column.
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] naming `score` for a column beyond 32 bits (the limits of
    /// the map, [`crate::limits::MAX_MAP_TERMS`], keep the columns far below).
    pub fn push_row(&mut self, row: &[(usize, f64)]) -> Result<(), SimError> {
        for &(c, a) in row {
            let col = u32::try_from(c).map_err(|_| SimError::InvalidParameter {
                name: "score",
                value: c as f64,
                reason: "the jitter map has a column beyond 2^32",
            })?;
            self.cols.push(col);
            self.vals.push(a);
        }
        self.starts.push(self.cols.len());
        Ok(())
    }

    /// Ends the construction: the split of every row at the state's `dimension`; frees the
    /// spare capacity.
    pub fn finish(mut self, dimension: usize) -> Self {
        self.splits = (0..self.len())
            .map(|m| {
                let (start, end) = (self.starts[m], self.starts[m + 1]);
                start + self.cols[start..end].partition_point(|&c| (c as usize) < dimension)
            })
            .collect();
        self.cols.shrink_to_fit();
        self.vals.shrink_to_fit();
        self
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The number of weights.
    pub fn num_terms(&self) -> usize {
        self.cols.len()
    }

    /// The weights `(column, a)` of row `m` (empty beyond the rows).
    pub fn row(&self, m: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = match (self.starts.get(m), self.starts.get(m + 1)) {
            (Some(&s), Some(&e)) => s..e,
            _ => 0..0,
        };
        self.cols[range.clone()]
            .iter()
            .zip(&self.vals[range])
            .map(|(&c, &a)| (c as usize, a))
    }

    /// Whether row `m` has no weight (a clamped spike).
    pub fn is_empty_row(&self, m: usize) -> bool {
        self.row(m).next().is_none()
    }

    /// Row `m` applied: its weights of columns below the dimension read `next` (this period's
    /// spikes already updated, then the shifted state), the others read `state` at the column
    /// minus `size` (the oldest period). `m` must be a row.
    pub fn update(&self, m: usize, next: &[f64], state: &[f64], size: usize) -> f64 {
        let (start, split, end) = (self.starts[m], self.splits[m], self.starts[m + 1]);
        gather(&self.cols[start..split], &self.vals[start..split], next, 0)
            + gather(&self.cols[split..end], &self.vals[split..end], state, size)
    }
}

/// `sum a * x[c - offset]` over the weights, with four partial sums (the terms are many and a
/// single chain of additions would wait on each one).
fn gather(cols: &[u32], vals: &[f64], x: &[f64], offset: usize) -> f64 {
    let mut sums = [0.0; 4];
    let mut c4 = cols.chunks_exact(4);
    let mut v4 = vals.chunks_exact(4);
    for (c, v) in (&mut c4).zip(&mut v4) {
        for i in 0..4 {
            sums[i] += v[i] * x[c[i] as usize - offset];
        }
    }
    let rest: f64 = c4
        .remainder()
        .iter()
        .zip(v4.remainder())
        .map(|(&c, &a)| a * x[c as usize - offset])
        .sum();
    (sums[0] + sums[1]) + (sums[2] + sums[3]) + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_split_at_the_dimension() {
        let mut p = Packed::new();
        let rows: [&[(usize, f64)]; 3] = [&[(1, 0.5), (3, 0.5)], &[], &[(0, 0.25), (2, 0.75)]];
        for r in rows {
            p.push_row(r).expect("small columns");
        }
        let p = p.finish(2);
        assert_eq!(p.len(), 3);
        assert_eq!(p.num_terms(), 4);
        for (m, r) in rows.iter().enumerate() {
            assert_eq!(p.row(m).collect::<Vec<_>>(), r.to_vec());
        }
        assert!(p.is_empty_row(1) && !p.is_empty_row(0));
        assert_eq!(p.row(7).count(), 0);
        // Row 0: column 1 reads next[1], column 3 reads state[3 - size].
        let (next, state) = ([10.0, 20.0], [1.0, 2.0]);
        assert_eq!(p.update(0, &next, &state, 2), 0.5 * 20.0 + 0.5 * 2.0);
        // Row 2: column 0 reads next[0], column 2 (at the dimension) reads state[0].
        assert_eq!(p.update(2, &next, &state, 2), 0.25 * 10.0 + 0.75 * 1.0);
        assert!(Packed::new().push_row(&[(usize::MAX, 1.0)]).is_err());
    }

    #[test]
    fn gather_sums_every_term_past_the_chunks() {
        // 11 terms: two chunks of four and a remainder of three.
        let cols: Vec<u32> = (2..13).collect();
        let vals: Vec<f64> = (0..11).map(f64::from).collect();
        let x: Vec<f64> = (0..13).map(|i| f64::from(i) * 0.5).collect();
        let expected: f64 = (0..11).map(|i| f64::from(i) * f64::from(i + 2) * 0.5).sum();
        assert!((gather(&cols, &vals, &x, 0) - expected).abs() < 1e-12);
        // With an offset of 2 the same columns read x[0..11].
        let expected: f64 = (0..11).map(|i| f64::from(i) * f64::from(i) * 0.5).sum();
        assert!((gather(&cols, &vals, &x, 2) - expected).abs() < 1e-12);
    }
}
