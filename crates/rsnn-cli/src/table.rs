//! Plain-text tables with aligned columns.

/// Formats `rows` under `headers`, columns right-aligned and separated by two spaces.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c:>w$}"))
            .collect();
        parts.join("  ")
    };
    let mut out = vec![line(headers.to_vec())];
    out.push(line(widths.iter().map(|_| "").collect()).replace(' ', "-"));
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

/// A number with three decimals.
pub fn f3(x: f64) -> String {
    format!("{x:.3}")
}

/// A magnitude with 4 significant digits: fixed-point from 0.01 on, scientific below.
pub fn mag(x: f64) -> String {
    if x != 0.0 && x.abs() < 0.01 {
        format!("{x:.3e}")
    } else {
        format!("{x:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align() {
        let t = table(&["a", "long"], &[vec!["123".into(), "1".into()]]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "  a  long");
        assert_eq!(lines[1], "---------");
        assert_eq!(lines[2], "123     1");
        assert_eq!(
            (mag(0.5), mag(1.234e-4), mag(0.0)),
            ("0.5000".into(), "1.234e-4".into(), "0.0000".into())
        );
    }
}
