//! Assembling the parts of a memorization: [`merge_parts`].

use super::hash::network_sha256;
use super::part::MemorizePart;
use crate::Error;
use rsnn_neuron::Network;
use rsnn_optim::{MemorizeConfig, MemorizeRecord, NetworkReport};
use std::path::PathBuf;

/// The memorized network and its report, assembled from parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The network with the weights of every part.
    pub network: Network,
    /// The report of every neuron, in neuron order, with the parameters and the number of
    /// memories; its `seconds` is the sum of the parts' wall times.
    pub record: MemorizeRecord,
}

/// The parameters on which two configurations differ, each as "`field` (A in `a`, B in `b`)",
/// compared through their exact text (floats by their shortest round-trip form).
fn differing_settings(
    a: &MemorizeConfig,
    b: &MemorizeConfig,
    a_name: &str,
    b_name: &str,
) -> Vec<String> {
    // Destructured without `..`: a new parameter must be compared here to compile.
    let MemorizeConfig {
        weight_bound,
        half_width,
        silent_level,
        min_slope,
        objective,
        tolerance,
        max_rounds,
        points_per_round,
        mode,
        backend,
        horizon_tolerance,
        quantization,
    } = a;
    let f = |x: f64| format!("{:?}", x + 0.0);
    let pairs = [
        ("weight_bound", f(*weight_bound), f(b.weight_bound)),
        ("half_width", f(*half_width), f(b.half_width)),
        ("silent_level", f(*silent_level), f(b.silent_level)),
        ("min_slope", f(*min_slope), f(b.min_slope)),
        ("objective", objective.to_string(), b.objective.to_string()),
        ("tolerance", f(*tolerance), f(b.tolerance)),
        (
            "max_rounds",
            max_rounds.to_string(),
            b.max_rounds.to_string(),
        ),
        (
            "points_per_round",
            points_per_round.to_string(),
            b.points_per_round.to_string(),
        ),
        ("mode", format!("{mode:?}"), format!("{:?}", b.mode)),
        ("backend", backend.to_string(), b.backend.to_string()),
        (
            "horizon_tolerance",
            f(*horizon_tolerance),
            f(b.horizon_tolerance),
        ),
        (
            "quantization",
            format!("{quantization:?}"),
            format!("{:?}", b.quantization),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, x, y)| format!("`{field}` ({x} in {a_name}, {y} in {b_name})"))
        .collect()
}

/// Assembles `parts` (each with the path it was read from, for the messages) into the
/// memorization of `network`: every neuron gets the weights of the one part that holds it,
/// and the report lists every neuron in order. The result is the network and report that
/// memorizing the whole network at once gives (up to the wall times in the report), provided
/// the parts were computed from this network (weights aside) and the same scores and
/// parameters, which the hashes and the stored parameters check.
///
/// # Errors
/// - [`Error::NoParts`] without parts;
/// - [`Error::PartInvalid`] for a part that fails [`MemorizePart::check`] or whose weights do
///   not fit the network's inputs;
/// - [`Error::PartNetwork`] for a part of another network (other size, sources, delays,
///   kernel or threshold);
/// - [`Error::PartScores`], [`Error::PartSettings`] for a part memorized from other scores, or
///   with other parameters, than the first part;
/// - [`Error::PartOverlap`] for two parts that hold a neuron both, [`Error::PartsMissing`] for
///   neurons no part holds.
pub fn merge_parts(network: &Network, parts: &[(PathBuf, MemorizePart)]) -> Result<Merged, Error> {
    let Some((first_path, first)) = parts.first() else {
        return Err(Error::NoParts);
    };
    let total = network.num_neurons();
    let expected = network_sha256(network);
    for (path, part) in parts {
        part.check().map_err(|reason| Error::PartInvalid {
            path: path.clone(),
            reason,
        })?;
        if part.num_neurons != total || part.network_sha256 != expected {
            return Err(Error::PartNetwork {
                path: path.clone(),
                part_neurons: part.num_neurons,
                neurons: total,
                found: part.network_sha256.clone(),
                expected: expected.clone(),
            });
        }
    }
    let first_name = first_path.display().to_string();
    for (path, part) in &parts[1..] {
        if part.scores_sha256 != first.scores_sha256 || part.memories != first.memories {
            return Err(Error::PartScores {
                path: path.clone(),
                reference: first_path.clone(),
                found: part.scores_sha256.clone(),
                expected: first.scores_sha256.clone(),
            });
        }
        let name = path.display().to_string();
        let fields = differing_settings(&part.config, &first.config, &name, &first_name);
        if !fields.is_empty() {
            return Err(Error::PartSettings {
                path: path.clone(),
                reference: first_path.clone(),
                fields,
            });
        }
    }
    // For every neuron, the part that holds it and its place in that part.
    let mut owner: Vec<Option<(usize, usize)>> = vec![None; total];
    for (i, (path, part)) in parts.iter().enumerate() {
        let ids = part.neuron_ids();
        if let Some((j, _)) = ids.iter().find_map(|&id| owner[id]) {
            let shared = ids
                .into_iter()
                .filter(|&id| owner[id].is_some_and(|(k, _)| k == j))
                .collect();
            return Err(Error::PartOverlap {
                path: path.clone(),
                other: parts[j].0.clone(),
                neurons: shared,
            });
        }
        for (place, id) in ids.into_iter().enumerate() {
            owner[id] = Some((i, place));
        }
    }
    let missing: Vec<usize> = (0..total).filter(|&id| owner[id].is_none()).collect();
    if !missing.is_empty() {
        return Err(Error::PartsMissing {
            neurons: missing,
            total,
        });
    }
    let mut merged = network.clone();
    let mut reports = Vec::with_capacity(total);
    for (id, (i, place)) in owner.into_iter().flatten().enumerate() {
        let (path, part) = &parts[i];
        let neuron = &part.neurons[place];
        merged
            .set_weights(id, &neuron.weights)
            .map_err(|e| Error::PartInvalid {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        reports.push(neuron.report.clone());
    }
    Ok(Merged {
        network: merged,
        record: MemorizeRecord {
            config: first.config.clone(),
            memories: first.memories,
            report: NetworkReport {
                neurons: reports,
                seconds: parts.iter().map(|(_, p)| p.seconds).sum(),
            },
        },
    })
}
