//! Seeds: one user seed, independent random streams for each use of it.
//!
//! `rsnn sample --seed S` draws from stream [`SCORE_STREAM`] of `ChaCha8Rng::seed_from_u64(S)`
//! and `rsnn network --seed S` from stream [`NETWORK_STREAM`], so the demo with `--seed S`
//! builds exactly the score and network of these two commands. Simulation seeds of the demo are
//! derived with [`derive()`]; every output file records the seed that produced it.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The stream of score sampling.
pub const SCORE_STREAM: u64 = 0;
/// The stream of network wiring.
pub const NETWORK_STREAM: u64 = 1;
/// The stream of prompt jitter in `rsnn simulate`.
pub const PROMPT_STREAM: u64 = 2;

/// The generator of stream `stream` of `seed`.
pub fn rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// A seed for a sub-task `tag`, independent of the streams above. It has 52 bits, so that
/// every JSON reader (some hold numbers as doubles) reads it exactly.
pub fn derive(seed: u64, tag: u64) -> u64 {
    rng(seed, 1000 + tag).random::<u64>() >> 12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_seeds_differ() {
        assert_ne!(derive(1, 0), derive(1, 1));
        assert_ne!(derive(1, 0), derive(2, 0));
        assert_eq!(derive(5, 3), derive(5, 3));
        assert!(derive(7, 1) < 1 << 52);
    }
}
