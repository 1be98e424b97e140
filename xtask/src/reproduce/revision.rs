//! The code that produced a job: its git revision, whether the work tree had local changes, and
//! whether a recorded job is stale for the code running now.

use serde::{Deserialize, Serialize};
use std::process::Command;

/// The commit recorded outside a git checkout.
pub const UNKNOWN: &str = "unknown";

/// The git state of the code that ran a job.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The commit, abbreviated to 12 hex digits ([`UNKNOWN`] outside a git checkout).
    pub commit: String,
    /// Whether tracked files had local changes (`git status --porcelain --untracked-files=no`
    /// non-empty; untracked files such as output folders do not count); null when unknown.
    pub dirty: Option<bool>,
}

impl Revision {
    /// The revision of the work tree in the current folder.
    pub fn current() -> Self {
        let commit = git(&["rev-parse", "--short=12", "HEAD"]);
        let status = git(&["status", "--porcelain", "--untracked-files=no"]);
        match (commit, status) {
            (Some(commit), Some(status)) => Self {
                commit: commit.trim().to_owned(),
                dirty: Some(!status.trim().is_empty()),
            },
            (commit, _) => Self {
                commit: commit.map_or_else(|| UNKNOWN.to_owned(), |c| c.trim().to_owned()),
                dirty: None,
            },
        }
    }

    /// Whether the code is exactly a known commit.
    pub fn is_clean(&self) -> bool {
        self.dirty == Some(false) && self.commit != UNKNOWN
    }
}

impl std::fmt::Display for Revision {
    /// The commit, with `(dirty)` or `(state unknown)` unless clean.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.commit)?;
        match self.dirty {
            Some(false) => Ok(()),
            Some(true) => f.write_str(" (dirty)"),
            None => f.write_str(" (state unknown)"),
        }
    }
}

/// The output of a git command, if it ran and succeeded.
fn git(args: &[&str]) -> Option<String> {
    Command::new("git")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// What a resumed run does with a job that already has a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// Recorded by the clean commit running now: kept.
    Keep,
    /// Recorded by another commit or by a dirty or unknown tree: run again.
    Rerun,
    /// Stale, but kept because the run was told to reuse stale jobs.
    ReuseStale,
}

/// Whether a job recorded by `recorded` is stale for the code `current`, and what to do about
/// it. A job is fresh only when both are the same clean commit: a job recorded by a dirty or
/// unknown tree ran unknown code, and a dirty tree running now is not the code of any commit.
pub fn resume(recorded: &Revision, current: &Revision, reuse_stale: bool) -> Resume {
    let fresh = recorded.is_clean() && current.is_clean() && recorded.commit == current.commit;
    match (fresh, reuse_stale) {
        (true, _) => Resume::Keep,
        (false, false) => Resume::Rerun,
        (false, true) => Resume::ReuseStale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(commit: &str, dirty: Option<bool>) -> Revision {
        Revision {
            commit: commit.into(),
            dirty,
        }
    }

    #[test]
    fn only_jobs_of_the_clean_current_commit_are_kept() {
        let now = rev("abc", Some(false));
        let cases = [
            (rev("abc", Some(false)), Resume::Keep),
            (rev("def", Some(false)), Resume::Rerun),
            (rev("abc", Some(true)), Resume::Rerun),
            (rev("abc", None), Resume::Rerun),
            (rev(UNKNOWN, None), Resume::Rerun),
        ];
        for (recorded, expected) in cases {
            assert_eq!(resume(&recorded, &now, false), expected, "{recorded}");
            let reused = if expected == Resume::Keep {
                Resume::Keep
            } else {
                Resume::ReuseStale
            };
            assert_eq!(resume(&recorded, &now, true), reused, "{recorded}");
        }
        // A dirty tree running now is not the code of its commit.
        assert_eq!(resume(&now, &rev("abc", Some(true)), false), Resume::Rerun);
        // Outside a checkout nothing recorded is known to be the current code.
        assert_eq!(
            resume(&rev(UNKNOWN, None), &rev(UNKNOWN, None), false),
            Resume::Rerun
        );
    }

    #[test]
    fn labels_flag_dirty_and_unknown_trees() {
        assert_eq!(rev("abc", Some(false)).to_string(), "abc");
        assert_eq!(rev("abc", Some(true)).to_string(), "abc (dirty)");
        assert_eq!(rev(UNKNOWN, None).to_string(), "unknown (state unknown)");
    }
}
