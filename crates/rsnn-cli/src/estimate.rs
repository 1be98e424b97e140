//! Rough run-time estimates from the input sizes, so that a legal but long run says so up
//! front. The constants are coarse measurements on one core of a laptop; a note is printed
//! when the estimate exceeds [`LONG_SECONDS`].

use crate::Output;
use rsnn::signal::Score;

/// Runs estimated longer than this get a note.
pub const LONG_SECONDS: f64 = 60.0;

/// Spike arrivals the simulator handles per second.
const ARRIVALS_PER_SECOND: f64 = 5e6;

/// Spikes per neuron per unit time assumed when no score tells.
const DEFAULT_RATE: f64 = 0.15;

/// Core-seconds to memorize one neuron with 500 inputs and 7 spikes per period.
const NEURON_SECONDS: f64 = 0.1;

/// Floating-point operations per second of the dense eigensolver (cubic in the dimension of
/// the jitter map).
const EIGEN_FLOPS: f64 = 1.5e9;

/// Applications of the jitter map by the Krylov method for ten eigenvalues (measured at
/// K = 500, T = 50: 75 for 1,426 spikes, 131 for 4,228, 303 for 14,500, 484 for 36,154; the
/// spectra of larger networks are more clustered).
const KRYLOV_APPLICATIONS: f64 = 300.0;

/// Weights of the jitter map applied per second.
const TERMS_PER_SECOND: f64 = 5e8;

/// Prints a note when `seconds` is long.
pub fn note(out: &Output, what: &str, seconds: f64) {
    if seconds > LONG_SECONDS {
        out.note(format!(
            "{what} may take about {:.0} minutes (a rough estimate from the input sizes); \
             Ctrl-C stops it and writes nothing",
            (seconds / 60.0).ceil()
        ));
    }
}

/// The spikes per neuron per unit time of `score` (a default without one).
pub fn rate(score: Option<&Score>) -> f64 {
    score
        .filter(|s| s.num_channels() > 0)
        .map_or(DEFAULT_RATE, |s| s.mean_spikes_per_channel() / s.period())
}

/// Notes a long simulation of `inputs` inputs in all over `span` time units.
pub fn simulate(out: &Output, inputs: usize, span: f64, rate: f64) {
    let arrivals = inputs as f64 * rate * span.max(0.0);
    note(out, "this simulation", arrivals / ARRIVALS_PER_SECOND);
}

/// Notes a long memorization of `scores` in a network of `neurons` and `inputs` in all.
pub fn memorize(out: &Output, neurons: usize, inputs: usize, scores: &[Score]) {
    let per_neuron = inputs as f64 / neurons.max(1) as f64 / 500.0;
    let spikes: f64 = scores.iter().map(Score::mean_spikes_per_channel).sum();
    let cores = std::thread::available_parallelism().map_or(1, usize::from) as f64;
    let seconds = neurons as f64 * NEURON_SECONDS * per_neuron.powi(2) * (spikes / 7.0) / cores;
    note(out, "this memorization", seconds);
}

/// Notes a long stability analysis by the dense method of a jitter map of dimension
/// `dimension` (spikes per period times periods of its state).
pub fn stability_dense(out: &Output, dimension: usize) {
    note(
        out,
        "this stability analysis",
        (dimension as f64).powi(3) / EIGEN_FLOPS,
    );
}

/// Notes a long stability analysis by the Krylov method of a jitter map of `terms` weights for
/// `eigenvalues` eigenvalues: about [`KRYLOV_APPLICATIONS`] applications of the map (more for
/// many eigenvalues), one multiply-add per weight each.
pub fn stability_krylov(out: &Output, terms: usize, eigenvalues: usize) {
    let applications = KRYLOV_APPLICATIONS.max(8.0 * eigenvalues as f64);
    note(
        out,
        "this stability analysis",
        terms as f64 * applications / TERMS_PER_SECOND,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_not_long_and_huge_runs_are() {
        let long = |arrivals: f64| arrivals / ARRIVALS_PER_SECOND > LONG_SECONDS;
        assert!(!long(200.0 * 500.0 * 0.15 * 500.0));
        assert!(long(1e4 * 1e3 * 0.15 * 5e3));
        assert!((1426f64).powi(3) / EIGEN_FLOPS < LONG_SECONDS);
        assert!((20_000f64).powi(3) / EIGEN_FLOPS > LONG_SECONDS);
        // The Krylov method on the 1,463-spike network (1.7e6 weights), and on 1e10 weights.
        let krylov = |terms: f64| terms * KRYLOV_APPLICATIONS / TERMS_PER_SECOND;
        assert!(krylov(1.7e6) < LONG_SECONDS);
        assert!(krylov(1e10) > LONG_SECONDS);
    }
}
