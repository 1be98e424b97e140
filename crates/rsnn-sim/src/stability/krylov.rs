//! The largest eigenvalues of the jitter map without its matrix (docs/model.md §7.5): the
//! Krylov–Schur method of faer (`faer::matrix_free::eigen::partial_eigen`) on the map with the
//! trivial eigenvalue deflated, applied by [`JitterMap::apply_into`].

use super::JitterMap;
use crate::SimError;
use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::matrix_free::LinOp;
use faer::matrix_free::eigen::{PartialEigenParams, partial_eigen, partial_eigen_scratch};
use faer::reborrow::ReborrowMut;
use faer::{Col, ColRef, Mat, MatMut, MatRef, Par, c64};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest residual `||A v - lambda v||` (unit `v`) below which a Ritz pair is converged,
/// relative to the scale of the map: the largest sum of the magnitudes of a row's weights (at
/// least 1, since the weights sum to 1).
pub const KRYLOV_TOLERANCE: f64 = 1e-14;

/// The seed of the (fixed) start vector of the Krylov iteration.
const START_SEED: u64 = 0x6a69_7474_6572;

/// Restarts of the Krylov–Schur iteration before it gives up.
const MAX_RESTARTS: usize = 1000;

/// The payload of the unwinding that leaves faer's iteration when the stop check asks to stop
/// (faer's operator cannot return an error); caught in [`largest`], never seen outside.
struct Stopped;

/// The map with the trivial eigenvalue removed: `x -> P Phi x`, where `P = I - 1 1^T / D`
/// projects onto the vectors of mean zero. Since `Phi 1 = 1`, `P Phi = Phi - 1 c^T` with
/// `c = Phi^T 1 / D` and `c^T 1 = 1` (Wielandt deflation): its eigenvalues are those of `Phi`
/// with one eigenvalue 1 replaced by 0, every other one unchanged. A map with clamped spikes
/// has no trivial eigenvalue (its rows do not all sum to 1) and is applied as it is.
pub(super) struct Deflated<'a> {
    map: &'a JitterMap,
    deflate: bool,
    applications: AtomicUsize,
    /// Polled before each application inside the iteration ([`LinOp::apply`]).
    stop: &'a (dyn Fn() -> bool + Sync),
}

impl std::fmt::Debug for Deflated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deflated")
            .field("deflate", &self.deflate)
            .field("applications", &self.applications)
            .finish_non_exhaustive()
    }
}

impl<'a> Deflated<'a> {
    pub(super) fn new(map: &'a JitterMap, stop: &'a (dyn Fn() -> bool + Sync)) -> Self {
        Self {
            map,
            deflate: map.is_shift_invariant(),
            applications: AtomicUsize::new(0),
            stop,
        }
    }

    /// `next = P Phi state` (`Phi state` without a trivial eigenvalue).
    pub(super) fn apply_slice(&self, state: &[f64], next: &mut [f64]) {
        self.applications.fetch_add(1, Ordering::Relaxed);
        self.map.apply_into(state, next);
        if !self.deflate {
            return;
        }
        let mean = next.iter().sum::<f64>() / next.len().max(1) as f64;
        for x in next.iter_mut() {
            *x -= mean;
        }
    }

    /// The number of applications of the map so far.
    pub(super) fn applications(&self) -> usize {
        self.applications.load(Ordering::Relaxed)
    }
}

impl LinOp<f64> for Deflated<'_> {
    fn apply_scratch(&self, _rhs_ncols: usize, _par: Par) -> StackReq {
        StackReq::EMPTY
    }

    fn nrows(&self) -> usize {
        self.map.dimension()
    }

    fn ncols(&self) -> usize {
        self.map.dimension()
    }

    fn apply(&self, out: MatMut<'_, f64>, rhs: MatRef<'_, f64>, _par: Par, _: &mut MemStack) {
        // Unwinding is the only way out of faer's iteration; without it, no stop inside.
        #[cfg(panic = "unwind")]
        if (self.stop)() {
            resume_unwind(Box::new(Stopped));
        }
        let mut out = out;
        for j in 0..rhs.ncols() {
            let x = rhs.col(j);
            let mut y = out.rb_mut().col_mut(j);
            match (x.try_as_col_major(), y.rb_mut().try_as_col_major_mut()) {
                (Some(x), Some(y)) => self.apply_slice(x.as_slice(), y.as_slice_mut()),
                // Columns with a stride (faer's basis columns are contiguous): copy.
                (_, _) => {
                    let x: Vec<f64> = x.iter().copied().collect();
                    let mut z = vec![0.0; x.len()];
                    self.apply_slice(&x, &mut z);
                    for (a, b) in y.iter_mut().zip(z) {
                        *a = b;
                    }
                }
            }
        }
    }

    fn conj_apply(&self, out: MatMut<'_, f64>, rhs: MatRef<'_, f64>, par: Par, s: &mut MemStack) {
        // A real operator is its own conjugate.
        self.apply(out, rhs, par, s);
    }
}

/// The eigenvalues a Krylov run found, with how well they are converged.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct KrylovSpectrum {
    /// The eigenvalues `(re, im)` of the deflated map, by decreasing magnitude.
    pub values: Vec<(f64, f64)>,
    /// The largest relative residual `||A v - lambda v|| / |lambda|` (unit `v`, `A` the
    /// deflated map) over `values`; the absolute residual for `lambda = 0`.
    pub max_residual: f64,
    /// Applications of the map, the residual checks included.
    pub applications: usize,
}

