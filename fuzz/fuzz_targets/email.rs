//! `tonelint_document::extract` as email, as mbox and as HTML on arbitrary bytes, then the CLI's whole
//! path from bytes to located findings (`check_input`), which maps spans back into the file.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tonelint::Linter;
use tonelint_cli::checked::check_input;
use tonelint_cli::input::Source;
use tonelint_document::{InputKind, Part, extract};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::new)
}

/// What the document crate promises about a part: segments in order inside both the text and
/// the input, exact segments equal to the input bytes, every offset mapping into the input.
fn check_part(bytes: &[u8], part: &Part) {
    let mut last_end = 0;
    for s in &part.segments {
        assert!(s.text.start >= last_end, "segments overlap or are out of order: {s:?}");
        assert!(s.text.start <= s.text.end && s.text.end <= part.text.len(), "{s:?}");
        assert!(s.original.start <= s.original.end && s.original.end <= bytes.len(), "{s:?}");
        assert!(part.text.is_char_boundary(s.text.start) && part.text.is_char_boundary(s.text.end));
        if s.exact {
            assert_eq!(&bytes[s.original.clone()], part.text[s.text.clone()].as_bytes(), "{s:?}");
        }
        last_end = s.text.end;
    }
    for (at, _) in part.text.char_indices().chain([(part.text.len(), ' ')]) {
        assert!(part.to_original(at) <= bytes.len());
    }
}

fuzz_target!(|data: &[u8]| {
    for kind in [InputKind::Email, InputKind::Mbox, InputKind::Html] {
        if let Ok(parts) = extract(data, kind, None) {
            for part in &parts {
                check_part(data, part);
            }
        }
        // Errors are fine; a panic or a place outside the file is not.
        if let Ok(checked) = check_input(linter(), &Source::Stdin, data, kind) {
            for c in &checked {
                for finding in c.findings() {
                    let place = finding.span().bytes();
                    assert!(place.start <= place.end, "{place:?}");
                    assert!(place.end <= c.shown.len());
                    assert!(c.shown.is_char_boundary(place.start));
                    assert!(c.shown.is_char_boundary(place.end));
                }
                for edit in &c.edits {
                    assert!(edit.span.end.0 <= data.len());
                }
            }
        }
    }
});
