//! The one-line error message: the chain of causes, each said once.

/// The message of `error` on one line: its causes joined by `: `, leaving out a cause whose
/// text the previous one already contains (a library error that names the path and the
/// operating-system error, followed by that same operating-system error).
pub fn error_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string().replace('\n', " ");
        let said = parts.last().is_some_and(|last| last.contains(&text));
        if !said && !text.is_empty() {
            parts.push(text);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn each_cause_is_said_once() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let lib = anyhow::Error::new(io).context(format!(
            "x.json: {}",
            std::io::Error::from(std::io::ErrorKind::PermissionDenied)
        ));
        let e: anyhow::Result<()> = Err(lib);
        let line = error_line(&e.context("cannot write").expect_err("error"));
        assert_eq!(line, "cannot write: x.json: permission denied");
    }
}
