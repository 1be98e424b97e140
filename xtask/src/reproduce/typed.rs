//! Typed experiments: every experiment states its job parameters and its result as structs;
//! the conversion to and from the JSON of the job files happens here, once, and fails with an
//! error naming the job file and the field (a missing or unknown field is never read as a
//! default).

use super::files::Finished;
use super::{Context, Experiment, Job, Suite};
use anyhow::{Context as _, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A finished job read back with its typed parameters and result.
#[derive(Debug, Clone, PartialEq)]
pub struct Done<P, R> {
    /// The job.
    pub job: Job<P>,
    /// Its result.
    pub result: R,
}

/// An experiment with typed parameters and results; every `Typed` is an [`Experiment`].
pub trait Typed: Sync {
    /// The parameters of one job.
    type Params: Serialize + DeserializeOwned;
    /// The result of one job.
    type Output: Serialize + DeserializeOwned;
    /// The name used on the command line and as folder name.
    const NAME: &'static str;
    /// One line saying what the experiment measures.
    const DESCRIPTION: &'static str;

    /// The jobs of the suite (its scale and seed), in a fixed order.
    fn plan(&self, suite: Suite) -> Vec<Job<Self::Params>>;
    /// Runs one job.
    fn execute(&self, job: &Job<Self::Params>, context: &Context) -> Result<Self::Output>;
    /// Writes CSV files and figures from the finished jobs into `dir` and returns the Markdown
    /// section of the report.
    fn summarize_done(
        &self,
        done: &[Done<Self::Params, Self::Output>],
        dir: &Path,
    ) -> Result<String>;
}

/// Reads the typed parameters and result of a finished job; an error names the file and the
/// field that does not fit.
pub fn decode<P: DeserializeOwned, R: DeserializeOwned>(
    experiment: &str,
    finished: &Finished,
) -> Result<Done<P, R>> {
    let path = finished.path.display();
    let job = finished
        .file
        .job
        .typed()
        .with_context(|| format!("{path}: not a job of {experiment}"))?;
    let result = R::deserialize(&finished.file.result)
        .with_context(|| format!("{path}: `result` is not a result of {experiment}"))?;
    Ok(Done { job, result })
}

impl<T: Typed> Experiment for T {
    fn name(&self) -> &'static str {
        T::NAME
    }

    fn description(&self) -> &'static str {
        T::DESCRIPTION
    }

    fn jobs(&self, suite: Suite) -> Result<Vec<Job>> {
        self.plan(suite).iter().map(Job::erase).collect()
    }

    fn run(&self, job: &Job, context: &Context) -> Result<serde_json::Value> {
        let output = self.execute(&job.typed()?, context)?;
        Ok(serde_json::to_value(output)?)
    }

    fn summarize(&self, finished: &[Finished], dir: &Path) -> Result<String> {
        let done = finished
            .iter()
            .map(|f| decode(T::NAME, f))
            .collect::<Result<Vec<_>>>()?;
        self.summarize_done(&done, dir)
    }
}

impl Context<'_> {
    /// The result of another job of `experiment`, if it has finished (and is not stale, unless
    /// the run reuses stale jobs).
    pub fn finished<T: Typed>(
        &self,
        _experiment: &T,
        job: &Job<T::Params>,
    ) -> Result<Option<T::Output>> {
        let Some(found) = super::files::read_finished(self.out, T::NAME, &job.erase()?)? else {
            return Ok(None);
        };
        if super::revision::resume(&found.file.git, self.revision, self.reuse_stale)
            == super::revision::Resume::Rerun
        {
            return Ok(None);
        }
        Ok(Some(
            decode::<T::Params, T::Output>(T::NAME, &found)?.result,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reproduce::files::JobFile;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Params {
        net: usize,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Output {
        radius: f64,
    }

    fn finished(params: serde_json::Value, result: serde_json::Value) -> Finished {
        Finished {
            path: "out/x/jobs/quick-net0.json".into(),
            file: JobFile {
                experiment: "x".into(),
                job: Job {
                    id: "quick-net0".into(),
                    seed: 1,
                    params,
                },
                result,
                suite_seed: 1,
                seconds: 0.5,
                git: crate::reproduce::revision::Revision {
                    commit: "abc".into(),
                    dirty: Some(false),
                },
            },
        }
    }

    #[test]
    fn a_job_file_decodes_into_the_typed_result() {
        let f = finished(
            serde_json::json!({ "net": 2 }),
            serde_json::json!({ "radius": 0.5 }),
        );
        let done: Done<Params, Output> = decode("x", &f).unwrap();
        assert_eq!(done.job.params, Params { net: 2 });
        assert_eq!(done.result, Output { radius: 0.5 });
    }

    #[test]
    fn a_missing_or_unknown_field_is_an_error_naming_file_and_field() {
        let missing = finished(serde_json::json!({ "net": 2 }), serde_json::json!({}));
        let e = format!("{:#}", decode::<Params, Output>("x", &missing).unwrap_err());
        assert!(
            e.contains("quick-net0.json") && e.contains("`radius`"),
            "{e}"
        );
        let renamed = finished(
            serde_json::json!({ "network": 2 }),
            serde_json::json!({ "radius": 0.5 }),
        );
        let e = format!("{:#}", decode::<Params, Output>("x", &renamed).unwrap_err());
        assert!(
            e.contains("quick-net0.json") && e.contains("`network`"),
            "{e}"
        );
    }
}
