//! Clamped recall: the associative-recall protocol of the original experiment scripts
//! (docs/model.md §8.5). Some neurons are clamped, during the whole run and the cycles of the
//! initial condition before it, to one jittered copy of their trains; the others run freely.

use super::recall::{history_periods, recall_cycles, start_history};
use super::{FreeStart, RecallOutcome, RecallProtocol, choose_neurons};
use crate::Error;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::Network;
use rsnn_signal::{JitterConfig, Score, SpikeTrain, jitter_train};
use rsnn_sim::{SimulationConfig, Simulator};
use serde::{Deserialize, Serialize};

/// The clamped-recall protocol: a fraction of the neurons (the *clamped* or control neurons)
/// replay, from the start of the initial condition before time 0 to the end of the run, one
/// jittered copy of the score unrolled over that span, so every cycle is a fresh jittered copy
/// and the clamped spikes of cycle -1 already reach the other neurons at time 0. The other
/// (*autonomous*) neurons start as `free_start` says and run freely for `cycles` cycles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClampedProtocol {
    /// Fraction of the neurons clamped, in `[0, 1]` (default 0.5).
    pub prompted_fraction: f64,
    /// Standard deviation of the clamped copies' jitter (default 0.1).
    pub prompt_jitter: f64,
    /// Cycles simulated from time 0 (default 10).
    pub cycles: usize,
    /// Threshold noise (default 0.1).
    pub sigma: f64,
    /// Seed of the choice of clamped neurons, of their jitter, of a random start and of the
    /// threshold noise.
    pub seed: u64,
    /// How the autonomous neurons start (default: silent).
    pub free_start: FreeStart,
}

impl Default for ClampedProtocol {
    fn default() -> Self {
        Self {
            prompted_fraction: 0.5,
            prompt_jitter: 0.1,
            cycles: 10,
            sigma: 0.1,
            seed: 0,
            free_start: FreeStart::Silent,
        }
    }
}

