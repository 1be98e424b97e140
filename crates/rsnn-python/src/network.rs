//! Networks: built from numpy arrays, wired at random, read back as numpy arrays.

use crate::convert::{Floats, to_vec};
use crate::errors::{IntoPy, invalid};
use numpy::{AllowTypeChange, PyArray1, PyArrayLike1, PyArrayMethods};
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use rsnn::neuron::{Input, Network, Neuron, Topology, TopologyConfig};
use rsnn::seeds::Seeds;
use rsnn::signal::AlphaKernel;

/// The inputs of one neuron: sources, delays and weights.
type Inputs<'py> = (
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
);

/// Integer arrays accepted from any array-like.
type Ints<'py> = PyArrayLike1<'py, i64, AllowTypeChange>;

/// A network of spiking neurons: neuron `l` has inputs `k` with a source neuron, an axonal
/// delay and a weight (docs/model.md §2), the alpha kernel of time constant `tau` and the
/// nominal threshold `threshold`.
///
/// Network(sources, delays, weights=None, *, tau=1.0, threshold=1.0): `sources`, `delays` and
/// `weights` are (L, K) arrays, or sequences of L one-dimensional arrays when the neurons have
/// different numbers of inputs; weights default to zero. Raises ValueError for an unknown
/// source, a negative or non-finite delay, a non-finite weight, or shapes that differ.
#[pyclass(name = "Network", module = "rsnn", eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyNetwork {
    pub(crate) inner: Network,
}

/// The rows of `values` as vectors, checking that row `l` has `counts[l]` values.
fn rows(values: Vec<Floats<'_>>, counts: &[usize], name: &str) -> PyResult<Vec<Vec<f64>>> {
    if values.len() != counts.len() {
        return Err(PyValueError::new_err(format!(
            "`{name}` has {} rows, but `sources` has {}",
            values.len(),
            counts.len()
        )));
    }
    values
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(l, (row, &k))| {
            let row = to_vec(row);
            if row.len() != k {
                return Err(PyValueError::new_err(format!(
                    "row {l} of `{name}` has {} values, but `sources` has {k}",
                    row.len()
                )));
            }
            Ok(row)
        })
        .collect()
}

#[pymethods]
impl PyNetwork {
    #[new]
    #[pyo3(signature = (sources, delays, weights = None, *, tau = 1.0, threshold = 1.0))]
    fn new(
        sources: Vec<Ints<'_>>,
        delays: Vec<Floats<'_>>,
        weights: Option<Vec<Floats<'_>>>,
        tau: f64,
        threshold: f64,
    ) -> PyResult<Self> {
        let sources: Vec<Vec<i64>> = sources.iter().map(|r| r.as_array().to_vec()).collect();
        let counts: Vec<usize> = sources.iter().map(Vec::len).collect();
        let delays = rows(delays, &counts, "delays")?;
        let weights = match weights {
            Some(w) => rows(w, &counts, "weights")?,
            None => counts.iter().map(|&k| vec![0.0; k]).collect(),
        };
        let mut neurons = Vec::with_capacity(sources.len());
        for ((s, d), w) in sources.iter().zip(&delays).zip(&weights) {
            let mut inputs = Vec::with_capacity(s.len());
            for ((&source, &delay), &weight) in s.iter().zip(d).zip(w) {
                let source = usize::try_from(source)
                    .map_err(|_| invalid("sources", source as f64, "must be >= 0"))?;
                inputs.push(Input {
                    source,
                    delay,
                    weight,
                });
            }
            neurons.push(Neuron { inputs });
        }
        let kernel = AlphaKernel::new(tau).py()?;
        let network = Network::new(neurons, kernel)
            .py()?
            .with_threshold(threshold)
            .py()?;
        Ok(Self { inner: network })
    }

    /// The number of neurons L.
    #[getter]
    fn num_neurons(&self) -> usize {
        self.inner.num_neurons()
    }

    /// The number of inputs, all neurons.
    #[getter]
    fn num_inputs(&self) -> usize {
        self.inner.num_inputs()
    }

    /// The nominal threshold theta_0.
    #[getter]
    fn threshold(&self) -> f64 {
        self.inner.threshold()
    }

    /// The time constant of the alpha kernel.
    #[getter]
    fn tau(&self) -> f64 {
        self.inner.kernel().tau()
    }

