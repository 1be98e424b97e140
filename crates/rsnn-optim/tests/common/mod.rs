//! Shared helpers of the integration tests: a small sampler of random periodic trains
//! (MODEL.md section 4) and single-neuron problems with independent random inputs.

#![allow(dead_code)]

use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, Score};

/// Spike times of one random periodic train with period `t` and rate parameter `lambda`.
pub fn random_train<R: Rng + ?Sized>(rng: &mut R, t: f64, lambda: f64) -> Vec<f64> {
    let max_n = t.ceil() as usize;
    let logp: Vec<f64> = (0..max_n)
        .map(|n| {
            let n_f = n as f64;
            if (n_f) >= t {
                return f64::NEG_INFINITY;
            }
            let lfact: f64 = (1..=n).map(|i| (i as f64).ln()).sum();
            n_f * lambda.ln() + (n_f - 1.0) * (t - n_f).ln() - lfact
        })
        .collect();
    let top = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logp.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    let mut n = 0;
    for (i, w) in weights.iter().enumerate() {
        n = i;
        if u < *w {
            break;
        }
        u -= w;
    }
    if n == 0 {
        return Vec::new();
    }
    let t0 = rng.random::<f64>() * t;
    let mut gaps: Vec<f64> = (0..n - 1)
        .map(|_| rng.random::<f64>() * (t - n as f64))
        .collect();
    gaps.sort_by(f64::total_cmp);
    let mut times: Vec<f64> = std::iter::once(t0)
        .chain(
            gaps.iter()
                .enumerate()
                .map(|(k, u)| t0 + u + (k + 1) as f64),
        )
        .map(|s| s.rem_euclid(t))
        .map(|s| if s >= t { 0.0 } else { s })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// A random score of `channels` channels.
pub fn random_score<R: Rng + ?Sized>(rng: &mut R, channels: usize, t: f64, lambda: f64) -> Score {
    let trains = (0..channels)
        .map(|_| random_train(rng, t, lambda))
        .collect();
    Score::new(t, trains).expect("sampled trains are valid")
}

/// Neuron 0 with `k` inputs, one from each of the independent random neurons `1..=k`
/// (delays uniform in [0.1, 10]), and a score: a random train for every channel.
pub fn single_neuron(seed: u64, k: usize, t: f64, lambda: f64) -> (Network, Score) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = random_score(&mut rng, k + 1, t, lambda);
    let inputs = (1..=k)
        .map(|source| Input {
            source,
            delay: rng.random_range(0.1..10.0),
            weight: 0.0,
        })
        .collect();
    let mut neurons = vec![Neuron { inputs }];
    neurons.resize(k + 1, Neuron::default());
    let network = Network::new(neurons, AlphaKernel::default()).expect("valid network");
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
        worst = worst.max((z(s).0 - config.threshold).abs());
    }
    worst
}
