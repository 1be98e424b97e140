//! The tables of the scale benchmark: stdout, `OUT/scale.md`, `OUT/scale.json` and the marked
//! section of `docs/performance.md`.

use super::{STAGES, ScaleOptions, SizeResult};
use anyhow::{Context, Result, bail};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// The markers of the generated section of docs/performance.md at the default K.
pub const BEGIN: &str = "<!-- scale-benchmark:begin (written by `cargo xtask bench --scale`) -->";
/// See [`BEGIN`].
pub const END: &str = "<!-- scale-benchmark:end -->";

/// The markers of the section of `inputs` per neuron: [`BEGIN`] and [`END`] at the default K,
/// else with the K in the marker (`scale-benchmark-k5000:begin ...`).
pub fn markers(inputs: usize) -> (String, String) {
    if inputs == super::INPUTS {
        (BEGIN.to_owned(), END.to_owned())
    } else {
        (
            format!(
                "<!-- scale-benchmark-k{inputs}:begin (written by `cargo xtask bench --scale \
                 --inputs {inputs}`) -->"
            ),
            format!("<!-- scale-benchmark-k{inputs}:end -->"),
        )
    }
}

#[derive(Serialize)]
struct Record<'a> {
    seed: u64,
    inputs: usize,
    period: f64,
    cycles: usize,
    noise: f64,
    results: &'a [SizeResult],
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

/// The markdown tables of `results` (`inputs` per neuron).
pub fn markdown(results: &[SizeResult], inputs: usize, seed: u64) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "K = {}, T = {}, rate 0.2, L2 objective (default backend), {} cycles at sigma = {}, \
         seed {seed}. Each cell: wall time / peak resident memory of the `rsnn` command of \
         that stage (CPU time in parentheses when it differs from the wall time by more than \
         10%).\n",
        inputs,
        super::PERIOD,
        super::CYCLES,
        super::NOISE
    );
    let _ = writeln!(s, "| L | spikes per period | {} |", STAGES.join(" | "));
    let _ = writeln!(s, "|---|---|{}", "---|".repeat(STAGES.len()));
    for r in results {
        let cells: Vec<String> = r
            .stages
            .iter()
            .map(|(_, m)| match m {
                Ok(m) => {
                    let cpu = if (m.cpu - m.wall).abs() > 0.1 * m.wall {
                        format!(" ({:.2} s CPU)", m.cpu)
                    } else {
                        String::new()
                    };
                    format!("{:.2} s{cpu} / {:.0} MiB", m.wall, mib(m.peak_bytes))
                }
                Err(_) => "failed (below)".to_owned(),
            })
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            r.neurons,
            r.spikes,
            cells.join(" | ")
        );
    }
    let _ = writeln!(
        s,
        "\n| L | neurons memorized | spectral radius (eigensolver) | smallest precision / recall over the cycles |"
    );
    let _ = writeln!(s, "|---|---|---|---|");
    for r in results {
        let radius = match (r.spectral_radius, &r.solver) {
            (Some(radius), Some(solver)) => format!("{radius:.3e} ({solver})"),
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            s,
            "| {} | {} / {} | {radius} | {:.3} / {:.3} |",
            r.neurons, r.memorized, r.neurons, r.min_precision, r.min_recall
        );
    }
    for r in results {
        for (name, m) in &r.stages {
            if let Err(why) = m {
                let _ = writeln!(s, "\nL = {}: {name} failed: {why}", r.neurons);
            }
        }
    }
    s
}

/// Writes `contents` to `path` through a temporary file in the same folder.
fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, contents).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))
}

/// `doc` with the text between the markers `(begin, end)` replaced by `table`.
///
/// # Errors
/// The markers are missing or out of order.
pub fn replace_section(doc: &str, (begin, end): (&str, &str), table: &str) -> Result<String> {
    let (Some(b), Some(e)) = (doc.find(begin), doc.find(end)) else {
        bail!("docs/performance.md lacks the markers {begin} and {end}");
    };
    if e < b {
        bail!("docs/performance.md has its scale markers out of order");
    }
    Ok(format!(
        "{}{begin}\n{table}{end}{}",
        &doc[..b],
        &doc[e + end.len()..]
    ))
}

/// Prints the tables and writes them (see the module doc).
///
/// # Errors
/// A file cannot be written, or docs/performance.md lacks the markers of this K.
pub fn write(results: &[SizeResult], options: &ScaleOptions) -> Result<()> {
    let table = markdown(results, options.inputs, options.seed);
    println!("\n{table}");
    write_atomic(&options.out.join("scale.md"), &table)?;
    let record = Record {
        seed: options.seed,
        inputs: options.inputs,
        period: super::PERIOD,
        cycles: super::CYCLES,
        noise: super::NOISE,
        results,
    };
    write_atomic(
        &options.out.join("scale.json"),
        &serde_json::to_string_pretty(&record)?,
    )?;
    if options.update_docs {
        let path = Path::new("docs/performance.md");
        let doc =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let (begin, end) = markers(options.inputs);
        write_atomic(path, &replace_section(&doc, (&begin, &end), &table)?)?;
        println!("updated {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_between_the_markers_is_replaced_and_the_rest_kept() {
        let doc = format!("intro\n{BEGIN}\nold table\n{END}\nafter\n");
        let m = (BEGIN, END);
        let new = replace_section(&doc, m, "new table\n").expect("markers present");
        assert_eq!(new, format!("intro\n{BEGIN}\nnew table\n{END}\nafter\n"));
        assert!(replace_section("no markers", m, "x").is_err());
        assert!(replace_section(&format!("{END}{BEGIN}"), m, "x").is_err());
        // Another K has its own section; the default one is left alone.
        let (b, e) = markers(5000);
        assert!(b.contains("k5000") && e.contains("k5000"));
        let two = format!("{doc}{b}\nwide\n{e}\n");
        let new = replace_section(&two, (&b, &e), "wider\n").expect("markers present");
        assert!(new.contains("old table") && new.contains("wider") && !new.contains("wide\n"));
    }
}
