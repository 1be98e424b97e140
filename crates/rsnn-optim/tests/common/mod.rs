//! Shared helpers of the integration tests: random scores and single-neuron problems with
//! independent random inputs.

#![allow(dead_code)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Network, independent_inputs};
use rsnn_signal::{AlphaKernel, Score, ScoreSampler};

/// A random score of `channels` channels (the sampler of rsnn-signal, docs/model.md §4).
pub fn random_score<R: Rng + ?Sized>(rng: &mut R, channels: usize, t: f64, lambda: f64) -> Score {
    ScoreSampler::new(t, lambda)
        .and_then(|s| s.sample_score(rng, channels))
        .expect("valid sampler parameters")
}

/// Neuron 0 with `k` inputs, one from each of the independent random neurons `1..=k`
/// (delays uniform in [0.1, 10]), and a score: a random train for every channel.
pub fn single_neuron(seed: u64, k: usize, t: f64, lambda: f64) -> (Network, Score) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = random_score(&mut rng, k + 1, t, lambda);
    let network =
        independent_inputs(k, 0.1, 10.0, AlphaKernel::default(), &mut rng).expect("valid network");
    (network, score)
}

/// Brute-force check of neuron `id`'s template on a fine grid (`step`), independent of the
/// exact machinery: returns the largest violation of the silent level and of the slope.
pub fn brute_force_violation(
    net: &Network,
    id: usize,
    score: &Score,
    config: &rsnn_optim::MemorizeConfig,
    step: f64,
) -> f64 {
    let kernel = net.kernel();
    let neuron = &net.neurons()[id];
    let template =
        rsnn_optim::Template::periodic(score.channel(id).expect("channel"), config.half_width);
    let horizon = 60.0;
    // (arrival time, weight) over enough past periods.
    let mut arrivals = Vec::new();
    for x in &neuron.inputs {
        let train = score.channel(x.source).expect("source channel");
        for s in train.unrolled(template.start - horizon - x.delay, template.end + 1.0) {
            arrivals.push((s + x.delay, x.weight));
        }
    }
    let z = |t: f64| -> (f64, f64) {
        arrivals.iter().fold((0.0, 0.0), |(v, d), &(a, w)| {
            (
                v + w * kernel.value(t - a),
                d + w * kernel.derivative(t - a),
            )
        })
    };
    let mut worst: f64 = 0.0;
    for &(a, b) in &template.silent {
        let n = ((b - a) / step).ceil() as usize;
        for i in 0..=n {
            let t = (a + i as f64 * step).min(b);
            worst = worst.max(z(t).0 - config.silent_level);
        }
    }
    for &(a, b) in &template.active {
        let n = ((b - a) / step).ceil() as usize;
        for i in 0..=n {
            let t = (a + i as f64 * step).min(b);
            worst = worst.max(config.min_slope - z(t).1);
        }
    }
    for &s in &template.firing {
        worst = worst.max((z(s).0 - net.threshold()).abs());
    }
    worst
}
