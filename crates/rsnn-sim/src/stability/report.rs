//! The report of the stability analysis (file kind `stability`) and the form of the map it
//! was computed from.

use rsnn_signal::io::{FileData, OlderData};
use rsnn_signal::{SignalError, compact};
use serde::{Deserialize, Serialize};

/// The state the jitter map acts on (docs/model.md §7).
///
/// Serialized in snake case: `"single_period"`, `{"multi_period": {"periods": 3}}`,
/// `"folded"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapForm {
    /// Exact, with the errors of one period as the state (`M x M`): every arrival that shapes a
    /// spike comes from the current or the previous period's copy of its source spike (always
    /// when the period exceeds the largest delay plus the kernel horizon).
    SinglePeriod,
    /// Exact, with the errors of the last `periods` periods as the state (block-companion
    /// form, `periods * M` square): some arrivals come from copies fired more than one period
    /// earlier.
    MultiPeriod {
        /// The number of periods `P >= 2` of the state.
        periods: usize,
    },
    /// The folded single-period approximation ([`JitterMap::folded`](super::JitterMap::folded)):
    /// older periodic copies merged into one weight, current or previous period decided by
    /// firing order. Reports of file version 1 were computed with it.
    Folded,
}

impl MapForm {
    /// The number of periods of the state (1 for the single-period and folded forms).
    pub fn periods(&self) -> usize {
        match self {
            Self::MultiPeriod { periods } => *periods,
            Self::SinglePeriod | Self::Folded => 1,
        }
    }

    /// One short line for people, for instance "exact, state of 3 periods (block companion)".
    pub fn describe(&self) -> String {
        match self {
            Self::SinglePeriod => "exact, state of one period".to_string(),
            Self::MultiPeriod { periods } => {
                format!("exact, state of {periods} periods (block companion)")
            }
            Self::Folded => "folded single-period approximation".to_string(),
        }
    }
}

/// How the eigenvalues of a report were computed.
///
/// Serialized in snake case: `"dense"`, `{"krylov": {"requested": 10, ...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Solver {
    /// Every eigenvalue of the dense matrix (faer's dense eigensolver, a direct method).
    Dense,
    /// The largest eigenvalues by Krylov–Schur on the deflated map (docs/model.md §7.5; on the
    /// map itself when neurons are clamped, §7.6).
    Krylov {
        /// The eigenvalues computed besides the trivial one (all converged).
        requested: usize,
        /// The largest relative residual `||A v - lambda v|| / |lambda|` (unit `v`, `A` the
        /// deflated map) of the computed eigenvalues (absolute for `lambda = 0`).
        max_residual: f64,
        /// Applications of the map, the residual checks included.
        applications: usize,
    },
}

impl Solver {
    /// One short line for people, for instance "Krylov-Schur, 10 eigenvalues, residual
    /// 3.1e-12, 412 applications".
    pub fn describe(&self) -> String {
        match self {
            Self::Dense => "dense, every eigenvalue".to_string(),
            Self::Krylov {
                requested,
                max_residual,
                applications,
            } => format!(
                "Krylov-Schur, {requested} largest eigenvalues, relative residual {}, \
                 {applications} applications of the map",
                compact(*max_residual)
            ),
        }
    }
}

/// The spectrum of a jitter map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StabilityReport {
    /// Number of spikes per period.
    pub num_spikes: usize,
    /// The form of the map (its dimension is `form.periods() * num_spikes`).
    pub form: MapForm,
    /// The eigenvalue closest to 1 `(re, im)`, removed as the trivial common shift (None for
    /// a score without spikes, and for a map with clamped spikes, which has no such
    /// eigenvalue).
    pub trivial_eigenvalue: Option<(f64, f64)>,
    /// The largest magnitude of the other eigenvalues (of all of them when neurons are
    /// clamped; 0 when there are none). Below 1 means temporally stable.
    pub spectral_radius: f64,
    /// The largest magnitudes of the other eigenvalues, decreasing (at most
    /// [`TOP_EIGENVALUES`](super::TOP_EIGENVALUES)).
    pub top_magnitudes: Vec<f64>,
    /// The computed eigenvalues `(re, im)` of the map, the trivial one included, by decreasing
    /// magnitude: all `form.periods() * num_spikes` of them for [`Solver::Dense`], the
    /// trivial one and the `requested` largest others for [`Solver::Krylov`].
    pub eigenvalues: Vec<(f64, f64)>,
    /// How the eigenvalues were computed.
    pub solver: Solver,
    /// The neurons clamped to the score (docs/model.md §7.6; empty for the plain analysis).
    pub clamped_neurons: Vec<usize>,
}

