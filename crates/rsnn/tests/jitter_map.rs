//! The jitter map of docs/model.md §7 against the simulator: a memorized network is simulated
//! for one noiseless period from a history whose last periods are shifted by small random
//! offsets, and the offsets of the spikes it fires are compared with the map's prediction.
//!
//! The exact map (single-period or block-companion form) predicts them to 1e-3 relative at
//! T = 10, 25, 50; the folded single-period approximation does so only when the period exceeds
//! the largest delay plus the kernel horizon (10 + 39.2 here), and is far off at T = 10.

#![cfg(feature = "clarabel")]

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsnn::prelude::*;
use rsnn::recipes::NetworkSpec;
use rsnn::seeds::Seeds;
use rsnn::sim::stability::{JitterMap, MapForm};
use std::error::Error;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Scale of the random offsets of the history's spikes.
const OFFSET: f64 = 1e-7;
/// Periods of history before the simulated one: all arrivals within the largest delay (10)
/// plus the kernel horizon (39.2) of it.
const HISTORY_SPAN: f64 = 10.0 + 40.0;

/// A memorized random network with its score.
fn memorized(period: f64, seed: u64) -> Result<(Network, Score)> {
    let spec = NetworkSpec {
        neurons: 20,
        inputs: 200,
        period,
        rate: 0.2,
    };
    let (scores, mut network) = spec.sample(1, &Seeds::new(seed))?;
    let config = MemorizeConfig {
        // Only 20 sources: correlated inputs need larger weights.
        weight_bound: 1.0,
        ..Default::default()
    };
    let report = memorize_network(&mut network, &scores, &config, |_, _| {})?;
    assert!(report.all_memorized(), "{:?}", report.infeasible());
    Ok((network, scores.into_iter().next().ok_or("one score")?))
}

/// The offsets, in the map's spike order, of the spikes fired in `[0, T)` from a history of
/// the score whose copy `p` periods back (`p >= 1`) is shifted by `state[(p - 1) M + j]`
/// (zero beyond the state).
fn simulated_offsets(
    network: &Network,
    score: &Score,
    map: &JitterMap,
    state: &[f64],
) -> Result<Vec<f64>> {
    let size = map.num_spikes();
    let period = score.period();
    let mut by_channel: Vec<Vec<(f64, usize)>> = vec![Vec::new(); network.num_neurons()];
    for (j, &(s, c)) in map.spikes().iter().enumerate() {
        by_channel[c].push((s, j));
    }
    let periods = (HISTORY_SPAN / period).ceil() as usize + 1;
    let history = by_channel
        .iter()
        .map(|spikes| {
            let times = (1..=periods)
                .rev()
                .flat_map(|p| {
                    spikes.iter().map(move |&(s, j)| {
                        let shift = state.get((p - 1) * size + j).copied().unwrap_or(0.0);
                        s - p as f64 * period + shift
                    })
                })
                .collect();
            SpikeTrain::new(times)
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut config = SimulationConfig::new(0.0, period);
    config.sigma = 0.0;
    config.history = history;
    let recording = simulate(network, &config)?;
    let mut offsets = vec![0.0; size];
    for (c, spikes) in by_channel.iter().enumerate() {
        let fired = recording.train(c).ok_or("a train per neuron")?.times();
        assert_eq!(fired.len(), spikes.len(), "neuron {c} fired {fired:?}");
        for (&t, &(s, j)) in fired.iter().zip(spikes) {
            offsets[j] = t - s;
        }
    }
    Ok(offsets)
}

fn norm(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum::<f64>().sqrt()
}

/// `|measured - predicted| / |predicted|`.
fn relative_error(measured: &[f64], predicted: &[f64]) -> f64 {
    let diff: Vec<f64> = measured.iter().zip(predicted).map(|(a, b)| a - b).collect();
    norm(&diff) / norm(predicted)
}

/// The relative errors of the exact map (independent offsets in every period of its state)
/// and of the folded map (the same offsets in every period, the case it folds; and the
/// independent offsets), with the spectral radii of both forms.
struct Check {
    form: MapForm,
    exact: f64,
    folded: f64,
    folded_independent: f64,
    exact_radius: f64,
    folded_radius: f64,
}

fn check(period: f64, seed: u64) -> Result<Check> {
    let (network, score) = memorized(period, seed)?;
    let map = JitterMap::new(&network, &score)?;
    let folded = map.folded().expect("folded");
    let size = map.num_spikes();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = |n: usize| -> Vec<f64> {
        (0..n)
            .map(|_| OFFSET * rng.random_range(-1.0..1.0))
            .collect()
    };
    let base = simulated_offsets(&network, &score, &map, &[])?;
    let measure = |state: &[f64]| -> Result<Vec<f64>> {
        let moved = simulated_offsets(&network, &score, &map, state)?;
        Ok(moved.iter().zip(&base).map(|(a, b)| a - b).collect())
    };

    let state = draw(map.dimension());
    let measured = measure(&state)?;
    let exact = relative_error(&measured, &map.propagate(&state)?[..size]);
    // The folded map sees only the last period of the state.
    let folded_independent = relative_error(&measured, &folded.propagate(&state[..size])?);

    let one = draw(size);
    let repeated: Vec<f64> = (0..map.periods()).flat_map(|_| one.clone()).collect();
    let predicted = folded.propagate(&one)?;
    let folded_error = relative_error(&measure(&repeated)?, &predicted[..size]);

    let result = Check {
        form: map.form(),
        exact,
        folded: folded_error,
        folded_independent,
        exact_radius: map.analyze()?.spectral_radius,
        folded_radius: folded.analyze()?.spectral_radius,
    };
    eprintln!(
        "T = {period}: {size} spikes, form {:?}; relative error exact {:.2e}, folded {:.2e} \
         (repeated offsets) {:.2e} (independent offsets); spectral radius exact {:.4e}, \
         folded {:.4e}",
        result.form,
        result.exact,
        result.folded,
        result.folded_independent,
        result.exact_radius,
        result.folded_radius
    );
    Ok(result)
}

#[test]
fn exact_map_predicts_the_simulator_at_period_10_where_the_folded_one_fails() -> Result<()> {
    let c = check(10.0, 11)?;
    assert_eq!(c.form, MapForm::MultiPeriod { periods: 5 });
    assert!(c.exact <= 1e-3, "exact map: {}", c.exact);
    assert!(c.folded > 5e-2, "folded map: {}", c.folded);
    assert!(
        c.folded_independent > 5e-2,
        "folded map: {}",
        c.folded_independent
    );
    Ok(())
}

#[test]
fn exact_map_predicts_the_simulator_at_period_25() -> Result<()> {
    let c = check(25.0, 12)?;
    assert!(matches!(c.form, MapForm::MultiPeriod { .. }));
    assert!(c.exact <= 1e-3, "exact map: {}", c.exact);
    Ok(())
}

#[test]
fn both_forms_predict_the_simulator_at_period_50() -> Result<()> {
    let c = check(50.0, 13)?;
    assert_eq!(c.form, MapForm::SinglePeriod);
    assert!(c.exact <= 1e-3, "exact map: {}", c.exact);
    assert!(c.folded <= 1e-3, "folded map: {}", c.folded);
    assert!(
        c.folded_independent <= 1e-3,
        "folded map: {}",
        c.folded_independent
    );
    assert!((c.exact_radius - c.folded_radius).abs() <= 1e-9 * c.exact_radius.max(1e-300));
    Ok(())
}
