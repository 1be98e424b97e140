//! Every rsnn file kind, read and written by one set of functions.
//!
//! Re-exports the versioned envelope machinery of [`rsnn_signal::io`] ([`load`], [`save`],
//! [`read_header`], [`FileData`], atomic writes) and adds [`load_any`], which reads a file of
//! any kind the `rsnn` command writes without knowing the kind in advance.
//!
//! | kind | type |
//! |---|---|
//! | `score` | [`rsnn_signal::Score`] |
//! | `periodic-train` | [`rsnn_signal::PeriodicTrain`] |
//! | `spike-train` | [`rsnn_signal::SpikeTrain`] |
//! | `spike-trains` | `Vec<`[`rsnn_signal::SpikeTrain`]`>` |
//! | `network` | [`rsnn_neuron::Network`] |
//! | `recording` | [`rsnn_sim::Recording`] |
//! | `memorize-report` | [`rsnn_optim::MemorizeRecord`] |
//! | `memorize-part` | [`crate::parts::MemorizePart`] |
//! | `measurement` | [`rsnn_sim::Measurement`] |
//! | `stability` | [`rsnn_sim::StabilityReport`] |
//! | `recall` | [`crate::recipes::RecallRecord`] |
//! | `pipeline-summary` | [`crate::pipeline::PipelineSummary`] |

pub use rsnn_signal::io::*;

use crate::Error;
use crate::parts::MemorizePart;
use crate::pipeline::PipelineSummary;
use crate::recipes::RecallRecord;
use rsnn_neuron::Network;
use rsnn_optim::MemorizeRecord;
use rsnn_signal::{PeriodicTrain, Score, SpikeTrain};
use rsnn_sim::{Measurement, Recording, StabilityReport};
use std::path::Path;

/// The content of a file of any kind.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AnyFile {
    /// A score.
    Score(Score),
    /// One periodic train.
    PeriodicTrain(PeriodicTrain),
    /// One spike train.
    SpikeTrain(SpikeTrain),
    /// Several spike trains.
    SpikeTrains(Vec<SpikeTrain>),
    /// A network.
    Network(Network),
    /// A recording.
    Recording(Recording),
    /// A memorization report.
    MemorizeReport(MemorizeRecord),
    /// The memorization of some of the neurons of a network.
    MemorizePart(MemorizePart),
    /// Precision and recall per cycle.
    Measurement(Measurement),
    /// A stability analysis.
    Stability(StabilityReport),
    /// An associative-recall run.
    Recall(RecallRecord),
    /// The summary of a pipeline run.
    PipelineSummary(Box<PipelineSummary>),
}

/// Every kind [`load_any`] reads.
pub const KINDS: [&str; 12] = [
    "score",
    "periodic-train",
    "spike-train",
    "spike-trains",
    "network",
    "recording",
    "memorize-report",
    "memorize-part",
    "measurement",
    "stability",
    "recall",
    "pipeline-summary",
];

fn typed<T: FileData>(path: &Path, wrap: fn(T) -> AnyFile) -> Result<(AnyFile, Header), Error> {
    let (data, header) = load::<T>(path)?;
    Ok((wrap(data), header))
}

/// Loads a file of any kind of [`KINDS`], chosen by its header.
///
/// # Errors
/// I/O errors, a malformed file, an unknown kind ([`Error::UnknownKind`]), an unsupported
/// version, invalid data.
pub fn load_any(path: &Path) -> Result<(AnyFile, Header), Error> {
    let header = read_header(path)?;
    match header.kind.as_str() {
        "score" => typed(path, AnyFile::Score),
        "periodic-train" => typed(path, AnyFile::PeriodicTrain),
        "spike-train" => typed(path, AnyFile::SpikeTrain),
        "spike-trains" => typed(path, AnyFile::SpikeTrains),
        "network" => typed(path, AnyFile::Network),
        "recording" => typed(path, AnyFile::Recording),
        "memorize-report" => typed(path, AnyFile::MemorizeReport),
        "memorize-part" => typed(path, AnyFile::MemorizePart),
        "measurement" => typed(path, AnyFile::Measurement),
        "stability" => typed(path, AnyFile::Stability),
        "recall" => typed(path, AnyFile::Recall),
        "pipeline-summary" => typed(path, |s: PipelineSummary| {
            AnyFile::PipelineSummary(Box::new(s))
        }),
        other => Err(Error::UnknownKind {
            path: path.to_owned(),
            kind: other.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_signal::AlphaKernel;

    #[test]
    fn every_kind_loads_by_its_header() {
        let dir = tempfile::tempdir().expect("temp dir");
        let score = Score::new(10.0, vec![vec![1.0], vec![]]).expect("valid");
        let network = Network::new(Vec::new(), AlphaKernel::default()).expect("valid");
        let a = dir.path().join("a.json");
        save(&a, &score, Some(3)).expect("writes");
        let (file, header) = load_any(&a).expect("loads");
        assert_eq!((file, header.seed), (AnyFile::Score(score), Some(3)));
        let b = dir.path().join("b.bin");
        save(&b, &network, None).expect("writes");
        assert_eq!(load_any(&b).expect("loads").0, AnyFile::Network(network));
        let c = dir.path().join("c.json");
        std::fs::write(
            &c,
            r#"{"format":"rsnn","kind":"poem","version":1,"data":{}}"#,
        )
        .expect("writes");
        let e = load_any(&c).expect_err("unknown kind");
        assert!(e.to_string().contains("poem"), "{e}");
    }

    #[test]
    fn a_memorize_report_round_trips_through_bincode_with_every_mode() {
        use rsnn_optim::{MemorizeConfig, MemorizeRecord, Mode, NetworkReport};
        let dir = tempfile::tempdir().expect("temp dir");
        for mode in [
            Mode::ContinuousTime,
            Mode::Grid { step: 0.1 },
            Mode::Published,
        ] {
            let record = MemorizeRecord {
                config: MemorizeConfig {
                    mode,
                    ..MemorizeConfig::default()
                },
                memories: 2,
                report: NetworkReport {
                    neurons: Vec::new(),
                    seconds: 1.5,
                },
            };
            for name in ["r.bin", "r.json"] {
                let path = dir.path().join(name);
                save(&path, &record, Some(4)).expect("writes");
                let (file, _) = load_any(&path).expect("loads");
                assert_eq!(file, AnyFile::MemorizeReport(record.clone()), "{name}");
            }
        }
    }
}
