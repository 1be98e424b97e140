//! Templates: what a prescribed spike train asks of a neuron's potential.
//!
//! For firing times `s_1 < ... < s_n` (refractory period 1, half-width `hw`):
//! - firing: `z(s_m) = theta_0`;
//! - silent regions `[s_m + 1, s_{m+1} - hw]` (circular for periodic trains): `z <= z_max`;
//! - active regions `[s_m - hw, s_m + hw]`: `z' >= slope_min`.
//!
//! A neuron without spikes is silent everywhere.

use rsnn_signal::{PeriodicTrain, REFRACTORY_PERIOD, SpikeTrain};
use serde::{Deserialize, Serialize};

/// The regions of one neuron's template on a window of absolute time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Start of the window the regions are reported on.
    pub start: f64,
    /// End of the window (for a periodic train: `start + period`).
    pub end: f64,
    /// The period, for a periodic template.
    pub period: Option<f64>,
    /// Prescribed firing times, sorted.
    pub firing: Vec<f64>,
    /// Silent regions (closed intervals, sorted, non-degenerate).
    pub silent: Vec<(f64, f64)>,
    /// Active regions (closed intervals, sorted).
    pub active: Vec<(f64, f64)>,
}

fn push_nonempty(out: &mut Vec<(f64, f64)>, lo: f64, hi: f64) {
    if lo < hi {
        out.push((lo, hi));
    }
}

impl Template {
    /// The template of a periodic train, reported on the period that starts half a width
    /// before the first spike (`[0, period]` for a silent train).
    pub fn periodic(train: &PeriodicTrain, half_width: f64) -> Self {
        let period = train.period();
        let times = train.times();
        let Some(&first) = times.first() else {
            return Self {
                start: 0.0,
                end: period,
                period: Some(period),
                firing: Vec::new(),
                silent: vec![(0.0, period)],
                active: Vec::new(),
            };
        };
        let mut silent = Vec::with_capacity(times.len());
        for (m, &s) in times.iter().enumerate() {
            let next = times.get(m + 1).copied().unwrap_or(first + period);
            push_nonempty(&mut silent, s + REFRACTORY_PERIOD, next - half_width);
        }
        Self {
            start: first - half_width,
            end: first - half_width + period,
            period: Some(period),
            firing: times.to_vec(),
            silent,
            active: times
                .iter()
                .map(|&s| (s - half_width, s + half_width))
                .collect(),
        }
    }

    /// The template of a (non-periodic) train on the window `[start, end]`: spikes outside the
    /// window are ignored and the regions are clipped to it.
    pub fn window(train: &SpikeTrain, start: f64, end: f64, half_width: f64) -> Self {
        let firing: Vec<f64> = train
            .times()
            .iter()
            .copied()
            .filter(|&s| s >= start && s <= end)
            .collect();
        let mut silent = Vec::with_capacity(firing.len() + 1);
        let mut from = start;
        for &s in &firing {
            push_nonempty(&mut silent, from, s - half_width);
            from = s + REFRACTORY_PERIOD;
        }
        push_nonempty(&mut silent, from, end);
        let active = firing
            .iter()
            .map(|&s| ((s - half_width).max(start), (s + half_width).min(end)))
            .collect();
        Self {
            start,
            end,
            period: None,
            firing,
            silent,
            active,
        }
    }

