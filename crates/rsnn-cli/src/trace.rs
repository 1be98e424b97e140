//! One neuron's potential over a period, sampled densely for display, with its template.
//!
//! The samples serve the figure only: memorization and simulation work with exact extrema and
//! crossings. The sampled times include the prescribed spikes and the region boundaries, so the
//! figure shows the potential exactly there.

use crate::plot::PotentialTrace;
use anyhow::{Context, Result, bail};
use rsnn::neuron::{Arrivals, Network, periodic_arrivals, weighted};
use rsnn::optim::Template;
use rsnn::signal::Score;

/// Kernel tolerance of the arrivals that are kept.
const TOLERANCE: f64 = 1e-12;

/// The potential of `neuron` while every neuron replays `score`, over the period of its
/// template (which starts half a width before its first prescribed spike).
///
/// # Errors
/// An unknown neuron, a score that does not fit the network, or fewer than 2 samples.
pub fn potential_trace(
    network: &Network,
    score: &Score,
    neuron: usize,
    half_width: f64,
    threshold: f64,
    silent_level: f64,
    samples: usize,
) -> Result<PotentialTrace> {
    if samples < 2 {
        bail!("invalid parameter `samples` = {samples}: must be at least 2");
    }
    let cell = network.neuron(neuron).with_context(|| {
        format!(
            "neuron {neuron} does not exist (the network has {} neurons)",
            network.num_neurons()
        )
    })?;
    let train = score
        .channel(neuron)
        .with_context(|| format!("the score has no channel {neuron}"))?;
    let template = Template::periodic(train, half_width);
    let kernel = network.kernel();
    let arrivals = periodic_arrivals(cell, score, kernel, template.start, template.end, TOLERANCE)?;
    let potential = Arrivals::new(kernel, weighted(cell, &arrivals))?;
    let (a, b) = (template.start, template.end);
    let mut times: Vec<f64> = (0..samples)
        .map(|k| a + (b - a) * k as f64 / (samples - 1) as f64)
        .collect();
    times.extend(template.firing.iter().copied());
    for &(lo, hi) in template.silent.iter().chain(&template.active) {
        times.extend([lo, hi]);
    }
    times.retain(|t| (a..=b).contains(t));
    times.sort_by(f64::total_cmp);
    times.dedup();
    let values = times.iter().map(|&t| potential.potential(t)).collect();
    Ok(PotentialTrace {
        times,
        values,
        threshold,
        silent_level,
        firing: template.firing,
        silent: template.silent,
        active: template.active,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn::neuron::{Input, Neuron};
    use rsnn::signal::AlphaKernel;

    #[test]
    fn trace_follows_the_kernel() {
        // Neuron 0 listens to neuron 1 (spike at 2) with delay 1 and weight 0.5.
        let input = Input {
            source: 1,
            delay: 1.0,
            weight: 0.5,
        };
        let neurons = vec![
            Neuron {
                inputs: vec![input],
            },
            Neuron::default(),
        ];
        let net = Network::new(neurons, AlphaKernel::default()).expect("valid");
        let score = Score::new(40.0, vec![vec![10.0], vec![2.0]]).expect("valid");
        let trace = potential_trace(&net, &score, 0, 0.2, 1.0, 0.0, 400).expect("valid");
        assert!(trace.times.windows(2).all(|w| w[0] < w[1]));
        let at = |t: f64| {
            let i = trace
                .times
                .iter()
                .position(|&x| (x - t).abs() < 0.06)
                .expect("sampled");
            trace.values[i]
        };
        // The window is [9.8, 49.8]: the copy arriving at 43 peaks at 0.5 one tau later.
        assert!((at(44.0) - 0.5).abs() < 1e-2, "{}", at(44.0));
        assert!(at(20.0).abs() < 1e-3);
        assert_eq!(trace.firing, vec![10.0]);
        assert!(potential_trace(&net, &score, 5, 0.2, 1.0, 0.0, 400).is_err());
    }
}
