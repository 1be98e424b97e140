//! The seed policy: how every random draw of rsnn derives from one master seed.
//!
//! A master seed `S` (the `--seed` of the command, [`crate::pipeline::PipelineConfig::seed`],
//! the seed of an experiment job) names a family of independent random streams of the portable
//! generator ChaCha8 (`ChaCha8Rng::seed_from_u64(S)` with `set_stream(n)`):
//!
//! | draw | stream `n` | function |
//! |---|---|---|
//! | score of memory 0 | 0 | [`Seeds::score_rng`]`(0)` |
//! | the network's wiring (sources, delays) | 1 | [`Seeds::network_rng`] |
//! | prompt jitter of `rsnn simulate` | 2 | [`Seeds::prompt_rng`] |
//! | score of memory `m >= 1` | `2^32 + m` | [`Seeds::score_rng`]`(m)` |
//! | sub-seed `(purpose, index)` | `2^33 + 2^24 code + index` | [`Seeds::sub_seed`] |
//!
//! Streams are independent of each other, so adding a memory does not change the network, and
//! `rsnn sample --seed S`, `rsnn network --seed S`, `rsnn demo --seed S`, the facade's
//! [`crate::pipeline`] and [`crate::recipes::NetworkSpec::sample`] with master seed `S` all build
//! the same score and network.
//!
//! Steps that take a plain `u64` seed (the threshold noise of a simulation, an associative-recall
//! protocol, an experiment job) receive a *sub-seed*: the first draw of the stream of its
//! [`Purpose`] and index, shifted to 52 bits so that every JSON reader (some hold numbers as
//! doubles) reads it exactly. Every output file records the seed that produced it.
//!
//! The values of these streams are pinned by tests (here and in the samplers' crates): a change
//! of generator or sampler that alters them invalidates every recorded seed and must be
//! announced as such.
//!
//! ```
//! use rsnn::seeds::{Purpose, Seeds};
//!
//! let seeds = Seeds::new(1);
//! let noise = seeds.sub_seed(Purpose::FreeRun, 0);
//! assert_eq!(noise, Seeds::new(1).free_run(0));
//! assert_ne!(noise, seeds.sub_seed(Purpose::Recall, 0));
//! assert!(noise < 1 << 52);
//! ```

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The stream of the score of memory 0.
pub const SCORE_STREAM: u64 = 0;
/// The stream of the network's wiring.
pub const NETWORK_STREAM: u64 = 1;
/// The stream of the prompt jitter of `rsnn simulate`.
pub const PROMPT_STREAM: u64 = 2;
/// Memory `m >= 1` draws its score from stream `MEMORY_STREAMS + m`.
pub const MEMORY_STREAMS: u64 = 1 << 32;
/// Sub-seeds are drawn from streams `SUB_SEED_STREAMS + 2^24 code + index`.
pub const SUB_SEED_STREAMS: u64 = 1 << 33;

/// What a sub-seed is for; each purpose has its own family of streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Purpose {
    /// The threshold noise of the `index`-th free run (from the perfect initial condition).
    FreeRun,
    /// The `index`-th associative-recall protocol (choice of prompted neurons, prompt jitter,
    /// threshold noise, random free start).
    Recall,
    /// The `index`-th sequence of prompts switching between memories.
    Sequence,
    /// The `index`-th independent trial of an experiment (e.g. one capacity problem).
    Trial,
    /// The `index`-th job of an experiment suite; the job's own seed is a master seed in turn.
    Job,
    /// The `index`-th clamped-recall protocol ([`crate::recipes::ClampedProtocol`]: choice and
    /// jitter of the clamped neurons, random start, threshold noise).
    ClampedRecall,
}

impl Purpose {
    /// The code of the purpose in the stream number (stable: never renumber).
    const fn code(self) -> u64 {
        match self {
            Self::FreeRun => 1,
            Self::Recall => 2,
            Self::Sequence => 3,
            Self::Trial => 4,
            Self::Job => 5,
            Self::ClampedRecall => 6,
        }
    }
}

