//! A slow, independent reference simulator for small networks (test oracle only).
#![allow(dead_code)]
//!
//! Potentials are direct sums of kernels over every committed arrival; the next crossing of
//! each neuron is found by scanning a fine grid and refining by bisection, and the earliest
//! candidate over all neurons is committed (valid because every delay is positive). A grid is
//! fine here: this is only the oracle, with weights chosen so that no crossing is brief.

use rsnn_neuron::Network;

/// One prompt: neuron, window `[a, b)`, replayed spikes.
pub type OraclePrompt = (usize, f64, f64, Vec<f64>);

const STEP: f64 = 1e-3;

fn potential(net: &Network, spikes: &[Vec<f64>], l: usize, t: f64) -> f64 {
    let h = net.kernel();
    let neuron = &net.neurons()[l];
    neuron
        .inputs
        .iter()
        .map(|i| {
            spikes[i.source]
                .iter()
                .map(|&s| i.weight * h.value(t - s - i.delay))
                .sum::<f64>()
        })
        .sum()
}

fn clamped(prompts: &[OraclePrompt], l: usize, t: f64) -> bool {
    prompts.iter().any(|p| p.0 == l && p.1 <= t && t < p.2)
}

/// First free crossing of neuron `l` in `[from, until)`, or None.
fn crossing(
    net: &Network,
    spikes: &[Vec<f64>],
    prompts: &[OraclePrompt],
    l: usize,
    theta: f64,
    from: f64,
    until: f64,
) -> Option<f64> {
    let above = |t: f64| potential(net, spikes, l, t) >= theta;
    let mut t = from;
    let mut prev: Option<f64> = None;
    while t < until {
        if clamped(prompts, l, t) {
            prev = None;
        } else if above(t) {
            let Some(mut a) = prev else {
                return Some(t);
            };
            let mut b = t;
            for _ in 0..80 {
                let m = 0.5 * (a + b);
                if above(m) {
                    b = m;
                } else {
                    a = m;
                }
            }
            return Some(b);
        } else {
            prev = Some(t);
        }
        // Window ends are grid points too, so a release is never stepped over.
        let next = t + STEP;
        let release = prompts
            .iter()
            .filter(|p| p.0 == l && p.2 > t && p.2 < next)
            .map(|p| p.2)
            .fold(f64::INFINITY, f64::min);
        if release < next {
            prev = None;
            t = release;
        } else {
            t = next;
        }
    }
    None
}

/// Spikes in `[start, end)` of a noiseless run with the given history and prompts.
pub fn simulate(
    net: &Network,
    history: &[Vec<f64>],
    prompts: &[OraclePrompt],
    theta: f64,
    start: f64,
    end: f64,
) -> Vec<Vec<f64>> {
    let n = net.num_neurons();
    let mut spikes: Vec<Vec<f64>> = (0..n)
        .map(|l| history.get(l).cloned().unwrap_or_default())
        .collect();
    let mut now = start;
    loop {
        let mut best: Option<(f64, usize)> = None;
        for l in 0..n {
            let last = spikes[l].last().copied().unwrap_or(f64::NEG_INFINITY);
            let replay = prompts
                .iter()
                .filter(|p| p.0 == l)
                .flat_map(|p| p.3.iter().copied())
                .filter(|&t| t > last && t >= now)
                .fold(f64::INFINITY, f64::min);
            let until = best.map_or(end, |b| b.0.min(end)).min(replay);
            let from = now.max(last + 1.0);
            let cand = crossing(net, &spikes, prompts, l, theta, from, until)
                .unwrap_or(f64::INFINITY)
                .min(replay);
            if cand < end && best.is_none_or(|b| cand < b.0) {
                best = Some((cand, l));
            }
        }
        let Some((t, l)) = best else { break };
        spikes[l].push(t);
        now = t;
    }
    spikes
        .into_iter()
        .map(|s| s.into_iter().filter(|&t| t >= start).collect())
        .collect()
}
