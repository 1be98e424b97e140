//! The configuration of the whole pipeline, validated before any work is done.

use crate::Error;
use crate::recipes::{FreeStart, NetworkSpec, RecallProtocol};
use crate::seeds::Seeds;
use rsnn_optim::MemorizeConfig;
use rsnn_signal::limits::MAX_CYCLES;
use rsnn_signal::{LimitExceeded, compact};
use rsnn_sim::limits::MAX_NEURON_TIME;
use serde::{Deserialize, Serialize};

/// Everything the pipeline is run with. The defaults are those of `rsnn demo`
/// (docs/model.md §1): L = 200, K = 500, T = 50, lambda = 0.2, the squared-L2 template with
/// |w| <= 0.2, threshold noise 0.1, 10 free cycles, and associative recall with half the
/// neurons prompted (jitter 0.1) for 2 cycles, then 3 free cycles; master seed 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// The master seed of every random draw ([`crate::seeds`]).
    pub seed: u64,
    /// The size of the network and of its score.
    pub network: NetworkSpec,
    /// The memorization parameters.
    pub memorize: MemorizeConfig,
    /// Threshold noise sigma of the free run and of associative recall.
    pub noise: f64,
    /// Cycles of the free run.
    pub cycles: usize,
    /// The associative-recall protocol (its noise is [`PipelineConfig::noise`], its seed comes
    /// from the seed policy).
    pub recall: RecallSettings,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        Self {
            seed: 1,
            network: NetworkSpec::default(),
            memorize: MemorizeConfig::default(),
            noise: 0.1,
            cycles: 10,
            recall: RecallSettings::default(),
        }
    }
}

/// The associative-recall protocol of the pipeline, without its noise and seed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecallSettings {
    /// Fraction of neurons prompted, in `[0, 1]` (default 0.5).
    pub prompted_fraction: f64,
    /// Standard deviation of the prompt's jitter (default 0.1).
    pub prompt_jitter: f64,
    /// Cycles during which the prompt is replayed (default 2).
    pub prompt_cycles: usize,
    /// Free cycles afterwards (default 3).
    pub free_cycles: usize,
    /// How the neurons that are not prompted start (default: silent).
    pub free_start: FreeStart,
}

impl Default for RecallSettings {
    fn default() -> Self {
        let p = RecallProtocol::default();
        Self {
            prompted_fraction: p.prompted_fraction,
            prompt_jitter: p.prompt_jitter,
            prompt_cycles: p.prompt_cycles,
            free_cycles: p.free_cycles,
            free_start: p.free_start,
        }
    }
}

impl PipelineConfig {
    /// The seed family of [`PipelineConfig::seed`].
    pub fn seeds(&self) -> Seeds {
        Seeds::new(self.seed)
    }

    /// The threshold-noise seed of the free run.
    pub fn free_run_seed(&self) -> u64 {
        self.seeds().free_run(0)
    }

    /// The full associative-recall protocol: the settings, the noise and the seed
    /// [`Seeds::recall`]`(0)`.
    pub fn recall_protocol(&self) -> RecallProtocol {
        let r = &self.recall;
        RecallProtocol {
            prompted_fraction: r.prompted_fraction,
            prompt_jitter: r.prompt_jitter,
            prompt_cycles: r.prompt_cycles,
            free_cycles: r.free_cycles,
            sigma: self.noise,
            seed: self.seeds().recall(0),
            free_start: r.free_start,
        }
    }

    /// Checks every parameter, so that a mistake fails at once and not after minutes of
    /// memorization.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (or the layer's error) naming the parameter: no neuron, an
    /// invalid period or rate, an invalid memorization parameter or backend, a negative or
    /// non-finite noise, no free cycle, an invalid recall protocol; a size above the layers'
    /// limits (score, network, free-run cycles or simulated neuron-time), named.
    pub fn validate(&self) -> Result<(), Error> {
        let net = &self.network;
        if net.neurons == 0 {
            return Err(invalid("network.neurons", 0.0, "must be at least 1"));
        }
        net.validate()?;
        self.memorize.validate()?;
        if !(self.noise.is_finite() && self.noise >= 0.0) {
            return Err(invalid("noise", self.noise, "must be finite and >= 0"));
        }
        if self.cycles == 0 {
            return Err(invalid("cycles", 0.0, "must be at least 1"));
        }
        if self.cycles as f64 > MAX_CYCLES {
            return Err(invalid(
                "cycles",
                self.cycles as f64,
                "must be at most 1e6 (the measurement limit)",
            ));
        }
        let recall = self.recall_protocol();
        recall.validate()?;
        let longest = self.cycles.max(recall.prompt_cycles + recall.free_cycles) as f64;
        let size = longest * net.period * net.neurons as f64;
        LimitExceeded::check(size, MAX_NEURON_TIME, |size| {
            LimitExceeded::new(
                "cycles",
                longest,
                size,
                "neuron-time units",
                MAX_NEURON_TIME,
            )
            .context(format!(
                "the longest run, {} neurons, period {}",
                net.neurons,
                compact(net.period)
            ))
        })
        .map_err(rsnn_signal::SignalError::from)?;
        Ok(())
    }
}

fn invalid(name: &'static str, value: f64, reason: &'static str) -> Error {
    Error::InvalidParameter {
        name,
        value,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_round_trip() {
        let c = PipelineConfig::default();
        c.validate().expect("valid defaults");
        let text = serde_json::to_string(&c).expect("serializes");
        let back: PipelineConfig = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, c);
        let partial: PipelineConfig = serde_json::from_str(r#"{"seed": 7}"#).expect("parses");
        assert_eq!((partial.seed, partial.cycles), (7, 10));
        assert!(serde_json::from_str::<PipelineConfig>(r#"{"sed": 7}"#).is_err());
    }

    #[test]
    fn bad_parameters_are_named() {
        let message = |c: PipelineConfig| c.validate().expect_err("invalid").to_string();
        let c = PipelineConfig {
            noise: -1.0,
            ..Default::default()
        };
        assert!(message(c).contains("`noise` = -1"));
        let c = PipelineConfig {
            cycles: 0,
            ..Default::default()
        };
        assert!(message(c).contains("`cycles`"));
        let mut c = PipelineConfig::default();
        c.recall.prompted_fraction = 1.5;
        assert!(message(c).contains("prompted_fraction"));
        let mut c = PipelineConfig::default();
        c.network.neurons = 0;
        assert!(message(c).contains("network.neurons"));
        let mut c = PipelineConfig::default();
        c.memorize.weight_bound = -0.1;
        assert!(message(c).contains("weight_bound"));
    }
}
