//! The whole pipeline of `rsnn demo` as library calls: sample a score, wire a network, memorize
//! the score, analyse its stability, let the network run freely from the perfect initial
//! condition, run associative recall, and measure every cycle.
//!
//! Each step returns a typed, serializable report (a file kind of [`crate::io`]); the long
//! steps report progress to a [`Progress`] (pass `&()` to ignore it). Every random draw follows
//! the seed policy of [`crate::seeds`], so `rsnn demo --seed S` and a [`Pipeline`] with master
//! seed `S` give the same score, network, weights and precision/recall.
//!
//! ```
//! use rsnn::pipeline::{Pipeline, PipelineConfig};
//!
//! let mut config = PipelineConfig::default();
//! config.network.neurons = 30;
//! config.network.inputs = 200;
//! config.network.period = 20.0;
//! config.memorize.weight_bound = 0.5;
//! config.cycles = 2;
//! let pipeline = Pipeline::new(config)?;
//! let outcome = pipeline.run(&())?;
//! assert_eq!(outcome.memorize.report.counts().memorized, 30);
//! assert!(outcome.stability.is_stable());
//! assert!(outcome.free_run.measurement.cycles.iter().all(|c| c.precision > 0.9));
//! let summary = outcome.summary();
//! assert_eq!(summary.free_run.cycles.len(), 2);
//! # Ok::<(), rsnn::Error>(())
//! ```

mod config;
mod outcome;
mod progress;
mod summary;
#[cfg(test)]
mod v1_tests;

pub use config::{PipelineConfig, RecallSettings};
pub use outcome::{FreeRun, PipelineOutcome, Recall};
pub use progress::{Progress, Stage};
pub use summary::{
    FreeRunSummary, MemorizeSummary, PipelineSummary, RecallSummary, ScoreSummary, StabilitySummary,
};

use crate::Error;
use crate::recipes::{associative_recall_with, free_recall_config};
use progress::{TIME_UNITS, time_units};
use rsnn_neuron::Network;
use rsnn_optim::{MemorizeRecord, memorize_network_until};
use rsnn_signal::Score;
use rsnn_sim::limits::MAX_MAP_TERMS;
use rsnn_sim::stability::JitterMap;
use rsnn_sim::{Measurement, Simulator, StabilityOptions, StabilityReport};
use std::time::Instant;

/// A validated pipeline configuration and its steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    config: PipelineConfig,
}

impl Pipeline {
    /// A pipeline with a validated configuration.
    ///
    /// # Errors
    /// The first invalid parameter ([`PipelineConfig::validate`]).
    pub fn new(config: PipelineConfig) -> Result<Self, Error> {
        config.validate()?;
        Ok(Self { config })
    }

    /// The configuration.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// Samples the score of memory `memory` (0 for the pipeline's only score).
    ///
    /// # Errors
    /// Never for a validated configuration; the sampler's errors otherwise.
    pub fn sample(&self, memory: usize) -> Result<Score, Error> {
        self.config
            .network
            .sample_score(memory, &self.config.seeds())
    }

    /// Wires the network (weights zero, threshold 1).
    ///
    /// # Errors
    /// The topology sampler's errors.
    pub fn wire(&self) -> Result<Network, Error> {
        self.config.network.sample_network(&self.config.seeds())
    }

    /// Memorizes `scores` in `network` (its weights are replaced), checking
    /// [`Progress::is_cancelled`] before each neuron.
    ///
    /// # Errors
    /// [`Error::Cancelled`] before the step, [`rsnn_optim::OptimError::Cancelled`] during it
    /// (`network` unchanged), a network and scores that do not fit, or a backend failure.
    /// Neurons that cannot be memorized are statuses of the report, not errors.
    pub fn memorize(
        &self,
        network: &mut Network,
        scores: &[Score],
        progress: &dyn Progress,
    ) -> Result<MemorizeRecord, Error> {
        let stage = begin(
            progress,
            Stage::Memorize,
            Some(network.num_neurons() as u64),
        )?;
        let report = memorize_network_until(
            network,
            scores,
            &self.config.memorize,
            |done, _| progress.update(stage, done as u64),
            || progress.is_cancelled(),
        );
        progress.end(stage);
        Ok(MemorizeRecord {
            config: self.config.memorize.clone(),
            memories: scores.len(),
            report: report?,
        })
    }

    /// The spectrum of the jitter map of `score` in the memorized `network`; the analysis
    /// polls [`Progress::is_cancelled`] as it runs.
    ///
    /// # Errors
    /// [`Error::Cancelled`] before the step, [`rsnn_sim::SimError::Cancelled`] during it, a
    /// score that does not fit the network, or no convergence.
    pub fn stability(
        &self,
        network: &Network,
        score: &Score,
        progress: &dyn Progress,
    ) -> Result<StabilityReport, Error> {
        self.stability_clamped(network, score, &[], progress)
    }

