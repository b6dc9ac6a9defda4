//! Properties of `check` that hold for any input: spans point into the input on char boundaries
//! and slice back to the reported text, lines and columns agree with the spans, findings come in
//! input order, a check is deterministic, and a polite paragraph added before or after a message
//! never takes a finding away or moves it.
//!
//! Inputs are arbitrary Unicode strings, and strings built from pieces that stress the matcher:
//! the built-in rules' own example sentences, phrase words, every kind of white space and line
//! break, punctuation, curly quotes, emoji with modifiers, combining marks, right-to-left text,
//! invisible characters and full-width letters.

use std::ops::Range;
use std::sync::LazyLock;

use proptest::prelude::*;
use tonelint::{LineColumn, Linter, Report, display_width};

#[path = "support/mod.rs"]
pub mod support;

use support::{LINTER, assert_flags};

/// Sentences that trigger rules and strengths: every built-in example and counterexample.
/// The linter without the tone model, for properties of the rules alone.
static RULES: LazyLock<Linter> = LazyLock::new(|| {
    Linter::builder()
        .model(false)
        .build()
        .expect("the built-in lexicons build")
});

static SENTENCES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let linter = &*LINTER;
    let mut out: Vec<String> = linter
        .rules()
        .flat_map(|r| r.examples().chain(r.counterexamples()))
        .chain(
            linter
                .strengths()
                .flat_map(|s| s.examples().chain(s.counterexamples())),
        )
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    assert!(!out.is_empty(), "the built-in lexicons have examples");
    out
});

/// Pieces of text a message can hold that a matcher must step over carefully.
const PIECES: &[&str] = &[
    // Words from phrases, in several shapes.
    "unacceptable",
    "UNACCEPTABLE",
    "un\u{200B}acceptable",
    "unaccept\u{AD}able",
    "right now",
    "right\u{A0}now",
    "right\r\nnow",
    "right\n\nnow",
    "ASAP",
    "asap",
    "\u{FF21}\u{FF33}\u{FF21}\u{FF30}",
    "you still haven't",
    "you still haven\u{2019}t",
    "You still have not",
    "I need you to",
    "per my last email",
    "soon",
    "thank you",
    "Thanks",
    "what's the best way for us to",
    "by Friday",
    "!!!",
    "??",
    "whatever.",
    "Why the delay?",
    "tonelint: ignore",
    "tonelint-disable",
    "tonelint-enable",
    // White space and line breaks.
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\u{A0}",
    "\u{2003}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "\r",
    // Punctuation and quotes.
    ".",
    ",",
    "?",
    "!",
    ";",
    ":",
    "-",
    "'",
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "(",
    ")",
    "...",
    // Emoji, with skin-tone modifiers, joiners and variation selectors.
    "\u{1F44D}",
    "\u{1F44D}\u{1F3FD}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{2764}\u{FE0F}",
    "\u{1F1EB}\u{1F1F7}",
    // Combining marks, alone and on letters; NFD and NFC.
    "e\u{301}",
    "\u{301}",
    "\u{E9}",
    "n\u{303}",
    "a\u{308}\u{304}",
    // Right-to-left text and marks.
    "\u{5E9}\u{5DC}\u{5D5}\u{5DD}",
    "\u{645}\u{631}\u{62D}\u{628}\u{627}",
    "\u{200F}",
    "\u{202E}",
    "\u{2067}",
    // Wide and invisible characters.
    "\u{4F60}\u{597D}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{2060}",
    "\u{0}",
];

/// Line and column of `offset` in `text`, worked out from scratch: line is one more than the line
/// feeds before it; column is one more than the width of the line up to it, where a tab moves to
/// the next multiple of eight and any other character takes its Unicode (East Asian) width.
/// Only the width of a single character is taken from the library (`display_width` of one
/// character is `unicode-width`'s answer, which `tests/unicode.rs` pins); the walking is our own.
fn position(text: &str, offset: usize) -> LineColumn {
    let before = &text[..offset];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut width = 0;
    for c in before[line_start..].chars() {
        width = if c == '\t' {
            (width / 8 + 1) * 8
        } else {
            width + display_width(c.encode_utf8(&mut [0; 4]))
        };
    }
    LineColumn {
        line,
        column: width + 1,
    }
}

fn assert_span(
    text: &str,
    what: &str,
    span: Range<usize>,
    shown: &str,
    start: LineColumn,
    end: LineColumn,
) -> Result<(), TestCaseError> {
    prop_assert!(span.start < span.end, "{what}: empty span {span:?}");
    prop_assert!(span.end <= text.len(), "{what}: {span:?} past the end");
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries"
    );
    prop_assert_eq!(&text[span.clone()], shown, "{}: {:?}", what, span);
    prop_assert_eq!(start, position(text, span.start), "{} start", what);
    prop_assert_eq!(end, position(text, span.end), "{} end", what);
    Ok(())
}

