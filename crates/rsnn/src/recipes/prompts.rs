//! Prompts that replay jittered copies of a score for some cycles.

use crate::Error;
use rand::Rng;
use rsnn_signal::{JitterConfig, Score, jitter_score};
use rsnn_sim::Prompt;

/// Prompts that replay, for the neurons `neurons`, `cycles` consecutive cycles of `score`
/// starting at `start` (score time 0 at `start`), each cycle an independently jittered copy
/// (truncated-Gaussian jitter with standard deviation `jitter`).
///
/// # Errors
/// An invalid jitter or a neuron without a channel in the score.
pub fn jittered_prompts<R: Rng + ?Sized>(
    rng: &mut R,
    score: &Score,
    neurons: &[usize],
    start: f64,
    cycles: usize,
    jitter: f64,
) -> Result<Vec<Prompt>, Error> {
    let config = JitterConfig::new(jitter);
    let period = score.period();
    let mut prompts: Vec<Prompt> = Vec::new();
    for cycle in 0..cycles {
        let from = start + cycle as f64 * period;
        let noisy = jitter_score(rng, score, &config)?;
        prompts.extend(Prompt::from_score(
            &noisy,
            neurons,
            from,
            from + period,
            from,
        )?);
    }
    Ok(merge_prompts(prompts))
}

/// Joins consecutive prompt windows of the same neuron into one prompt, dropping a spike that
/// would violate refractoriness across the join of two independently jittered cycles.
fn merge_prompts(prompts: Vec<Prompt>) -> Vec<Prompt> {
    let mut merged: Vec<Prompt> = Vec::new();
    for p in prompts {
        match merged
            .iter_mut()
            .find(|q| q.neuron == p.neuron && q.window_end == p.window_start)
        {
            Some(q) => {
                let mut times = q.spikes.times().to_vec();
                for &t in p.spikes.times() {
                    if times
                        .last()
                        .is_none_or(|&l| t - l >= rsnn_signal::REFRACTORY_PERIOD)
                    {
                        times.push(t);
                    }
                }
                if let Ok(joined) = Prompt::new(q.neuron, q.window_start, p.window_end, times) {
                    *q = joined;
                }
            }
            None => merged.push(p),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_prompts_keep_refractoriness() {
        let a = Prompt::new(0, 0.0, 10.0, vec![1.0, 9.8]).unwrap();
        let b = Prompt::new(0, 10.0, 20.0, vec![10.3, 15.0]).unwrap();
        let c = Prompt::new(1, 0.0, 10.0, vec![2.0]).unwrap();
        let m = merge_prompts(vec![a, c, b]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].spikes.times(), &[1.0, 9.8, 15.0]);
        assert_eq!((m[0].window_start, m[0].window_end), (0.0, 20.0));
    }
}
