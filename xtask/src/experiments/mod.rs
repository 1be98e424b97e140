//! The experiments of the suite (protocols in docs/experiments.md and MODEL.md section 8).

mod capacity;
mod common;
mod recall;
mod stability;
mod two_memories;

use crate::reproduce::Experiment;

/// Every experiment, in the order the report lists them.
pub fn all() -> Vec<&'static dyn Experiment> {
    vec![
        &stability::Stability,
        &capacity::Capacity,
        &recall::Recall,
        &two_memories::TwoMemories,
    ]
}
