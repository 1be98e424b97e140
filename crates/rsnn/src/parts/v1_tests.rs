//! `memorize-part` files of version 1 (before quantized weights) load, in both encodings.

use super::part::{MemorizePart, PartDataV1, PartNeuronV1};
use rsnn_optim::record_v1::{MemorizeConfigV1, NeuronReportV1};
use rsnn_optim::{NeuronStatus, SolveStatus};
use rsnn_signal::io::{Encoding, FileData, from_bytes, to_bytes};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

impl FileData for PartDataV1 {
    const KIND: &'static str = "memorize-part";
    const VERSION: u32 = 1;
}

fn load_old<T: FileData + Serialize, U: FileData + DeserializeOwned>(old: &T) -> Vec<U> {
    let path = Path::new("old");
    [Encoding::Json, Encoding::Bincode]
        .into_iter()
        .map(|encoding| {
            let bytes = to_bytes(old, Some(5), encoding, path).expect("encodes");
            let (data, header) = from_bytes::<U>(&bytes, encoding, path).expect("decodes");
            assert_eq!(header.version, 1);
            data
        })
        .collect()
}

#[test]
fn version_one_parts_load_without_quantization() {
    let report = NeuronReportV1 {
        neuron: 2,
        status: NeuronStatus::Memorized,
        solver_status: SolveStatus::Solved,
        rounds: 2,
        constraints: 9,
        objective: Some(0.1),
        max_violation: Some(0.0),
        continuous_violations: None,
        seconds: 0.1,
    };
    let old = PartDataV1 {
        network_sha256: "a".repeat(64),
        scores_sha256: "b".repeat(64),
        num_neurons: 3,
        memories: 1,
        config: MemorizeConfigV1::default(),
        neurons: vec![PartNeuronV1 {
            weights: vec![0.1, -0.2],
            report,
        }],
        seconds: 0.5,
    };
    for part in load_old::<_, MemorizePart>(&old) {
        assert_eq!(part.neuron_ids(), vec![2]);
        assert_eq!(part.neurons[0].weights, vec![0.1, -0.2]);
        assert_eq!(part.neurons[0].report.quantized, None);
        assert_eq!(part.config.quantization, None);
    }
}
