//! Runnable examples of the rsnn workspace; see the `[[example]]` entries of this package.
//!
//! Run one with `cargo run --release -p rsnn-examples --example <name>`.
