//! Seeds of the command: the facade's seed policy ([`rsnn::seeds`]), one place for every front
//! end. `rsnn sample --seed S` draws the score of memory 0 of master seed `S`, `rsnn network
//! --seed S` its network, so that `rsnn demo --seed S` builds exactly the score and network of
//! these two commands; every output file records the seed that produced it.

pub use rsnn::seeds::{NETWORK_STREAM, PROMPT_STREAM, SCORE_STREAM, Seeds};

/// The generator of stream `stream` of `seed`.
pub fn rng(seed: u64, stream: u64) -> rand_chacha::ChaCha8Rng {
    Seeds::new(seed).rng(stream)
}
