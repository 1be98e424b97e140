//! # rsnn-plot — SVG figures of rsnn data
//!
//! Figures drawn with plotters' SVG backend from plain data (slices of numbers, no network or
//! simulator types): a spike raster of prescribed versus produced spikes ([`raster`]), a
//! neuron's potential with its template regions ([`potential`], from a [`PotentialTrace`]), the
//! eigenvalues of the jitter map in the complex plane ([`eigenvalues`]), general line charts
//! ([`lines`], with [`Series`] and [`Axes`]) and precision and recall per cycle ([`cycles`]).
//!
//! Every figure comes in two forms: `name_svg` returns the SVG document as a `String`, and
//! `name` writes it to a file atomically (through [`rsnn_signal::io::write_atomically`]; also
//! available as [`save`]). Integer quantities (the neuron axis of the raster, cycle indices)
//! only get integer tick labels. Non-finite data points are left out of a figure; an invalid
//! range is a [`PlotError`], never a panic.
//!
//! Users: the `rsnn` command and the experiment runner (`xtask`); depends only on
//! `rsnn-signal` (for atomic writes).
//!
//! ```
//! use rsnn_plot::{Axes, Series, cycles_svg, lines, raster_svg};
//!
//! // Two neurons: prescribed spikes (bars) against produced ones (dots).
//! let svg = raster_svg("raster", &[vec![1.0, 5.0], vec![3.0]], &[vec![1.1], vec![3.2]], (0.0, 8.0))?;
//! assert!(svg.starts_with("<svg"));
//!
//! // Precision and recall per cycle, as a string.
//! let svg = cycles_svg("free run", &[(0, 0.9, 0.95), (1, 0.97, 0.96), (2, 1.0, 1.0)])?;
//! assert!(svg.contains("precision"));
//!
//! // A line chart over a cycle index, written to a file.
//! let dir = tempfile::tempdir()?;
//! let series = [Series { label: "noise 0.1".into(), points: vec![(0.0, 0.5), (1.0, 0.8)] }];
//! let axes = Axes::new("cycle", "similarity").with_y_range(0.0, 1.02).with_integer_x();
//! lines(&dir.path().join("lines.svg"), "similarity per cycle", &axes, &series)?;
//! assert!(dir.path().join("lines.svg").exists());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cycles;
mod eigen;
mod error;
mod frame;
mod lines;
mod potential;
mod raster;
mod scale;

pub use cycles::{cycles, cycles_svg};
pub use eigen::{eigenvalues, eigenvalues_svg};
pub use error::PlotError;
pub use frame::{SIZE, save};
pub use lines::{Axes, Series, lines, lines_svg};
pub use potential::{PotentialTrace, potential, potential_svg};
pub use raster::{raster, raster_svg};