/// The largest index of a sub-seed: [`Seeds::sub_seed`] takes indices modulo `2^24`.
pub const MAX_INDEX: u64 = (1 << 24) - 1;

/// The seed family of one master seed (see the module documentation for the table of streams).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seeds {
    master: u64,
}

impl Seeds {
    /// The family of `master`.
    pub const fn new(master: u64) -> Self {
        Self { master }
    }

    /// The master seed.
    pub const fn master(&self) -> u64 {
        self.master
    }

    /// The generator of stream `stream` of the master seed.
    pub fn rng(&self, stream: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.master);
        rng.set_stream(stream);
        rng
    }

    /// The generator of the score of memory `memory` (0 for the first or only score).
    pub fn score_rng(&self, memory: usize) -> ChaCha8Rng {
        match memory {
            0 => self.rng(SCORE_STREAM),
            m => self.rng(MEMORY_STREAMS + m as u64),
        }
    }

    /// The generator of the network's wiring.
    pub fn network_rng(&self) -> ChaCha8Rng {
        self.rng(NETWORK_STREAM)
    }

    /// The generator of the prompt jitter of `rsnn simulate`.
    pub fn prompt_rng(&self) -> ChaCha8Rng {
        self.rng(PROMPT_STREAM)
    }

    /// The sub-seed of the `index`-th use of `purpose`: 52 bits, independent of every other
    /// stream of this family. Indices above [`MAX_INDEX`] wrap modulo `2^24`.
    pub fn sub_seed(&self, purpose: Purpose, index: u64) -> u64 {
        let stream = SUB_SEED_STREAMS + (purpose.code() << 24) + (index & MAX_INDEX);
        self.rng(stream).random::<u64>() >> 12
    }

    /// The threshold-noise seed of the `index`-th free run.
    pub fn free_run(&self, index: u64) -> u64 {
        self.sub_seed(Purpose::FreeRun, index)
    }

    /// The seed of the `index`-th associative-recall protocol.
    pub fn recall(&self, index: u64) -> u64 {
        self.sub_seed(Purpose::Recall, index)
    }

    /// The family of the `index`-th job of an experiment suite with this master seed.
    pub fn job(&self, index: u64) -> Seeds {
        Seeds::new(self.sub_seed(Purpose::Job, index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn streams_and_sub_seeds_are_distinct_and_reproducible() {
        let s = Seeds::new(1);
        let first = |mut r: ChaCha8Rng| r.random::<u64>();
        let draws = [
            first(s.score_rng(0)),
            first(s.score_rng(1)),
            first(s.score_rng(2)),
            first(s.network_rng()),
            first(s.prompt_rng()),
        ];
        for (i, a) in draws.iter().enumerate() {
            for b in &draws[i + 1..] {
                assert_ne!(a, b);
            }
        }
        let subs = [
            s.free_run(0),
            s.free_run(1),
            s.recall(0),
            s.sub_seed(Purpose::Trial, 0),
            s.sub_seed(Purpose::ClampedRecall, 0),
            s.job(0).master(),
            Seeds::new(2).free_run(0),
        ];
        for (i, a) in subs.iter().enumerate() {
            assert!(*a < 1 << 52);
            for b in &subs[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(Seeds::new(1).recall(3), s.recall(3));
    }

    /// Pinned values: if this test fails, the generator or the policy changed and every
    /// recorded seed now means something else. Do not update the numbers silently.
    #[test]
    fn values_are_pinned() {
        let s = Seeds::new(1);
        let mut score = s.score_rng(0);
        let mut network = s.network_rng();
        let got = [
            score.random::<u64>(),
            network.random::<u64>(),
            s.free_run(0),
            s.recall(0),
            s.job(7).master(),
        ];
        assert_eq!(got, PINNED);
    }

    const PINNED: [u64; 5] = [
        7424550030962593201,
        15715005604373573095,
        3856231525994335,
        871339639355109,
        1523648988749905,
    ];
}
