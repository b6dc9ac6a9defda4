//! `Lexicon::parse` on arbitrary text; a lexicon it accepts must build into a linter that checks
//! a fixed sentence without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tonelint::{Lexicon, Linter};

/// A sentence with words that user lexicons tend to contain, so accepted rules sometimes match.
const SENTENCE: &str = "Per my last email, I need this ASAP!!! You still haven't replied. \
                        Let's circle back \u{201C}soon\u{201D}, thanks.\r\n\r\nWhat's the plan?";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(lexicon) = Lexicon::parse("fuzz.toml", text) else {
        return;
    };
    // Without the built-in lexicons, so that the build measures the user's rules only (and a
    // duplicate id with a built-in rule does not end the run early).
    let Ok(linter) = Linter::builder().builtin(false).lexicon(lexicon).build() else {
        return;
    };
    let report = linter.check(SENTENCE);
    for f in report.findings() {
        assert_eq!(&SENTENCE[f.span()], f.text());
    }
    for s in report.strengths() {
        assert_eq!(&SENTENCE[s.span()], s.text());
    }
});
