//! # rsnn-neuron — one neuron and the wiring (layer 2)
//!
//! Inputs (source neuron, delay, weight), neurons and networks, topology samplers, and the exact
//! continuous-time potential machinery of the alpha-kernel neuron: arrival buffers with recurrence
//! coefficients local to the last arrival, potential and slope at any time, exact threshold
//! crossings and extrema over unions of intervals.
//!
//! Users: `rsnn-optim` (memorization) and `rsnn-sim` (simulation) build on this crate.
