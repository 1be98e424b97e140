//! Clamped neurons: a neuron made to emit exactly given spikes during the whole run and before
//! it, through its history and one prompt.

use crate::{Prompt, SimError, SimulationConfig};
use rsnn_signal::SpikeTrain;

impl SimulationConfig {
    /// Clamps `neuron` to `spikes` for the whole run and before it: the spikes before `start`
    /// become the neuron's history (replacing what it had), and those in `[start, end)` are
    /// replayed by one prompt over the whole span `[start, end)`, so that the neuron emits
    /// exactly these spikes (its own threshold crossings are ignored); spikes at or after `end`
    /// are dropped. Other neurons receive the spikes before `start` as arrivals of the history,
    /// so a clamped copy that starts one cycle early already drives them at `start`.
    ///
    /// An empty history is first replaced by `num_neurons` empty trains. A neuron clamped once
    /// must not have another prompt: [`SimulationConfig::validate`] refuses the overlap.
    ///
    /// # Errors
    /// [`SimError::UnknownNeuron`] for `neuron >= num_neurons`, [`SimError::NeuronCount`] for a
    /// history of another length, [`SimError::InvalidParameter`] naming `start` or `end` for a
    /// span that is not finite and ordered.
    pub fn clamp(
        &mut self,
        num_neurons: usize,
        neuron: usize,
        spikes: &SpikeTrain,
    ) -> Result<(), SimError> {
        if neuron >= num_neurons {
            return Err(SimError::UnknownNeuron {
                neuron,
                num_neurons,
            });
        }
        if !self.start.is_finite() {
            return Err(SimError::InvalidParameter {
                name: "start",
                value: self.start,
                reason: "must be finite",
            });
        }
        if !(self.end.is_finite() && self.end >= self.start) {
            return Err(SimError::InvalidParameter {
                name: "end",
                value: self.end,
                reason: "must be finite and >= start",
            });
        }
        if self.history.is_empty() {
            self.history = vec![SpikeTrain::empty(); num_neurons];
        }
        if self.history.len() != num_neurons {
            return Err(SimError::NeuronCount {
                what: "history",
                expected: num_neurons,
                found: self.history.len(),
            });
        }
        let before: Vec<f64> = spikes.window(f64::NEG_INFINITY, self.start).to_vec();
        self.history[neuron] = SpikeTrain::for_channel(before, neuron)?;
        if self.start < self.end {
            let during = spikes.window(self.start, self.end).to_vec();
            self.prompts
                .push(Prompt::new(neuron, self.start, self.end, during)?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate;
    use rsnn_neuron::{Input, Network, Neuron};
    use rsnn_signal::AlphaKernel;

    /// Neuron 1 listens to neuron 0 (delay 1, weight 0.3: never enough to fire on its own).
    fn pair() -> Network {
        let listen = Neuron {
            inputs: vec![Input {
                source: 0,
                delay: 1.0,
                weight: 0.3,
            }],
        };
        Network::new(vec![Neuron::default(), listen], AlphaKernel::default()).expect("network")
    }

    #[test]
    fn spikes_split_into_history_and_one_prompt() {
        let mut c = SimulationConfig::new(0.0, 10.0);
        let spikes = SpikeTrain::new(vec![-3.0, -0.5, 2.0, 9.5, 10.5, 12.0]).expect("train");
        c.clamp(3, 1, &spikes).expect("clamp");
        assert_eq!(c.history.len(), 3);
        assert_eq!(c.history[1].times(), &[-3.0, -0.5]);
        assert!(c.history[0].is_empty() && c.history[2].is_empty());
        assert_eq!(c.prompts.len(), 1);
        let p = &c.prompts[0];
        assert_eq!((p.neuron, p.window_start, p.window_end), (1, 0.0, 10.0));
        assert_eq!(p.spikes.times(), &[2.0, 9.5]);
        assert!(c.validate(3).is_ok());
    }

    #[test]
    fn a_clamped_neuron_emits_exactly_its_spikes_and_drives_others_from_before_the_start() {
        let network = pair();
        let mut c = SimulationConfig::new(0.0, 6.0);
        c.sigma = 0.0;
        // Spikes at -0.5 (history) and 2.0, 4.0 (replayed) of neuron 0.
        let spikes = SpikeTrain::new(vec![-0.5, 2.0, 4.0]).expect("train");
        c.clamp(2, 0, &spikes).expect("clamp");
        let r = simulate(&network, &c).expect("run");
        assert_eq!(r.train(0).expect("neuron 0").times(), &[2.0, 4.0]);
        assert!(r.train(1).expect("neuron 1").is_empty());
        // The history spike at -0.5 reaches neuron 1 at 0.5: with a lower threshold it fires
        // before the first replayed spike could (which arrives at 3.0).
        let low = pair().with_threshold(0.2).expect("threshold");
        let r = simulate(&low, &c).expect("run");
        let first = r.train(1).expect("neuron 1").times()[0];
        assert!(first > 0.5 && first < 3.0, "{first}");
    }

    #[test]
    fn invalid_clamps_are_refused() {
        let spikes = SpikeTrain::new(vec![1.0]).expect("train");
        let mut c = SimulationConfig::new(0.0, 5.0);
        assert!(matches!(
            c.clamp(2, 2, &spikes),
            Err(SimError::UnknownNeuron { neuron: 2, .. })
        ));
        c.history = vec![SpikeTrain::empty()];
        assert!(matches!(
            c.clamp(2, 0, &spikes),
            Err(SimError::NeuronCount { found: 1, .. })
        ));
        let mut c = SimulationConfig::new(0.0, f64::NAN);
        assert!(matches!(
            c.clamp(2, 0, &spikes),
            Err(SimError::InvalidParameter { name: "end", .. })
        ));
        // Clamping twice overlaps the prompts: refused by the validation.
        let mut c = SimulationConfig::new(0.0, 5.0);
        c.clamp(2, 0, &spikes).expect("clamp");
        c.clamp(2, 0, &spikes).expect("clamp");
        assert!(matches!(
            c.validate(2),
            Err(SimError::OverlappingPrompts { neuron: 0, .. })
        ));
        // An empty span keeps the history only.
        let mut c = SimulationConfig::new(3.0, 3.0);
        c.clamp(1, 0, &SpikeTrain::new(vec![1.0, 4.0]).expect("train"))
            .expect("clamp");
        assert_eq!(c.history[0].times(), &[1.0]);
        assert!(c.prompts.is_empty() && c.validate(1).is_ok());
    }
}
