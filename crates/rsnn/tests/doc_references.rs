//! The repository explains itself: no text points outside it, every citation of the
//! specification names a section that exists, and every relative Markdown link resolves.
//!
//! Scans `crates/`, `xtask/`, `examples/`, `docs/` and `README.md` (files `*.rs`, `*.md`,
//! `*.toml`; `target/` and hidden folders skipped) and checks that:
//! - no text names a document that lives outside the repository (the former specification,
//!   its test-vector list, or other files of the project's shared folder) or a path outside the
//!   repository;
//! - every section sign followed by a number (`docs/model.md` then the sign and `4`, or `5.3`
//!   for a subsection) names a numbered heading of `docs/model.md` (`## 4. ...`, `### 5.3 ...`),
//!   and every anchor named after `model.md` and `#` exists on that page;
//! - every relative Markdown link of a `.md` file points to an existing file (and, with
//!   `#anchor`, to an existing anchor of a Markdown target).
//!
//! Each failure names the file, the line and the bad reference.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The section sign, spelled so that this file does not cite anything itself.
const SECTION: char = '\u{a7}';

/// How a link or citation into the specification names an anchor (spelled so that this file
/// does not contain one).
const SPEC_ANCHOR: &str = concat!("model", ".md", "#");

/// Texts that name documents outside the repository (assembled so that this file does not
/// contain them).
fn forbidden() -> Vec<String> {
    let md = ".md";
    vec![
        format!("MODEL{md}"),
        format!("vectors{md}"),
        format!("SEED-{}", "README"),
        format!("ARCHITECTURE{md}"),
        format!("STYLE{md}"),
        format!("../{}", "shared"),
        format!("{}/testdata/", "shared"),
        format!("{}/docs/", "shared"),
        format!("/{}/", "work"),
    ]
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Files to scan, as paths relative to the root, sorted.
fn files(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = dir.join(&name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    walk(root, &rel, out);
                }
            } else if [".rs", ".md", ".toml"].iter().any(|e| name.ends_with(e)) {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    for dir in ["crates", "xtask", "examples", "docs"] {
        walk(root, Path::new(dir), &mut out);
    }
    if root.join("README.md").is_file() {
        out.push(PathBuf::from("README.md"));
    }
    out.sort();
    out
}

/// The section number at the start of a heading's text: `4` in `4. Title`, `5.3` in
/// `5.3 Title`.
fn heading_number(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = text[..end].trim_end_matches('.');
    let next = text[end..].chars().next();
    let well_formed = !number.is_empty()
        && number.split('.').all(|p| !p.is_empty())
        && matches!(next, None | Some(' '));
    well_formed.then(|| number.to_string())
}

/// GitHub's anchor of a heading: lower case, letters, digits, `-` and `_` kept, spaces to `-`.
fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Lines outside fenced code blocks, with their 1-based numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((i + 1, line));
        }
    }
    out
}

/// The numbered sections and the anchors (explicit ids and heading slugs) of a Markdown page.
fn outline(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut sections = BTreeSet::new();
    let mut anchors = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let mut rest = line;
        while let Some(at) = rest.find("id=\"") {
            rest = &rest[at + 4..];
            if let Some(end) = rest.find('"') {
                anchors.insert(rest[..end].to_string());
            }
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            let title = line[hashes..].trim();
            if let Some(n) = heading_number(title) {
                sections.insert(n);
            }
            let base = slug(title);
            let mut candidate = base.clone();
            let mut k = 0;
            while !anchors.insert(candidate.clone()) {
                k += 1;
                candidate = format!("{base}-{k}");
            }
        }
    }
    (sections, anchors)
}

/// Every section number cited on a line (a section sign, optional spaces, then `N` or `N.M`).
fn cited_sections(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices(SECTION) {
        let rest = line[at + SECTION.len_utf8()..].trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = rest[..end].trim_end_matches('.');
        if number.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(number.to_string());
        }
    }
    out
}

