//! Experiments with two protocols: rsnn's own and the one of the original experiment scripts
//! (docs/model.md §8.5). A job's parameters and its result name their protocol in a field
//! `protocol` (`ours` or `original`); the memorization templates compared by the original
//! protocols.

use crate::reproduce::{Done, Job};
use anyhow::{Result, bail};
use rsnn::prelude::Mode;
use serde::{Deserialize, Serialize};

/// The parameters or the result of a job of one of the two protocols of an experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "protocol", rename_all = "lowercase")]
pub enum Protocol<A, B> {
    /// rsnn's protocol.
    Ours(A),
    /// The protocol of the original experiment scripts.
    Original(B),
}

/// The finished jobs of each protocol.
pub type Split<P, R, Q, S> = (Vec<Done<P, R>>, Vec<Done<Q, S>>);

/// A finished job of an experiment with two protocols (parameters `P` or `Q`, results `R` or
/// `S`).
pub type Tagged<P, Q, R, S> = Done<Protocol<P, Q>, Protocol<R, S>>;

/// Splits finished jobs by protocol, keeping their order; a job whose parameters and result
/// belong to different protocols is an error naming it.
pub fn split<P: Clone, Q: Clone, R: Clone, S: Clone>(
    done: &[Tagged<P, Q, R, S>],
) -> Result<Split<P, R, Q, S>> {
    let mut ours = Vec::new();
    let mut original = Vec::new();
    for d in done {
        match (&d.job.params, &d.result) {
            (Protocol::Ours(p), Protocol::Ours(r)) => ours.push(Done {
                job: with_params(&d.job, p.clone()),
                result: r.clone(),
            }),
            (Protocol::Original(q), Protocol::Original(s)) => original.push(Done {
                job: with_params(&d.job, q.clone()),
                result: s.clone(),
            }),
            _ => bail!("job {}: its result belongs to the other protocol", d.job.id),
        }
    }
    Ok((ours, original))
}

/// The jobs of rsnn's protocol, tagged.
pub fn ours<A, B>(jobs: Vec<Job<A>>) -> Vec<Job<Protocol<A, B>>> {
    jobs.into_iter()
        .map(|j| Job {
            id: j.id,
            seed: j.seed,
            params: Protocol::Ours(j.params),
        })
        .collect()
}

/// The jobs of the original protocol, tagged.
pub fn original<A, B>(jobs: Vec<Job<B>>) -> Vec<Job<Protocol<A, B>>> {
    jobs.into_iter()
        .map(|j| Job {
            id: j.id,
            seed: j.seed,
            params: Protocol::Original(j.params),
        })
        .collect()
}

/// Runs a job of either protocol with the function of its protocol.
pub fn execute<A: Clone, B: Clone, R, S>(
    job: &Job<Protocol<A, B>>,
    ours: impl FnOnce(&Job<A>) -> Result<R>,
    original: impl FnOnce(&Job<B>) -> Result<S>,
) -> Result<Protocol<R, S>> {
    Ok(match &job.params {
        Protocol::Ours(p) => Protocol::Ours(ours(&with_params(job, p.clone()))?),
        Protocol::Original(p) => Protocol::Original(original(&with_params(job, p.clone()))?),
    })
}

/// `job` with other parameters (same id and seed).
fn with_params<P, Q>(job: &Job<P>, params: Q) -> Job<Q> {
    Job {
        id: job.id.clone(),
        seed: job.seed,
        params,
    }
}

/// Splits the finished jobs by protocol, summarizes each protocol that has some and returns
/// the Markdown of both ([`sections`]).
pub fn summarize<P: Clone, Q: Clone, R: Clone, S: Clone>(
    done: &[Tagged<P, Q, R, S>],
    ours: impl FnOnce(&[Done<P, R>]) -> Result<String>,
    original: impl FnOnce(&[Done<Q, S>]) -> Result<String>,
) -> Result<String> {
    let (a, b) = split(done)?;
    let a = (!a.is_empty()).then(|| ours(&a)).transpose()?;
    let b = (!b.is_empty()).then(|| original(&b)).transpose()?;
    Ok(sections(a, b))
}

