//! Free recall and associative recall of one memory.

use super::{FreeStart, RecallProtocol, jittered_prompts};
use crate::Error;
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::Network;
use rsnn_signal::{
    LimitExceeded, Score, ScoreSampler, Similarity, SpikeTrain, compact, multi_channel_similarity,
};
use rsnn_sim::limits::MAX_HISTORY_SPIKES;
use rsnn_sim::{Recording, SimulationConfig, Simulator, history_from_score, simulate};
use serde::{Deserialize, Serialize};

/// The kernel tolerance below which old arrivals are ignored when choosing the history length.
pub const HISTORY_TOLERANCE: f64 = 1e-12;

/// The perfect initial condition: `score` continued backwards from time 0 over as many periods
/// as the largest delay plus the kernel's horizon (at [`HISTORY_TOLERANCE`]) need, so that
/// every arrival that still matters after time 0 is present.
///
/// # Errors
/// A score without one channel per neuron.
pub fn perfect_history(network: &Network, score: &Score) -> Result<Vec<SpikeTrain>, Error> {
    if score.num_channels() != network.num_neurons() {
        return Err(rsnn_signal::SignalError::ChannelMismatch {
            expected: network.num_neurons(),
            found: score.num_channels(),
        }
        .into());
    }
    let periods = history_periods(network, score)?;
    Ok(history_from_score(score, 0.0, periods)?)
}

/// The number of periods of the perfect initial condition: `max(1, ceil((d_max + H) / T))`
/// with the largest delay `d_max` and the kernel's horizon `H` at [`HISTORY_TOLERANCE`].
///
/// # Errors
/// A history of more than [`MAX_HISTORY_SPIKES`] spikes, naming `tau` or `delay`.
pub(crate) fn history_periods(network: &Network, score: &Score) -> Result<usize, Error> {
    let period = score.period();
    let max_delay = network
        .neurons()
        .iter()
        .flat_map(|n| n.inputs.iter().map(|i| i.delay))
        .fold(0.0f64, f64::max);
    let horizon = network.kernel().horizon(HISTORY_TOLERANCE)?;
    let periods = ((max_delay + horizon) / period).ceil().max(1.0);
    // Name what makes the history long (the kernel's horizon or the delays) before the
    // simulation layer refuses the number of periods.
    let size = periods * score.num_spikes() as f64;
    LimitExceeded::check(size, MAX_HISTORY_SPIKES, |size| {
        let (name, value) = if horizon >= max_delay {
            ("tau", network.kernel().tau())
        } else {
            ("delay", max_delay)
        };
        LimitExceeded::new(name, value, size, "history spikes", MAX_HISTORY_SPIKES).context(
            format!(
                "the perfect initial condition spans the largest delay {} plus the kernel \
                 horizon {}: {} periods of {}",
                compact(max_delay),
                compact(horizon),
                compact(periods),
                compact(period)
            ),
        )
    })
    .map_err(rsnn_signal::SignalError::from)?;
    // A finite count within the limit, or any count for a score without spikes (whose
    // history is empty): the conversion saturates.
    Ok(periods as usize)
}

/// The spike history of every neuron starting as `start` says (empty for a silent start);
/// a random start draws its score from `rng`.
pub(crate) fn start_history<R: Rng + ?Sized>(
    rng: &mut R,
    network: &Network,
    score: &Score,
    start: FreeStart,
) -> Result<Vec<SpikeTrain>, Error> {
    match start {
        FreeStart::Silent => Ok(Vec::new()),
        FreeStart::RandomScore { rate } => {
            let sampler = ScoreSampler::new(score.period(), rate)?;
            let other = sampler.sample_score(rng, network.num_neurons())?;
            perfect_history(network, &other)
        }
        FreeStart::Memory => perfect_history(network, score),
    }
}

/// Precision and recall of the `prompted` neurons, the others and all of them in each of the
/// first `cycles` cycles of `recording`; the first `prompt_cycles` count as prompting.
pub(crate) fn recall_cycles(
    score: &Score,
    recording: &Recording,
    prompted: &[usize],
    cycles: usize,
    prompt_cycles: usize,
) -> Result<Vec<RecallCycle>, Error> {
    let total = score.num_channels();
    let free: Vec<usize> = (0..total)
        .filter(|n| prompted.binary_search(n).is_err())
        .collect();
    let all: Vec<usize> = (0..total).collect();
    (0..cycles)
        .map(|cycle| {
            let start = cycle as f64 * score.period();
            Ok(RecallCycle {
                cycle,
                prompting: cycle < prompt_cycles,
                prompted: subset_similarity(score, recording, prompted, start)?,
                free: subset_similarity(score, recording, &free, start)?,
                all: subset_similarity(score, recording, &all, start)?.ok_or(
                    Error::InvalidParameter {
                        name: "network",
                        value: 0.0,
                        reason: "has no neuron",
                    },
                )?,
            })
        })
        .collect()
}

/// Simulates `cycles` periods of `score` from the perfect initial condition
/// ([`perfect_history`]) with threshold noise `sigma`, and measures every cycle.
///
/// # Errors
/// Invalid parameters or a network and score that do not match.
pub fn free_recall(
    network: &Network,
    score: &Score,
    cycles: usize,
    sigma: f64,
    seed: u64,
) -> Result<(Recording, Vec<Similarity>), Error> {
    let config = free_recall_config(network, score, cycles, sigma, seed)?;
    let recording = simulate(network, &config)?;
    let similarities = recording.cycle_similarities(score, 0.0, cycles)?;
    Ok((recording, similarities))
}

