//! The `memorize-part` file kind: the weights and reports of some of the neurons of a network,
//! with what is needed to check that the parts of one memorization fit together.

use super::hash::is_sha256;
use rsnn_neuron::limits::MAX_ABS_WEIGHT;
use rsnn_optim::record_v1::{MemorizeConfigV1, NeuronReportV1};
use rsnn_optim::{MemorizeConfig, NetworkReport, NeuronReport};
use rsnn_signal::SignalError;
use rsnn_signal::io::{FileData, OlderData};
use serde::{Deserialize, Serialize};

/// One neuron of a [`MemorizePart`]: its weights after memorization and its report (its index
/// is `report.neuron`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartNeuron {
    /// The weights, one per input in input order, that the neuron has after memorization: the
    /// new weights when they were computed (status memorized or unverified), otherwise
    /// (infeasible, failed) the weights it had in the input network, which memorization keeps.
    pub weights: Vec<f64>,
    /// Its memorization report.
    pub report: NeuronReport,
}

/// The memorization of some of the neurons of a network (file kind `memorize-part`): what
/// [`super::memorize_part`] computes on one machine and [`super::merge_parts`] assembles.
///
/// Reading a file checks that the hashes are well formed, that `memories >= 1`, that the
/// neurons are sorted, distinct and below `num_neurons`, and that the weights are finite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PartData")]
pub struct MemorizePart {
    /// The SHA-256 of the input network without its weights ([`super::network_sha256`]).
    pub network_sha256: String,
    /// The SHA-256 of the scores, in order ([`super::scores_sha256`]).
    pub scores_sha256: String,
    /// The number of neurons of the whole network.
    pub num_neurons: usize,
    /// The number of scores memorized.
    pub memories: usize,
    /// The memorization parameters (in bincode with `mode` as a plain enum, see
    /// docs/file-formats.md).
    pub config: MemorizeConfig,
    /// The neurons of this part, sorted by index.
    pub neurons: Vec<PartNeuron>,
    /// Wall time of this part's memorization.
    pub seconds: f64,
}

/// Version 2 records quantized memorization (in the parameters and the neuron reports);
/// version 1 files load without it.
impl FileData for MemorizePart {
    const KIND: &'static str = "memorize-part";
    const VERSION: u32 = 2;
    const OLDER_VERSIONS: &'static [u32] = &[1];

    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        if data.version() != 1 {
            return Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS));
        }
        let v1: PartDataV1 = data.decode()?;
        let neurons = v1.neurons.into_iter().map(|n| PartNeuron {
            weights: n.weights,
            report: n.report.into(),
        });
        let part = PartData {
            network_sha256: v1.network_sha256,
            scores_sha256: v1.scores_sha256,
            num_neurons: v1.num_neurons,
            memories: v1.memories,
            config: v1.config.into(),
            neurons: neurons.collect(),
            seconds: v1.seconds,
        };
        let part = MemorizePart::try_from(part).map_err(|e| data.invalid(e))?;
        Ok((part, Vec::new()))
    }
}

/// A [`PartNeuron`] of version 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct PartNeuronV1 {
    pub(crate) weights: Vec<f64>,
    pub(crate) report: NeuronReportV1,
}

/// The serialized form of a [`MemorizePart`] of version 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct PartDataV1 {
    pub(crate) network_sha256: String,
    pub(crate) scores_sha256: String,
    pub(crate) num_neurons: usize,
    pub(crate) memories: usize,
    pub(crate) config: MemorizeConfigV1,
    pub(crate) neurons: Vec<PartNeuronV1>,
    pub(crate) seconds: f64,
}

/// The serialized form of a [`MemorizePart`], checked into one.
#[derive(Deserialize)]
struct PartData {
    network_sha256: String,
    scores_sha256: String,
    num_neurons: usize,
    memories: usize,
    config: MemorizeConfig,
    neurons: Vec<PartNeuron>,
    seconds: f64,
}

impl TryFrom<PartData> for MemorizePart {
    type Error = String;
    fn try_from(d: PartData) -> Result<Self, String> {
        let part = MemorizePart {
            network_sha256: d.network_sha256,
            scores_sha256: d.scores_sha256,
            num_neurons: d.num_neurons,
            memories: d.memories,
            config: d.config,
            neurons: d.neurons,
            seconds: d.seconds,
        };
        part.check()?;
        Ok(part)
    }
}

impl MemorizePart {
    /// The indices of the neurons of this part, sorted.
    pub fn neuron_ids(&self) -> Vec<usize> {
        self.neurons.iter().map(|n| n.report.neuron).collect()
    }

    /// The reports of the neurons of this part, as a network report over these neurons only
    /// (`seconds` is this part's wall time).
    pub fn report(&self) -> NetworkReport {
        NetworkReport {
            neurons: self.neurons.iter().map(|n| n.report.clone()).collect(),
            seconds: self.seconds,
        }
    }

    /// Checks the part on its own (what reading a file checks).
    ///
    /// # Errors
    /// A description of the first problem, naming the field and the value.
    pub fn check(&self) -> Result<(), String> {
        for (field, hash) in [
            ("network_sha256", &self.network_sha256),
            ("scores_sha256", &self.scores_sha256),
        ] {
            if !is_sha256(hash) {
                return Err(format!(
                    "`{field}` = \"{hash}\" is not a SHA-256 (64 lowercase hexadecimal digits)"
                ));
            }
        }
        if self.memories == 0 {
            return Err("`memories` = 0: a memorization stores at least one score".into());
        }
        if !(self.seconds.is_finite() && self.seconds >= 0.0) {
            return Err(format!(
                "`seconds` = {} must be finite and >= 0",
                self.seconds
            ));
        }
        let mut previous: Option<usize> = None;
        for n in &self.neurons {
            let id = n.report.neuron;
            if id >= self.num_neurons {
                return Err(format!(
                    "neuron {id} does not exist (`num_neurons` = {})",
                    self.num_neurons
                ));
            }
            if let Some(p) = previous.filter(|&p| p >= id) {
                return Err(format!(
                    "neuron {id} comes after neuron {p}: the neurons of a part are sorted and distinct"
                ));
            }
            previous = Some(id);
            if let Some((input, w)) = n
                .weights
                .iter()
                .enumerate()
                .find(|(_, w)| !(w.is_finite() && w.abs() <= MAX_ABS_WEIGHT))
            {
                return Err(format!(
                    "neuron {id}, input {input}: weight {w} is not finite or exceeds {MAX_ABS_WEIGHT:e} in magnitude"
                ));
            }
        }
        Ok(())
    }
}