/// The Markdown of an experiment with both protocols: rsnn's section, then the original's
/// (a protocol without finished jobs is left out).
pub fn sections(ours: Option<String>, original: Option<String>) -> String {
    let mut md = String::new();
    if let Some(s) = ours {
        md.push_str("### rsnn's protocol\n\n");
        md.push_str(&s);
    }
    if let Some(s) = original {
        if !md.is_empty() {
            md.push('\n');
        }
        md.push_str("### The original scripts' protocol\n\n");
        md.push_str(&s);
    }
    md
}

/// The memorization template of a job of an original protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// rsnn's continuous-time template by constraint generation ([`Mode::ContinuousTime`]).
    Continuous,
    /// The original package's grid template ([`Mode::Published`]).
    Published,
}

impl Template {
    /// Both templates, in the order of the reports.
    pub const ALL: [Template; 2] = [Template::Continuous, Template::Published];

    /// The memorization mode.
    pub fn mode(self) -> Mode {
        match self {
            Self::Continuous => Mode::ContinuousTime,
            Self::Published => Mode::Published,
        }
    }

    /// The name in job ids, CSV files and tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Continuous => "continuous",
            Self::Published => "published",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct A {
        net: usize,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct B {
        template: Template,
    }

    type Both = Protocol<A, B>;

    #[test]
    fn the_protocol_is_a_field_and_unknown_or_missing_fields_are_errors() {
        let json = serde_json::to_value(Both::Ours(A { net: 2 })).unwrap();
        assert_eq!(json, serde_json::json!({ "protocol": "ours", "net": 2 }));
        let back: Both = serde_json::from_value(json).unwrap();
        assert_eq!(back, Both::Ours(A { net: 2 }));
        let original = serde_json::json!({ "protocol": "original", "template": "published" });
        let back: Both = serde_json::from_value(original).unwrap();
        assert_eq!(
            back,
            Both::Original(B {
                template: Template::Published
            })
        );
        let extra = serde_json::json!({ "protocol": "ours", "net": 2, "nets": 3 });
        let e = serde_json::from_value::<Both>(extra)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`nets`"), "{e}");
        let missing = serde_json::json!({ "protocol": "original" });
        let e = serde_json::from_value::<Both>(missing)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `template`"), "{e}");
        let untagged = serde_json::json!({ "net": 2 });
        assert!(serde_json::from_value::<Both>(untagged).is_err());
    }

    fn done(id: &str, params: Both, result: Protocol<f64, u8>) -> Done<Both, Protocol<f64, u8>> {
        Done {
            job: Job {
                id: id.into(),
                seed: 7,
                params,
            },
            result,
        }
    }

    #[test]
    fn split_keeps_the_order_and_refuses_mixed_jobs() {
        let b = || B {
            template: Template::Continuous,
        };
        let jobs = [
            done("a", Both::Ours(A { net: 0 }), Protocol::Ours(0.5)),
            done("b", Both::Original(b()), Protocol::Original(3)),
            done("c", Both::Ours(A { net: 1 }), Protocol::Ours(0.25)),
        ];
        let (ours, original) = split(&jobs).unwrap();
        let ids: Vec<&str> = ours.iter().map(|d| d.job.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!((ours[1].job.params.net, ours[1].result), (1, 0.25));
        assert_eq!((original[0].job.seed, original[0].result), (7, 3));
        let mixed = [done("d", Both::Ours(A { net: 0 }), Protocol::Original(1))];
        let e = split(&mixed).unwrap_err().to_string();
        assert!(e.contains("job d"), "{e}");
    }

    #[test]
    fn sections_leave_out_a_protocol_without_results() {
        let both = sections(Some("a\n".into()), Some("b\n".into()));
        assert_eq!(
            both,
            "### rsnn's protocol\n\na\n\n### The original scripts' protocol\n\nb\n"
        );
        assert!(!sections(None, Some("b\n".into())).contains("rsnn's"));
        assert_eq!(Template::Published.mode(), Mode::Published);
    }
}