impl StabilityReport {
    /// Whether every eigenvalue besides the trivial one is strictly inside the unit circle.
    pub fn is_stable(&self) -> bool {
        self.spectral_radius < 1.0
    }

    /// The dimension of the map: spikes per period times periods of the state.
    pub fn dimension(&self) -> usize {
        self.form.periods() * self.num_spikes
    }
}

/// The layout of version 1 (no `form`: computed with the folded map; no `solver`: dense).
#[derive(Deserialize)]
#[cfg_attr(test, derive(Serialize))]
struct StabilityReportV1 {
    num_spikes: usize,
    trivial_eigenvalue: Option<(f64, f64)>,
    spectral_radius: f64,
    top_magnitudes: Vec<f64>,
    eigenvalues: Vec<(f64, f64)>,
}

/// The layout of version 2 (no `solver`: every eigenvalue of the dense matrix).
#[derive(Deserialize)]
#[cfg_attr(test, derive(Serialize))]
struct StabilityReportV2 {
    num_spikes: usize,
    form: MapForm,
    trivial_eigenvalue: Option<(f64, f64)>,
    spectral_radius: f64,
    top_magnitudes: Vec<f64>,
    eigenvalues: Vec<(f64, f64)>,
}

/// The layout of version 3 (no `clamped_neurons`: none were clamped).
#[derive(Deserialize)]
#[cfg_attr(test, derive(Serialize))]
struct StabilityReportV3 {
    num_spikes: usize,
    form: MapForm,
    trivial_eigenvalue: Option<(f64, f64)>,
    spectral_radius: f64,
    top_magnitudes: Vec<f64>,
    eigenvalues: Vec<(f64, f64)>,
    solver: Solver,
}

/// The note attached to a loaded version-1 stability file.
const V1_FORM_NOTE: &str = "version-1 stability file: computed with the folded \
    single-period map, exact only when the period exceeds the largest delay plus the kernel \
    horizon";

/// Version 4 records the clamped neurons, version 3 the solver; version 3 is read without
/// clamped neurons, versions 2 and 1 (always the dense solver) with [`Solver::Dense`], version
/// 1 (always the folded map) with [`MapForm::Folded`] and a note saying so.
impl FileData for StabilityReport {
    const KIND: &'static str = "stability";
    const VERSION: u32 = 4;
    const OLDER_VERSIONS: &'static [u32] = &[1, 2, 3];

