//! `Linter::check` on arbitrary input: it must not panic, and what it reports must point into
//! the input (see `fuzz/README.md`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tonelint::{LineColumn, Linter, apply_edits, display_width};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    // Built once: building costs far more than one check and would drown the fuzzing.
    LINTER.get_or_init(Linter::new)
}

/// Line and column of `offset`, worked out from scratch (not with the library's cursor).
fn position(text: &str, offset: usize) -> LineColumn {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineColumn {
        line: 1 + before.matches('\n').count(),
        column: 1 + display_width(&before[line_start..]),
    }
}

fn check_span(text: &str, span: std::ops::Range<usize>, shown: &str, start: LineColumn, end: LineColumn) {
    assert!(span.start < span.end, "empty span {span:?}");
    assert!(span.end <= text.len(), "span {span:?} past the end ({})", text.len());
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} not on char boundaries"
    );
    assert_eq!(&text[span.clone()], shown, "span {span:?} does not slice to the text");
    assert_eq!(start, position(text, span.start), "start of {span:?}");
    assert_eq!(end, position(text, span.end), "end of {span:?}");
}

fuzz_target!(|data: &[u8]| {
    // Lossy, so that every input reaches the linter (the CLI refuses invalid UTF-8 earlier, but
    // U+FFFD is text the library must take).
    let text = String::from_utf8_lossy(data);
    let report = linter().check(&text);
    for f in report.findings() {
        check_span(&text, f.span(), f.text(), f.start(), f.end());
    }
    for s in report.strengths() {
        check_span(&text, s.span(), s.text(), s.start(), s.end());
    }
    for pair in report.findings().windows(2) {
        assert!(
            pair[0].span().start <= pair[1].span().start,
            "findings out of order: {:?} then {:?}",
            pair[0].span(),
            pair[1].span()
        );
    }
    for pair in report.strengths().windows(2) {
        assert!(pair[0].span().start <= pair[1].span().start, "strengths out of order");
    }
    assert_eq!(report.summary().findings, report.findings().len());
    // The fixes must be applicable to the text they were made for.
    let edits = report.fixes(&text);
    for pair in edits.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "overlapping fixes");
    }
    for edit in &edits {
        assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
    }
    let _ = apply_edits(&text, &edits);
});
