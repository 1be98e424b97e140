//! The exact potential of one neuron while every neuron replays a periodic score, over the
//! neuron's template window: what the optimizer constrains (through [`PeriodicReplay`]) and what
//! a figure shows (through [`replayed_potential`] and [`ReplayedPotential::sample`]).

use crate::{OptimError, Template};
use rsnn_neuron::{Arrivals, Network, Neuron, PeriodicArrival, periodic_arrivals};
use rsnn_signal::{AlphaKernel, REFRACTORY_PERIOD, Score};

/// How far past the end of the template window arrivals are collected. Arrivals that fall
/// exactly on the window end matter for the right limit of the slope there (an active region
/// may end at the window end); later ones never change the potential on the window (the kernel
/// is causal). So one window serves both the optimizer's slope rows and the displayed potential.
const PAST_END: f64 = REFRACTORY_PERIOD;

/// One neuron's template and the arrivals it sees while every neuron replays a periodic score;
/// independent of the neuron's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodicReplay {
    /// The template of the neuron's periodic train, on the period that starts half a width before
    /// its first prescribed spike ([`Template::periodic`]).
    pub template: Template,
    /// Every arrival that influences the potential on `[template.start, template.end + 1)`
    /// (one refractory period past the window end), sorted by time.
    pub arrivals: Vec<PeriodicArrival>,
    /// The kernel of the network.
    pub kernel: AlphaKernel,
}

impl PeriodicReplay {
    /// The replay for `neuron`, whose prescribed train is channel `id` of `score`; arrivals
    /// older than the kernel horizon at relative `tolerance` are dropped.
    ///
    /// # Errors
    /// [`OptimError::UnknownNeuron`] when the score has no channel `id`,
    /// [`OptimError::InvalidParameter`] for a `half_width` outside `[0, 1)`, and the neuron
    /// layer's errors (bad `tolerance`, an input whose source has no channel).
    pub fn new(
        neuron: &Neuron,
        id: usize,
        score: &Score,
        kernel: AlphaKernel,
        half_width: f64,
        tolerance: f64,
    ) -> Result<Self, OptimError> {
        if !(half_width.is_finite() && (0.0..REFRACTORY_PERIOD).contains(&half_width)) {
            return Err(OptimError::InvalidParameter {
                name: "half_width",
                value: half_width,
                reason: "must be in [0, 1) (refractory periods)",
            });
        }
        let train = score.channel(id).ok_or(OptimError::UnknownNeuron {
            id,
            count: score.num_channels(),
        })?;
        let template = Template::periodic(train, half_width);
        let arrivals = periodic_arrivals(
            neuron,
            score,
            kernel,
            template.start,
            template.end + PAST_END,
            tolerance,
        )?;
        Ok(Self {
            template,
            arrivals,
            kernel,
        })
    }

    /// The exact potential with the given weights, one per input (missing ones count as 0).
    ///
    /// # Errors
    /// [`OptimError::Neuron`] for a non-finite weight.
    pub fn potential(&self, weights: &[f64]) -> Result<Arrivals, OptimError> {
        let pairs = self
            .arrivals
            .iter()
            .map(|a| (a.time, weights.get(a.input).copied().unwrap_or(0.0)))
            .collect();
        Ok(Arrivals::new(self.kernel, pairs)?)
    }
}

/// The exact potential of one neuron of a network under the periodic replay of a score, with
/// the template it should satisfy.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayedPotential {
    /// The neuron's template (one period, absolute times).
    pub template: Template,
    /// The exact potential, valid on `[template.start, template.end]` and one refractory
    /// period beyond.
    pub potential: Arrivals,
}

/// The exact potential of neuron `neuron` of `network`, with its current weights, while every
/// neuron replays `score`, over the neuron's template window (see [`PeriodicReplay`]).
///
/// # Errors
/// [`OptimError::UnknownNeuron`] for a neuron the network or the score does not have, and the
/// errors of [`PeriodicReplay::new`] and [`PeriodicReplay::potential`].
pub fn replayed_potential(
    network: &Network,
    score: &Score,
    neuron: usize,
    half_width: f64,
    tolerance: f64,
) -> Result<ReplayedPotential, OptimError> {
    let cell = network.neuron(neuron).ok_or(OptimError::UnknownNeuron {
        id: neuron,
        count: network.num_neurons(),
    })?;
    let replay = PeriodicReplay::new(cell, neuron, score, network.kernel(), half_width, tolerance)?;
    let weights: Vec<f64> = cell.inputs.iter().map(|x| x.weight).collect();
    let potential = replay.potential(&weights)?;
    Ok(ReplayedPotential {
        template: replay.template,
        potential,
    })
}

