//! The `rsnn` command-line tool (filled by a later issue).

fn main() {
    eprintln!("rsnn: the command-line tool is not built yet; see the README");
    std::process::exit(2);
}