/// The relative Markdown link targets of a line (inline code spans removed).
fn link_targets(line: &str) -> Vec<String> {
    let mut prose = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            prose.push_str(part);
        }
    }
    let mut out = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = rest[..end]
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>');
        let target = target.split_whitespace().next().unwrap_or("");
        if !(target.is_empty() || target.contains("://") || target.starts_with("mailto:")) {
            out.push(target.to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// `path` with `.` and `..` resolved lexically; None if it climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[test]
fn references_stay_inside_the_repository_and_resolve() {
    let root = root();
    let spec_path = Path::new("docs/model.md");
    let spec = fs::read_to_string(root.join(spec_path)).expect("docs/model.md exists");
    let (sections, spec_anchors) = outline(&spec);
    for n in 1..=9 {
        assert!(
            sections.contains(&n.to_string()),
            "docs/model.md has no heading numbered {n}: found {sections:?}"
        );
    }
    let needles = forbidden();
    let mut failures: Vec<String> = Vec::new();
    let files = files(&root);
    assert!(
        files.len() > 20,
        "too few files found under {}",
        root.display()
    );
    for rel in &files {
        let Ok(text) = fs::read_to_string(root.join(rel)) else {
            continue;
        };
        let shown = rel.display();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            for needle in &needles {
                if line.contains(needle.as_str()) {
                    failures.push(format!(
                        "{shown}:{n}: `{needle}` points outside the repository: {}",
                        line.trim()
                    ));
                }
            }
            for number in cited_sections(line) {
                if !sections.contains(&number) {
                    failures.push(format!(
                        "{shown}:{n}: `{SECTION}{number}` is no numbered section of docs/model.md"
                    ));
                }
            }
            let mut rest = line;
            while let Some(at) = rest.find(SPEC_ANCHOR) {
                rest = &rest[at + SPEC_ANCHOR.len()..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(rest.len());
                let anchor = &rest[..end];
                if !spec_anchors.contains(anchor) {
                    failures.push(format!(
                        "{shown}:{n}: `{SPEC_ANCHOR}{anchor}` names no anchor of docs/model.md"
                    ));
                }
            }
        }
        if rel.extension().is_some_and(|e| e == "md") {
            let own_anchors = outline(&text).1;
            let dir = rel.parent().unwrap_or(Path::new(""));
            for (n, line) in prose_lines(&text) {
                for target in link_targets(line) {
                    let (file, anchor) = match target.split_once('#') {
                        Some((f, a)) => (f, Some(a)),
                        None => (target.as_str(), None),
                    };
                    let resolved = if file.is_empty() {
                        Some(rel.clone())
                    } else {
                        normalize(&dir.join(file))
                    };
                    let Some(resolved) = resolved else {
                        failures.push(format!(
                            "{shown}:{n}: link `{target}` points outside the repository"
                        ));
                        continue;
                    };
                    if !root.join(&resolved).exists() {
                        failures.push(format!(
                            "{shown}:{n}: link `{target}`: {} does not exist",
                            resolved.display()
                        ));
                        continue;
                    }
                    let Some(anchor) = anchor.filter(|a| !a.is_empty()) else {
                        continue;
                    };
                    if resolved.extension().is_none_or(|e| e != "md") {
                        continue;
                    }
                    let other;
                    let anchors = if resolved == *rel {
                        &own_anchors
                    } else if resolved == spec_path {
                        &spec_anchors
                    } else {
                        let page = fs::read_to_string(root.join(&resolved)).unwrap_or_default();
                        other = outline(&page).1;
                        &other
                    };
                    if !anchors.contains(anchor) {
                        failures.push(format!(
                            "{shown}:{n}: link `{target}`: no anchor `{anchor}` in {}",
                            resolved.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} bad reference(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_parsers_understand_the_forms_they_check() {
    assert_eq!(heading_number("4. Random trains"), Some("4".into()));
    assert_eq!(heading_number("9.3 V3. Templates"), Some("9.3".into()));
    assert_eq!(heading_number("Units"), None);
    assert_eq!(heading_number("2024 was"), Some("2024".into()));
    assert_eq!(heading_number("1.x"), None);
    let line = format!("see docs/model.md {SECTION}4 and {SECTION} 5.3, then {SECTION}9.");
    assert_eq!(cited_sections(&line), vec!["4", "5.3", "9"]);
    assert_eq!(
        slug("The demo and summary.json"),
        "the-demo-and-summaryjson"
    );
    assert_eq!(
        slug("1. Units, constants and defaults"),
        "1-units-constants-and-defaults"
    );
    assert_eq!(
        link_targets("[a](b.md#x) `[c](d.md)` [e](https://f) ![g](h.svg)"),
        vec!["b.md#x", "h.svg"]
    );
    assert_eq!(
        normalize(Path::new("docs/../crates/x.rs")),
        Some("crates/x.rs".into())
    );
    assert_eq!(normalize(Path::new("docs/../../elsewhere")), None);
    let page = "# T\n## 1. A\n<a id=\"s1\"></a>\n```\n## 2. code\n```\n### 1.1 B\n## A\n## A\n";
    let (sections, anchors) = outline(page);
    assert_eq!(
        sections,
        ["1", "1.1"].iter().map(|s| s.to_string()).collect()
    );
    for a in ["s1", "1-a", "11-b", "a", "a-1", "t"] {
        assert!(anchors.contains(a), "{a} in {anchors:?}");
    }
}
