//! The construction of the jitter map (docs/model.md §7): its rows, one spike at a time.

use super::packed::Packed;
use super::{JitterMap, MAP_HINT, MapForm};
use crate::SimError;
use rsnn_neuron::Network;
use rsnn_signal::{LimitExceeded, Score, SignalError};

/// The state of the construction: per row, a dense accumulator over the columns `p * M + j`
/// with the list of the columns touched.
pub(super) struct Builder<'a> {
    network: &'a Network,
    /// Polled before each row: true stops the construction.
    stop: &'a (dyn Fn() -> bool + Sync),
    period: f64,
    horizon: f64,
    max_terms: f64,
    /// The weights stored so far.
    terms: usize,
    spikes: Vec<(f64, usize)>,
    /// Per channel: (time, index) of its spikes.
    by_channel: Vec<Vec<(f64, usize)>>,
    dense: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<usize>,
    periods: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        network: &'a Network,
        score: &Score,
        horizon: f64,
        max_terms: f64,
        stop: &'a (dyn Fn() -> bool + Sync),
    ) -> Self {
        let spikes = score.sorted_spikes();
        let mut by_channel: Vec<Vec<(f64, usize)>> = vec![Vec::new(); network.num_neurons()];
        for (index, &(t, c)) in spikes.iter().enumerate() {
            by_channel[c].push((t, index));
        }
        // Columns of the current and the previous period; more are added when needed.
        let columns = 2 * spikes.len();
        Self {
            network,
            stop,
            period: score.period(),
            horizon,
            max_terms,
            terms: 0,
            spikes,
            by_channel,
            dense: vec![0.0; columns],
            seen: vec![false; columns],
            touched: Vec::new(),
            periods: 1,
        }
    }

    /// Makes room for the columns of the copies `p` periods back, after checking the
    /// dimension `p * M` of the state.
    fn reserve(&mut self, p: usize) -> Result<(), SimError> {
        let size = self.spikes.len();
        let columns = (p + 1) * size;
        if columns <= self.dense.len() {
            return Ok(());
        }
        let dimension = (p * size) as f64;
        LimitExceeded::check(dimension, self.max_terms, |dimension| {
            LimitExceeded::new(
                "period",
                self.period,
                dimension,
                "rows of the jitter map (spikes per period times periods of the state)",
                self.max_terms,
            )
            .context(format!(
                "{size} spikes per period, arrivals from {p} periods back"
            ))
            .raise(MAP_HINT)
        })
        .map_err(SignalError::from)?;
        self.dense.resize(columns, 0.0);
        self.seen.resize(columns, false);
        Ok(())
    }

    /// Adds `weight * h'(lag)` for every copy of spike `j` (at `s_j`) reaching spike `m` (at
    /// `s_m`) with a lag in `(0, horizon)` through an input of delay `delay`.
    fn add_copies(
        &mut self,
        (s_m, s_j, j): (f64, f64, usize),
        delay: f64,
        weight: f64,
    ) -> Result<(), SimError> {
        let size = self.spikes.len();
        let kernel = self.network.kernel();
        let lag0 = s_m - s_j - delay;
        // The first copy that arrives strictly before s_m.
        let mut p = if lag0 > 0.0 {
            0
        } else {
            (-lag0 / self.period).floor() as usize
        };
        while lag0 + p as f64 * self.period <= 0.0 {
            p += 1;
        }
        loop {
            let lag = lag0 + p as f64 * self.period;
            if lag >= self.horizon {
                return Ok(());
            }
            let d = kernel.derivative(lag);
            if d != 0.0 {
                self.reserve(p)?;
                let c = p * size + j;
                if !self.seen[c] {
                    self.seen[c] = true;
                    self.touched.push(c);
                }
                self.dense[c] += weight * d;
            }
            p += 1;
        }
    }

    /// The map, or [`SimError::Cancelled`] when the stop check says so before some row.
    pub(super) fn build(mut self, clamped: Vec<usize>) -> Result<JitterMap, SimError> {
        let n = self.network.num_neurons();
        let size = self.spikes.len();
        let mut rows = Packed::new();
        let mut slopes = Vec::with_capacity(size);
        for m in 0..size {
            if (self.stop)() {
                return Err(SimError::Cancelled {
                    step: "construction of the jitter map",
                });
            }
            let (s_m, l) = self.spikes[m];
            if clamped.binary_search(&l).is_ok() {
                // Driven by the score: the spike does not move, whatever its potential.
                rows.push_row(&[])?;
                slopes.push(f64::NAN);
                continue;
            }
            let neuron = self.network.neuron(l).ok_or(SimError::UnknownNeuron {
                neuron: l,
                num_neurons: n,
            })?;
            for input in &neuron.inputs {
                for i in 0..self.by_channel[input.source].len() {
                    let (s_j, j) = self.by_channel[input.source][i];
                    self.add_copies((s_m, s_j, j), input.delay, input.weight)?;
                }
            }
            self.touched.sort_unstable();
            let slope: f64 = self.touched.iter().map(|&c| self.dense[c]).sum();
            let magnitude: f64 = self.touched.iter().map(|&c| self.dense[c].abs()).sum();
            if slope.is_nan() || slope.abs() <= 1e-12 * magnitude {
                return Err(SimError::ZeroSlope {
                    spike: m,
                    neuron: l,
                    time: s_m,
                    slope,
                });
            }
            let row: Vec<(usize, f64)> = self
                .touched
                .iter()
                .filter(|&&c| self.dense[c] != 0.0)
                .map(|&c| (c, self.dense[c] / slope))
                .collect();
            self.terms += row.len();
            LimitExceeded::check(self.terms as f64, self.max_terms, |terms| {
                LimitExceeded::new(
                    "score",
                    size as f64,
                    terms,
                    "weights of the jitter map",
                    self.max_terms,
                )
                .context(format!("after {} of {size} spikes", m + 1))
                .raise(MAP_HINT)
            })
            .map_err(SignalError::from)?;
            if let Some(&(last, _)) = row.last() {
                self.periods = self.periods.max(last / size);
            }
            for &c in &self.touched {
                self.dense[c] = 0.0;
                self.seen[c] = false;
            }
            self.touched.clear();
            rows.push_row(&row)?;
            slopes.push(slope);
        }
        let form = if self.periods <= 1 {
            MapForm::SinglePeriod
        } else {
            MapForm::MultiPeriod {
                periods: self.periods,
            }
        };
        Ok(JitterMap {
            spikes: self.spikes,
            rows: rows.finish(self.periods * size),
            slopes,
            periods: self.periods,
            form,
            clamped,
        })
    }
}
