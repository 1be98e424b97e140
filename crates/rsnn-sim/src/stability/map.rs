//! The jitter-propagation map of a periodic score (docs/model.md §7): its construction.

use super::MapForm;
use super::builder::Builder;
use super::packed::Packed;
use crate::SimError;
use crate::limits::{MAX_HORIZON_PERIODS, MAX_MAP_TERMS};
use rsnn_neuron::Network;
use rsnn_signal::{LimitExceeded, Score, SignalError, compact};

/// Relative size of the kernel derivative below which older periodic copies of a spike are
/// ignored (the kernel horizon used for the lags).
const HORIZON_TOLERANCE: f64 = 1e-15;

/// How the library says the map's limit is raised.
pub const MAP_HINT: &str = "raise it with JitterMap::new_within";

/// The linearized update of every prescribed spike of one period (docs/model.md §7).
///
/// Spike `m` (in time order) moves by a weighted average of the timing errors of the periodic
/// copies of spikes `j` whose arrivals shape its potential: the copy of spike `j` fired `p`
/// periods before the current one carries the error of that period. Its weight is
/// `a[m][(p, j)] = r[m][(p, j)] / sum r[m][.]` with
/// `r[m][(p, j)] = sum_k w_k h'(s_m - s_j - d_k + p T)` over the inputs `k` of spike `m`'s
/// neuron whose source fires spike `j`, for the lags `s_m - s_j - d_k + p T` in
/// `(0, horizon)` (an arrival after `s_m` does not shape the potential before the spike). The
/// denominator is the slope `z'(s_m)` of the periodic potential. A weight with `p = 0` names a
/// spike of the current period that fired (and arrived) before spike `m`.
///
/// A term is stored under the column `p * M + j` (`M` spikes per period), so the columns of a
/// row sorted increasingly are sorted by `(p, j)`. The largest `p` is the number of periods
/// [`JitterMap::periods`] of the state the map acts on ([`MapForm`]).
#[derive(Debug, Clone, PartialEq)]
pub struct JitterMap {
    pub(super) spikes: Vec<(f64, usize)>,
    /// The weights of every row (spike), packed.
    pub(super) rows: Packed,
    pub(super) slopes: Vec<f64>,
    pub(super) periods: usize,
    pub(super) form: MapForm,
    /// The neurons clamped to the score (sorted, distinct): their spikes have empty rows.
    pub(super) clamped: Vec<usize>,
}

impl JitterMap {
    /// Builds the map of `network` for the periodic `score` (one channel per neuron).
    ///
    /// # Errors
    /// [`SimError::NeuronCount`] when the score's channels do not match the neurons,
    /// [`SimError::ZeroSlope`] when some spike's slope is zero or negligible against its terms.
    pub fn new(network: &Network, score: &Score) -> Result<Self, SimError> {
        Self::new_within(network, score, MAX_MAP_TERMS)
    }

    /// As [`JitterMap::new`], with another limit on the size of the map (its stored weights,
    /// and the entries of its state: spikes per period times periods) than [`MAX_MAP_TERMS`].
    ///
    /// # Errors
    /// As [`JitterMap::new`]; [`SignalError::Limit`] naming `score` for more spikes than
    /// `max_terms` or more weights in total, `period` for a state of so many periods that its
    /// dimension exceeds `max_terms`, or `tau` for a kernel horizon of more than
    /// [`MAX_HORIZON_PERIODS`] periods.
    pub fn new_within(network: &Network, score: &Score, max_terms: f64) -> Result<Self, SimError> {
        Self::clamped_within(network, score, &[], max_terms)
    }

    /// As [`JitterMap::new_within`], with the neurons `clamped` driven by the score instead
    /// of their own potentials (see [`JitterMap::clamped`]).
    ///
    /// # Errors
    /// As [`JitterMap::new_within`]; [`SimError::UnknownNeuron`] for a clamped neuron that
    /// the network does not have. A clamped neuron's slopes are never checked.
    pub fn clamped_within(
        network: &Network,
        score: &Score,
        clamped: &[usize],
        max_terms: f64,
    ) -> Result<Self, SimError> {
        Self::clamped_until(network, score, clamped, max_terms, &|| false)
    }

