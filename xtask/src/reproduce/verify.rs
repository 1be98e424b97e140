//! Checks that a run's outputs exist and parse.

use super::files;
use super::{Experiment, Suite};
use anyhow::{Context as _, Result, bail};
use std::path::Path;

/// Checks that a run's outputs exist and parse: `REPORT.md`, every experiment's `config.json`,
/// job files (all of them when `complete`) and CSV files (same number of fields on every line).
pub fn verify(
    selected: &[&dyn Experiment],
    out: &Path,
    suite: Suite,
    complete: bool,
) -> Result<()> {
    let report = out.join("REPORT.md");
    if std::fs::metadata(&report).map(|m| m.len()).unwrap_or(0) == 0 {
        bail!("{} is missing or empty", report.display());
    }
    for exp in selected {
        let dir = out.join(exp.name());
        let config = std::fs::read_to_string(dir.join("config.json"))
            .with_context(|| format!("{}: config.json", dir.display()))?;
        serde_json::from_str::<serde_json::Value>(&config)
            .with_context(|| format!("{}: config.json does not parse", dir.display()))?;
        for job in exp.jobs(suite)? {
            if complete && files::read_finished(out, exp.name(), &job)?.is_none() {
                bail!("{}/{}: no valid job file", exp.name(), job.id);
            }
        }
        let mut csvs = 0;
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("csv") {
                continue;
            }
            csvs += 1;
            let text = std::fs::read_to_string(&path)?;
            let mut lines = text.lines();
            let width = lines.next().map_or(0, |h| h.split(',').count());
            for (i, line) in lines.enumerate() {
                if line.split(',').count() != width {
                    bail!(
                        "{}: line {} has the wrong number of fields",
                        path.display(),
                        i + 2
                    );
                }
            }
        }
        if csvs == 0 {
            bail!("{}: no CSV data", dir.display());
        }
    }
    Ok(())
}
