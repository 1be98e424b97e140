//! Criterion benchmarks of the potential primitives (filled in below).
fn main() {}
