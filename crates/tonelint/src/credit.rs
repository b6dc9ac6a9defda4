//! Which strengths a message is credited with.
//!
//! A strength is a move the seed articles recommend, but the same words inside a harsh sentence
//! are not that move: "Great job on the release, it only crashed twice" is not positive
//! feedback, and "Thanks for nothing, this is unacceptable" is not gratitude. So a strength is
//! not credited in a sentence that also carries a finding at warning or above.

use std::ops::Range;

use crate::category::Severity;
use crate::report::{Finding, StrengthMatch};

/// Removes from `strengths` those that share a sentence of `text` with a finding at warning
/// or above.
pub(crate) fn drop_strengths_beside_harsh_findings(
    text: &str,
    findings: &[Finding],
    strengths: &mut Vec<StrengthMatch>,
) {
    let harsh: Vec<Range<usize>> = findings
        .iter()
        .filter(|f| f.severity() >= Severity::Warning)
        .map(|f| sentence_around(text, f.span()))
        .collect();
    if harsh.is_empty() {
        return;
    }
    strengths.retain(|s| {
        let sentence = sentence_around(text, s.span.clone());
        !harsh
            .iter()
            .any(|h| h.start < sentence.end && sentence.start < h.end)
    });
}

/// The sentence that holds `span`: from just after the last sentence end before it to the
/// next sentence end after it. A sentence ends at `.`, `!` or `?` followed by white space, and
/// at a blank line; a single line break does not end one, since mail wraps sentences over lines.
fn sentence_around(text: &str, span: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let ends_here = |i: usize| {
        // `i` is the index of the white space after a possible sentence end.
        let after_punctuation = i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?');
        let blank_line = bytes[i] == b'\n'
            && text[..i]
                .trim_end_matches([' ', '\t', '\r'])
                .ends_with('\n');
        bytes[i].is_ascii_whitespace() && (after_punctuation || blank_line)
    };
    let start_limit = span.start.min(text.len());
    let start = (0..start_limit)
        .rev()
        .find(|&i| ends_here(i))
        .map_or(0, |i| i + 1);
    let end = (span.end.min(text.len())..text.len())
        .find(|&i| ends_here(i))
        .unwrap_or(text.len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_punctuation_and_blank_lines_not_at_line_breaks() {
        let text = "Great job on the release, it only\ncrashed twice. Thanks for the notes!\n\nKind regards";
        let at = |s: &str| text.find(s).unwrap();
        let first = sentence_around(text, at("Great")..at("Great") + 5);
        assert_eq!(
            &text[first],
            "Great job on the release, it only\ncrashed twice."
        );
        let second = sentence_around(text, at("Thanks")..at("Thanks") + 6);
        assert_eq!(&text[second], "Thanks for the notes!");
        let last = sentence_around(text, at("Kind")..text.len());
        assert_eq!(&text[last], "Kind regards");
    }

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
