//! Precision and recall of one cycle (docs/model.md §6).
//!
//! The spikes produced in the window `[t0, t0 + T)` are taken modulo `T` (if the first and the
//! last of them are closer than the refractory period across the boundary, the last is dropped,
//! with the rounding tolerance of [`PeriodicTrain`]) and compared with the prescribed periodic
//! train of each channel through the triangular kernel `kappa(x) = max(0, 1 - 2|x|)` of the
//! circular distance. One global lag, shared by all channels, is chosen among the pairwise
//! differences `produced - prescribed` (wrapped to `[-T/2, T/2)`), separately for precision
//! (each channel's correlation divided by its number of produced spikes) and for recall
//! (divided by its number of prescribed spikes). A channel with both trains empty scores 1,
//! with exactly one empty 0. Since the correlation is piecewise linear in the lag with its
//! peaks at pairwise differences, this is also the maximum over all real lags; the sweep is
//! exact and costs `O(N log N)` for `N` pairwise differences (see the `lag` module source).
//!
//! Mathematically both values lie in `[0, 1]` (refractoriness lets a spike match at most one
//! spike of the other train); they are clamped to that range to hide rounding.

use crate::lag::{Bump, max_correlation, push_bumps};
use crate::train::check_times;
use crate::{PeriodicTrain, REFRACTORY_PERIOD, REFRACTORY_TOLERANCE, Score, SignalError};
use serde::{Deserialize, Serialize};

/// Precision and recall of one cycle, both in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Similarity {
    /// How many produced spikes are where prescribed spikes are (1 = no extra spike).
    pub precision: f64,
    /// How many prescribed spikes were produced (1 = no missed spike).
    pub recall: f64,
}

fn check_start(name: &'static str, value: f64) -> Result<(), SignalError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(SignalError::InvalidParameter {
            name,
            value,
            reason: "must be finite",
        })
    }
}

/// The produced spikes of the window `[start, start + period)` of a valid (sorted) train, taken
/// modulo `period` and sorted; the last is dropped if it is closer than the refractory period
/// to the first across the boundary.
fn fold(times: &[f64], period: f64, start: f64) -> Vec<f64> {
    let end = start + period;
    let lo = times.partition_point(|&t| t < start);
    let hi = times.partition_point(|&t| t < end).max(lo);
    let mut window = &times[lo..hi];
    if let (Some(&first), Some(&last)) = (window.first(), window.last())
        && window.len() >= 2
        && first + period - last < REFRACTORY_PERIOD - REFRACTORY_TOLERANCE
    {
        window = &window[..window.len() - 1];
    }
    let mut folded: Vec<f64> = window
        .iter()
        .map(|&t| {
            let r = t.rem_euclid(period);
            if r >= period { 0.0 } else { r }
        })
        .collect();
    folded.sort_by(f64::total_cmp);
    folded
}

/// The produced spikes of one cycle `[window_start, window_start + T)` as a periodic train:
/// taken modulo `T`, the last dropped if it is closer than the refractory period to the first
/// across the boundary.
///
/// # Errors
/// An invalid period, a non-finite `window_start`, or invalid `produced` times (non-finite,
/// unsorted or not refractory).
pub fn fold_cycle<S: AsRef<[f64]> + ?Sized>(
    produced: &S,
    period: f64,
    window_start: f64,
) -> Result<PeriodicTrain, SignalError> {
    crate::train::check_period(period)?;
    check_start("window_start", window_start)?;
    check_times(produced.as_ref(), None)?;
    PeriodicTrain::new(period, fold(produced.as_ref(), period, window_start))
}

