//! # rsnn — recurrent spiking neural networks that memorize spike trains
//!
//! The facade of the rsnn workspace. It re-exports each layer as a module.
//!
//! ```
//! use rsnn::signal::AlphaKernel;
//! let h = AlphaKernel::new(1.0)?;
//! assert!((h.value(1.0) - 1.0).abs() < 1e-15);
//! # Ok::<(), rsnn::signal::SignalError>(())
//! ```

#[doc(inline)]
pub use rsnn_neuron as neuron;
#[doc(inline)]
pub use rsnn_optim as optim;
#[doc(inline)]
pub use rsnn_signal as signal;
#[doc(inline)]
pub use rsnn_sim as sim;

/// The code blocks of README.md, compiled and run as doctests so that the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
