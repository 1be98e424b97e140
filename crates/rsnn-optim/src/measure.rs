//! Measuring weights against the continuous template with the exact extrema of the potential
//! (docs/model.md §3, §5.1): the violations by kind, and the violated local extrema that
//! constraint generation adds as new points.

use crate::report::Violations;
use crate::rows::MemoryRows;
use crate::{OptimError, ValidConfig};
use rsnn_neuron::Network;
use rsnn_signal::Score;

/// The kind of a constraint point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// `z(t) <= z_max`.
    Silent,
    /// `z'(t) >= slope_min` (both one-sided slopes).
    Slope,
}

/// A constraint point of one memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Point {
    pub memory: usize,
    pub kind: Kind,
    pub time: f64,
}

/// What [`measure`] finds.
pub(crate) struct Measured {
    /// The violations by kind.
    pub violations: Violations,
    /// The largest of them and of the bound violations.
    pub worst: f64,
    /// Violated local extrema (violation above half the tolerance) with their violations.
    pub found: Vec<(f64, Point)>,
}

/// The violations of the template by `w` (silent level, slope, firing at `threshold`, bounds)
/// and the violated local extrema worth adding (up to `k` per memory and kind).
pub(crate) fn measure(
    memories: &[MemoryRows],
    config: &ValidConfig,
    threshold: f64,
    w: &[f64],
    k: usize,
) -> Result<Measured, OptimError> {
    let c = config;
    let bounds = w
        .iter()
        .map(|x| x.abs() - c.weight_bound)
        .fold(0.0, f64::max);
    // Quantized weights meet the firing rows within a band (docs/model.md §5.7).
    let band = c.quantization.map_or(0.0, |q| q.firing_band);
    let mut v = Violations::default();
    let mut found = Vec::new();
    for (memory, m) in memories.iter().enumerate() {
        let z = m.arrivals(w)?;
        for &s in &m.template.firing {
            v.firing = v.firing.max((z.potential(s) - threshold).abs() - band);
        }
        if let Some(e) = z.max_potential(&m.template.silent) {
            v.silent = v.silent.max(e.value - c.silent_level);
        }
        if let Some(e) = z.min_slope(&m.template.active) {
            v.slope = v.slope.max(c.min_slope - e.value);
        }
        if k == 0 {
            continue;
        }
        let silent = z
            .top_potential(&m.template.silent, k)
            .into_iter()
            .map(|e| (e.value - c.silent_level, e.time, Kind::Silent));
        let slope = z
            .bottom_slope(&m.template.active, k)
            .into_iter()
            .map(|e| (c.min_slope - e.value, e.time, Kind::Slope));
        for (violation, time, kind) in silent.chain(slope) {
            if violation > 0.5 * c.tolerance {
                found.push((violation, Point { memory, kind, time }));
            }
        }
    }
    Ok(Measured {
        worst: v.max().max(bounds),
        violations: v,
        found,
    })
}

/// Checks the parameters that depend on the network: the silent level must lie below the
/// network's nominal threshold.
///
/// # Errors
/// [`OptimError::SilentLevelNotBelowThreshold`].
pub(crate) fn check_threshold(config: &ValidConfig, network: &Network) -> Result<(), OptimError> {
    let threshold = network.threshold();
    if config.silent_level < threshold {
        Ok(())
    } else {
        Err(OptimError::SilentLevelNotBelowThreshold {
            silent_level: config.silent_level,
            threshold,
        })
    }
}

/// The rows of neuron `id` for every memory, after checking that they fit the network.
pub(crate) fn memory_rows(
    network: &Network,
    id: usize,
    memories: &[Score],
    config: &ValidConfig,
) -> Result<Vec<MemoryRows>, OptimError> {
    let neuron = network.neuron(id).ok_or(OptimError::UnknownNeuron {
        id,
        count: network.num_neurons(),
    })?;
    check_threshold(config, network)?;
    if memories.is_empty() {
        return Err(OptimError::NoMemories);
    }
    for (memory, score) in memories.iter().enumerate() {
        if score.num_channels() != network.num_neurons() {
            return Err(OptimError::ChannelMismatch {
                memory,
                expected: network.num_neurons(),
                found: score.num_channels(),
            });
        }
    }
    memories
        .iter()
        .map(|score| MemoryRows::new(neuron, id, score, network.kernel(), config))
        .collect()
}

/// The largest violation of neuron `id`'s template (all memories) by its current weights:
/// silent level and slope in continuous time (exact extrema), firing equalities (at the
/// network's threshold) and bounds.
///
/// # Errors
/// Unknown neuron, a silent level not below the network's threshold, no memory, or a memory
/// without a channel for a source.
pub fn template_violation(
    network: &Network,
    id: usize,
    memories: &[Score],
    config: &ValidConfig,
) -> Result<f64, OptimError> {
    let rows = memory_rows(network, id, memories, config)?;
    let weights = network.weights(id).unwrap_or_default();
    Ok(measure(&rows, config, network.threshold(), &weights, 0)?.worst)
}
