//! The parameters of one simulation run, and their validation.

use crate::limits::MAX_HISTORY_SPIKES;
use crate::{Prompt, SimError, SimLimits};
use rsnn_signal::{LimitExceeded, Score, SignalError, SpikeTrain};
use serde::{Deserialize, Serialize};

/// What to simulate: the time span, the threshold noise and its seed, the initial condition
/// (spike history) and the prompts. The nominal threshold is the network's
/// ([`rsnn_neuron::Network::threshold`]); a `threshold` field in an old JSON config is ignored.
///
/// Every field has a default (docs/model.md §1), so a JSON config may name only what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimulationConfig {
    /// Start of the simulated span (spikes are recorded in `[start, end)`).
    pub start: f64,
    /// End of the simulated span (exclusive).
    pub end: f64,
    /// Standard deviation of the threshold noise around the network's nominal threshold
    /// (default 0.1; 0 gives a deterministic run).
    pub sigma: f64,
    /// The seed of the threshold noise; neuron `l` draws from stream `l` of
    /// `ChaCha8Rng::seed_from_u64(seed)`.
    pub seed: u64,
    /// Spikes fired before `start`, one train per neuron (or empty for none): their arrivals
    /// shape the potentials, and they count for refractoriness.
    pub history: Vec<SpikeTrain>,
    /// Neurons whose spikes are replayed during a window.
    pub prompts: Vec<Prompt>,
    /// The limits the run is checked against (written to files only when not the defaults).
    #[serde(skip_serializing_if = "SimLimits::is_default")]
    pub limits: SimLimits,
}

impl Default for SimulationConfig {
    fn default() -> Self {
        Self {
            start: 0.0,
            end: 50.0,
            sigma: 0.1,
            seed: 0,
            history: Vec::new(),
            prompts: Vec::new(),
            limits: SimLimits::default(),
        }
    }
}

/// The spikes of `periods` periods of a score, placed just before `before`: score time 0 is at
/// `before`, so the spike `s` of a channel appears at `before + s - k * period` for
/// `k = 1..=periods`. With `before` the start of a simulation this is the "perfect initial
/// condition" that continues the score.
///
/// # Errors
/// [`SimError::InvalidParameter`] for a non-finite `before`; [`SignalError::Limit`] naming
/// `periods` for more than [`MAX_HISTORY_SPIKES`] spikes.
pub fn history_from_score(
    score: &Score,
    before: f64,
    periods: usize,
) -> Result<Vec<SpikeTrain>, SimError> {
    if !before.is_finite() {
        return Err(SimError::InvalidParameter {
            name: "before",
            value: before,
            reason: "must be finite",
        });
    }
    let size = periods as f64 * score.num_spikes() as f64;
    LimitExceeded::check(size, MAX_HISTORY_SPIKES, |size| {
        LimitExceeded::new(
            "periods",
            periods as f64,
            size,
            "history spikes",
            MAX_HISTORY_SPIKES,
        )
        .context(format!("{} spikes per period", score.num_spikes()))
    })
    .map_err(SignalError::from)?;
    let span = score.period() * periods as f64;
    score
        .channels()
        .iter()
        .enumerate()
        .map(|(c, train)| {
            let times = train
                .unrolled(-span, 0.0)
                .into_iter()
                .map(|t| t + before)
                .filter(|&t| t < before)
                .collect();
            Ok(SpikeTrain::for_channel(times, c)?)
        })
        .collect()
}

impl SimulationConfig {
    /// A configuration for `[start, end)` with the other fields at their defaults.
    pub fn new(start: f64, end: f64) -> Self {
        Self {
            start,
            end,
            ..Self::default()
        }
    }

    /// Checks every field against a network of `num_neurons` neurons.
    ///
    /// # Errors
    /// [`SimError::InvalidParameter`] naming the field, [`SignalError::Limit`] naming `end` for
    /// a span beyond [`SimLimits::max_neuron_time`], [`SimError::NeuronCount`] for a history
    /// of the wrong length, [`SimError::HistoryNotBeforeStart`], and for prompts
    /// [`SimError::UnknownNeuron`], [`SimError::InvalidPromptWindow`],
    /// [`SimError::PromptSpikeOutsideWindow`] or [`SimError::OverlappingPrompts`].
    pub fn validate(&self, num_neurons: usize) -> Result<(), SimError> {
        let param = |name, value, reason| SimError::InvalidParameter {
            name,
            value,
            reason,
        };
        if !self.start.is_finite() {
            return Err(param("start", self.start, "must be finite"));
        }
        if !(self.end.is_finite() && self.end >= self.start) {
            return Err(param("end", self.end, "must be finite and >= start"));
        }
        if !(self.sigma.is_finite() && self.sigma >= 0.0) {
            return Err(param("sigma", self.sigma, "must be finite and >= 0"));
        }
        self.limits.check_span(self.start, self.end, num_neurons)?;
        self.validate_history(num_neurons)?;
        self.validate_prompts(num_neurons)
    }

    fn validate_history(&self, num_neurons: usize) -> Result<(), SimError> {
        if self.history.is_empty() {
            return Ok(());
        }
        if self.history.len() != num_neurons {
            return Err(SimError::NeuronCount {
                what: "history",
                expected: num_neurons,
                found: self.history.len(),
            });
        }
        for (neuron, train) in self.history.iter().enumerate() {
            if let Some(time) = train.last().filter(|&t| t >= self.start) {
                return Err(SimError::HistoryNotBeforeStart {
                    neuron,
                    time,
                    start: self.start,
                });
            }
        }
        Ok(())
    }