/// Every span and position of `report` agrees with `text`, and findings come in input order.
fn assert_consistent(text: &str, report: &Report) -> Result<(), TestCaseError> {
    for f in report.findings() {
        assert_span(text, f.rule_id(), f.span(), f.text(), f.start(), f.end())?;
    }
    for s in report.strengths() {
        assert_span(text, s.id(), s.span(), s.text(), s.start(), s.end())?;
    }
    for pair in report.findings().windows(2) {
        prop_assert!(
            pair[0].span().start <= pair[1].span().start,
            "findings out of order: {} {:?} then {} {:?}",
            pair[0].rule_id(),
            pair[0].span(),
            pair[1].rule_id(),
            pair[1].span()
        );
        prop_assert!(
            !(pair[0].rule_id() == pair[1].rule_id() && pair[0].span() == pair[1].span()),
            "the same finding twice: {} {:?}",
            pair[0].rule_id(),
            pair[0].span()
        );
    }
    for pair in report.strengths().windows(2) {
        prop_assert!(
            pair[0].span().start <= pair[1].span().start,
            "strengths out of order: {:?} then {:?}",
            pair[0].span(),
            pair[1].span()
        );
    }
    prop_assert_eq!(report.summary().findings, report.findings().len());
    Ok(())
}

/// Text made of lexicon material and awkward characters, joined at random.
fn lexiconish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        4 => (0..SENTENCES.len()).prop_map(|i| SENTENCES[i].clone()),
        // Words longer than any phrase word, with apostrophes and digits inside.
        1 => "[a-zA-Z0-9'\u{2019}]{50,90}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Arbitrary Unicode, plus arbitrary Unicode with lexicon material spliced in.
fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        lexiconish(),
        (any::<String>(), lexiconish(), any::<String>()).prop_map(|(a, b, c)| a + &b + &c),
    ]
}

/// Polite sentences without quotation marks or suppression comments, so that adding one as its
/// own paragraph cannot change how the rest of the message is read.
const POLITE: &[&str] = &[
    "Thank you for your help with this.",
    "I know you're juggling a lot today.",
    "What's the best way for us to get this completed by Friday?",
    "I appreciate the time you have put into this.",
];

/// (rule id, span, text) of each finding, with spans moved by `shift`.
fn findings_shifted(report: &Report, shift: usize) -> Vec<(String, Range<usize>, String)> {
    report
        .findings()
        .iter()
        .map(|f| {
            let span = f.span();
            (
                f.rule_id().to_string(),
                span.start + shift..span.end + shift,
                f.text().to_string(),
            )
        })
        .collect()
}

fn assert_kept(
    before: &[(String, Range<usize>, String)],
    after: &Report,
    placement: &str,
) -> Result<(), TestCaseError> {
    let now = findings_shifted(after, 0);
    for finding in before {
        prop_assert!(
            now.contains(finding),
            "a polite paragraph {placement} lost or moved {finding:?}; now {now:?}"
        );
    }
    Ok(())
}

proptest! {
    // Debug builds check a few hundred inputs a second; this count keeps the file quick while
    // still meeting each kind of piece many times. Raise it locally to dig deeper.
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_and_positions_point_into_the_input(text in any_input()) {
        let report = LINTER.check(&text);
        assert_consistent(&text, &report)?;
    }

    #[test]
    fn checking_is_deterministic(text in any_input()) {
        let first = LINTER.check(&text);
        let second = LINTER.check(&text);
        prop_assert_eq!(&first, &second);
    }

}

/// Cases the property below once found: a sentence in capitals at the end of the input was
/// reported as `aggressive.all-caps`, and as `aggressive.shouted-sentence` once a paragraph
/// opening with "I know" followed it (the capitals pattern wanted a lower-case letter after the
/// next capital).
#[test]
fn capitals_keep_their_rule_when_a_polite_paragraph_follows() {
    for text in [
        "I have asked three times. PLEASE CALL ME BACK.",
        "PATIENT IS BEING DISCHARGED TOMORROW.",
    ] {
        let alone = findings_shifted(&LINTER.check(text), 0);
        let after = format!("{text}\n\nI know you're juggling a lot today.");
        let now = findings_shifted(&LINTER.check(&after), 0);
        assert!(!alone.is_empty(), "{text}: no finding");
        for finding in &alone {
            assert!(
                now.contains(finding),
                "{text}: lost {finding:?}; now {now:?}"
            );
        }
    }
}

