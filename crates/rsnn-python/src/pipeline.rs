//! The facade's pipeline from Python: the same configuration, the same seed policy, the same
//! steps, so that a `Pipeline` with master seed S gives the score, weights and precision/recall
//! of `rsnn demo --seed S` and of `rsnn::pipeline::Pipeline`.

use crate::convert::{from_python, to_python};
use crate::errors::IntoPy;
use crate::files::PyPipelineSummary;
use crate::memorize::{PyMemorizeReport, memorize_in, scores_of};
use crate::network::PyNetwork;
use crate::recall::{PyRecall, recall_protocol};
use crate::recording::{PyMeasurement, PyRecording};
use crate::score::PyScore;
use crate::simulate::{check_channels, simulate_config};
use crate::stability::{PyStability, analyze};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rsnn::pipeline::{FreeRun, Pipeline, PipelineConfig, PipelineSummary, Recall, check_memorized};
use rsnn::recipes::free_recall_config;
use rsnn::sim::{Measurement, StabilityOptions};
use std::time::Instant;

/// The pipeline of `rsnn demo` (docs/model.md §8.1-8.2): sample a score, wire a network,
/// memorize, analyse stability, run freely from the perfect initial condition, run
/// associative recall; every random draw from one master seed.
///
/// Pipeline(config=None, *, seed=None, neurons=None, inputs=None, period=None, rate=None,
/// weight_bound=None, noise=None, cycles=None): `config` is a dict in the layout of
/// `Pipeline().config` (nested: network, memorize, recall; missing fields keep the demo's
/// defaults); the keywords override its most used fields. Every parameter is checked here:
/// ValueError names the first invalid one.
#[pyclass(name = "Pipeline", module = "rsnn", frozen)]
#[derive(Debug, Clone)]
pub struct PyPipeline {
    inner: Pipeline,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (config = None, *, seed = None, neurons = None, inputs = None,
        period = None, rate = None, weight_bound = None, noise = None, cycles = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        seed: Option<u64>,
        neurons: Option<usize>,
        inputs: Option<usize>,
        period: Option<f64>,
        rate: Option<f64>,
        weight_bound: Option<f64>,
        noise: Option<f64>,
        cycles: Option<usize>,
    ) -> PyResult<Self> {
        let mut c: PipelineConfig = match config {
            Some(dict) => from_python(dict, "pipeline config")?,
            None => PipelineConfig::default(),
        };
        let set = |target: &mut _, value: Option<_>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        c.seed = seed.unwrap_or(c.seed);
        set(&mut c.network.neurons, neurons);
        set(&mut c.network.inputs, inputs);
        c.network.period = period.unwrap_or(c.network.period);
        c.network.rate = rate.unwrap_or(c.network.rate);
        c.memorize.weight_bound = weight_bound.unwrap_or(c.memorize.weight_bound);
        c.noise = noise.unwrap_or(c.noise);
        set(&mut c.cycles, cycles);
        Ok(Self {
            inner: Pipeline::new(c).py()?,
        })
    }

