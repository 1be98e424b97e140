//! # rsnn-optim — memorization by convex optimization (layer 3)
//!
//! Templates from prescribed periodic spike trains, the per-neuron convex problem, constraint
//! generation to continuous-time feasibility, and pluggable solver backends selected by cargo
//! features (`clarabel` by default, `good_lp` optionally).
