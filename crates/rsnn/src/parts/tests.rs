//! Parts against one whole memorization: the merge of any partition gives the same network,
//! and every kind of misfit is refused with its own error.

use super::*;
use crate::Error;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Network, Topology, TopologyConfig};
use rsnn_optim::{MemorizeConfig, NetworkReport, memorize_network};
use rsnn_signal::io::{Encoding, from_bytes, to_bytes};
use rsnn_signal::{AlphaKernel, Score, ScoreSampler};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const NEURONS: usize = 8;

struct Fixture {
    network: Network,
    score: Score,
    config: MemorizeConfig,
    /// One part holding every neuron.
    whole: MemorizePart,
    /// The network memorized in one run, and its report.
    memorized: Network,
    report: NetworkReport,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let score = ScoreSampler::new(15.0, 0.2)
            .and_then(|s| s.sample_score(&mut rng, NEURONS))
            .expect("score");
        let topology = TopologyConfig {
            num_neurons: NEURONS,
            topology: Topology::FixedInDegree { k: 150 },
            d_min: 0.1,
            d_max: 10.0,
        };
        let network = topology
            .sample(AlphaKernel::default(), &mut rng)
            .expect("network");
        let config = MemorizeConfig {
            weight_bound: 0.6,
            ..Default::default()
        };
        let scores = std::slice::from_ref(&score);
        let all: Vec<usize> = (0..NEURONS).collect();
        let whole = memorize_part(&network, &all, scores, &config, |_, _| {}).expect("part");
        let mut memorized = network.clone();
        let report = memorize_network(&mut memorized, scores, &config, |_, _| {}).expect("run");
        Fixture {
            network,
            score,
            config,
            whole,
            memorized,
            report,
        }
    })
}

/// The part of `whole` holding `ids` (sorted).
fn select(whole: &MemorizePart, ids: &[usize]) -> MemorizePart {
    let mut part = whole.clone();
    part.neurons.retain(|n| ids.contains(&n.report.neuron));
    part
}

fn named(parts: Vec<MemorizePart>) -> Vec<(PathBuf, MemorizePart)> {
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| (PathBuf::from(format!("part{i}.json")), p))
        .collect()
}

/// A report with every wall time set to 0.
fn timeless(mut report: NetworkReport) -> NetworkReport {
    report.seconds = 0.0;
    report.neurons.iter_mut().for_each(|n| n.seconds = 0.0);
    report
}

#[test]
fn parts_computed_apart_merge_into_the_single_run() {
    let f = fixture();
    assert!(f.report.all_memorized(), "{:?}", f.report.not_memorized());
    let scores = std::slice::from_ref(&f.score);
    let a = memorize_part(&f.network, &[5, 0, 2, 2], scores, &f.config, |_, _| {}).expect("a");
    assert_eq!(a.neuron_ids(), vec![0, 2, 5]);
    let b = memorize_part(&f.network, &[1, 3, 4, 6, 7], scores, &f.config, |_, _| {}).expect("b");
    let merged = merge_parts(&f.network, &named(vec![b, a])).expect("merges");
    assert_eq!(merged.network, f.memorized);
    assert_eq!(
        timeless(merged.record.report.clone()),
        timeless(f.report.clone())
    );
    assert_eq!(
        (merged.record.memories, &merged.record.config),
        (1, &f.config)
    );
}

#[test]
fn parts_round_trip_through_both_encodings() {
    let f = fixture();
    let mut part = select(&f.whole, &[1, 4]);
    part.config.mode = rsnn_optim::Mode::Grid { step: 0.05 };
    for encoding in [Encoding::Json, Encoding::Bincode] {
        let path = Path::new("part");
        let bytes = to_bytes(&part, Some(9), encoding, path).expect("encodes");
        let (back, header) = from_bytes::<MemorizePart>(&bytes, encoding, path).expect("decodes");
        assert_eq!((back, header.seed), (part.clone(), Some(9)));
    }
}

#[test]
fn a_part_file_is_checked_when_read() {
    let f = fixture();
    let part = select(&f.whole, &[1, 4]);
    let path = Path::new("p.json");
    let text = String::from_utf8(to_bytes(&part, None, Encoding::Json, path).expect("encodes"))
        .expect("utf-8");
    let bad = |from: &str, to: &str| {
        assert!(text.contains(from), "{from}");
        let e =
            from_bytes::<MemorizePart>(text.replacen(from, to, 1).as_bytes(), Encoding::Json, path)
                .expect_err("refused");
        e.to_string()
    };
    let e = bad("\"num_neurons\":8", "\"num_neurons\":3");
    assert!(e.contains("neuron 4 does not exist"), "{e}");
    let e = bad("\"memories\":1", "\"memories\":0");
    assert!(e.contains("`memories` = 0"), "{e}");
    let e = bad(&f.whole.network_sha256, "abc");
    assert!(e.contains("`network_sha256`"), "{e}");
    let e = bad("\"neuron\":4", "\"neuron\":1");
    assert!(e.contains("sorted and distinct"), "{e}");
}

