//! Measures tonelint's lexicons on labelled data and prints one table.
//!
//! - The Stanford Politeness Corpus (Wikipedia): flag rates, AUC and accuracy.
//! - Enron email: how often ordinary business mail gets flagged (the author's own text, read
//!   with tonelint-document as the CLI reads email).
//! - The project's own corpus in `tests/corpus/`: every must / must-not expectation.
//!
//! The shared data sets live outside the repository (`../shared/data`); when they are absent
//! their rows say so and the rest still runs.

pub mod blind;
pub mod corpus;
pub mod metrics;
pub mod politeness;
pub mod ucc;

use tonelint::{Category, Report, Severity};

/// The flag decision the evaluation uses: at least one aggressive or demanding finding at
/// warning or above.
pub fn is_flagged(report: &Report) -> bool {
    report.findings().iter().any(|f| {
        f.severity() >= Severity::Warning
            && matches!(f.category(), Category::Aggressive | Category::Demanding)
    })
}

/// A wider flag, reported beside the issue's: accusatory framing ("Why did you...?") at warning
/// or above counts too. Most impolite requests in the Wikipedia corpus are challenging questions,
/// which the lexicons file as accusatory rather than aggressive.
pub fn is_flagged_with_accusatory(report: &Report) -> bool {
    is_flagged(report)
        || report
            .findings()
            .iter()
            .any(|f| f.severity() >= Severity::Warning && f.category() == Category::Accusatory)
}

/// The score the AUC ranks by: the report's harshness score, plus the tone model's probability
/// that the message reads as harsh (0 to 1) when the model is on, which orders messages of the
/// same integer score.
pub fn harshness(report: &Report) -> f64 {
    let summary = report.summary();
    f64::from(summary.score) + summary.model.map_or(0.0, |m| f64::from(m) / 1000.0)
}

/// The linter settings the evaluation runs with, from its command line: `--no-model` and
/// `--model-threshold P`.
#[derive(Clone, Copy, Debug)]
pub struct ModelChoice {
    pub on: bool,
    pub threshold: Option<f32>,
}

impl ModelChoice {
    pub fn apply(self, builder: tonelint::LinterBuilder) -> tonelint::LinterBuilder {
        let builder = builder.model(self.on);
        match self.threshold {
            Some(t) => builder.model_threshold(t),
            None => builder,
        }
    }
}
