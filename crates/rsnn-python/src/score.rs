//! Scores (one periodic spike train per neuron) and periodic trains, and random scores.

use crate::convert::{Floats, array, arrays, to_vec};
use crate::errors::IntoPy;
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rsnn::recipes::NetworkSpec;
use rsnn::seeds::Seeds;
use rsnn::signal::{PeriodicTrain, Score};

/// A score: one periodic spike train per neuron with a common period T; spike times lie in
/// [0, T) and every train is circularly refractory (spikes at least 1 apart, across the period
/// boundary too).
///
/// Score(period, channels): `channels` is a sequence of float64 arrays (or lists), one per
/// neuron,
/// each sorted. Raises ValueError for unsorted, out-of-range or too close spike times.
#[pyclass(name = "Score", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyScore {
    pub(crate) inner: Score,
}

#[pymethods]
impl PyScore {
    #[new]
    fn new(period: f64, channels: Vec<Floats<'_>>) -> PyResult<Self> {
        let channels = channels.iter().map(to_vec).collect();
        Ok(Self {
            inner: Score::new(period, channels).py()?,
        })
    }

    /// The period T.
    #[getter]
    fn period(&self) -> f64 {
        self.inner.period()
    }

    /// The number of channels (neurons).
    #[getter]
    fn num_channels(&self) -> usize {
        self.inner.num_channels()
    }

    /// The number of spikes per period, all channels.
    #[getter]
    fn num_spikes(&self) -> usize {
        self.inner.num_spikes()
    }

    /// The mean number of spikes per channel and period.
    #[getter]
    fn mean_spikes_per_channel(&self) -> f64 {
        self.inner.mean_spikes_per_channel()
    }

    /// The spike times of every channel: a list of float64 arrays (copies).
    #[getter]
    fn channels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        arrays(py, self.inner.channels().iter().map(PeriodicTrain::times))
    }

    /// The spike times of channel `i` (a float64 array). Raises IndexError for a channel the
    /// score does not have.
    fn channel<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let train = self.inner.channel(i).ok_or_else(|| {
            pyo3::exceptions::PyIndexError::new_err(format!(
                "channel {i} out of range: the score has {} channels",
                self.inner.num_channels()
            ))
        })?;
        Ok(PyArray1::from_slice(py, train.times()))
    }

    /// Every spike as two arrays `(times, channels)`, sorted by time: the input of a raster
    /// plot.
    fn spikes<'py>(
        &self,
        py: Python<'py>,
    ) -> (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<i64>>) {
        let (times, ids): (Vec<f64>, Vec<i64>) = self
            .inner
            .sorted_spikes()
            .into_iter()
            .map(|(t, c)| (t, c as i64))
            .unzip();
        (array(py, times), PyArray1::from_vec(py, ids))
    }

    fn __len__(&self) -> usize {
        self.inner.num_channels()
    }

    fn __repr__(&self) -> String {
        format!(
            "Score(period={}, channels={}, spikes={})",
            self.inner.period(),
            self.inner.num_channels(),
            self.inner.num_spikes()
        )
    }
}

/// One periodic spike train: spike times in [0, period), circularly refractory.
///
/// PeriodicTrain(period, times). Raises ValueError for invalid spike times.
#[pyclass(name = "PeriodicTrain", module = "rsnn", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPeriodicTrain {
    pub(crate) inner: PeriodicTrain,
}

#[pymethods]
impl PyPeriodicTrain {
    #[new]
    fn new(period: f64, times: Floats<'_>) -> PyResult<Self> {
        Ok(Self {
            inner: PeriodicTrain::new(period, to_vec(&times)).py()?,
        })
    }

    /// The period.
    #[getter]
    fn period(&self) -> f64 {
        self.inner.period()
    }

    /// The spike times (a float64 array, a copy).
    #[getter]
    fn times<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, self.inner.times())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "PeriodicTrain(period={}, spikes={})",
            self.inner.period(),
            self.inner.len()
        )
    }
}

/// The size of a random network and of its scores, checked as the facade checks it.
pub fn spec(neurons: usize, inputs: usize, period: f64, rate: f64) -> PyResult<NetworkSpec> {
    let spec = NetworkSpec {
        neurons,
        inputs,
        period,
        rate,
    };
    spec.validate().py()?;
    Ok(spec)
}

/// Samples a random score (docs/model.md §4): `neurons` channels of period `period` with rate
/// parameter `rate`, drawn from the seed policy of master seed `seed` (memory `memory`, 0 for
/// the first score), exactly as `rsnn sample --seed SEED` and the facade's pipeline do.
///
/// Raises ValueError for an invalid size, period or rate.
#[pyfunction]
#[pyo3(signature = (neurons = 200, period = 50.0, rate = 0.2, *, seed = 1, memory = 0))]
pub fn sample_score(
    py: Python<'_>,
    neurons: usize,
    period: f64,
    rate: f64,
    seed: u64,
    memory: usize,
) -> PyResult<PyScore> {
    let spec = spec(neurons, 1, period, rate)?;
    let score = py.detach(|| spec.sample_score(memory, &Seeds::new(seed)));
    Ok(PyScore { inner: score.py()? })
}
