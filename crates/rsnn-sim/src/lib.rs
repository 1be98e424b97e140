//! # rsnn-sim — dynamics and analysis (layer 3)
//!
//! Event-driven exact simulation of networks with delays, refractoriness, threshold noise and
//! prompted neurons; recordings; the linearized jitter-propagation stability analysis.
