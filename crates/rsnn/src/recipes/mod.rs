//! Recipes that compose the layers into the experiments of the paper: free recall from the
//! perfect initial condition, associative recall from a partial noisy prompt (prompted for some
//! cycles, or clamped during the whole run as in the original scripts), and sequences of
//! prompts that switch between several stored memories.
//!
//! Conventions: score time 0 is at absolute time 0; cycle `k` is `[k T, (k + 1) T)`.

mod clamped;
mod free_start_codec;
mod prompts;
mod protocol;
mod random;
mod recall;
mod record;
mod sequence;

pub use clamped::{ClampedProtocol, clamped_recall};
pub use prompts::jittered_prompts;
pub use protocol::{FreeStart, RecallProtocol};
pub use random::NetworkSpec;
pub use recall::{
    HISTORY_TOLERANCE, RecallCycle, RecallOutcome, associative_recall, associative_recall_with,
    choose_neurons, free_recall, free_recall_config, perfect_history, sub_score,
};
pub use record::RecallRecord;
pub use sequence::{Phase, SequenceCycle, prompt_sequence};
