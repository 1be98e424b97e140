//! Initial conditions of a simulation: the spike history before time 0.
//!
//! - perfect: the score itself, repeated backwards far enough that every arrival that still
//!   matters at time 0 (largest delay plus the kernel's horizon) is present;
//! - silent: no history;
//! - a recording: its spikes, shifted so that the recording ends at time 0 (the new run
//!   continues the old one).

use anyhow::{Result, bail};
use rsnn::neuron::Network;
use rsnn::signal::{Score, SpikeTrain};
use rsnn::sim::Recording;

/// The perfect initial condition: the score continued backwards from time 0 (see
/// [`rsnn::recipes::perfect_history`]).
///
/// # Errors
/// A score without one channel per neuron.
pub fn perfect_history(network: &Network, score: &Score) -> Result<Vec<SpikeTrain>> {
    check_channels(network, score)?;
    Ok(rsnn::recipes::perfect_history(network, score)?)
}

/// The spikes of a recording as history, shifted so that the recording ends at time 0.
///
/// # Errors
/// A recording with a different number of neurons.
pub fn history_from_recording(network: &Network, recording: &Recording) -> Result<Vec<SpikeTrain>> {
    if recording.num_neurons() != network.num_neurons() {
        bail!(
            "the recording has {} neurons, but the network has {}",
            recording.num_neurons(),
            network.num_neurons()
        );
    }
    let end = recording.end();
    recording
        .trains()
        .iter()
        .map(|t| {
            Ok(SpikeTrain::new(
                t.times().iter().map(|s| s - end).collect(),
            )?)
        })
        .collect()
}

/// Fails unless the score has one channel per neuron.
///
/// # Errors
/// A channel count that differs from the number of neurons.
pub fn check_channels(network: &Network, score: &Score) -> Result<()> {
    if score.num_channels() != network.num_neurons() {
        bail!(
            "the score has {} channels, but the network has {} neurons",
            score.num_channels(),
            network.num_neurons()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn::neuron::{Input, Neuron};
    use rsnn::signal::AlphaKernel;

    #[test]
    fn history_covers_delays_and_kernel_and_recordings_end_at_zero() {
        let input = Input {
            source: 0,
            delay: 10.0,
            weight: 0.0,
        };
        let net = Network::new(
            vec![Neuron {
                inputs: vec![input],
            }],
            AlphaKernel::default(),
        )
        .expect("valid network");
        let score = Score::new(20.0, vec![vec![3.0]]).expect("valid score");
        let h = perfect_history(&net, &score).expect("matching");
        // One spike per period, over enough periods for the delay 10 and the kernel's reach.
        assert!(h[0].len() as f64 * 20.0 >= 10.0 + 30.0, "{}", h[0].len());
        assert!(h[0].times().iter().all(|&t| t < 0.0));
        let rec = Recording::from_times(0.0, 10.0, vec![vec![2.0, 9.0]]).expect("valid");
        let h = history_from_recording(&net, &rec).expect("matching");
        assert_eq!(h[0].times(), &[-8.0, -1.0]);
    }
}