    /// The configuration (a dict; `Pipeline(config)` accepts it back).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.inner.config())
    }

    /// The master seed.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.config().seed
    }

    /// Samples the score of memory `memory` (0 for the pipeline's only score).
    #[pyo3(signature = (memory = 0))]
    fn sample(&self, py: Python<'_>, memory: usize) -> PyResult<PyScore> {
        let score = py.detach(|| self.inner.sample(memory)).py()?;
        Ok(PyScore { inner: score })
    }

    /// Wires the network (weights zero, threshold 1).
    fn wire(&self, py: Python<'_>) -> PyResult<PyNetwork> {
        let network = py.detach(|| self.inner.wire()).py()?;
        Ok(PyNetwork { inner: network })
    }

    /// Memorizes `scores` (a Score or a sequence) in `network` with the pipeline's parameters,
    /// replacing its weights; see `rsnn.memorize`.
    #[pyo3(signature = (network, scores, *, progress = None))]
    fn memorize(
        &self,
        py: Python<'_>,
        network: &Bound<'_, PyNetwork>,
        scores: &Bound<'_, PyAny>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyMemorizeReport> {
        let config = self.inner.config().memorize.clone();
        memorize_in(py, network, scores_of(scores)?, config, progress)
    }

    /// The stability analysis of `score` in the memorized `network` (default options).
    #[pyo3(signature = (network, score, *, progress = None))]
    fn stability(
        &self,
        py: Python<'_>,
        network: &PyNetwork,
        score: &PyScore,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyStability> {
        analyze(py, network, score, StabilityOptions::default(), progress)
    }

    /// The free run: `cycles` periods from the perfect initial condition with the pipeline's
    /// noise and free-run seed, measured. Returns `(recording, measurement)`.
    #[pyo3(signature = (network, score, *, progress = None))]
    fn free_run(
        &self,
        py: Python<'_>,
        network: &PyNetwork,
        score: &PyScore,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(PyRecording, PyMeasurement)> {
        let c = self.inner.config();
        check_channels(&network.inner, &score.inner)?;
        let sim = free_recall_config(
            &network.inner,
            &score.inner,
            c.cycles,
            c.noise,
            c.free_run_seed(),
        )
        .py()?;
        let recording = simulate_config(py, network.inner.clone(), sim, progress)?;
        let measurement = Measurement::of(&recording, &score.inner, 0.0, c.cycles).py()?;
        Ok((
            PyRecording { inner: recording },
            PyMeasurement { inner: measurement },
        ))
    }

    /// Associative recall with the pipeline's protocol and seed.
    #[pyo3(signature = (network, score, *, progress = None))]
    fn recall(
        &self,
        py: Python<'_>,
        network: &PyNetwork,
        score: &PyScore,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyRecall> {
        let protocol = self.inner.config().recall_protocol();
        recall_protocol(py, network, score, protocol, progress)
    }

    /// Runs every step in order and returns a dict: score, network, memorize, stability,
    /// free_run (recording, measurement), recall and summary (a PipelineSummary). Raises
    /// ValueError when no neuron could be memorized.
    #[pyo3(signature = (*, progress = None))]
    fn run<'py>(
        &self,
        py: Python<'py>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let started = Instant::now();
        let score = Bound::new(py, self.sample(py, 0)?)?;
        let network = Bound::new(py, self.wire(py)?)?;
        let memorized = self.memorize(py, &network, score.as_any(), progress)?;
        check_memorized(&memorized.inner).py()?;
        let (net, sc) = (network.borrow(), score.get());
        let stability = self.stability(py, &net, sc, progress)?;
        let (recording, measurement) = self.free_run(py, &net, sc, progress)?;
        let recall = self.recall(py, &net, sc, progress)?;
        let free = FreeRun {
            seed: self.inner.config().free_run_seed(),
            recording: recording.inner.clone(),
            measurement: measurement.inner.clone(),
        };
        let rec = Recall {
            record: recall.inner.clone(),
            recording: recall
                .recording
                .clone()
                .unwrap_or_else(|| free.recording.clone()),
        };
        let summary = PipelineSummary::new(
            self.inner.config(),
            &sc.inner,
            &memorized.inner,
            &stability.inner,
            &free,
            &rec,
            started.elapsed().as_secs_f64(),
        );
        drop(net);
        let out = PyDict::new(py);
        out.set_item("score", score)?;
        out.set_item("network", network)?;
        out.set_item("memorize", memorized)?;
        out.set_item("stability", stability)?;
        out.set_item("free_run", (recording, measurement))?;
        out.set_item("recall", recall)?;
        out.set_item("summary", PyPipelineSummary { inner: summary })?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let c = self.inner.config();
        format!(
            "Pipeline(seed={}, neurons={}, inputs={}, period={}, cycles={})",
            c.seed, c.network.neurons, c.network.inputs, c.network.period, c.cycles
        )
    }
}
