//! `pipeline-summary` files of version 1 (before quantized weights) load, in both encodings.

use super::summary::{
    FreeRunSummary, MemorizeSummaryV1, PipelineConfigV1, PipelineSummaryV1, RecallSummary,
    ScoreSummary, StabilitySummary,
};
use super::{PipelineConfig, PipelineSummary};
use rsnn_optim::record_v1::{MemorizeConfigV1, StatusCountsV1};
use rsnn_signal::io::{Encoding, FileData, from_bytes, to_bytes};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

impl FileData for PipelineSummaryV1 {
    const KIND: &'static str = "pipeline-summary";
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
fn version_one_summaries_load_without_quantization() {
    let c = PipelineConfig::default();
    let old = PipelineSummaryV1 {
        config: PipelineConfigV1 {
            seed: 9,
            network: c.network,
            memorize: MemorizeConfigV1::default(),
            noise: c.noise,
            cycles: c.cycles,
            recall: c.recall,
        },
        score: ScoreSummary {
            spikes: 10,
            mean_spikes_per_neuron: 2.5,
        },
        memorize: MemorizeSummaryV1 {
            backend: "dense".into(),
            counts: StatusCountsV1 {
                memorized: 3,
                unverified: 1,
                infeasible: 0,
                failed: 0,
            },
            seconds: 1.0,
            max_violation: 0.0,
            mean_rounds: 2.0,
        },
        stability: StabilitySummary {
            spectral_radius: 1e-4,
            stable: true,
            num_spikes: 10,
        },
        free_run: FreeRunSummary {
            seed: 2,
            cycles: Vec::new(),
        },
        recall: RecallSummary {
            seed: 3,
            prompted_neurons: 2,
            cycles: Vec::new(),
        },
        seconds: 4.0,
    };
    for summary in load_old::<_, PipelineSummary>(&old) {
        assert_eq!(summary.config.seed, 9);
        assert_eq!(summary.config.memorize.quantization, None);
        assert_eq!(summary.memorize.counts.total(), 4);
        assert_eq!(summary.memorize.counts.time_limit, 0);
        assert_eq!(summary.seconds, 4.0);
    }
}