/// The simulation of [`free_recall`]: `cycles` periods from time 0, threshold noise `sigma`
/// seeded by `seed`, the perfect initial condition as history.
///
/// # Errors
/// A score without one channel per neuron.
pub fn free_recall_config(
    network: &Network,
    score: &Score,
    cycles: usize,
    sigma: f64,
    seed: u64,
) -> Result<SimulationConfig, Error> {
    let mut config = SimulationConfig::new(0.0, cycles as f64 * score.period());
    config.sigma = sigma;
    config.seed = seed;
    config.history = perfect_history(network, score)?;
    Ok(config)
}

/// Precision and recall of one cycle of an associative-recall run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RecallCycle {
    /// Cycle index (0-based).
    pub cycle: usize,
    /// Whether the prompt was replayed during this cycle.
    pub prompting: bool,
    /// The prompted neurons (`None` when no neuron is prompted: the similarity of an empty
    /// group is undefined).
    pub prompted: Option<Similarity>,
    /// The neurons that were never prompted (`None` when every neuron is prompted).
    pub free: Option<Similarity>,
    /// All neurons.
    pub all: Similarity,
}

/// The outcome of [`associative_recall`].
#[derive(Debug, Clone)]
pub struct RecallOutcome {
    /// Indices of the prompted neurons, sorted.
    pub prompted: Vec<usize>,
    /// Every spike of the run.
    pub recording: Recording,
    /// One entry per cycle.
    pub cycles: Vec<RecallCycle>,
}

/// Chooses `count` distinct neurons among `total`, sorted (partial Fisher–Yates).
pub fn choose_neurons<R: Rng + ?Sized>(rng: &mut R, total: usize, count: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..total).collect();
    let count = count.min(total);
    for i in 0..count {
        let j = rng.random_range(i..total);
        all.swap(i, j);
    }
    let mut chosen = all[..count].to_vec();
    chosen.sort_unstable();
    chosen
}

/// The channels `neurons` of a score.
///
/// # Errors
/// A neuron without a channel.
pub fn sub_score(score: &Score, neurons: &[usize]) -> Result<Score, Error> {
    let trains = neurons
        .iter()
        .map(|&n| {
            score.channel(n).cloned().ok_or(Error::InvalidParameter {
                name: "neuron",
                value: n as f64,
                reason: "has no channel in the score",
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Score::from_trains(score.period(), trains)?)
}

/// Similarity of the neurons `subset` in the cycle starting at `start` (`None` for an empty
/// subset, whose similarity is undefined).
fn subset_similarity(
    score: &Score,
    recording: &Recording,
    subset: &[usize],
    start: f64,
) -> Result<Option<Similarity>, Error> {
    if subset.is_empty() {
        return Ok(None);
    }
    let window = recording.window(start, start + score.period());
    let produced: Vec<&[f64]> = subset.iter().map(|&n| window[n].as_slice()).collect();
    Ok(Some(multi_channel_similarity(
        &sub_score(score, subset)?,
        &produced,
        start,
    )?))
}

/// Runs the associative-recall protocol on a network that memorized `score`.
///
/// Every prompted cycle replays an independently jittered copy of the score; the neurons that
/// are not prompted start silent (no spike history), from a random score or from the memory.
///
/// # Errors
/// Invalid protocol parameters, or a network and score that do not match.
pub fn associative_recall(
    network: &Network,
    score: &Score,
    protocol: &RecallProtocol,
) -> Result<RecallOutcome, Error> {
    associative_recall_with(network, score, protocol, &mut |_| {})
}

/// [`associative_recall`], reporting the simulated time to `progress` as the run advances.
///
/// # Errors
/// Invalid protocol parameters, or a network and score that do not match.
pub fn associative_recall_with(
    network: &Network,
    score: &Score,
    protocol: &RecallProtocol,
    progress: &mut dyn FnMut(f64),
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
    let prompted = choose_neurons(&mut rng, total, count);
    let prompts = jittered_prompts(
        &mut rng,
        score,
        &prompted,
        0.0,
        protocol.prompt_cycles,
        protocol.prompt_jitter,
    )?;
    let cycles = protocol.prompt_cycles + protocol.free_cycles;
    let mut config = SimulationConfig::new(0.0, cycles as f64 * period);
    config.sigma = protocol.sigma;
    config.seed = rng.random();
    config.prompts = prompts;
    config.history = start_history(&mut rng, network, score, protocol.free_start)?;
    if !config.history.is_empty() {
        for &n in &prompted {
            config.history[n] = SpikeTrain::empty();
        }
    }
    let recording = Simulator::new(network)
        .run_with_progress(&config, progress)?
        .0;
    let cycles = recall_cycles(score, &recording, &prompted, cycles, protocol.prompt_cycles)?;
    Ok(RecallOutcome {
        prompted,
        recording,
        cycles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_neurons_are_distinct_and_sorted() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let c = choose_neurons(&mut rng, 10, 4);
        assert_eq!(c.len(), 4);
        assert!(c.windows(2).all(|w| w[0] < w[1]) && c.iter().all(|&n| n < 10));
        assert_eq!(choose_neurons(&mut rng, 3, 7), vec![0, 1, 2]);
    }
}
