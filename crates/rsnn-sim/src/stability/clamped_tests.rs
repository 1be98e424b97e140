//! Neurons clamped to the score: the map, its spectrum by both methods, and the errors.

use super::krylov_tests::random_case;
use super::*;
use rsnn_neuron::Neuron;

/// `network` with the weights of `neurons` set to 0 (as memorization leaves a neuron it could
/// not memorize when it started from zero weights).
fn without_weights(network: &Network, neurons: &[usize]) -> Network {
    let mut list: Vec<Neuron> = (0..network.num_neurons())
        .map(|l| network.neuron(l).unwrap().clone())
        .collect();
    for &l in neurons {
        list[l]
            .inputs
            .iter_mut()
            .for_each(|input| input.weight = 0.0);
    }
    Network::new(list, network.kernel()).unwrap()
}

fn options(method: EigenMethod, eigenvalues: usize) -> StabilityOptions {
    StabilityOptions {
        method,
        eigenvalues,
        ..StabilityOptions::default()
    }
}

/// The eigenvalue magnitudes of the principal submatrix of the dense matrix over the state
/// entries of spikes of free neurons, decreasing.
fn free_block_magnitudes(map: &JitterMap) -> Vec<f64> {
    let size = map.num_spikes();
    let dim = map.dimension();
    let matrix = map.matrix();
    let free: Vec<usize> = (0..dim)
        .filter(|&c| {
            map.clamped()
                .binary_search(&map.spikes()[c % size].1)
                .is_err()
        })
        .collect();
    let block: Vec<f64> = free
        .iter()
        .flat_map(|&r| free.iter().map(move |&c| (r, c)))
        .map(|(r, c)| matrix[r * dim + c])
        .collect();
    let mut values = eigenvalues(&block, free.len()).unwrap();
    sort_by_magnitude(&mut values);
    values.iter().map(|z| z.0.hypot(z.1)).collect()
}

#[test]
fn clamping_nothing_is_the_plain_map() {
    let (network, score) = random_case(3, 20, 6, 40.0).unwrap();
    let plain = JitterMap::new(&network, &score).unwrap();
    let none = JitterMap::clamped_within(&network, &score, &[], f64::INFINITY).unwrap();
    assert_eq!(none, plain);
    assert!(plain.is_shift_invariant() && plain.clamped().is_empty());
}

#[test]
fn a_neuron_without_weights_is_refused_unless_clamped() {
    let (network, score) = random_case(5, 20, 6, 40.0).unwrap();
    let plain = JitterMap::new(&network, &score).unwrap();
    let broken = without_weights(&network, &[2, 7]);
    assert!(matches!(
        JitterMap::new(&broken, &score),
        Err(SimError::ZeroSlope { neuron: 2 | 7, .. })
    ));
    // Repeated and unsorted neurons are accepted.
    let map = JitterMap::clamped_within(&broken, &score, &[7, 2, 7], f64::INFINITY).unwrap();
    assert_eq!(map.clamped(), &[2, 7]);
    assert!(!map.is_shift_invariant());
    for (m, &(_, l)) in map.spikes().iter().enumerate() {
        if l == 2 || l == 7 {
            assert!(map.row(m).unwrap().is_empty());
            assert!(map.slope(m).unwrap().is_nan());
        } else {
            // A free spike's update does not depend on the clamped neurons' weights.
            assert_eq!(map.row(m), plain.row(m));
            assert_eq!(map.slope(m), plain.slope(m));
        }
    }
    let report = map.analyze_with(&options(EigenMethod::Dense, 1)).unwrap();
    assert_eq!(report.trivial_eigenvalue, None);
    assert_eq!(report.clamped_neurons, vec![2, 7]);
    assert_eq!(report.eigenvalues.len(), map.dimension());
}

/// The clamped entries of the state are 0 after one period, so the nonzero spectrum is the
/// free block's: checked with the dense method and with Krylov (largest magnitudes to 1e-8
/// relative), on maps of one and of several periods.
#[test]
fn the_spectrum_is_the_free_block_by_both_methods() {
    let mut forms = Vec::new();
    for seed in 0..4 {
        for period in [60.0, 12.0] {
            let Some((network, score)) = random_case(seed, 40, 8, period) else {
                continue;
            };
            let clamped = [seed as usize, 20 + seed as usize];
            let broken = without_weights(&network, &clamped);
            let map = JitterMap::clamped_within(&broken, &score, &clamped, f64::INFINITY).unwrap();
            forms.push(map.form());
            let block = free_block_magnitudes(&map);
            let radius = block[0];
            let dense = map.analyze_with(&options(EigenMethod::Dense, 1)).unwrap();
            let krylov = map.analyze_with(&options(EigenMethod::Krylov, 6)).unwrap();
            assert_eq!(krylov.trivial_eigenvalue, None);
            let Solver::Krylov { requested, .. } = krylov.solver else {
                panic!("{:?}", krylov.solver)
            };
            assert_eq!(krylov.eigenvalues.len(), requested);
            for (i, want) in block.iter().take(6).enumerate() {
                if *want < 1e-3 * radius {
                    break;
                }
                for (name, report) in [("dense", &dense), ("krylov", &krylov)] {
                    let got = report.top_magnitudes[i];
                    assert!(
                        (got - want).abs() <= 1e-8 * radius + 1e-12,
                        "seed {seed}, period {period}, {name} eigenvalue {i}: {got} vs {want}"
                    );
                }
            }
            assert!((krylov.spectral_radius - radius).abs() <= 1e-8 * radius + 1e-12);
        }
    }
    assert!(forms.contains(&MapForm::SinglePeriod), "{forms:?}");
    assert!(forms.iter().any(|f| f.periods() > 1), "{forms:?}");
}

#[test]
fn an_unknown_clamped_neuron_is_an_error() {
    let (network, score) = random_case(1, 10, 4, 40.0).unwrap();
    assert!(matches!(
        JitterMap::clamped_within(&network, &score, &[3, 10], f64::INFINITY),
        Err(SimError::UnknownNeuron {
            neuron: 10,
            num_neurons: 10
        })
    ));
}