proptest! {
    // Three checks per case.
    #![proptest_config(ProptestConfig::with_cases(128))]

    // The rules only: the tone model's reading of the whole message may rightly change when a
    // polite paragraph joins it.
    #[test]
    fn a_polite_paragraph_before_or_after_keeps_every_finding(
        text in lexiconish(),
        polite in prop::sample::select(POLITE),
    ) {
        let alone = RULES.check(&text);
        let prefix = format!("{polite}\n\n");
        let before = format!("{prefix}{text}");
        let report = RULES.check(&before);
        assert_consistent(&before, &report)?;
        assert_kept(&findings_shifted(&alone, prefix.len()), &report, "before")?;

        let after = format!("{text}\n\n{polite}");
        let report = RULES.check(&after);
        assert_consistent(&after, &report)?;
        assert_kept(&findings_shifted(&alone, 0), &report, "after")?;
    }
}

proptest! {
    // Building a linter costs far more than a check: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn two_linters_built_alike_report_alike(text in lexiconish()) {
        let other = Linter::new();
        prop_assert_eq!(LINTER.check(&text), other.check(&text));
    }
}

/// Messages larger than one matching chunk (the linter works through long inputs in pieces):
/// phrases on either side of every cut are still found, with the right positions.
#[test]
fn long_inputs_keep_spans_and_positions_across_chunks() {
    // About 400 KB: more than one matching chunk (256 KiB).
    const PARAGRAPHS: usize = 3_000;
    let paragraph = "Thank you for the update. This delay is unacceptable.\u{1F44D}\u{1F3FD} \
                     I need you to sign it right now!!! \u{5E9}\u{5DC}\u{5D5}\u{5DD} e\u{301}\r\n";
    for text in [
        paragraph.repeat(PARAGRAPHS),
        // One line, no line break to cut at.
        paragraph.replace("\r\n", " ").repeat(PARAGRAPHS),
        // No white space either: only char boundaries to cut at.
        "\u{E9}".repeat(200_000) + " unacceptable",
    ] {
        let report = LINTER.check(&text);
        for f in report.findings() {
            assert_eq!(&text[f.span()], f.text());
        }
        // Recomputing a position from the start costs the whole prefix: check a sample.
        let step = (report.findings().len() / 50).max(1);
        for f in report
            .findings()
            .iter()
            .step_by(step)
            .chain(report.findings().last())
        {
            assert_eq!(f.start(), position(&text, f.span().start), "{:?}", f.span());
            assert_eq!(f.end(), position(&text, f.span().end), "{:?}", f.span());
        }
        if text.contains("sign it") {
            let unacceptable = report
                .findings()
                .iter()
                .filter(|f| f.text() == "unacceptable")
                .count();
            assert_eq!(unacceptable, PARAGRAPHS, "one `unacceptable` per paragraph");
        } else {
            assert_eq!(report.findings().len(), 1);
        }
    }
}

/// Fuzz crash (`fuzz/artifacts/check`, `fuzz/artifacts/email`): a word longer than the
/// matcher's 64-byte token limit that holds an apostrophe or digits panicked in
/// `Matcher::scan_tokens` (now `engine/scan.rs`): "range end index 2 out of range for slice of
/// length 0". The over-long token's text is emptied but its split points are kept.
#[test]
fn a_very_long_word_with_an_apostrophe_or_digits_is_checked() {
    for text in [
        format!("You {}n't sent the unacceptable report.", "k".repeat(80)),
        format!("{}'s draft is unacceptable", "x".repeat(70)),
        format!("Invoice {} is unacceptable", "a1".repeat(40)),
    ] {
        assert_consistent(&text, &LINTER.check(&text)).unwrap();
        assert_flags(&text, "aggressive.unacceptable", "unacceptable");
    }
}

/// The regex windows of a fresh linter skip their DFAs for the first occurrences of a word in a
/// short paragraph, and use them from then on (`engine/patterns.rs`,
/// `OCCURRENCES_BEFORE_DFAS`). Both ways must find the same: every rule's examples and counterexamples, one paragraph each,
/// checked by a fresh linter and again after enough checks that every window has its DFAs.
#[test]
fn findings_do_not_depend_on_whether_the_window_dfas_are_built() {
    let linter = Linter::builder().enable(["passive"]).build().unwrap();
    let text: String = linter
        .rules()
        .flat_map(|r| r.examples().chain(r.counterexamples()))
        .map(|s| format!("{s}\n\n"))
        .collect();
    let summary = |report: &Report| -> Vec<(String, Range<usize>)> {
        report
            .findings()
            .iter()
            .map(|f| (f.rule_id().to_string(), f.span()))
            .chain(
                report
                    .strengths()
                    .iter()
                    .map(|s| (s.id().to_string(), s.span())),
            )
            .collect()
    };
    let fresh = summary(&linter.check(&text));
    for _ in 0..40 {
        linter.check(&text);
    }
    let warmed = summary(&linter.check(&text));
    assert!(fresh.len() > 100, "the examples are flagged");
    assert_eq!(fresh, warmed);
}