    fn upgrade(data: OlderData<'_>) -> Result<(Self, Vec<String>), SignalError> {
        if data.version() == 3 {
            let v3: StabilityReportV3 = data.decode()?;
            let report = Self {
                num_spikes: v3.num_spikes,
                form: v3.form,
                trivial_eigenvalue: v3.trivial_eigenvalue,
                spectral_radius: v3.spectral_radius,
                top_magnitudes: v3.top_magnitudes,
                eigenvalues: v3.eigenvalues,
                solver: v3.solver,
                clamped_neurons: Vec::new(),
            };
            return Ok((report, Vec::new()));
        }
        let (old, notes) = match data.version() {
            1 => {
                let v1: StabilityReportV1 = data.decode()?;
                let v2 = StabilityReportV2 {
                    num_spikes: v1.num_spikes,
                    form: MapForm::Folded,
                    trivial_eigenvalue: v1.trivial_eigenvalue,
                    spectral_radius: v1.spectral_radius,
                    top_magnitudes: v1.top_magnitudes,
                    eigenvalues: v1.eigenvalues,
                };
                (v2, vec![V1_FORM_NOTE.to_string()])
            }
            2 => (data.decode::<StabilityReportV2>()?, Vec::new()),
            _ => return Err(data.unsupported(Self::KIND, Self::VERSION, Self::OLDER_VERSIONS)),
        };
        let report = Self {
            num_spikes: old.num_spikes,
            form: old.form,
            trivial_eigenvalue: old.trivial_eigenvalue,
            spectral_radius: old.spectral_radius,
            top_magnitudes: old.top_magnitudes,
            eigenvalues: old.eigenvalues,
            solver: Solver::Dense,
            clamped_neurons: Vec::new(),
        };
        Ok((report, notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsnn_signal::io::{Encoding, Header, from_bytes, to_bytes};
    use std::path::Path;

    fn report(form: MapForm) -> StabilityReport {
        StabilityReport {
            num_spikes: 2,
            form,
            trivial_eigenvalue: Some((1.0, 0.0)),
            spectral_radius: 0.25,
            top_magnitudes: vec![0.25],
            eigenvalues: vec![(1.0, 0.0), (0.25, 0.0)],
            solver: Solver::Dense,
            clamped_neurons: Vec::new(),
        }
    }

    #[test]
    fn forms_round_trip_in_both_encodings() {
        let path = Path::new("s.json");
        for form in [
            MapForm::SinglePeriod,
            MapForm::MultiPeriod { periods: 3 },
            MapForm::Folded,
        ] {
            let krylov = Solver::Krylov {
                requested: 1,
                max_residual: 3e-13,
                applications: 77,
            };
            for (solver, clamped_neurons) in [(Solver::Dense, vec![]), (krylov, vec![0, 5])] {
                let want = StabilityReport {
                    solver,
                    clamped_neurons,
                    ..report(form)
                };
                for encoding in [Encoding::Json, Encoding::Bincode] {
                    let bytes = to_bytes(&want, None, encoding, path).unwrap();
                    let (back, header) =
                        from_bytes::<StabilityReport>(&bytes, encoding, path).unwrap();
                    assert_eq!(back, want);
                    assert!(header.notes.is_empty());
                }
            }
        }
        let text = serde_json::to_string(&MapForm::MultiPeriod { periods: 3 }).unwrap();
        assert_eq!(text, r#"{"multi_period":{"periods":3}}"#);
        assert_eq!(report(MapForm::MultiPeriod { periods: 3 }).dimension(), 6);
    }

    /// Writes version-1 files, as builds before the form was recorded did.
    impl FileData for StabilityReportV1 {
        const KIND: &'static str = "stability";
        const VERSION: u32 = 1;
    }

    /// Writes version-2 files, as builds before the solver was recorded did.
    impl FileData for StabilityReportV2 {
        const KIND: &'static str = "stability";
        const VERSION: u32 = 2;
    }

    /// Writes version-3 files, as builds before clamped neurons were recorded did.
    impl FileData for StabilityReportV3 {
        const KIND: &'static str = "stability";
        const VERSION: u32 = 3;
    }

    /// A version-3 file (written before clamped neurons were recorded) loads without clamped
    /// neurons and keeps its solver, in both encodings.
    #[test]
    fn version_three_files_load_without_clamped_neurons() {
        let solver = Solver::Krylov {
            requested: 1,
            max_residual: 1e-15,
            applications: 9,
        };
        let old = StabilityReportV3 {
            num_spikes: 2,
            form: MapForm::SinglePeriod,
            trivial_eigenvalue: Some((1.0, 0.0)),
            spectral_radius: 0.25,
            top_magnitudes: vec![0.25],
            eigenvalues: vec![(1.0, 0.0), (0.25, 0.0)],
            solver,
        };
        for (back, header) in load_old(&old, None) {
            let want = StabilityReport {
                solver,
                ..report(MapForm::SinglePeriod)
            };
            assert_eq!(back, want);
            assert_eq!(header.version, 3);
            assert!(header.notes.is_empty());
        }
    }

    /// `old` written with `seed` and loaded back, in both encodings.
    fn load_old<T: FileData + Serialize>(
        old: &T,
        seed: Option<u64>,
    ) -> Vec<(StabilityReport, Header)> {
        let path = Path::new("old");
        [Encoding::Json, Encoding::Bincode]
            .into_iter()
            .map(|encoding| {
                let bytes = to_bytes(old, seed, encoding, path).unwrap();
                from_bytes::<StabilityReport>(&bytes, encoding, path).unwrap()
            })
            .collect()
    }

    /// A version-2 file (written before the solver was recorded) loads as dense, without a
    /// note, in both encodings.
    #[test]
    fn version_two_files_load_as_dense() {
        let form = MapForm::MultiPeriod { periods: 2 };
        let old = StabilityReportV2 {
            num_spikes: 2,
            form,
            trivial_eigenvalue: Some((1.0, 0.0)),
            spectral_radius: 0.25,
            top_magnitudes: vec![0.25],
            eigenvalues: vec![(1.0, 0.0), (0.25, 0.0)],
        };
        for (back, header) in load_old(&old, None) {
            assert_eq!(back, report(form));
            assert_eq!(header.version, 2);
            assert!(header.notes.is_empty());
        }
    }

    /// A version-1 file (written before the form was recorded) loads as the folded map, with
    /// a note, in both encodings.
    #[test]
    fn version_one_files_load_as_folded() {
        let old = StabilityReportV1 {
            num_spikes: 2,
            trivial_eigenvalue: Some((1.0, 0.0)),
            spectral_radius: 0.25,
            top_magnitudes: vec![0.25],
            eigenvalues: vec![(1.0, 0.0), (0.25, 0.0)],
        };
        for (back, header) in load_old(&old, Some(7)) {
            assert_eq!(back, report(MapForm::Folded));
            assert_eq!(header.version, 1);
            assert_eq!(header.seed, Some(7));
            assert_eq!(header.notes, vec![V1_FORM_NOTE.to_string()]);
        }
    }
}
