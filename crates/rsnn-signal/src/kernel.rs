//! The alpha kernel `h(t) = (t / tau) exp(1 - t / tau)` for `t > 0`, normalized to peak 1 at
//! `t = tau`.

use crate::SignalError;
use serde::{Deserialize, Serialize};
use std::f64::consts::E;

/// The alpha kernel with time constant `tau`:
/// $h(t) = \frac{t}{\tau} e^{1 - t/\tau}$ for $t > 0$, $h(t) = 0$ otherwise.
///
/// `h(0) = 0`, so potentials are continuous; the derivative jumps by `e / tau` at `t = 0`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "KernelData", into = "KernelData")]
pub struct AlphaKernel {
    tau: f64,
}

#[derive(Serialize, Deserialize)]
struct KernelData {
    tau: f64,
}

impl Default for AlphaKernel {
    fn default() -> Self {
        Self { tau: 1.0 }
    }
}

impl AlphaKernel {
    /// A kernel with time constant `tau` (finite, positive).
    ///
    /// # Errors
    /// [`SignalError::InvalidParameter`] for a non-finite or non-positive `tau`.
    pub fn new(tau: f64) -> Result<Self, SignalError> {
        if tau.is_finite() && tau > 0.0 {
            Ok(Self { tau })
        } else {
            Err(SignalError::InvalidParameter {
                name: "tau",
                value: tau,
                reason: "must be finite and positive",
            })
        }
    }

    /// The time constant.
    pub fn tau(&self) -> f64 {
        self.tau
    }

    /// `h(t)`.
    pub fn value(&self, t: f64) -> f64 {
        if t > 0.0 {
            let x = t / self.tau;
            x * (1.0 - x).exp()
        } else {
            0.0
        }
    }

    /// `h'(t)` for `t != 0`; at `t = 0` the left derivative 0 (the right one is `e / tau`).
    pub fn derivative(&self, t: f64) -> f64 {
        if t > 0.0 {
            let x = t / self.tau;
            (1.0 - x) * (1.0 - x).exp() / self.tau
        } else {
            0.0
        }
    }

    /// The right derivative at 0, `e / tau`: the jump of a potential's slope at an arrival of
    /// unit weight.
    pub fn slope_jump(&self) -> f64 {
        E / self.tau
    }

    /// The horizon: the time after which `h(t) < tolerance` for good (`t > tau`).
    ///
    /// Solves `x exp(1 - x) = tolerance` on the decreasing branch with the Lambert W function
    /// (branch -1): `x = -W_{-1}(-tolerance / e)`. Returns 0 when `tolerance >= 1`.
    ///
    /// # Errors
    /// [`SignalError::InvalidParameter`] when `tolerance` is not positive and finite.
    pub fn horizon(&self, tolerance: f64) -> Result<f64, SignalError> {
        if !(tolerance.is_finite() && tolerance > 0.0) {
            return Err(SignalError::InvalidParameter {
                name: "tolerance",
                value: tolerance,
                reason: "must be finite and positive",
            });
        }
        if tolerance >= 1.0 {
            return Ok(0.0);
        }
        let x = -lambert_w::lambert_wm1(-tolerance / E);
        Ok(x * self.tau)
    }
}

impl TryFrom<KernelData> for AlphaKernel {
    type Error = SignalError;
    fn try_from(data: KernelData) -> Result<Self, SignalError> {
        Self::new(data.tau)
    }
}

impl From<AlphaKernel> for KernelData {
    fn from(kernel: AlphaKernel) -> Self {
        Self { tau: kernel.tau }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn peak_and_support() {
        let h = AlphaKernel::new(2.0).unwrap();
        assert_eq!(h.value(0.0), 0.0);
        assert_eq!(h.value(-1.0), 0.0);
        assert!((h.value(2.0) - 1.0).abs() < 1e-15);
        assert!(h.derivative(2.0).abs() < 1e-15);
        assert!((h.slope_jump() - E / 2.0).abs() < 1e-15);
        assert!(AlphaKernel::new(0.0).is_err());
        assert!(AlphaKernel::new(f64::NAN).is_err());
    }

    #[test]
    fn horizon_is_where_the_kernel_falls_below_tolerance() {
        for tau in [0.5, 1.0, 3.0] {
            let h = AlphaKernel::new(tau).unwrap();
            for tol in [1e-3, 1e-9, 1e-12, 1e-15] {
                let t = h.horizon(tol).unwrap();
                assert!(t > tau);
                assert!(
                    (h.value(t) - tol).abs() <= 1e-9 * tol,
                    "tau {tau} tol {tol}"
                );
                assert!(h.value(t * 1.001) < tol);
            }
        }
        assert_eq!(AlphaKernel::default().horizon(2.0).unwrap(), 0.0);
        assert!(AlphaKernel::default().horizon(0.0).is_err());
    }

    proptest! {
        #[test]
        fn derivative_matches_finite_difference(t in 0.01f64..60.0, tau in 0.2f64..5.0) {
            let h = AlphaKernel::new(tau).unwrap();
            let eps = 1e-6;
            let fd = (h.value(t + eps) - h.value(t - eps)) / (2.0 * eps);
            prop_assert!((fd - h.derivative(t)).abs() < 1e-6);
        }
    }
}