impl ReplayedPotential {
    /// Samples for display: `samples` evenly spaced times over `[template.start, template.end]`
    /// plus the prescribed spikes and the region boundaries (so a figure shows the potential
    /// exactly there), sorted without duplicates, and the potential at each.
    ///
    /// # Errors
    /// [`OptimError::InvalidParameter`] for fewer than 2 samples.
    pub fn sample(&self, samples: usize) -> Result<(Vec<f64>, Vec<f64>), OptimError> {
        if samples < 2 {
            return Err(OptimError::InvalidParameter {
                name: "samples",
                value: samples as f64,
                reason: "must be at least 2",
            });
        }
        crate::limits::check_samples(samples)?;
        let t = &self.template;
        let (a, b) = (t.start, t.end);
        let mut times: Vec<f64> = (0..samples)
            .map(|k| a + (b - a) * k as f64 / (samples - 1) as f64)
            .collect();
        times.extend(t.firing.iter().copied());
        for &(lo, hi) in t.silent.iter().chain(&t.active) {
            times.extend([lo, hi]);
        }
        times.retain(|x| (a..=b).contains(x));
        times.sort_by(f64::total_cmp);
        times.dedup();
        let values = times.iter().map(|&x| self.potential.potential(x)).collect();
        Ok((times, values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_neuron::Input;

    #[test]
    fn the_potential_follows_the_kernel() {
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
        let replayed = replayed_potential(&net, &score, 0, 0.2, 1e-12).expect("valid");
        let (times, values) = replayed.sample(400).expect("samples");
        assert!(times.windows(2).all(|w| w[0] < w[1]));
        let at = |t: f64| {
            let i = times
                .iter()
                .position(|&x| (x - t).abs() < 0.06)
                .expect("sampled");
            values[i]
        };
        // The window is [9.8, 49.8]: the copy arriving at 43 peaks at 0.5 one tau later.
        assert!((at(44.0) - 0.5).abs() < 1e-2, "{}", at(44.0));
        assert!(at(20.0).abs() < 1e-3);
        // The prescribed spike and the region boundaries are sampled exactly.
        for t in [10.0, 9.8, 10.2, 11.0, 49.8] {
            assert!(times.contains(&t), "{t}");
        }
        assert_eq!(replayed.template.firing, vec![10.0]);
        assert!(matches!(
            replayed_potential(&net, &score, 5, 0.2, 1e-12),
            Err(OptimError::UnknownNeuron { id: 5, count: 2 })
        ));
        assert!(matches!(
            replayed.sample(1),
            Err(OptimError::InvalidParameter {
                name: "samples",
                ..
            })
        ));
        assert!(replayed_potential(&net, &score, 0, f64::NAN, 1e-12).is_err());
        assert!(replayed_potential(&net, &score, 0, 0.2, 0.0).is_err());
    }

    #[test]
    fn replay_weights_are_per_input() {
        let inputs = vec![
            Input {
                source: 1,
                delay: 0.5,
                weight: 0.0,
            },
            Input {
                source: 1,
                delay: 2.5,
                weight: 0.0,
            },
        ];
        let neuron = Neuron { inputs };
        let score = Score::new(10.0, vec![vec![5.0], vec![1.0]]).expect("valid");
        let replay = PeriodicReplay::new(&neuron, 0, &score, AlphaKernel::default(), 0.2, 1e-12)
            .expect("ok");
        assert!(replay.arrivals.windows(2).all(|w| w[0].time <= w[1].time));
        // Only input 1 weighs: the potential is the kernel one step after its arrivals.
        let z = replay.potential(&[0.0, 2.0]).expect("finite");
        let h = AlphaKernel::default();
        let t = 1.0 + 2.5 + 10.0 + 1.0;
        let expected: f64 = replay
            .arrivals
            .iter()
            .filter(|a| a.input == 1 && a.time <= t)
            .map(|a| 2.0 * h.value(t - a.time))
            .sum();
        assert!((z.potential(t) - expected).abs() < 1e-12);
        assert!(replay.potential(&[f64::NAN]).is_err());
        assert!(matches!(
            PeriodicReplay::new(&neuron, 7, &score, h, 0.2, 1e-12),
            Err(OptimError::UnknownNeuron { id: 7, count: 2 })
        ));
    }
}
