//! Which strengths a message is credited with.
//!
//! A strength is a move the seed articles recommend, but the same words inside a harsh sentence
//! are not that move: "Great job on the release, it only crashed twice" is not positive
//! feedback, and "Thanks for nothing, this is unacceptable" is not gratitude. So a strength is
//! not credited in a sentence that also carries a finding at warning or above.

use super::sentences::sentence_around;
use super::span::TextSpan;
use crate::category::Severity;
use crate::report::{Finding, StrengthMatch};

/// Removes from `strengths` those that share a sentence of `text` with a finding at warning
/// or above.
pub(crate) fn drop_strengths_beside_harsh_findings(
    text: &str,
    findings: &[Finding],
    strengths: &mut Vec<StrengthMatch>,
) {
    let harsh: Vec<TextSpan> = findings
        .iter()
        .filter(|f| f.severity() >= Severity::Warning)
        .map(|f| sentence_around(text, TextSpan::new(f.span())))
        .collect();
    if harsh.is_empty() {
        return;
    }
    strengths.retain(|s| {
        let sentence = sentence_around(text, TextSpan::new(s.span()));
        !harsh.iter().any(|h| h.overlaps(sentence))
    });
}

#[cfg(test)]
mod tests {
    /// Issue 15, item 9: strengths were credited inside a harsh sentence.
    #[test]
    fn no_credit_in_a_sentence_with_a_harsh_finding() {
        let linter = crate::Linter::new();
        let harsh = linter.check("Thanks for the update, but this delay is unacceptable.");
        assert!(!harsh.findings().is_empty());
        assert!(harsh.strengths().is_empty(), "{:?}", harsh.strengths());
        let apart = linter.check("Thanks for the update. This delay is unacceptable.");
        assert_eq!(apart.strengths().len(), 1, "{:?}", apart.strengths());
        assert_eq!(apart.summary().strengths, 1);
    }
}