    fn validate_prompts(&self, num_neurons: usize) -> Result<(), SimError> {
        let mut windows: Vec<(usize, f64, f64)> = Vec::with_capacity(self.prompts.len());
        for prompt in &self.prompts {
            if prompt.neuron >= num_neurons {
                return Err(SimError::UnknownNeuron {
                    neuron: prompt.neuron,
                    num_neurons,
                });
            }
            prompt.check()?;
            if prompt.window_start < self.start {
                return Err(SimError::InvalidPromptWindow {
                    neuron: prompt.neuron,
                    window_start: prompt.window_start,
                    window_end: prompt.window_end,
                    reason: "the window must not start before the simulation",
                });
            }
            windows.push((prompt.neuron, prompt.window_start, prompt.window_end));
        }
        windows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for pair in windows.windows(2) {
            let ((n0, s0, e0), (n1, s1, _)) = (pair[0], pair[1]);
            if n0 == n1 && s1 < e0 {
                return Err(SimError::OverlappingPrompts {
                    neuron: n0,
                    first: s0,
                    second: s1,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let c = SimulationConfig::default();
        assert_eq!((c.sigma, c.end), (0.1, 50.0));
        assert!(c.validate(3).is_ok());
        let c: SimulationConfig = serde_json::from_str(r#"{"end": 7, "seed": 3}"#).unwrap();
        assert_eq!((c.start, c.end, c.seed), (0.0, 7.0, 3));
    }

    #[test]
    fn invalid_fields_are_named() {
        let check = |c: SimulationConfig, field: &str| {
            let e = c.validate(2).unwrap_err();
            assert!(
                matches!(&e, SimError::InvalidParameter { name, .. } if *name == field),
                "{e}"
            );
        };
        let mut c = SimulationConfig::new(0.0, 10.0);
        c.sigma = -0.1;
        check(c.clone(), "sigma");
        c.sigma = f64::NAN;
        check(c, "sigma");
        check(SimulationConfig::new(5.0, 1.0), "end");
        check(SimulationConfig::new(f64::NAN, 1.0), "start");
    }

    #[test]
    fn an_old_threshold_field_is_ignored() {
        let c: SimulationConfig = serde_json::from_str(r#"{"end": 7, "threshold": 2}"#).unwrap();
        assert_eq!(c, SimulationConfig::new(0.0, 7.0));
    }

    #[test]
    fn history_is_checked() {
        let mut c = SimulationConfig::new(0.0, 10.0);
        c.history = vec![SpikeTrain::new(vec![-2.0]).unwrap()];
        assert!(matches!(
            c.validate(2),
            Err(SimError::NeuronCount {
                expected: 2,
                found: 1,
                ..
            })
        ));
        c.history.push(SpikeTrain::new(vec![-1.0, 0.0]).unwrap());
        assert!(matches!(
            c.validate(2),
            Err(SimError::HistoryNotBeforeStart { neuron: 1, .. })
        ));
    }

    #[test]
    fn prompts_are_checked() {
        let mut c = SimulationConfig::new(0.0, 10.0);
        c.prompts = vec![Prompt::new(3, 0.0, 5.0, vec![1.0]).unwrap()];
        assert!(matches!(
            c.validate(2),
            Err(SimError::UnknownNeuron { neuron: 3, .. })
        ));
        c.prompts = vec![
            Prompt::new(1, 4.0, 8.0, vec![]).unwrap(),
            Prompt::new(1, 0.0, 5.0, vec![]).unwrap(),
        ];
        assert!(matches!(
            c.validate(2),
            Err(SimError::OverlappingPrompts { neuron: 1, .. })
        ));
        c.prompts = vec![Prompt::new(0, -1.0, 5.0, vec![]).unwrap()];
        assert!(matches!(
            c.validate(2),
            Err(SimError::InvalidPromptWindow { .. })
        ));
        c.prompts[0].spikes = SpikeTrain::new(vec![7.0]).unwrap();
        c.prompts[0].window_start = 0.0;
        assert!(matches!(
            c.validate(2),
            Err(SimError::PromptSpikeOutsideWindow { .. })
        ));
    }

    #[test]
    fn serde_round_trip_with_history_and_prompts() {
        let score = Score::new(10.0, vec![vec![1.0, 6.0], vec![]]).unwrap();
        let mut c = SimulationConfig::new(0.0, 30.0);
        c.history = history_from_score(&score, 0.0, 1).unwrap();
        c.prompts = Prompt::from_score(&score, &[0], 0.0, 20.0, 0.0).unwrap();
        let text = serde_json::to_string(&c).unwrap();
        let back: SimulationConfig = serde_json::from_str(&text).unwrap();
        assert_eq!(back, c);
        assert!(back.validate(2).is_ok());
    }

    #[test]
    fn history_continues_the_score() {
        let score = Score::new(10.0, vec![vec![1.0, 6.0], vec![]]).unwrap();
        let h = history_from_score(&score, 100.0, 2).unwrap();
        assert_eq!(h[0].times(), &[81.0, 86.0, 91.0, 96.0]);
        assert!(h[1].is_empty());
        assert!(history_from_score(&score, f64::NAN, 1).is_err());
    }
}
