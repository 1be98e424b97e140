//! The pipeline's progress as indicatif bars and spinners on stderr.

use crate::Output;
use indicatif::ProgressBar;
use rsnn::pipeline::{Progress, Stage};
use std::sync::Mutex;

/// One bar (or spinner) per running step of the pipeline; hidden with `--quiet`.
#[derive(Debug)]
pub struct Bars {
    out: Output,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bars {
    /// Bars drawn according to `out`.
    pub fn new(out: Output) -> Self {
        Self {
            out,
            bar: Mutex::new(None),
        }
    }

    fn with_bar(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        // A poisoned lock only means a progress update panicked: keep drawing.
        let mut guard = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}

impl Progress for Bars {
    fn begin(&self, stage: Stage, total: Option<u64>) {
        let bar = match total {
            Some(n) => self.out.bar(n, stage.name()),
            None => self.out.spinner(stage.name()),
        };
        self.with_bar(|b| *b = Some(bar));
    }

    fn update(&self, _stage: Stage, done: u64) {
        self.with_bar(|b| {
            if let Some(bar) = b {
                bar.set_position(done);
            }
        });
    }

    fn is_cancelled(&self) -> bool {
        crate::interrupt::is_interrupted()
    }

    fn end(&self, _stage: Stage) {
        self.with_bar(|b| {
            if let Some(bar) = b.take() {
                bar.finish_and_clear();
            }
        });
    }
}