#[test]
fn an_infeasible_neuron_keeps_its_input_weights_as_in_a_single_run() {
    let f = fixture();
    let mut network = f.memorized.clone();
    let strict = MemorizeConfig {
        weight_bound: 0.01,
        ..f.config.clone()
    };
    let scores = std::slice::from_ref(&f.score);
    let part = memorize_part(&network, &[0, 3], scores, &strict, |_, _| {}).expect("part");
    for n in &part.neurons {
        assert!(!n.report.status.has_weights(), "{:?}", n.report.status);
        let id = n.report.neuron;
        assert_eq!(Some(&n.weights), f.memorized.weights(id).as_ref());
        assert!(n.weights.iter().any(|&w| w != 0.0));
    }
    let rest: Vec<usize> = (0..NEURONS).filter(|i| ![0, 3].contains(i)).collect();
    let other = memorize_part(&network, &rest, scores, &strict, |_, _| {}).expect("part");
    let merged = merge_parts(&network, &named(vec![part, other])).expect("merges");
    let report = memorize_network(&mut network, scores, &strict, |_, _| {}).expect("run");
    assert_eq!(merged.network, network);
    assert_eq!(timeless(merged.record.report), timeless(report));
}

#[test]
fn parts_of_another_network_scores_or_settings_are_refused() {
    let f = fixture();
    let scores = std::slice::from_ref(&f.score);
    let a = select(&f.whole, &[0, 1, 2, 3]);
    let b = select(&f.whole, &[4, 5, 6, 7]);
    // Another network: one delay changed.
    let mut neurons = f.network.neurons().to_vec();
    neurons[2].inputs[0].delay += 0.5;
    let other = Network::new(neurons, f.network.kernel()).expect("valid");
    let e = merge_parts(&other, &named(vec![a.clone(), b.clone()])).expect_err("network");
    assert!(matches!(&e, Error::PartNetwork { path, .. } if path == Path::new("part0.json")));
    assert!(e.to_string().contains("another network"), "{e}");
    // Other weights only: the same network.
    merge_parts(&f.memorized, &named(vec![a.clone(), b.clone()])).expect("weights aside");
    // Other scores.
    let mut c = b.clone();
    c.scores_sha256 = scores_sha256(&[f.score.clone(), f.score.clone()]);
    let e = merge_parts(&f.network, &named(vec![a.clone(), c])).expect_err("scores");
    assert!(matches!(&e, Error::PartScores { path, .. } if path == Path::new("part1.json")));
    // Other settings: both differing fields named with their values.
    let mut d = b.clone();
    d.config.weight_bound = 0.7;
    d.config.objective = rsnn_optim::Objective::L1;
    let e = merge_parts(&f.network, &named(vec![a.clone(), d])).expect_err("settings");
    let text = e.to_string();
    assert!(
        text.contains("`weight_bound` (0.7 in part1.json, 0.6 in part0.json)")
            && text.contains("`objective` (l1 in part1.json, l2 in part0.json)"),
        "{text}"
    );
    // Weights that do not fit the inputs.
    let mut g = b;
    g.neurons[0].weights.pop();
    let e = merge_parts(&f.network, &named(vec![a, g])).expect_err("weights");
    assert!(matches!(e, Error::PartInvalid { .. }), "{e}");
    assert!(matches!(merge_parts(&f.network, &[]), Err(Error::NoParts)));
    // A part of the whole network, asked for a neuron it does not have.
    let e = memorize_part(&f.network, &[NEURONS], scores, &f.config, |_, _| {}).expect_err("id");
    assert!(e.to_string().contains(&NEURONS.to_string()), "{e}");
}

#[test]
fn neuron_ranges_are_compact() {
    assert_eq!(ranges(&[0, 1, 2, 5, 7, 8]), "0-2, 5, 7-8");
    assert_eq!(ranges(&[]), "");
    let many: Vec<usize> = (0..40).step_by(2).collect();
    assert!(ranges(&many).ends_with("14, ..."), "{}", ranges(&many));
}

/// Each neuron's part (`None`: in no part), with at most 4 parts.
fn assignment() -> impl Strategy<Value = Vec<Option<usize>>> {
    prop::collection::vec(prop::option::weighted(0.9, 0usize..4), NEURONS)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any partition merges into the single run; neurons in no part are named; a neuron in two
    /// parts is refused.
    #[test]
    fn merging_checks_the_cover(owner in assignment(), twice in 0usize..NEURONS) {
        let f = fixture();
        let parts: Vec<MemorizePart> = (0..4)
            .map(|p| {
                let ids: Vec<usize> = (0..NEURONS).filter(|&i| owner[i] == Some(p)).collect();
                select(&f.whole, &ids)
            })
            .collect();
        let missing: Vec<usize> = (0..NEURONS).filter(|&i| owner[i].is_none()).collect();
        match merge_parts(&f.network, &named(parts.clone())) {
            Ok(m) => {
                prop_assert!(missing.is_empty());
                prop_assert_eq!(m.network, f.memorized.clone());
            }
            Err(Error::PartsMissing { neurons, total }) => {
                prop_assert_eq!((neurons, total), (missing.clone(), NEURONS));
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
        if let Some(p) = owner[twice] {
            let mut extra = parts.clone();
            extra.push(select(&f.whole, &[twice]));
            let e = merge_parts(&f.network, &named(extra)).expect_err("overlap");
            let other = PathBuf::from(format!("part{p}.json"));
            let is_overlap = matches!(&e, Error::PartOverlap { other: o, neurons, .. }
                if *o == other && neurons == &vec![twice]);
            prop_assert!(is_overlap, "{e}");
        }
    }
}