    /// Whether the neuron never fires in this template.
    pub fn is_silent(&self) -> bool {
        self.firing.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Regions = Vec<(f64, f64)>;

    fn close(a: &[(f64, f64)], b: &[(f64, f64)]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.0 - y.0).abs() < 1e-12 && (x.1 - y.1).abs() < 1e-12)
    }

    /// docs/model.md §9.3, non-periodic on [0, 8], half-width 0.25.
    #[test]
    fn v3_window() {
        let cases: Vec<(Vec<f64>, Regions, Regions)> = vec![
            (vec![], vec![(0.0, 8.0)], vec![]),
            (vec![0.0], vec![(1.0, 8.0)], vec![(0.0, 0.25)]),
            (vec![1.0], vec![(0.0, 0.75), (2.0, 8.0)], vec![(0.75, 1.25)]),
            (
                vec![0.0, 2.0, 6.0],
                vec![(1.0, 1.75), (3.0, 5.75), (7.0, 8.0)],
                vec![(0.0, 0.25), (1.75, 2.25), (5.75, 6.25)],
            ),
            (
                vec![1.0, 3.0, 7.0],
                vec![(0.0, 0.75), (2.0, 2.75), (4.0, 6.75)],
                vec![(0.75, 1.25), (2.75, 3.25), (6.75, 7.25)],
            ),
        ];
        for (times, s, a) in cases {
            let train = SpikeTrain::new(times.clone()).expect("valid train");
            let t = Template::window(&train, 0.0, 8.0, 0.25);
            assert!(close(&t.silent, &s), "{times:?}: silent {:?}", t.silent);
            assert!(close(&t.active, &a), "{times:?}: active {:?}", t.active);
            assert_eq!(t.firing, times);
        }
    }

    /// docs/model.md §9.3, periodic with T = 8, half-width 0.25.
    #[test]
    fn v3_periodic() {
        let cases: Vec<(Vec<f64>, Regions, Regions)> = vec![
            (vec![], vec![(0.0, 8.0)], vec![]),
            (vec![0.0], vec![(1.0, 7.75)], vec![(-0.25, 0.25)]),
            (vec![1.0], vec![(2.0, 8.75)], vec![(0.75, 1.25)]),
            (
                vec![0.0, 2.0, 6.0],
                vec![(1.0, 1.75), (3.0, 5.75), (7.0, 7.75)],
                vec![(-0.25, 0.25), (1.75, 2.25), (5.75, 6.25)],
            ),
            (
                vec![0.0, 3.0, 7.0],
                vec![(1.0, 2.75), (4.0, 6.75)],
                vec![(-0.25, 0.25), (2.75, 3.25), (6.75, 7.25)],
            ),
        ];
        for (times, s, a) in cases {
            let train = PeriodicTrain::new(8.0, times.clone()).expect("valid train");
            let t = Template::periodic(&train, 0.25);
            assert!(close(&t.silent, &s), "{times:?}: silent {:?}", t.silent);
            assert!(close(&t.active, &a), "{times:?}: active {:?}", t.active);
            assert_eq!(t.is_silent(), times.is_empty());
            assert!((t.end - t.start - 8.0).abs() < 1e-12);
        }
    }

    proptest::proptest! {
        /// Silent regions stay clear of every spike's refractory period and active region,
        /// active regions are centred on the spikes, and everything lies in the window.
        #[test]
        fn periodic_regions_are_consistent(
            gaps in proptest::collection::vec(1.0f64..6.0, 0..8),
            offset in 0.0f64..1.0,
            hw in 0.0f64..0.5,
        ) {
            let mut times = Vec::new();
            let mut t = offset;
            for g in &gaps {
                times.push(t);
                t += g;
            }
            let period = t + 1.0 + offset.max(0.5);
            let train = PeriodicTrain::new(period, times.clone()).expect("valid train");
            let tpl = Template::periodic(&train, hw);
            proptest::prop_assert!((tpl.end - tpl.start - period).abs() < 1e-9);
            proptest::prop_assert_eq!(tpl.active.len(), times.len());
            for (&(a, b), &s) in tpl.active.iter().zip(&times) {
                proptest::prop_assert!((a - (s - hw)).abs() < 1e-12 && (b - (s + hw)).abs() < 1e-12);
            }
            let eps = 1e-9;
            for &(a, b) in &tpl.silent {
                proptest::prop_assert!(a < b && a >= tpl.start - eps && b <= tpl.end + eps);
                // No point of a silent region is within (s - hw, s + 1) for any copy of a spike.
                for &s in &times {
                    for k in -1..=1 {
                        let s = s + k as f64 * period;
                        proptest::prop_assert!(b <= s - hw + eps || a >= s + 1.0 - eps);
                    }
                }
            }
            let silent: f64 = tpl.silent.iter().map(|(a, b)| b - a).sum();
            let expected = if times.is_empty() {
                period
            } else {
                (0..times.len())
                    .map(|m| {
                        let next = times.get(m + 1).copied().unwrap_or(times[0] + period);
                        (next - times[m] - 1.0 - hw).max(0.0)
                    })
                    .sum()
            };
            proptest::prop_assert!((silent - expected).abs() < 1e-9);
        }
    }
}
