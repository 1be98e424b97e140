//! Loading the pretrained network of docs/model.md §9.5 (converted from the original package).
#![allow(dead_code)]

use rsnn_neuron::{Input, Network, Neuron};
use rsnn_signal::{AlphaKernel, Score};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct V5Neuron {
    id: usize,
    sources: Vec<usize>,
    delays: Vec<f64>,
    weights: Vec<f64>,
}

#[derive(Deserialize)]
struct V5File {
    period: f64,
    kernel_tau: f64,
    threshold: f64,
    refractory_period: f64,
    neurons: Vec<V5Neuron>,
    score: Vec<Vec<f64>>,
}

/// The network (with the file's threshold) and its memorized score.
pub struct Pretrained {
    pub network: Network,
    pub score: Score,
}

/// Loads `tests/data/pretrained_L200_K500.json`.
pub fn load_v5() -> Pretrained {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pretrained_L200_K500.json");
    let text = std::fs::read_to_string(&path).expect("the V5 data file is in tests/data");
    let file: V5File = serde_json::from_str(&text).expect("the V5 file parses");
    assert_eq!(file.refractory_period, 1.0);
    let neurons = file
        .neurons
        .iter()
        .enumerate()
        .map(|(l, n)| {
            assert_eq!(n.id, l, "neurons are listed in id order");
            assert_eq!(n.sources.len(), n.delays.len());
            assert_eq!(n.sources.len(), n.weights.len());
            let inputs = (0..n.sources.len())
                .map(|k| Input {
                    source: n.sources[k],
                    delay: n.delays[k],
                    weight: n.weights[k],
                })
                .collect();
            Neuron { inputs }
        })
        .collect();
    let kernel = AlphaKernel::new(file.kernel_tau).expect("valid tau");
    Pretrained {
        network: Network::new(neurons, kernel)
            .and_then(|n| n.with_threshold(file.threshold))
            .expect("valid network"),
        score: Score::new(file.period, file.score).expect("valid score"),
    }
}
