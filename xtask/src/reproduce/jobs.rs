//! Jobs, scales and shards.

use anyhow::{Context, Result, bail};
use rsnn::seeds::Seeds;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Problem sizes of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Reduced sizes: the whole suite in a few minutes on 2 cores.
    Quick,
    /// The sizes of the paper.
    Full,
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Quick => "quick",
            Self::Full => "full",
        })
    }
}

/// What a suite run is: its scale and its master seed (from which every job's seed derives, see
/// the `experiments` module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suite {
    /// Problem sizes.
    pub scale: Scale,
    /// The suite's seed family.
    pub seeds: Seeds,
}

/// One independent unit of work: an experiment's parameters and seed. `P` is the typed
/// parameter struct of an experiment; the job files and the run loop hold it as JSON
/// ([`Job::erase`], [`Job::typed`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Job<P = serde_json::Value> {
    /// Unique within its experiment and scale; used as file name.
    pub id: String,
    /// The seed of every random draw of this job.
    pub seed: u64,
    /// The parameters (experiment-specific).
    pub params: P,
}

impl<P: Serialize> Job<P> {
    /// The job with its parameters as JSON.
    pub fn erase(&self) -> Result<Job> {
        Ok(Job {
            id: self.id.clone(),
            seed: self.seed,
            params: serde_json::to_value(&self.params)
                .with_context(|| format!("job {}: parameters", self.id))?,
        })
    }
}

impl Job {
    /// The job with typed parameters; an error names the job and the field that does not fit.
    pub fn typed<P: DeserializeOwned>(&self) -> Result<Job<P>> {
        Ok(Job {
            id: self.id.clone(),
            seed: self.seed,
            params: P::deserialize(&self.params)
                .with_context(|| format!("job {}: parameters", self.id))?,
        })
    }
}

/// `I/N`: this run executes the jobs whose global index `k` has `k % N == I - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Shard {
    /// Whether the job with global index `k` belongs to this shard.
    pub fn owns(&self, k: usize) -> bool {
        k % self.count == self.index - 1
    }

    /// Whether this shard is the whole job list.
    pub fn is_whole(&self) -> bool {
        self.count == 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shard {}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        let (i, n) = s
            .split_once('/')
            .with_context(|| format!("shard `{s}` is not of the form I/N"))?;
        let index: usize = i
            .trim()
            .parse()
            .with_context(|| format!("shard index `{i}`"))?;
        let count: usize = n
            .trim()
            .parse()
            .with_context(|| format!("shard count `{n}`"))?;
        if count == 0 || index == 0 || index > count {
            bail!("shard `{s}`: need 1 <= I <= N");
        }
        Ok(Self { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_job_list() {
        let shards: Vec<Shard> = (1..=3).map(|i| format!("{i}/3").parse().unwrap()).collect();
        for k in 0..20 {
            assert_eq!(shards.iter().filter(|s| s.owns(k)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert!("1/1".parse::<Shard>().unwrap().owns(17));
    }
}
