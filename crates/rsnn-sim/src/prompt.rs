//! Prompts: spikes of one neuron that are replayed during a time window, while the neuron's own
//! dynamics is ignored there.

use crate::SimError;
use crate::limits::MAX_PROMPT_SPIKES;
use rsnn_signal::{LimitExceeded, SignalError, compact};
use rsnn_signal::{Score, SpikeTrain};
use serde::{Deserialize, Serialize};

/// The spikes of `neuron` replayed during `[window_start, window_end)`.
///
/// Inside the window the neuron emits exactly the replayed spikes (its potential keeps
/// integrating its inputs, but its threshold crossings are ignored); afterwards it runs freely,
/// with the replayed spikes counting for refractoriness. A replayed spike closer than one
/// refractory period to the neuron's previous spike (a free spike just before the window) is
/// skipped, so that every recorded train stays refractory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    /// The prompted neuron.
    pub neuron: usize,
    /// Start of the window (inclusive).
    pub window_start: f64,
    /// End of the window (exclusive).
    pub window_end: f64,
    /// The replayed spikes, inside the window.
    pub spikes: SpikeTrain,
}

impl Prompt {
    /// A validated prompt.
    ///
    /// # Errors
    /// [`SimError::InvalidPromptWindow`] for a non-finite or empty window,
    /// [`SimError::PromptSpikeOutsideWindow`], or an invalid spike train.
    pub fn new(
        neuron: usize,
        window_start: f64,
        window_end: f64,
        spikes: Vec<f64>,
    ) -> Result<Self, SimError> {
        let prompt = Self {
            neuron,
            window_start,
            window_end,
            spikes: SpikeTrain::for_channel(spikes, neuron)?,
        };
        prompt.check()?;
        Ok(prompt)
    }

    /// Prompts that replay the channels `neurons` of a periodic `score` during
    /// `[window_start, window_end)`, with score time 0 at absolute time `origin` (the spike `s`
    /// of a channel is replayed at `origin + s + k * period` for every integer `k` that puts it
    /// in the window).
    ///
    /// # Errors
    /// [`SimError::UnknownNeuron`] for a neuron without a channel in the score, an invalid
    /// window, or [`SignalError::Limit`] naming `window_end` for more than
    /// [`MAX_PROMPT_SPIKES`] replayed spikes (checked before any is computed).
    pub fn from_score(
        score: &Score,
        neurons: &[usize],
        window_start: f64,
        window_end: f64,
        origin: f64,
    ) -> Result<Vec<Self>, SimError> {
        if !origin.is_finite() {
            return Err(SimError::InvalidParameter {
                name: "origin",
                value: origin,
                reason: "must be finite",
            });
        }
        // The window first (NaN, infinite or empty windows), then the work it implies.
        if let Some(&neuron) = neurons.first() {
            Self::new(neuron, window_start, window_end, Vec::new())?;
        }
        let per_period: usize = neurons
            .iter()
            .filter_map(|&n| score.channel(n).map(|c| c.times().len()))
            .sum();
        let span = window_end - window_start;
        let size = (span / score.period() + 1.0) * per_period as f64;
        LimitExceeded::check(size, MAX_PROMPT_SPIKES, |size| {
            LimitExceeded::new(
                "window_end",
                window_end,
                size,
                "prompt spikes",
                MAX_PROMPT_SPIKES,
            )
            .context(format!(
                "a window of {} from {} over period {}",
                compact(span),
                compact(window_start),
                compact(score.period())
            ))
        })
        .map_err(SignalError::from)?;
        neurons
            .iter()
            .map(|&neuron| {
                let train = score.channel(neuron).ok_or(SimError::UnknownNeuron {
                    neuron,
                    num_neurons: score.num_channels(),
                })?;
                let times: Vec<f64> = train
                    .unrolled(window_start - origin, window_end - origin)
                    .into_iter()
                    .map(|t| t + origin)
                    .filter(|&t| t >= window_start && t < window_end)
                    .collect();
                Self::new(neuron, window_start, window_end, times)
            })
            .collect()
    }

    /// Checks the window and that every spike lies in it.
    ///
    /// # Errors
    /// As [`Prompt::new`].
    pub fn check(&self) -> Result<(), SimError> {
        let bad = |reason| SimError::InvalidPromptWindow {
            neuron: self.neuron,
            window_start: self.window_start,
            window_end: self.window_end,
            reason,
        };
        if !(self.window_start.is_finite() && self.window_end.is_finite()) {
            return Err(bad("the window ends must be finite"));
        }
        if self.window_start >= self.window_end {
            return Err(bad("the window must not be empty"));
        }
        if let Some(&time) = self
            .spikes
            .times()
            .iter()
            .find(|&&t| t < self.window_start || t >= self.window_end)
        {
            return Err(SimError::PromptSpikeOutsideWindow {
                neuron: self.neuron,
                time,
                window_start: self.window_start,
                window_end: self.window_end,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_validates() {
        assert!(Prompt::new(0, 0.0, 5.0, vec![1.0, 3.0]).is_ok());
        assert!(matches!(
            Prompt::new(0, 0.0, 5.0, vec![1.0, 5.0]),
            Err(SimError::PromptSpikeOutsideWindow { time: 5.0, .. })
        ));
        assert!(matches!(
            Prompt::new(2, 5.0, 5.0, vec![]),
            Err(SimError::InvalidPromptWindow { neuron: 2, .. })
        ));
        assert!(matches!(
            Prompt::new(0, 0.0, f64::INFINITY, vec![]),
            Err(SimError::InvalidPromptWindow { .. })
        ));
        assert!(matches!(
            Prompt::new(0, 0.0, 5.0, vec![1.0, 1.5]),
            Err(SimError::Signal(_))
        ));
    }

    #[test]
    fn from_score_unrolls_the_period() {
        let score = Score::new(10.0, vec![vec![1.0, 6.0], vec![], vec![9.5]]).unwrap();
        let p = Prompt::from_score(&score, &[0, 2], 5.0, 27.0, 2.0).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].spikes.times(), &[8.0, 13.0, 18.0, 23.0]);
        assert_eq!(p[1].spikes.times(), &[11.5, 21.5]);
        assert!(matches!(
            Prompt::from_score(&score, &[3], 0.0, 1.0, 0.0),
            Err(SimError::UnknownNeuron { neuron: 3, .. })
        ));
    }
}