    /// Where each neuron's inputs start in the flat arrays: L + 1 offsets (CSR layout), so that
    /// the inputs of neuron `l` are `indptr[l]:indptr[l + 1]`.
    #[getter]
    fn indptr<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let mut offsets = vec![0i64];
        let mut total = 0i64;
        for n in self.inner.neurons() {
            total += n.inputs.len() as i64;
            offsets.push(total);
        }
        PyArray1::from_vec(py, offsets)
    }

    /// The source neurons: an (L, K) int64 array when every neuron has K inputs, otherwise the
    /// flat array of all inputs in neuron order (see `indptr`).
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.field(py, |i| i.source as i64)
    }

    /// The axonal delays: an (L, K) float64 array, or flat as `sources`.
    #[getter]
    fn delays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.field(py, |i| i.delay)
    }

    /// The weights: an (L, K) float64 array, or flat as `sources`. A copy: change weights with
    /// `set_weights`.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.field(py, |i| i.weight)
    }

    /// The inputs of neuron `l` as three arrays `(sources, delays, weights)`.
    fn inputs<'py>(&self, py: Python<'py>, l: usize) -> PyResult<Inputs<'py>> {
        let neuron = self.inner.neuron(l).ok_or_else(|| {
            PyIndexError::new_err(format!(
                "neuron {l} out of range: the network has {} neurons",
                self.inner.num_neurons()
            ))
        })?;
        let s = neuron.inputs.iter().map(|i| i.source as i64).collect();
        let d = neuron.inputs.iter().map(|i| i.delay).collect();
        Ok((
            PyArray1::from_vec(py, s),
            PyArray1::from_vec(py, d),
            PyArray1::from_vec(py, neuron.weights()),
        ))
    }

    /// Replaces every weight: `weights` has the layout of the `weights` property (an (L, K)
    /// array, or one array per neuron). Raises ValueError for a wrong shape or a non-finite
    /// weight; then no weight is changed.
    fn set_weights(&mut self, weights: Vec<Floats<'_>>) -> PyResult<()> {
        let counts: Vec<usize> = self
            .inner
            .neurons()
            .iter()
            .map(|n| n.inputs.len())
            .collect();
        let rows = rows(weights, &counts, "weights")?;
        let mut network = self.inner.clone();
        for (l, w) in rows.iter().enumerate() {
            network.set_weights(l, w).py()?;
        }
        self.inner = network;
        Ok(())
    }

    /// A copy of the network.
    fn copy(&self) -> Self {
        self.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Network(neurons={}, inputs={}, tau={}, threshold={})",
            self.inner.num_neurons(),
            self.inner.num_inputs(),
            self.inner.kernel().tau(),
            self.inner.threshold()
        )
    }
}

impl PyNetwork {
    /// One field of every input, shaped as the `sources` property says.
    fn field<'py, T: numpy::Element + Copy>(
        &self,
        py: Python<'py>,
        get: impl Fn(&Input) -> T,
    ) -> PyResult<Bound<'py, PyAny>> {
        let neurons = self.inner.neurons();
        let flat: Vec<T> = neurons
            .iter()
            .flat_map(|n| n.inputs.iter().map(&get))
            .collect();
        let k = neurons.first().map_or(0, |n| n.inputs.len());
        let flat = PyArray1::from_vec(py, flat);
        if neurons.iter().all(|n| n.inputs.len() == k) {
            Ok(flat.reshape([neurons.len(), k])?.into_any())
        } else {
            Ok(flat.into_any())
        }
    }
}

/// Wires a random network (weights zero, threshold 1, tau 1) from the seed policy of master
/// seed `seed`, exactly as `rsnn network --seed SEED` and the facade's pipeline do.
///
/// `topology` is "fixed_in_degree" (each neuron draws `inputs` sources uniformly with
/// replacement, the default), "fixed_out_degree" (each neuron feeds `inputs` targets) or
/// "all_to_all" (`inputs` is ignored); delays are uniform in [min_delay, max_delay].
/// Raises ValueError for an invalid size, topology or delay range.
#[pyfunction]
#[pyo3(signature = (neurons = 200, inputs = 500, *, seed = 1, topology = "fixed_in_degree",
    min_delay = 0.1, max_delay = 10.0, self_connections = false))]
#[allow(clippy::too_many_arguments)]
pub fn wire(
    py: Python<'_>,
    neurons: usize,
    inputs: usize,
    seed: u64,
    topology: &str,
    min_delay: f64,
    max_delay: f64,
    self_connections: bool,
) -> PyResult<PyNetwork> {
    let topology = match topology {
        "fixed_in_degree" => Topology::FixedInDegree { k: inputs },
        "fixed_out_degree" => Topology::FixedOutDegree { k: inputs },
        "all_to_all" => Topology::AllToAll { self_connections },
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown topology `{other}` (known: fixed_in_degree, fixed_out_degree, all_to_all)"
            )));
        }
    };
    if neurons == 0 {
        return Err(invalid("neurons", 0.0, "must be at least 1"));
    }
    let config = TopologyConfig {
        num_neurons: neurons,
        topology,
        d_min: min_delay,
        d_max: max_delay,
    };
    config.validate().py()?;
    let network =
        py.detach(|| config.sample(AlphaKernel::default(), &mut Seeds::new(seed).network_rng()));
    Ok(PyNetwork {
        inner: network.py()?,
    })
}
