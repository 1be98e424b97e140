//! The growing constraint set of one neuron: firing equalities, and silent-level and slope
//! rows at points added by constraint generation (docs/model.md §5.3) or on a grid (§5.5).

use crate::measure::{Kind, Point};
use crate::rows::MemoryRows;
use crate::{OptimError, Problem, Row, ValidConfig};

/// Points closer than this (same memory, same kind) are the same constraint.
const SAME_POINT: f64 = 1e-10;

/// The growing constraint set of one neuron.
pub(crate) struct Generator<'a> {
    pub(crate) config: &'a ValidConfig,
    pub(crate) memories: Vec<MemoryRows>,
    pub(crate) num_weights: usize,
    pub(crate) equalities: Vec<Row>,
    pub(crate) inequalities: Vec<Row>,
    pub(crate) points: Vec<Point>,
}

impl<'a> Generator<'a> {
    pub(crate) fn new(
        config: &'a ValidConfig,
        threshold: f64,
        memories: Vec<MemoryRows>,
        num_weights: usize,
    ) -> Self {
        let mut equalities = Vec::new();
        for m in &memories {
            for &s in &m.template.firing {
                equalities.push(Row::dense(&m.potential_row(s), threshold));
            }
        }
        Self {
            config,
            memories,
            num_weights,
            equalities,
            inequalities: Vec::new(),
            points: Vec::new(),
        }
    }

    pub(crate) fn has_point(&self, p: &Point) -> bool {
        self.points.iter().any(|q| {
            q.memory == p.memory && q.kind == p.kind && (q.time - p.time).abs() <= SAME_POINT
        })
    }

    /// Adds the constraint at `p` unless it is already there; returns whether it was added.
    pub(crate) fn add_point(&mut self, p: Point) -> bool {
        if self.has_point(&p) {
            return false;
        }
        let rows = &self.memories[p.memory];
        match p.kind {
            Kind::Silent => self.inequalities.push(Row::dense(
                &rows.potential_row(p.time),
                self.config.silent_level,
            )),
            Kind::Slope => {
                for r in rows.slope_rows(p.time) {
                    let neg: Vec<f64> = r.iter().map(|a| -a).collect();
                    self.inequalities
                        .push(Row::dense(&neg, -self.config.min_slope));
                }
            }
        }
        self.points.push(p);
        true
    }

    /// The initial points: ends of every region and the slope at every firing time.
    pub(crate) fn initial_points(&self) -> Vec<Point> {
        let mut out = Vec::new();
        for (memory, m) in self.memories.iter().enumerate() {
            for &(a, b) in &m.template.silent {
                for time in [a, b] {
                    out.push(Point {
                        memory,
                        kind: Kind::Silent,
                        time,
                    });
                }
            }
            for (&(a, b), &s) in m.template.active.iter().zip(&m.template.firing) {
                for time in [a, s, b] {
                    out.push(Point {
                        memory,
                        kind: Kind::Slope,
                        time,
                    });
                }
            }
        }
        out
    }

    /// Every multiple of `step` inside the regions.
    pub(crate) fn grid_points(&self, step: f64) -> Vec<Point> {
        let mut out = Vec::new();
        for (memory, m) in self.memories.iter().enumerate() {
            let regions = m.template.silent.iter().map(|&r| (r, Kind::Silent));
            let active = m.template.active.iter().map(|&r| (r, Kind::Slope));
            for ((a, b), kind) in regions.chain(active) {
                let first = (a / step - 1e-9).ceil() as i64;
                let last = (b / step + 1e-9).floor() as i64;
                for i in first..=last {
                    out.push(Point {
                        memory,
                        kind,
                        time: i as f64 * step,
                    });
                }
            }
        }
        out
    }

    pub(crate) fn problem(&self) -> Result<Problem, OptimError> {
        let c = self.config;
        let mut p = Problem::weights(self.num_weights, c.objective, c.weight_bound);
        for r in &self.equalities {
            p.add_equality(r.clone())?;
        }
        for r in &self.inequalities {
            p.add_inequality(r.clone())?;
        }
        Ok(p)
    }
}
