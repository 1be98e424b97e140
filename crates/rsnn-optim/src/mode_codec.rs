//! The serialized forms of [`Mode`]: tagged by a `kind` field in human-readable formats
//! (JSON: `{"kind": "continuous_time"}`, `{"kind": "grid", "step": 0.05}`,
//! `{"kind": "published"}`), a plain enum in binary ones (bincode: the variant index as a `u32`,
//! 0 continuous time, 1 grid followed by its step, 2 published), since bincode cannot decode an
//! enum tagged by a field. The choice follows the format's `is_human_readable`.

use crate::Mode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSON form.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
enum Tagged {
    ContinuousTime,
    Grid { step: f64 },
    Published,
}

/// The binary form.
#[derive(Serialize, Deserialize)]
enum Plain {
    ContinuousTime,
    Grid { step: f64 },
    Published,
}

impl Serialize for Mode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (*self, s.is_human_readable()) {
            (Mode::ContinuousTime, true) => Tagged::ContinuousTime.serialize(s),
            (Mode::Grid { step }, true) => Tagged::Grid { step }.serialize(s),
            (Mode::Published, true) => Tagged::Published.serialize(s),
            (Mode::ContinuousTime, false) => Plain::ContinuousTime.serialize(s),
            (Mode::Grid { step }, false) => Plain::Grid { step }.serialize(s),
            (Mode::Published, false) => Plain::Published.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Mode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(if d.is_human_readable() {
            match Tagged::deserialize(d)? {
                Tagged::ContinuousTime => Mode::ContinuousTime,
                Tagged::Grid { step } => Mode::Grid { step },
                Tagged::Published => Mode::Published,
            }
        } else {
            match Plain::deserialize(d)? {
                Plain::ContinuousTime => Mode::ContinuousTime,
                Plain::Grid { step } => Mode::Grid { step },
                Plain::Published => Mode::Published,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{MemorizeConfig, Mode};

    fn modes() -> [Mode; 3] {
        [
            Mode::ContinuousTime,
            Mode::Grid { step: 0.05 },
            Mode::Published,
        ]
    }

    #[test]
    fn json_is_tagged_by_kind() {
        let texts: Vec<String> = modes()
            .iter()
            .map(|m| serde_json::to_string(m).expect("serializable"))
            .collect();
        assert_eq!(
            texts,
            [
                r#"{"kind":"continuous_time"}"#,
                r#"{"kind":"grid","step":0.05}"#,
                r#"{"kind":"published"}"#
            ]
        );
    }

    #[test]
    fn a_config_round_trips_through_bincode_with_every_mode() {
        for mode in modes() {
            let config = MemorizeConfig {
                mode,
                ..MemorizeConfig::default()
            };
            let bytes = bincode::serialize(&config).expect("encodes");
            let back: MemorizeConfig = bincode::deserialize(&bytes).expect("decodes");
            assert_eq!(back, config);
        }
        // The variant index (u32, little endian) comes first: 1 for the grid, then its step.
        let bytes = bincode::serialize(&Mode::Grid { step: 0.5 }).expect("encodes");
        assert_eq!(bytes[..4], [1, 0, 0, 0]);
        assert_eq!(bytes[4..], 0.5f64.to_le_bytes());
    }
}
