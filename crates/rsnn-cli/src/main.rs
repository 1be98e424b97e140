//! The `rsnn` binary: parses the command line and runs it (all logic lives in the library).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic is a bug, never a user mistake: report it on one line without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string().replace('\n', " ");
        eprintln!("rsnn: internal error (please report): {text}");
    }));
    let cli = rsnn_cli::Cli::parse();
    match rsnn_cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let text = format!("{error:#}").replace('\n', " ");
            eprintln!("rsnn: error: {text}");
            ExitCode::FAILURE
        }
    }
}