/// Similarity of already validated inputs.
fn similarity_unchecked<S: AsRef<[f64]>>(
    prescribed: &Score,
    produced: &[S],
    window_start: f64,
) -> Similarity {
    let period = prescribed.period();
    let channels = prescribed.num_channels();
    if channels == 0 {
        return Similarity {
            precision: 1.0,
            recall: 1.0,
        };
    }
    let mut constant = 0.0;
    let mut bumps: Vec<Bump> = Vec::new();
    for (train, times) in prescribed.channels().iter().zip(produced) {
        let folded = fold(times.as_ref(), period, window_start);
        match (train.is_empty(), folded.is_empty()) {
            (true, true) => constant += 1.0,
            (false, false) => push_bumps(&mut bumps, train.times(), &folded, period),
            _ => {}
        }
    }
    let (best_precision, best_recall) = max_correlation(&mut bumps, period);
    let l = channels as f64;
    Similarity {
        precision: ((constant + best_precision) / l).clamp(0.0, 1.0),
        recall: ((constant + best_recall) / l).clamp(0.0, 1.0),
    }
}

fn check_produced<S: AsRef<[f64]>>(prescribed: &Score, produced: &[S]) -> Result<(), SignalError> {
    if produced.len() != prescribed.num_channels() {
        return Err(SignalError::ChannelMismatch {
            expected: prescribed.num_channels(),
            found: produced.len(),
        });
    }
    for (c, times) in produced.iter().enumerate() {
        check_times(times.as_ref(), Some(c))?;
    }
    Ok(())
}

/// Precision and recall of the cycle `[window_start, window_start + T)` of the produced spikes
/// (one train per channel, for instance `&[SpikeTrain]` or `&[Vec<f64>]`) against a prescribed
/// score, with one global lag.
///
/// ```
/// use rsnn_signal::{Score, multi_channel_similarity};
///
/// let score = Score::new(10.0, vec![vec![1.0, 5.0], vec![3.0]])?;
/// // The score played from t = 100 on, one channel 0.1 late.
/// let produced = vec![vec![101.0, 105.1], vec![103.0]];
/// let s = multi_channel_similarity(&score, &produced, 100.0)?;
/// assert!((s.precision - 0.95).abs() < 1e-12 && (s.recall - 0.95).abs() < 1e-12);
/// # Ok::<(), rsnn_signal::SignalError>(())
/// ```
///
/// # Errors
/// [`SignalError::ChannelMismatch`] if the channel counts differ; a non-finite `window_start`;
/// produced times that are not finite, sorted and refractory (the error names the channel).
pub fn multi_channel_similarity<S: AsRef<[f64]>>(
    prescribed: &Score,
    produced: &[S],
    window_start: f64,
) -> Result<Similarity, SignalError> {
    check_start("window_start", window_start)?;
    check_produced(prescribed, produced)?;
    Ok(similarity_unchecked(prescribed, produced, window_start))
}

/// Precision and recall of one channel, with its own best lag.
///
/// # Errors
/// A non-finite `window_start`; produced times that are not finite, sorted and refractory.
pub fn single_channel_similarity<S: AsRef<[f64]> + ?Sized>(
    prescribed: &PeriodicTrain,
    produced: &S,
    window_start: f64,
) -> Result<Similarity, SignalError> {
    check_start("window_start", window_start)?;
    check_times(produced.as_ref(), None)?;
    let score = Score::from_trains(prescribed.period(), vec![prescribed.clone()])?;
    Ok(similarity_unchecked(
        &score,
        &[produced.as_ref()],
        window_start,
    ))
}

/// Precision and recall of `cycles` consecutive cycles, the first starting at `first_start`
/// (cycle `k` is `[first_start + k T, first_start + (k + 1) T)`); each cycle has its own lag.
///
/// # Errors
/// As [`multi_channel_similarity`] (naming `first_start`).
pub fn cycle_similarities<S: AsRef<[f64]>>(
    prescribed: &Score,
    produced: &[S],
    first_start: f64,
    cycles: usize,
) -> Result<Vec<Similarity>, SignalError> {
    check_start("first_start", first_start)?;
    check_produced(prescribed, produced)?;
    let period = prescribed.period();
    Ok((0..cycles)
        .map(|k| similarity_unchecked(prescribed, produced, first_start + k as f64 * period))
        .collect())
}

#[cfg(test)]
#[path = "similarity_tests.rs"]
mod tests;