    /// As [`Pipeline::stability`], with the neurons `clamped` driven by the score (docs/model.md
    /// §7.6): how [`Pipeline::run`] analyzes a network some of whose neurons got no weights.
    ///
    /// # Errors
    /// As [`Pipeline::stability`], and a clamped neuron the network does not have.
    pub fn stability_clamped(
        &self,
        network: &Network,
        score: &Score,
        clamped: &[usize],
        progress: &dyn Progress,
    ) -> Result<StabilityReport, Error> {
        let stage = begin(progress, Stage::Stability, None)?;
        let stop = || progress.is_cancelled();
        let report = JitterMap::clamped_until(network, score, clamped, MAX_MAP_TERMS, &stop)
            .and_then(|map| map.analyze_until(&StabilityOptions::default(), &stop));
        progress.end(stage);
        Ok(report?)
    }

    /// The free run: [`PipelineConfig::cycles`] periods from the perfect initial condition
    /// with threshold noise [`PipelineConfig::noise`], measured cycle by cycle.
    ///
    /// # Errors
    /// [`Error::Cancelled`], or a score that does not fit the network.
    pub fn free_run(
        &self,
        network: &Network,
        score: &Score,
        progress: &dyn Progress,
    ) -> Result<FreeRun, Error> {
        let c = &self.config;
        let seed = c.free_run_seed();
        let sim = free_recall_config(network, score, c.cycles, c.noise, seed)?;
        let stage = begin(progress, Stage::FreeRun, Some(TIME_UNITS))?;
        let run = Simulator::new(network).run_with_progress(&sim, &mut |t| {
            progress.update(stage, time_units(t, sim.start, sim.end));
        });
        progress.end(stage);
        let recording = run?.0;
        let measurement = Measurement::of(&recording, score, 0.0, c.cycles)?;
        Ok(FreeRun {
            seed,
            recording,
            measurement,
        })
    }

    /// Associative recall with the protocol [`PipelineConfig::recall_protocol`].
    ///
    /// # Errors
    /// [`Error::Cancelled`], or a score that does not fit the network.
    pub fn recall(
        &self,
        network: &Network,
        score: &Score,
        progress: &dyn Progress,
    ) -> Result<Recall, Error> {
        let protocol = self.config.recall_protocol();
        let end = (protocol.prompt_cycles + protocol.free_cycles) as f64 * score.period();
        let stage = begin(progress, Stage::Recall, Some(TIME_UNITS))?;
        let outcome = associative_recall_with(network, score, &protocol, &mut |t| {
            progress.update(stage, time_units(t, 0.0, end));
        });
        progress.end(stage);
        let (record, recording) = outcome?.into_record(&protocol);
        Ok(Recall { record, recording })
    }

    /// Runs every step in order: sample, wire, memorize, stability, free run, recall. The
    /// stability analysis clamps the neurons that got no weights (infeasible or failed) to the
    /// score, since their spikes have no slope.
    ///
    /// # Errors
    /// [`Error::NothingMemorized`] when no neuron could be memorized, and the errors of the
    /// steps. Some neurons not memorized is not an error: the report says which.
    pub fn run(&self, progress: &dyn Progress) -> Result<PipelineOutcome, Error> {
        let started = Instant::now();
        let score = self.sample(0)?;
        let mut network = self.wire()?;
        let memorize = self.memorize(&mut network, std::slice::from_ref(&score), progress)?;
        check_memorized(&memorize)?;
        let without_weights = memorize.report.without_weights();
        let stability = self.stability_clamped(&network, &score, &without_weights, progress)?;
        let free_run = self.free_run(&network, &score, progress)?;
        let recall = self.recall(&network, &score, progress)?;
        Ok(PipelineOutcome {
            config: self.config.clone(),
            score,
            network,
            memorize,
            stability,
            free_run,
            recall,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// Fails when not a single neuron got weights.
///
/// # Errors
/// [`Error::NothingMemorized`].
pub fn check_memorized(record: &MemorizeRecord) -> Result<(), Error> {
    let counts = record.report.counts();
    if counts.total() > 0 && counts.memorized + counts.unverified == 0 {
        return Err(Error::NothingMemorized {
            neurons: counts.total(),
        });
    }
    Ok(())
}

/// Starts a step unless cancelled.
fn begin(progress: &dyn Progress, stage: Stage, total: Option<u64>) -> Result<Stage, Error> {
    if progress.is_cancelled() {
        return Err(Error::Cancelled {
            stage: stage.name(),
        });
    }
    progress.begin(stage, total);
    Ok(stage)
}

/// Precision and recall of `cycles` cycles of a recording, the first starting at `start`.
///
/// # Errors
/// A score and recording that do not match.
pub fn measure(
    recording: &rsnn_sim::Recording,
    score: &Score,
    start: f64,
    cycles: usize,
) -> Result<Measurement, Error> {
    Ok(Measurement::of(recording, score, start, cycles)?)
}
