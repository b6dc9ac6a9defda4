//! What the core's tests share: one way to say "this rule flags these words here", which on
//! failure names the line of the test that said it and lists what was flagged instead.
//!
//! A test file takes it with
//!
//! ```text
//! #[path = "support/mod.rs"]
//! pub mod support;
//! ```
//!
//! (`pub`, so that a helper one file does not use is not reported as dead code there).

use std::sync::LazyLock;

use tonelint::{Finding, Linter, Report};

/// The built-in lexicons with the rules on by default.
pub static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Checks `text` with [`LINTER`] and asserts that rule `rule` flags exactly `flagged` (the words
/// as written in `text`), and that every finding's span slices back to its text. Returns that
/// finding, for checks of its position.
#[track_caller]
pub fn assert_flags(text: &str, rule: &str, flagged: &str) -> Finding {
    assert_flags_with(&LINTER, text, rule, flagged)
}

/// [`assert_flags`] with another linter.
#[track_caller]
pub fn assert_flags_with(linter: &Linter, text: &str, rule: &str, flagged: &str) -> Finding {
    let report = linter.check(text);
    assert_spans_slice(text, &report);
    let found = report
        .findings()
        .iter()
        .find(|f| f.rule_id() == rule && f.text() == flagged);
    match found {
        Some(finding) => finding.clone(),
        None => panic!(
            "`{rule}` does not flag {flagged:?} in {text:?}; flagged: {}",
            describe(&report)
        ),
    }
}

/// Asserts that checking `text` with [`LINTER`] gives no finding of rule `rule`.
#[track_caller]
pub fn assert_not_flagged(text: &str, rule: &str) {
    assert_not_flagged_with(&LINTER, text, rule);
}

/// [`assert_not_flagged`] with another linter.
#[track_caller]
pub fn assert_not_flagged_with(linter: &Linter, text: &str, rule: &str) {
    let report = linter.check(text);
    if report.findings().iter().any(|f| f.rule_id() == rule) {
        panic!("`{rule}` flags {text:?}: {}", describe(&report));
    }
}

/// Asserts that every finding and strength of `report`, a check of `text`, spans exactly its
/// text.
#[track_caller]
pub fn assert_spans_slice(text: &str, report: &Report) {
    for f in report.findings() {
        assert_eq!(
            &text[f.span()],
            f.text(),
            "span of `{}` in {text:?}",
            f.rule_id()
        );
    }
    for s in report.strengths() {
        assert_eq!(
            &text[s.span()],
            s.text(),
            "span of `{}` in {text:?}",
            s.id()
        );
    }
}

/// The findings of `report`, one `rule "text" at start..end` each, for failure messages.
pub fn describe(report: &Report) -> String {
    if report.findings().is_empty() {
        return "nothing".to_string();
    }
    report
        .findings()
        .iter()
        .map(|f| format!("{} {:?} at {:?}", f.rule_id(), f.text(), f.span()))
        .collect::<Vec<_>>()
        .join(", ")
}
