//! The limits of the neuron layer (see docs/guide.md, section "Limits").

/// The largest network the topology samplers build: neurons plus inputs (each input and each
/// neuron takes about 24 bytes, so 1e8 is about 2.4 GB). Raise it with
/// [`TopologyConfig::sample_within`](crate::TopologyConfig::sample_within).
pub const MAX_NETWORK_SIZE: f64 = 1e8;

/// The largest delay an input may have, in refractory periods (delays in the model are of the
/// order of 10; far larger ones make periodic replays lose all precision).
pub const MAX_DELAY: f64 = 1e6;

/// The largest weight magnitude, in units of the nominal threshold: beyond it sums of
/// weighted kernels overflow to infinities and NaN potentials.
pub const MAX_ABS_WEIGHT: f64 = 1e12;

/// The largest number of arrivals [`periodic_arrivals`](crate::periodic_arrivals) collects for
/// one neuron (16 bytes each): `spikes of the inputs' sources * (window + kernel horizon) /
/// period`. A huge kernel `tau` (so a huge horizon) or a tiny period exceeds it.
pub const MAX_PERIODIC_ARRIVALS: f64 = 2e7;

#[cfg(test)]
mod tests {
    use crate::{Topology, TopologyConfig};
    use rand::SeedableRng;
    use rsnn_signal::{AlphaKernel, SignalError};

    fn config(num_neurons: usize, topology: Topology) -> TopologyConfig {
        TopologyConfig {
            num_neurons,
            topology,
            ..TopologyConfig::default()
        }
    }

    #[test]
    fn huge_networks_are_refused_before_allocation() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        // The parameter named is the one that makes the network large.
        for (c, name) in [
            (
                config(usize::MAX, Topology::FixedInDegree { k: 1 }),
                "num_neurons",
            ),
            (config(1, Topology::FixedInDegree { k: usize::MAX }), "k"),
            (
                config(1_000_000, Topology::FixedOutDegree { k: 1_000_000 }),
                "num_neurons",
            ),
            (
                config(
                    100_000,
                    Topology::AllToAll {
                        self_connections: false,
                    },
                ),
                "num_neurons",
            ),
        ] {
            let e = c.sample(AlphaKernel::default(), &mut rng).unwrap_err();
            assert!(
                matches!(e, crate::NeuronError::Signal(SignalError::Limit(ref l)) if l.parameter == name),
                "{e}"
            );
        }
        let e = config(10, Topology::FixedInDegree { k: 0 })
            .validate()
            .unwrap_err();
        assert!(e.to_string().contains("a network needs inputs"), "{e}");
        let small = config(10, Topology::FixedInDegree { k: 10 });
        assert!(
            small
                .sample_within(AlphaKernel::default(), &mut rng, 50.0)
                .is_err()
        );
        assert!(
            small
                .sample_within(AlphaKernel::default(), &mut rng, 110.0)
                .is_ok()
        );
    }
}
