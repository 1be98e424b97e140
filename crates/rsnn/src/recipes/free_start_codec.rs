//! The serialized forms of [`FreeStart`]: tagged by a `kind` field in human-readable formats
//! (JSON: `{"kind": "silent"}`, `{"kind": "random-score", "rate": 0.2}`, `{"kind": "memory"}`),
//! a plain enum in binary ones (bincode: the variant index as a `u32`, 0 silent, 1 random score
//! followed by its rate, 2 memory), since bincode cannot decode an enum tagged by a field. The
//! choice follows the format's `is_human_readable`.

use super::FreeStart;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSON form.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
enum Tagged {
    Silent,
    RandomScore { rate: f64 },
    Memory,
}

/// The binary form.
#[derive(Serialize, Deserialize)]
enum Plain {
    Silent,
    RandomScore { rate: f64 },
    Memory,
}

impl Serialize for FreeStart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (*self, s.is_human_readable()) {
            (FreeStart::Silent, true) => Tagged::Silent.serialize(s),
            (FreeStart::RandomScore { rate }, true) => Tagged::RandomScore { rate }.serialize(s),
            (FreeStart::Memory, true) => Tagged::Memory.serialize(s),
            (FreeStart::Silent, false) => Plain::Silent.serialize(s),
            (FreeStart::RandomScore { rate }, false) => Plain::RandomScore { rate }.serialize(s),
            (FreeStart::Memory, false) => Plain::Memory.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FreeStart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(if d.is_human_readable() {
            match Tagged::deserialize(d)? {
                Tagged::Silent => FreeStart::Silent,
                Tagged::RandomScore { rate } => FreeStart::RandomScore { rate },
                Tagged::Memory => FreeStart::Memory,
            }
        } else {
            match Plain::deserialize(d)? {
                Plain::Silent => FreeStart::Silent,
                Plain::RandomScore { rate } => FreeStart::RandomScore { rate },
                Plain::Memory => FreeStart::Memory,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::recipes::{FreeStart, RecallProtocol};

    fn starts() -> [FreeStart; 3] {
        [
            FreeStart::Silent,
            FreeStart::RandomScore { rate: 0.2 },
            FreeStart::Memory,
        ]
    }

    #[test]
    fn json_is_tagged_by_kind() {
        let texts: Vec<String> = starts()
            .iter()
            .map(|f| serde_json::to_string(f).expect("serializable"))
            .collect();
        assert_eq!(
            texts,
            [
                r#"{"kind":"silent"}"#,
                r#"{"kind":"random-score","rate":0.2}"#,
                r#"{"kind":"memory"}"#
            ]
        );
        for (start, text) in starts().iter().zip(&texts) {
            let back: FreeStart = serde_json::from_str(text).expect("parses");
            assert_eq!(back, *start);
        }
    }

    #[test]
    fn a_protocol_round_trips_through_bincode_with_every_start() {
        for free_start in starts() {
            let protocol = RecallProtocol {
                free_start,
                ..RecallProtocol::default()
            };
            let bytes = bincode::serialize(&protocol).expect("encodes");
            let back: RecallProtocol = bincode::deserialize(&bytes).expect("decodes");
            assert_eq!(back, protocol);
            // The pipeline's configuration (in pipeline-summary files) holds one too.
            let mut config = crate::pipeline::PipelineConfig::default();
            config.recall.free_start = free_start;
            let bytes = bincode::serialize(&config).expect("encodes");
            let back: crate::pipeline::PipelineConfig =
                bincode::deserialize(&bytes).expect("decodes");
            assert_eq!(back, config);
        }
        // The variant index (u32, little endian) comes first: 1 for a random score, then its
        // rate.
        let bytes = bincode::serialize(&FreeStart::RandomScore { rate: 0.5 }).expect("encodes");
        assert_eq!(bytes[..4], [1, 0, 0, 0]);
        assert_eq!(bytes[4..], 0.5f64.to_le_bytes());
    }
}
