//! Hand-built chains and rings with strong weights, whose spike times follow from the crossing
//! equation `sum_i w_i h(t - a_i) = theta`, with and without prompts; compared with the closed
//! form where there is one and with a slow direct-sum reference simulator otherwise.

#[path = "common/nets.rs"]
mod nets;
#[path = "common/oracle.rs"]
mod oracle;

use nets::{assert_trains_close, history, network, single_arrival_delay};
use rsnn_sim::{Prompt, Recording, SimulationConfig, simulate};

fn times(r: &Recording) -> Vec<Vec<f64>> {
    r.trains().iter().map(|t| t.times().to_vec()).collect()
}

fn noiseless(start: f64, end: f64) -> SimulationConfig {
    let mut c = SimulationConfig::new(start, end);
    c.sigma = 0.0;
    c
}

#[test]
fn one_strong_arrival_fires_a_refractory_burst() {
    // Neuron 1 hears neuron 0 (delay 2, weight 2); neuron 0 fired at -1, so the arrival is at 1.
    // z(1 + u) = 2 u exp(1 - u) crosses 1 at u1 ~ 0.232 and is still above 1 at the ends of the
    // next two refractory periods (1.95 at u1 + 1, 1.30 at u1 + 2, 0.69 at u1 + 3).
    let net = network(2, &[(1, 0, 2.0, 2.0)]);
    let mut config = noiseless(0.0, 10.0);
    config.history = history(&[&[-1.0], &[]]);
    let r = simulate(&net, &config).unwrap();
    let u1 = single_arrival_delay(2.0);
    assert!((u1 - 0.2319).abs() < 1e-3);
    let want = vec![vec![], vec![1.0 + u1, 2.0 + u1, 3.0 + u1]];
    assert_trains_close(&times(&r), &want, 1e-12);
    let t = r.train(1).unwrap().times();
    // Fired exactly at the end of refractoriness.
    assert!((t[1] - t[0] - 1.0).abs() < 1e-12 && (t[2] - t[1] - 1.0).abs() < 1e-12);
}

#[test]
fn ring_of_three_matches_the_crossing_equation_and_the_reference() {
    // 0 -> 1 -> 2 -> 0, delay 2, weight 1.05: one spike per arrival, a round trip every
    // 3 (2 + u) with 1.05 u exp(1 - u) = 1.
    let net = network(
        3,
        &[(1, 0, 2.0, 1.05), (2, 1, 2.0, 1.05), (0, 2, 2.0, 1.05)],
    );
    let mut config = noiseless(0.0, 40.0);
    config.history = history(&[&[-0.5], &[], &[]]);
    let r = simulate(&net, &config).unwrap();
    let u = single_arrival_delay(1.05);
    let got = times(&r);
    assert!((got[1][0] - (1.5 + u)).abs() < 1e-12);
    assert!((got[2][0] - (3.5 + 2.0 * u)).abs() < 1e-12);
    // Later spikes also feel the faint tails of earlier ones.
    let want = oracle::simulate(&net, &[vec![-0.5], vec![], vec![]], &[], 1.0, 0.0, 40.0);
    assert_trains_close(&got, &want, 1e-9);
    assert!(got.iter().all(|t| t.len() >= 4), "{got:?}");
}

#[test]
fn replayed_spikes_drive_a_chain() {
    // Neuron 0 has no input; it is prompted to fire at 2 and 40. Neuron 1 hears it (delay 1,
    // weight 2) and answers each with a burst of three spikes.
    let net = network(2, &[(1, 0, 1.0, 2.0)]);
    let mut config = noiseless(0.0, 60.0);
    config.prompts = vec![Prompt::new(0, 0.0, 50.0, vec![2.0, 40.0]).unwrap()];
    let r = simulate(&net, &config).unwrap();
    let u1 = single_arrival_delay(2.0);
    let burst = |a: f64| [a + u1, a + 1.0 + u1, a + 2.0 + u1];
    let want = vec![vec![2.0, 40.0], [burst(3.0), burst(41.0)].concat()];
    // The second burst feels the first one's tail (about 1e-14).
    assert_trains_close(&times(&r), &want, 1e-9);
}

