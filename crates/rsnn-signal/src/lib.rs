//! # rsnn-signal — time and spike trains (layer 1)
//!
//! The bottom layer of the rsnn workspace, with no notion of neurons: spike trains that cannot
//! be invalid ([`SpikeTrain`], [`PeriodicTrain`], [`Score`]), the alpha kernel
//! ([`AlphaKernel`]), and versioned JSON / bincode files ([`io`]).
//!
//! Time is measured in units of the absolute refractory period (`tau_r = 1`).
//!
//! ```
//! use rsnn_signal::{AlphaKernel, Score};
//!
//! let score = Score::new(10.0, vec![vec![0.5, 4.0], vec![]])?;
//! assert_eq!(score.num_spikes(), 2);
//! let h = AlphaKernel::new(1.0)?;
//! assert!(h.horizon(1e-12)? > 30.0);
//! # Ok::<(), rsnn_signal::SignalError>(())
//! ```

mod error;
pub mod io;
mod kernel;
mod score;
mod train;

pub use error::SignalError;
pub use kernel::AlphaKernel;
pub use score::Score;
pub use train::{PeriodicTrain, REFRACTORY_PERIOD, REFRACTORY_TOLERANCE, SpikeTrain};
