//! Sequences of prompts that switch a network between several stored memories.

use super::jittered_prompts;
use crate::Error;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::Network;
use rsnn_signal::{Score, Similarity, multi_channel_similarity};
use rsnn_sim::{Recording, SimulationConfig, simulate};
use serde::{Deserialize, Serialize};

/// One phase of a sequence: prompt a memory for some cycles, then let the network run freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    /// Index of the memory to prompt.
    pub memory: usize,
    /// Cycles (periods of that memory) during which the prompt is replayed.
    pub prompt_cycles: usize,
    /// Free cycles afterwards.
    pub free_cycles: usize,
}

/// Precision and recall of one cycle of a sequence against every memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequenceCycle {
    /// Cycle index over the whole run (0-based).
    pub cycle: usize,
    /// Start time of the cycle.
    pub start: f64,
    /// Index of the phase the cycle belongs to.
    pub phase: usize,
    /// The memory prompted in this phase.
    pub memory: usize,
    /// Whether the prompt is replayed during this cycle.
    pub prompting: bool,
    /// Similarity of all neurons with each memory, in the order of the memories (each over one
    /// period of that memory starting at `start`).
    pub against: Vec<Similarity>,
}

/// Runs `phases` one after the other on a network that stores `memories`: in each phase the
/// neurons `prompted` replay jittered copies (standard deviation `jitter`) of the phase's memory
/// for its prompt cycles, then all neurons run freely. The run starts at rest.
///
/// # Errors
/// A phase naming a missing memory, invalid parameters, or mismatched sizes.
pub fn prompt_sequence(
    network: &Network,
    memories: &[Score],
    phases: &[Phase],
    prompted: &[usize],
    jitter: f64,
    sigma: f64,
    seed: u64,
) -> Result<(Recording, Vec<SequenceCycle>), Error> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut prompts = Vec::new();
    let mut layout = Vec::new();
    let mut t = 0.0;
    let total = phases.iter().try_fold(0usize, |acc, p| {
        acc.checked_add(p.prompt_cycles)?.checked_add(p.free_cycles)
    });
    super::protocol::check_cycles(total.unwrap_or(usize::MAX), 0)?;
    for (index, phase) in phases.iter().enumerate() {
        let score = memories.get(phase.memory).ok_or(Error::InvalidParameter {
            name: "memory",
            value: phase.memory as f64,
            reason: "names no stored memory",
        })?;
        let period = score.period();
        prompts.extend(jittered_prompts(
            &mut rng,
            score,
            prompted,
            t,
            phase.prompt_cycles,
            jitter,
        )?);
        for k in 0..phase.prompt_cycles + phase.free_cycles {
            layout.push((t, index, phase.memory, k < phase.prompt_cycles));
            t += period;
        }
    }
    let mut config = SimulationConfig::new(0.0, t);
    config.sigma = sigma;
    config.seed = rng.random();
    config.prompts = prompts;
    let recording = simulate(network, &config)?;
    let cycles = layout
        .into_iter()
        .enumerate()
        .map(|(cycle, (start, phase, memory, prompting))| {
            let against = memories
                .iter()
                .map(|m| {
                    let window = recording.window(start, start + m.period());
                    multi_channel_similarity(m, &window, start)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(SequenceCycle {
                cycle,
                start,
                phase,
                memory,
                prompting,
                against,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((recording, cycles))
}