/// The `count` eigenvalues of largest magnitude of the map with the trivial eigenvalue
/// deflated (at most `D - 1`: the deflated 0 is never asked for), by restarted Krylov–Schur
/// from a fixed pseudo-random start vector (of mean zero when deflated); of the map itself when
/// some spike is clamped. Converged means a residual below
/// [`KRYLOV_TOLERANCE`] times [`JitterMap::scale`].
///
/// `stop()` is polled before the iteration and before each application of the map inside it
/// (where unwinding is available: the iteration is left by unwinding with a private payload,
/// caught here).
///
/// # Errors
/// [`SimError::KrylovNoConvergence`] when fewer than the wanted eigenvalues converge within
/// the restarts; [`SimError::Cancelled`] once `stop()` returns true.
pub(super) fn largest(
    map: &JitterMap,
    count: usize,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<KrylovSpectrum, SimError> {
    let cancelled = || SimError::Cancelled {
        step: "Krylov iteration",
    };
    if stop() {
        return Err(cancelled());
    }
    let dim = map.dimension();
    let op = Deflated::new(map, stop);
    let count = count.min(dim.saturating_sub(1));
    if count == 0 {
        return Ok(KrylovSpectrum {
            values: Vec::new(),
            max_residual: 0.0,
            applications: 0,
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(START_SEED);
    let mut v0: Vec<f64> = (0..dim).map(|_| rng.random::<f64>() - 0.5).collect();
    if op.deflate {
        let mean = v0.iter().sum::<f64>() / dim as f64;
        v0.iter_mut().for_each(|x| *x -= mean);
    }
    let v0 = Col::from_fn(dim, |i| v0[i]);
    let params = PartialEigenParams {
        max_restarts: MAX_RESTARTS,
        ..Default::default()
    };
    let par = Par::Seq;
    let mut memory = MemBuffer::new(partial_eigen_scratch(&op, count, par, params));
    let mut vectors = Mat::<c64>::zeros(dim, count);
    let mut values = vec![c64::new(0.0, 0.0); count];
    // Everything the iteration writes (vectors, values, memory) is dropped on a stop.
    let iterate = AssertUnwindSafe(|| {
        partial_eigen(
            vectors.as_mut(),
            &mut values,
            &op,
            v0.as_ref(),
            KRYLOV_TOLERANCE * map.scale(),
            par,
            MemStack::new(&mut memory),
            params,
        )
    });
    let info = match catch_unwind(iterate) {
        Ok(info) => info,
        Err(payload) if payload.is::<Stopped>() => return Err(cancelled()),
        // A real panic (a bug) goes on unwinding.
        Err(payload) => resume_unwind(payload),
    };
    let converged = info.n_converged_eigen.min(count);
    if converged < count {
        return Err(SimError::KrylovNoConvergence {
            size: dim,
            requested: count,
            converged,
            restarts: MAX_RESTARTS,
        });
    }
    // The eigenvector of a conjugate eigenvalue is the conjugate one, with the same residual.
    let mut max_residual: f64 = 0.0;
    for k in 0..count {
        let conjugate = k > 0 && values[k - 1] == values[k].conj() && values[k].im != 0.0;
        if !conjugate {
            max_residual = max_residual.max(residual(&op, values[k], vectors.col(k)));
        }
    }
    let mut values: Vec<(f64, f64)> = values.iter().map(|z| (z.re, z.im)).collect();
    values.sort_by(|a, b| {
        b.0.hypot(b.1)
            .total_cmp(&a.0.hypot(a.1))
            .then(a.0.total_cmp(&b.0))
    });
    Ok(KrylovSpectrum {
        values,
        max_residual,
        applications: op.applications(),
    })
}

/// `||A v - lambda v|| / (||v|| |lambda|)` of a complex eigenpair (the absolute residual for
/// `lambda = 0`), with `A` applied to the real and imaginary parts.
fn residual(op: &Deflated<'_>, lambda: c64, v: ColRef<'_, c64>) -> f64 {
    let re: Vec<f64> = v.iter().map(|z| z.re).collect();
    let im: Vec<f64> = v.iter().map(|z| z.im).collect();
    let mut a_re = vec![0.0; re.len()];
    let mut a_im = vec![0.0; im.len()];
    op.apply_slice(&re, &mut a_re);
    op.apply_slice(&im, &mut a_im);
    let mut squared = 0.0;
    let mut norm = 0.0;
    for i in 0..re.len() {
        // (A v - lambda v)_i with v = re + i im.
        let r = a_re[i] - (lambda.re * re[i] - lambda.im * im[i]);
        let s = a_im[i] - (lambda.re * im[i] + lambda.im * re[i]);
        squared += r * r + s * s;
        norm += re[i] * re[i] + im[i] * im[i];
    }
    let absolute = (squared / norm.max(f64::MIN_POSITIVE)).sqrt();
    let magnitude = lambda.re.hypot(lambda.im);
    if magnitude > 0.0 {
        absolute / magnitude
    } else {
        absolute
    }
}
