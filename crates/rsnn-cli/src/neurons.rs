//! Sets of neurons on the command line: `all`, `3`, `0-9,20,30-39`.

use anyhow::{Result, bail};
use std::str::FromStr;

/// A set of neurons as written on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeuronSet {
    /// Every neuron.
    All,
    /// Inclusive ranges `(first, last)`.
    Ranges(Vec<(usize, usize)>),
}

impl FromStr for NeuronSet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim() == "all" {
            return Ok(NeuronSet::All);
        }
        let number = |t: &str| {
            t.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{t}` is not a neuron index (use e.g. 0-9,20 or all)"))
        };
        let mut ranges = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (number(a)?, number(b)?),
                None => (number(part)?, number(part)?),
            };
            if b < a {
                return Err(format!("empty range `{part}`"));
            }
            ranges.push((a, b));
        }
        if ranges.is_empty() {
            return Err("no neuron given".to_string());
        }
        Ok(NeuronSet::Ranges(ranges))
    }
}

impl NeuronSet {
    /// The sorted, distinct neurons of the set among `total` neurons of `owner` ("the network",
    /// "the recording": the error message names it).
    ///
    /// # Errors
    /// A neuron index that is not below `total`.
    pub fn resolve(&self, total: usize, owner: &str) -> Result<Vec<usize>> {
        let mut out: Vec<usize> = match self {
            NeuronSet::All => (0..total).collect(),
            NeuronSet::Ranges(ranges) => {
                if let Some(&(_, last)) = ranges.iter().find(|r| r.1 >= total) {
                    bail!("neuron {last} does not exist ({owner} has {total} neurons)");
                }
                ranges.iter().flat_map(|&(a, b)| a..=b).collect()
            }
        };
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_all() {
        let set: NeuronSet = "3-5,1,4".parse().expect("valid");
        assert_eq!(
            set.resolve(10, "the network").expect("in range"),
            vec![1, 3, 4, 5]
        );
        assert_eq!(
            "all"
                .parse::<NeuronSet>()
                .map(|s| s.resolve(3, "the network").ok()),
            Ok(Some(vec![0, 1, 2]))
        );
        assert!("x".parse::<NeuronSet>().is_err());
        assert!("5-2".parse::<NeuronSet>().is_err());
        assert!("".parse::<NeuronSet>().is_err());
        assert!(set.resolve(5, "the network").is_err());
    }
}
