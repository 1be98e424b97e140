//! The `rsnn` binary: parses the command line and runs it (all logic lives in the library).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic is a bug, never a user mistake: report it on one line without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string().replace('\n', " ");
        rsnn_cli::Output::stderr(&format!("rsnn: internal error (please report): {text}"));
    }));
    let cli = rsnn_cli::Cli::parse();
    if let Err(error) = rsnn_cli::install_signal_handlers() {
        let line = rsnn_cli::error_line(&error);
        rsnn_cli::Output::stderr(&format!("rsnn: warning: no Ctrl-C handler: {line}"));
    }
    match rsnn_cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            rsnn_cli::Output::stderr(&format!("rsnn: error: {}", rsnn_cli::error_line(&error)));
            ExitCode::FAILURE
        }
    }
}
