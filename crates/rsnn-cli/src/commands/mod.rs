//! One module per subcommand: its arguments (clap) and its `run` function.

pub mod info;
pub mod measure;
pub mod memorize;
pub mod memorize_part;
pub mod merge;
pub mod network;
pub mod plot;
pub mod recall;
pub mod sample;
pub mod simulate;
pub mod stability;
