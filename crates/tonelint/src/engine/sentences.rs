//! The core's own sentence step: the sentence around a span, for crediting strengths.
//!
//! The tone grammar splits sentences its own way (`tonelint_grammar::sentence`, with the
//! abbreviations of clinical and business mail) for its shapes and the tone model; this simpler
//! rule is the one strength credit has always used, and it is kept so that credit stays as it is.

use super::span::TextSpan;

/// The sentence that holds `span`: from just after the last sentence end before it to the
/// next sentence end after it. A sentence ends at `.`, `!` or `?` followed by white space, and
/// at a blank line; a single line break does not end one, since mail wraps sentences over lines.
pub(super) fn sentence_around(text: &str, span: TextSpan) -> TextSpan {
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
    let start_limit = span.start.bytes().min(text.len());
    let start = (0..start_limit)
        .rev()
        .find(|&i| ends_here(i))
        .map_or(0, |i| i + 1);
    let end = (span.end.bytes().min(text.len())..text.len())
        .find(|&i| ends_here(i))
        .unwrap_or(text.len());
    TextSpan::new(start..end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_punctuation_and_blank_lines_not_at_line_breaks() {
        let text = "Great job on the release, it only\ncrashed twice. Thanks for the notes!\n\nKind regards";
        let at = |s: &str| text.find(s).unwrap();
        let first = sentence_around(text, TextSpan::new(at("Great")..at("Great") + 5));
        assert_eq!(
            &text[first.range()],
            "Great job on the release, it only\ncrashed twice."
        );
        let second = sentence_around(text, TextSpan::new(at("Thanks")..at("Thanks") + 6));
        assert_eq!(&text[second.range()], "Thanks for the notes!");
        let last = sentence_around(text, TextSpan::new(at("Kind")..text.len()));
        assert_eq!(&text[last.range()], "Kind regards");
    }
}
