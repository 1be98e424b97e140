//! Simulation from Python: noise, seed, initial condition and prompts as keyword arguments, a
//! recording back; Ctrl-C stops the run within about a hundredth of its span.

use crate::convert::{Floats, to_vec};
use crate::errors::{IntoPy, invalid};
use crate::network::PyNetwork;
use crate::recording::PyRecording;
use crate::run::{run, time_units};
use crate::score::PyScore;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rsnn::neuron::Network;
use rsnn::seeds::Seeds;
use rsnn::signal::{JitterConfig, Score, SpikeTrain, jitter_score};
use rsnn::sim::{Prompt, Recording, SimulationConfig, Simulator};

/// Runs `config` on a thread of its own (see `run`), progress in thousandths of the span.
pub fn simulate_config(
    py: Python<'_>,
    network: Network,
    config: SimulationConfig,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Recording> {
    config.validate(network.num_neurons()).py()?;
    run(py, "simulate", Some(1000), progress, move |control| {
        let (start, end) = (config.start, config.end);
        let run = Simulator::new(&network).run_with_progress(&config, &mut |t| {
            control.update_or_stop(time_units(t, start, end));
        });
        Ok(run?.0)
    })
}

/// The spike history of an `init` argument.
fn history(
    init: Option<&Bound<'_, PyAny>>,
    network: &Network,
    score: Option<&Score>,
) -> PyResult<Vec<SpikeTrain>> {
    let Some(init) = init else {
        return match score {
            Some(s) => rsnn::recipes::perfect_history(network, s).py(),
            None => Ok(Vec::new()),
        };
    };
    if let Ok(name) = init.extract::<String>() {
        return match name.as_str() {
            "perfect" => {
                let s = score.ok_or_else(|| {
                    PyValueError::new_err("init=\"perfect\" needs a score (score=...)")
                })?;
                check_channels(network, s)?;
                rsnn::recipes::perfect_history(network, s).py()
            }
            "silent" => Ok(Vec::new()),
            other => Err(PyValueError::new_err(format!(
                "unknown initial condition `{other}` (known: \"perfect\", \"silent\", a \
                 Recording, or one array of spike times before 0 per neuron)"
            ))),
        };
    }
    if let Ok(rec) = init.cast::<PyRecording>() {
        let rec = &rec.get().inner;
        if rec.num_neurons() != network.num_neurons() {
            return Err(PyValueError::new_err(format!(
                "the recording has {} neurons, but the network has {}",
                rec.num_neurons(),
                network.num_neurons()
            )));
        }
        let end = rec.end();
        return rec
            .trains()
            .iter()
            .map(|t| SpikeTrain::new(t.times().iter().map(|s| s - end).collect()).py())
            .collect();
    }
    let trains: Vec<Floats<'_>> = init.extract()?;
    trains
        .iter()
        .enumerate()
        .map(|(l, t)| SpikeTrain::for_channel(to_vec(t), l).py())
        .collect()
}

/// Fails unless the score has one channel per neuron (the command's message).
pub fn check_channels(network: &Network, score: &Score) -> PyResult<()> {
    if score.num_channels() != network.num_neurons() {
        return Err(PyValueError::new_err(format!(
            "the score has {} channels, but the network has {} neurons",
            score.num_channels(),
            network.num_neurons()
        )));
    }
    Ok(())
}

/// The prompts: the channels `neurons` of `source`, jittered with `jitter` from the prompt
/// stream of `seed`, replayed in `window` (score time 0 at absolute time 0).
fn prompts(
    source: &Score,
    neurons: &[usize],
    window: (f64, f64),
    jitter: f64,
    seed: u64,
) -> PyResult<Vec<Prompt>> {
    if !(jitter.is_finite() && jitter >= 0.0) {
        return Err(invalid("prompt_jitter", jitter, "must be finite and >= 0"));
    }
    let source = if jitter > 0.0 {
        let mut rng = Seeds::new(seed).prompt_rng();
        jitter_score(&mut rng, source, &JitterConfig::new(jitter)).py()?
    } else {
        source.clone()
    };
    Prompt::from_score(&source, neurons, window.0, window.1, 0.0).py()
}

/// Simulates `network` exactly (event-driven, docs/model.md §2) on [0, span) and returns
/// the recording.
///
/// The span is `duration`, or `cycles` periods of `score`. `init` is the initial condition:
/// "perfect" (the score continued backwards; the default when a score is given), "silent"
/// (the default without), a Recording to continue (shifted to end at time 0), or one array of spike
/// times before 0 per neuron. `noise` is the threshold noise sigma, `seed` its
/// seed (and that of the prompt jitter). `prompt` lists neurons whose spikes of
/// `prompt_score` (default: `score`), jittered by `prompt_jitter`, are replayed during
/// `prompt_window` (default: the first period). `max_neuron_time` raises the limit on span
/// times neurons. `progress(stage, done, total)` receives thousandths of the span.
///
/// Raises ValueError for a bad parameter, KeyboardInterrupt on Ctrl-C.
#[pyfunction]
#[pyo3(signature = (network, *, duration = None, cycles = None, score = None, init = None,
    noise = 0.1, seed = 0, prompt = None, prompt_window = None, prompt_score = None,
    prompt_jitter = 0.0, max_neuron_time = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn simulate(
    py: Python<'_>,
    network: &PyNetwork,
    duration: Option<f64>,
    cycles: Option<usize>,
    score: Option<&PyScore>,
    init: Option<&Bound<'_, PyAny>>,
    noise: f64,
    seed: u64,
    prompt: Option<Vec<usize>>,
    prompt_window: Option<(f64, f64)>,
    prompt_score: Option<&PyScore>,
    prompt_jitter: f64,
    max_neuron_time: Option<f64>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRecording> {
    let network = &network.inner;
    let score = score.map(|s| &s.inner);
    if let Some(s) = score {
        check_channels(network, s)?;
    }
    let span = match (duration, cycles) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "give either `duration` or `cycles`, not both",
            ));
        }
        (Some(d), None) => d,
        (None, Some(c)) => {
            let s = score.ok_or_else(|| {
                PyValueError::new_err("`cycles` needs a score (score=...) for the period")
            })?;
            c as f64 * s.period()
        }
        (None, None) => {
            return Err(PyValueError::new_err(
                "give the simulated span with `duration` or `cycles`",
            ));
        }
    };
    if !(span.is_finite() && span > 0.0) {
        let name = if duration.is_some() {
            "duration"
        } else {
            "cycles"
        };
        return Err(invalid(
            name,
            span,
            "the simulated span must be finite and positive",
        ));
    }
    if !(noise.is_finite() && noise >= 0.0) {
        return Err(invalid("noise", noise, "must be finite and >= 0"));
    }
    let mut config = SimulationConfig::new(0.0, span);
    config.sigma = noise;
    config.seed = seed;
    if let Some(limit) = max_neuron_time {
        if limit.is_nan() || limit <= 0.0 {
            return Err(invalid(
                "max_neuron_time",
                limit,
                "a limit must be a positive number",
            ));
        }
        config.limits.max_neuron_time = limit;
    }
    config.history = history(init, network, score)?;
    if let Some(neurons) = prompt {
        let source = prompt_score.map(|s| &s.inner).or(score).ok_or_else(|| {
            PyValueError::new_err("`prompt` needs a score (score=... or prompt_score=...)")
        })?;
        check_channels(network, source)?;
        let window = prompt_window.unwrap_or((0.0, source.period()));
        config.prompts = prompts(source, &neurons, window, prompt_jitter, seed)?;
    }
    let recording = simulate_config(py, network.clone(), config, progress)?;
    Ok(PyRecording { inner: recording })
}
