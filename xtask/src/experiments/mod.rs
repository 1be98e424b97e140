//! The experiments of the suite (protocols in docs/experiments.md and docs/model.md §8).
//!
//! Every experiment but `stability` has two protocols ([`protocol::Protocol`]): rsnn's and the
//! one of the original experiment scripts (docs/model.md §8.5); its jobs name their protocol,
//! rsnn's jobs first. `stability` needs no jobs of its own for the original protocol: its runs
//! are a subset of rsnn's.
//!
//! # Seeds
//!
//! Every random draw of the suite derives from one master seed `S` (`--seed`, default 1) by the
//! facade's policy [`rsnn::seeds`]:
//!
//! - experiment `e` (stability 0, capacity 1, recall 2, two-memories 3, the networks of the
//!   original two-memories protocol 4, quantization 5: [`family`]) has the family `F_e = Seeds::new(S).job(e)`;
//! - network `n` of an experiment has the master seed `F_e.job(n).master()` ([`network_seed`]),
//!   which is the seed of its jobs: the jobs that use the same network (the four objectives of
//!   `stability`, the two prompted fractions of `two-memories`, both protocols of `recall` for
//!   the same `n`, both templates of the original `two-memories`) share it. The score(s) and
//!   the network are drawn by [`rsnn::recipes::NetworkSpec::sample`] from it;
//! - with `N = Seeds::new(network seed)`: the `i`-th free run of `stability` (the `i`-th sigma)
//!   has the noise seed `N.free_run(i)`; the `i`-th associative-recall protocol of `recall`
//!   (sigma index times 2 plus the start: silent 0, random 1) the seed `N.recall(i)`, and the
//!   `i`-th clamped-recall run of its original protocol (sigma index times 3 plus the start:
//!   silent 0, random 1, memory 2) the seed `N.sub_seed(ClampedRecall, i)`; in `two-memories`
//!   (both protocols) the prompted neurons are chosen from `N.prompt_rng()` and the sequence of
//!   prompts has the seed `N.sub_seed(Sequence, 0)`;
//! - the capacity cell of `K` inputs and period `T` has the master seed
//!   `C = F_1.job(K).job(T).master()` (the seed of its blocks of trials, in both protocols);
//!   its trial `t` is the family `Seeds::new(C.sub_seed(Trial, t))`, which draws the score from
//!   its score stream and the inputs from its network stream. Both protocols therefore solve
//!   the same trials at the same `(K, T)`, and the original protocol solves each trial with
//!   both templates.
//!
//! Job ids do not depend on the seed, and job seeds do not depend on the order of execution,
//! on `--jobs` or on sharding. Every job file records the suite seed and its own seed.

mod capacity;
mod common;
mod protocol;
mod quantization;
mod recall;
mod stability;
mod two_memories;

use crate::reproduce::Experiment;
use rsnn::seeds::Seeds;

/// Every experiment, in the order the report lists them.
pub fn all() -> Vec<&'static dyn Experiment> {
    vec![
        &stability::Stability,
        &capacity::Capacity,
        &recall::Recall,
        &two_memories::TwoMemories,
        &quantization::Quantization,
    ]
}

/// The fixed number of each experiment in the seed policy (never renumber: it would change
/// every seed of the experiment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `stability`.
    Stability = 0,
    /// `capacity`.
    Capacity = 1,
    /// `recall`.
    Recall = 2,
    /// `two-memories`.
    TwoMemories = 3,
    /// The networks of the original protocol of `two-memories` (their period differs from
    /// rsnn's protocol's).
    TwoMemoriesOriginal = 4,
    /// `quantization`.
    Quantization = 5,
}

/// The seed family of `experiment` in the suite `suite`.
pub fn family(suite: Seeds, experiment: Family) -> Seeds {
    suite.job(experiment as u64)
}

/// The master seed of network `net` of `experiment` (shared by the jobs that use it).
pub fn network_seed(suite: Seeds, experiment: Family, net: usize) -> u64 {
    family(suite, experiment).job(net as u64).master()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experiments_and_networks_have_distinct_seeds() {
        let suite = Seeds::new(1);
        let seeds = [
            network_seed(suite, Family::Stability, 0),
            network_seed(suite, Family::Stability, 1),
            network_seed(suite, Family::Recall, 0),
            network_seed(suite, Family::TwoMemories, 0),
            network_seed(Seeds::new(2), Family::Stability, 0),
        ];
        for (i, a) in seeds.iter().enumerate() {
            for b in &seeds[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(seeds[0], Seeds::new(1).job(0).job(0).master());
    }

    #[test]
    fn jobs_of_one_network_share_its_seed_and_ids_do_not_depend_on_the_seed() {
        use crate::reproduce::{Scale, Suite, Typed};
        let suite = |seed| Suite {
            scale: Scale::Quick,
            seeds: Seeds::new(seed),
        };
        let one = stability::Stability.plan(suite(1));
        let net0 = network_seed(Seeds::new(1), Family::Stability, 0);
        assert_eq!(one.len(), 4);
        assert!(one.iter().all(|j| j.seed == net0));
        let two = stability::Stability.plan(suite(2));
        assert!(
            one.iter()
                .zip(&two)
                .all(|(a, b)| a.id == b.id && a.seed != b.seed)
        );
        let cells = capacity::Capacity.plan(suite(1));
        assert_eq!(
            cells[0].seed,
            Seeds::new(1).job(1).job(100).job(10).master()
        );
        // The original protocol's blocks at the same (K, T) solve the same trials.
        let same = |j: &crate::reproduce::Job<_>| j.id.ends_with("k100-t20-from0");
        let at: Vec<u64> = cells.iter().filter(|j| same(j)).map(|j| j.seed).collect();
        assert_eq!(at.len(), 2);
        assert_eq!(at[0], at[1]);
        assert_ne!(
            network_seed(Seeds::new(1), Family::TwoMemoriesOriginal, 0),
            network_seed(Seeds::new(1), Family::TwoMemories, 0)
        );
    }
}
