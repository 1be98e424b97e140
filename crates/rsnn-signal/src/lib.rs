//! # rsnn-signal — time and spike trains (layer 1)
//!
//! The bottom layer of the rsnn workspace, with no notion of neurons: spike trains that cannot
//! be invalid ([`SpikeTrain`], [`PeriodicTrain`], [`Score`]), the alpha kernel
//! ([`AlphaKernel`]), random periodic trains and scores ([`ScoreSampler`], docs/model.md §4),
//! jittered copies ([`jitter_score`], [`jitter_train`]), precision and recall of one cycle
//! ([`multi_channel_similarity`], docs/model.md §6), and versioned JSON / bincode files
//! ([`io`]).
//!
//! Time is measured in units of the absolute refractory period (`tau_r = 1`). Randomness comes
//! in only through a `&mut R` generator argument (`R: rand::Rng + ?Sized`), for instance
//! `rand_chacha::ChaCha8Rng::seed_from_u64(seed)`.
//!
//! ```
//! use rand::SeedableRng;
//! use rsnn_signal::{AlphaKernel, JitterConfig, Score, ScoreSampler};
//! use rsnn_signal::{jitter_score, multi_channel_similarity};
//!
//! let score = Score::new(10.0, vec![vec![0.5, 4.0], vec![]])?;
//! assert_eq!(score.num_spikes(), 2);
//! let h = AlphaKernel::new(1.0)?;
//! assert!(h.horizon(1e-12)? > 30.0);
//!
//! // A random score of 20 channels (T = 50, lambda = 0.2) and a slightly jittered copy.
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
//! let score = ScoreSampler::new(50.0, 0.2)?.sample_score(&mut rng, 20)?;
//! let noisy = jitter_score(&mut rng, &score, &JitterConfig::new(0.01))?;
//! // Compare the copy, played from t = 0, with the score.
//! let produced: Vec<&[f64]> = noisy.channels().iter().map(|c| c.times()).collect();
//! let s = multi_channel_similarity(&score, &produced, 0.0)?;
//! assert!(s.precision > 0.9 && s.recall > 0.9);
//! # Ok::<(), rsnn_signal::SignalError>(())
//! ```

mod error;
pub mod io;
mod jitter;
mod kernel;
mod lag;
pub mod limits;
mod number;
mod sample;
mod score;
mod similarity;
mod train;
mod truncnorm;

pub use error::{CodecError, SignalError};
pub use jitter::{JitterConfig, jitter_periodic, jitter_score, jitter_train};
pub use kernel::AlphaKernel;
pub use limits::LimitExceeded;
pub use number::{Compact, compact};
pub use sample::{
    MAX_SAMPLER_PERIOD, ScoreSampler, expected_spike_count, sample_periodic_train, sample_score,
    spike_count_distribution,
};
pub use score::Score;
pub use similarity::{
    Similarity, cycle_similarities, fold_cycle, multi_channel_similarity, single_channel_similarity,
};
pub use train::{PeriodicTrain, REFRACTORY_PERIOD, REFRACTORY_TOLERANCE, SpikeTrain};