    /// As [`JitterMap::clamped_within`], with a stop check polled before each row is built:
    /// once `stop()` returns true the construction ends with [`SimError::Cancelled`]. With a
    /// `stop` that never returns true, the map of [`JitterMap::clamped_within`].
    ///
    /// # Errors
    /// As [`JitterMap::clamped_within`], and [`SimError::Cancelled`].
    pub fn clamped_until(
        network: &Network,
        score: &Score,
        clamped: &[usize],
        max_terms: f64,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Self, SimError> {
        let size = score.num_spikes() as f64;
        LimitExceeded::check(size, max_terms, |size| {
            LimitExceeded::new(
                "score",
                size,
                size,
                "spikes (rows of the jitter map)",
                max_terms,
            )
            .raise(MAP_HINT)
        })
        .map_err(SignalError::from)?;
        let horizon = network.kernel().horizon(HORIZON_TOLERANCE)?;
        let periods = horizon / score.period();
        LimitExceeded::check(periods, MAX_HORIZON_PERIODS, |size| {
            LimitExceeded::new(
                "tau",
                network.kernel().tau(),
                size,
                "periods in the kernel horizon",
                MAX_HORIZON_PERIODS,
            )
            .context(format!(
                "horizon {}, period {}",
                compact(horizon),
                compact(score.period())
            ))
        })
        .map_err(SignalError::from)?;
        let n = network.num_neurons();
        if score.num_channels() != n {
            return Err(SimError::NeuronCount {
                what: "score channels",
                expected: n,
                found: score.num_channels(),
            });
        }
        let clamped = super::clamped::checked(clamped, n)?;
        Builder::new(network, score, horizon, max_terms, stop).build(clamped)
    }

    /// Number of spikes `M` per period.
    pub fn num_spikes(&self) -> usize {
        self.spikes.len()
    }

    /// Number of periods `P` of the state: the largest `p` of a term (1 for a score without
    /// spikes).
    pub fn periods(&self) -> usize {
        self.periods
    }

    /// The dimension `P * M` of the state and of [`JitterMap::matrix`].
    pub fn dimension(&self) -> usize {
        self.periods * self.spikes.len()
    }

    /// The form of the state (one period, several periods, or the folded approximation).
    pub fn form(&self) -> MapForm {
        self.form
    }

    /// The spikes `(time, neuron)` of one period, in the order of the map's rows.
    pub fn spikes(&self) -> &[(f64, usize)] {
        &self.spikes
    }

    /// The nonzero weights `(column, a)` of spike `m`'s update, sorted by column, where column
    /// `p * M + j` is spike `j`'s copy from `p` periods before the current one (`p = 0`: the
    /// current period, then `j < m`). They sum to 1 (none for a clamped spike).
    pub fn row(&self, m: usize) -> Option<Vec<(usize, f64)>> {
        (m < self.rows.len()).then(|| self.rows.row(m).collect())
    }

    /// The number of stored weights (one multiply-add each per application of the map).
    pub fn num_terms(&self) -> usize {
        self.rows.num_terms()
    }

    /// The scale of the map: the largest sum of the magnitudes of a row's weights (at least
    /// 1, since the weights sum to 1; 1 for a map without spikes).
    pub fn scale(&self) -> f64 {
        (0..self.rows.len())
            .map(|m| self.rows.row(m).map(|(_, a)| a.abs()).sum::<f64>())
            .fold(1.0, f64::max)
    }

    /// The slope denominator `z'(s_m)` (the sum of the terms) of spike `m` (NaN for a spike
    /// of a clamped neuron, whose slope is not computed).
    pub fn slope(&self, m: usize) -> Option<f64> {
        self.slopes.get(m).copied()
    }
}