impl ClampedProtocol {
    /// Checks the parameters that do not depend on the network.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the field, as [`RecallProtocol::validate`]; `cycles`
    /// for no cycle at all.
    pub fn validate(&self) -> Result<(), Error> {
        if self.cycles == 0 {
            return Err(Error::InvalidParameter {
                name: "cycles",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        RecallProtocol {
            prompted_fraction: self.prompted_fraction,
            prompt_jitter: self.prompt_jitter,
            prompt_cycles: self.cycles,
            free_cycles: 0,
            sigma: self.sigma,
            seed: self.seed,
            free_start: self.free_start,
        }
        .validate()
    }
}

/// Runs the clamped-recall protocol on a network that memorized `score`.
///
/// The clamped neurons are `round(f L)` neurons chosen from the seed; each replays one
/// jittered copy (Gibbs sampler of [`jitter_train`], refractoriness kept across cycles) of its
/// train unrolled over `[-P T, cycles T)`, where `P` is the number of periods of the perfect
/// initial condition ([`super::perfect_history`]; `P = 1` for the paper's sizes). In the
/// outcome, `prompted` lists the clamped neurons and every cycle counts as prompting; `free`
/// measures the autonomous neurons.
///
/// # Errors
/// Invalid protocol parameters, or a network and score that do not match.
pub fn clamped_recall(
    network: &Network,
    score: &Score,
    protocol: &ClampedProtocol,
) -> Result<RecallOutcome, Error> {
    protocol.validate()?;
    if score.num_channels() != network.num_neurons() {
        return Err(rsnn_signal::SignalError::ChannelMismatch {
            expected: network.num_neurons(),
            found: score.num_channels(),
        }
        .into());
    }
    let total = network.num_neurons();
    let period = score.period();
    let mut rng = ChaCha8Rng::seed_from_u64(protocol.seed);
    let count = (protocol.prompted_fraction * total as f64).round() as usize;
    let clamped = choose_neurons(&mut rng, total, count);
    let end = protocol.cycles as f64 * period;
    let from = -(history_periods(network, score)? as f64) * period;
    let jitter = JitterConfig::new(protocol.prompt_jitter);
    let mut copies = Vec::with_capacity(clamped.len());
    for &n in &clamped {
        let train = score.channel(n).ok_or(Error::InvalidParameter {
            name: "neuron",
            value: n as f64,
            reason: "has no channel in the score",
        })?;
        let nominal = SpikeTrain::for_channel(train.unrolled(from, end), n)?;
        let copy = jitter_train(
            &mut rng,
            &nominal,
            f64::NEG_INFINITY,
            f64::INFINITY,
            &jitter,
        )?;
        copies.push((n, copy));
    }
    let mut config = SimulationConfig::new(0.0, end);
    config.sigma = protocol.sigma;
    config.seed = rng.random();
    config.history = start_history(&mut rng, network, score, protocol.free_start)?;
    for (n, copy) in &copies {
        config.clamp(total, *n, copy)?;
    }
    let recording = Simulator::new(network).run(&config)?;
    let cycles = recall_cycles(
        score,
        &recording,
        &clamped,
        protocol.cycles,
        protocol.cycles,
    )?;
    Ok(RecallOutcome {
        prompted: clamped,
        recording,
        cycles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recipes::NetworkSpec;
    use crate::seeds::Seeds;
    use rsnn_optim::{MemorizeConfig, memorize_network};

    /// A memorized network of 20 neurons (period 20), built once for all tests.
    fn small() -> (Score, Network) {
        static SMALL: std::sync::OnceLock<(Score, Network)> = std::sync::OnceLock::new();
        SMALL
            .get_or_init(|| {
                let spec = NetworkSpec {
                    neurons: 20,
                    inputs: 200,
                    period: 20.0,
                    rate: 0.2,
                };
                let (scores, mut network) = spec.sample(1, &Seeds::new(2)).expect("sample");
                let config = MemorizeConfig {
                    weight_bound: 0.5,
                    ..Default::default()
                };
                let report =
                    memorize_network(&mut network, &scores, &config, |_, _| {}).expect("memo");
                assert!(report.all_memorized());
                (scores[0].clone(), network)
            })
            .clone()
    }

    #[test]
    fn clamped_neurons_replay_jittered_copies_in_every_cycle() {
        let (score, network) = small();
        let protocol = ClampedProtocol {
            cycles: 3,
            sigma: 0.0,
            seed: 5,
            ..Default::default()
        };
        let outcome = clamped_recall(&network, &score, &protocol).expect("run");
        assert_eq!(outcome.prompted.len(), 10);
        assert_eq!(outcome.cycles.len(), 3);
        for c in &outcome.cycles {
            assert!(c.prompting);
            // Jitter 0.1 against the triangular kernel of half-width 0.5: about 0.8.
            let clamped = c.prompted.expect("ten clamped neurons");
            assert!(clamped.precision > 0.6 && clamped.precision < 0.99, "{c:?}");
        }
        // Every spike of a clamped neuron is within a few jitter deviations of the score.
        for &n in &outcome.prompted {
            let nominal = score.channel(n).expect("channel").unrolled(-1.0, 61.0);
            let emitted = outcome.recording.train(n).expect("train").times();
            let inside = score.channel(n).expect("channel").unrolled(0.0, 60.0).len();
            assert!(emitted.len().abs_diff(inside) <= 1, "{n}: {emitted:?}");
            for &t in emitted {
                assert!(nominal.iter().any(|&s| (s - t).abs() < 0.6), "{n}: {t}");
            }
        }
        // The same seed gives the same run; another seed other clamped copies.
        let again = clamped_recall(&network, &score, &protocol).expect("run");
        assert_eq!(again.cycles, outcome.cycles);
        let other = ClampedProtocol {
            seed: 6,
            ..protocol
        };
        let other = clamped_recall(&network, &score, &other).expect("run");
        assert_ne!(other.prompted, outcome.prompted);
    }

    #[test]
    fn autonomous_neurons_recall_from_every_start() {
        let (score, network) = small();
        let mut first = Vec::new();
        for free_start in [
            FreeStart::Silent,
            FreeStart::RandomScore { rate: 0.2 },
            FreeStart::Memory,
        ] {
            let protocol = ClampedProtocol {
                cycles: 5,
                sigma: 0.05,
                seed: 9,
                free_start,
                ..Default::default()
            };
            let outcome = clamped_recall(&network, &score, &protocol).expect("run");
            let last = outcome.cycles.last().expect("cycles");
            let autonomous = last.free.expect("autonomous neurons");
            assert!(
                autonomous.precision > 0.85 && autonomous.recall > 0.85,
                "{free_start}: {last:?}"
            );
            first.push(outcome.cycles[0].free.expect("autonomous neurons").recall);
        }
        // From the memory itself, the autonomous neurons are right from the first cycle; from
        // a silent or random start they are not yet.
        assert!(
            first[2] > 0.9 && first[0] < 0.8 && first[1] < 0.8,
            "{first:?}"
        );
    }

    #[test]
    fn the_memory_start_also_serves_associative_recall() {
        let (score, network) = small();
        let first_cycle = |free_start| {
            let protocol = crate::recipes::RecallProtocol {
                prompt_cycles: 1,
                free_cycles: 0,
                sigma: 0.0,
                seed: 4,
                free_start,
                ..Default::default()
            };
            let outcome = crate::recipes::associative_recall(&network, &score, &protocol);
            outcome.expect("run").cycles[0].free.expect("free neurons")
        };
        // The prompted neurons have no history (they start with the prompt): the others,
        // started on the memory, are closer to it than from rest.
        let memory = first_cycle(FreeStart::Memory);
        let silent = first_cycle(FreeStart::Silent);
        assert!(memory.recall > silent.recall + 0.1, "{memory:?} {silent:?}");
    }

    #[test]
    fn invalid_protocols_are_refused() {
        let (score, network) = small();
        let bad = |p: ClampedProtocol, name: &str| {
            let e = clamped_recall(&network, &score, &p).expect_err("invalid");
            assert!(
                matches!(&e, Error::InvalidParameter { name: n, .. } if *n == name),
                "{e}"
            );
        };
        bad(
            ClampedProtocol {
                cycles: 0,
                ..Default::default()
            },
            "cycles",
        );
        bad(
            ClampedProtocol {
                prompted_fraction: 1.5,
                ..Default::default()
            },
            "prompted_fraction",
        );
        bad(
            ClampedProtocol {
                sigma: -1.0,
                ..Default::default()
            },
            "sigma",
        );
        let wrong = Score::silent(20.0, 3).expect("score");
        assert!(clamped_recall(&network, &wrong, &ClampedProtocol::default()).is_err());
    }
}