#[test]
fn prompted_neuron_ignores_its_own_crossings_until_released() {
    // 0 <-> 1 (delay 1): 0 hears 1 with weight 1.5, 1 hears 0 with weight 1.05. Neuron 1 fired
    // at -0.5, which would make 0 fire near 0.5 + 0.3; but 0 is prompted on [0, 9) with a single
    // spike at 5. Its potential is above threshold at the release (9), so it fires exactly then.
    let net = network(2, &[(0, 1, 1.0, 1.5), (1, 0, 1.0, 1.05)]);
    let mut config = noiseless(0.0, 30.0);
    config.history = history(&[&[], &[-0.5]]);
    config.prompts = vec![Prompt::new(0, 0.0, 9.0, vec![5.0]).unwrap()];
    let r = simulate(&net, &config).unwrap();
    let got = times(&r);
    assert_eq!(&got[0][..2], &[5.0, 9.0]);
    let u = single_arrival_delay(1.05);
    assert!((got[1][0] - (6.0 + u)).abs() < 1e-12);
    let prompts = vec![(0, 0.0, 9.0, vec![5.0])];
    let want = oracle::simulate(&net, &[vec![], vec![-0.5]], &prompts, 1.0, 0.0, 30.0);
    assert_trains_close(&got, &want, 1e-9);
}

#[test]
fn without_the_prompt_the_same_ring_fires_early() {
    let net = network(2, &[(0, 1, 1.0, 1.5), (1, 0, 1.0, 1.05)]);
    let mut config = noiseless(0.0, 30.0);
    config.history = history(&[&[], &[-0.5]]);
    let r = simulate(&net, &config).unwrap();
    let u = single_arrival_delay(1.5);
    let got = times(&r);
    assert!((got[0][0] - (0.5 + u)).abs() < 1e-12);
    let want = oracle::simulate(&net, &[vec![], vec![-0.5]], &[], 1.0, 0.0, 30.0);
    assert_trains_close(&got, &want, 1e-9);
}

#[test]
fn history_arrivals_before_the_start_shape_the_potential() {
    // Arrival at -0.9 (spike -2.9, delay 2): the potential crosses 1 before the start, so the
    // neuron fires at the start itself, refractoriness counting from its history spike at -0.5.
    let net = network(2, &[(1, 0, 2.0, 2.0)]);
    let mut config = noiseless(0.0, 10.0);
    config.history = history(&[&[-2.9], &[-0.5]]);
    let r = simulate(&net, &config).unwrap();
    let got = times(&r);
    assert!((got[1][0] - 0.5).abs() < 1e-12, "{got:?}");
    let want = oracle::simulate(&net, &[vec![-2.9], vec![-0.5]], &[], 1.0, 0.0, 10.0);
    assert_trains_close(&got, &want, 1e-9);
}

#[test]
fn thresholds_come_from_one_stream_per_neuron() {
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::StandardNormal;
    // Neurons 1 and 2 hear neuron 0 identically; with noise they cross different thresholds,
    // each drawn first from its own stream `l` of the seed.
    let net = network(3, &[(1, 0, 1.0, 2.0), (2, 0, 1.0, 2.0)]);
    let mut config = SimulationConfig::new(0.0, 3.0);
    config.sigma = 0.1;
    config.seed = 42;
    config.history = history(&[&[-0.5], &[], &[]]);
    let r = simulate(&net, &config).unwrap();
    for l in 1..3 {
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        rng.set_stream(l as u64);
        let x: f64 = rng.sample(StandardNormal);
        let theta = 1.0 + 0.1 * x;
        let u = single_arrival_delay(2.0 / theta);
        let t = r.train(l).unwrap().times()[0];
        assert!(
            (t - (0.5 + u)).abs() < 1e-12,
            "neuron {l}: {t} vs {}",
            0.5 + u
        );
    }
    assert_ne!(
        r.train(1).unwrap().times()[0],
        r.train(2).unwrap().times()[0]
    );
}

#[test]
fn the_networks_threshold_sets_the_crossing_level() {
    // One arrival of weight 4 at threshold 2 crosses where 4 h(u) = 2, i.e. where a weight-2
    // arrival crosses threshold 1; the noise is drawn around the network's threshold.
    let net = network(2, &[(1, 0, 2.0, 4.0)]).with_threshold(2.0).unwrap();
    let mut config = noiseless(0.0, 2.0);
    config.history = history(&[&[-1.0], &[]]);
    let r = simulate(&net, &config).unwrap();
    let u1 = single_arrival_delay(2.0);
    assert_trains_close(&times(&r), &[vec![], vec![1.0 + u1]], 1e-12);
    // At threshold 1 the same arrival crosses earlier.
    let at_1 = simulate(&net.with_threshold(1.0).unwrap(), &config).unwrap();
    let first = at_1.train(1).unwrap().times()[0];
    assert!(
        (first - (1.0 + single_arrival_delay(4.0))).abs() < 1e-12,
        "{first}"
    );
}
