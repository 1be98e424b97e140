//! Pinned output of the seeded topology sampler.
//!
//! Every recorded seed (in files, experiment results and documentation) stands for the network
//! the sampler wires from it. An upgrade of `rand` or `rand_chacha`, or a change of the sampler,
//! that alters the stream would silently give every recorded seed another network. This test
//! pins the exact sources and delays (delays compared bit for bit: `{:?}` of an f64 prints the
//! shortest text that reads back to the same bits), so such a change fails here. An
//! intentional change must update the pins and be announced as changing every recorded seed.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rsnn_neuron::{Topology, TopologyConfig};
use rsnn_signal::AlphaKernel;

#[test]
fn topology_sampler_is_pinned() {
    let config = TopologyConfig {
        num_neurons: 4,
        topology: Topology::FixedInDegree { k: 3 },
        d_min: 0.1,
        d_max: 10.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let net = config
        .sample(AlphaKernel::default(), &mut rng)
        .expect("valid config");
    let got: Vec<Vec<(usize, f64)>> = net
        .neurons()
        .iter()
        .map(|n| n.inputs.iter().map(|i| (i.source, i.delay)).collect())
        .collect();
    let want: &[&[(usize, f64)]] = &[
        &[
            (0, 1.549223755940507),
            (3, 4.332412388279545),
            (1, 7.397845138937902),
        ],
        &[
            (1, 1.584592815874217),
            (1, 1.7269617746233925),
            (3, 7.735362929948284),
        ],
        &[
            (3, 5.4110418412745895),
            (2, 9.027851403282861),
            (2, 7.741322750731884),
        ],
        &[
            (2, 7.315105016357675),
            (1, 9.926456581632014),
            (2, 1.8004466799161931),
        ],
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (l, (g, w)) in got.iter().zip(want).enumerate() {
        let g: Vec<(usize, u64)> = g.iter().map(|&(s, d)| (s, d.to_bits())).collect();
        let w: Vec<(usize, u64)> = w.iter().map(|&(s, d)| (s, d.to_bits())).collect();
        assert_eq!(g, w, "neuron {l}: got {got:?}");
    }
    assert!(
        net.neurons()
            .iter()
            .flat_map(|n| &n.inputs)
            .all(|i| i.weight == 0.0)
    );
}
