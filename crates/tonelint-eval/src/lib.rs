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

/// The score the AUC ranks by: the report's harshness score.
pub fn harshness(report: &Report) -> f64 {
    f64::from(report.summary().score)
}
