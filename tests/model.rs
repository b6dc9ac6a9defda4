//! The tone model's second opinion: it reports only where no rule found anything, points at
//! words inside the sentence, names them, can be switched off, and respects its threshold.

use tonelint::{Linter, Severity};

fn with_model() -> Linter {
    Linter::builder()
        .model(true)
        .build()
        .expect("the built-in lexicons build")
}

/// A harsh sentence in words no rule lists (from the training corpus, not the blind set).
const HARSH: &str = "Do you ever actually read the chart before a session?";

#[test]
fn the_model_reports_what_no_rule_found_and_points_at_words() {
    let report = with_model().check(HARSH);
    let model: Vec<_> = report
        .findings()
        .iter()
        .filter(|f| f.rule_id().starts_with("model."))
        .collect();
    assert!(!model.is_empty(), "findings: {:?}", report.findings());
    for f in &model {
        assert_eq!(f.severity(), Severity::Warning);
        assert!(f.span().end <= HARSH.len() && HARSH.is_char_boundary(f.span().start));
        assert!(
            f.message().contains("tone model") && f.message().contains('"'),
            "{}",
            f.message()
        );
        assert!(!f.rewrites().is_empty());
        // No rule finding shares the sentence.
        assert!(
            report
                .findings()
                .iter()
                .all(|g| g.rule_id().starts_with("model.")
                    || g.span().end <= f.span().start
                    || g.span().start >= f.span().end)
        );
    }
    assert!(report.summary().model.is_some_and(|p| p > 500));
}

#[test]
fn the_model_can_be_switched_off_or_made_stricter() {
    assert!(!tonelint::MODEL_ON_BY_DEFAULT || Linter::new().check(HARSH).summary().model.is_some());
    let off = Linter::builder().model(false).build().unwrap().check(HARSH);
    assert!(
        off.findings()
            .iter()
            .all(|f| !f.rule_id().starts_with("model."))
    );
    assert_eq!(off.summary().model, None);
    let strict = Linter::builder()
        .model_threshold(1.0)
        .model_message_threshold(1.0)
        .build()
        .unwrap()
        .check(HARSH);
    assert!(
        strict
            .findings()
            .iter()
            .all(|f| !f.rule_id().starts_with("model."))
    );
    let disabled = Linter::builder()
        .model(true)
        .disable(["model.aggressive", "model.accusatory", "model.demanding"])
        .build()
        .unwrap()
        .check(HARSH);
    assert!(
        disabled
            .findings()
            .iter()
            .all(|f| !f.rule_id().starts_with("model."))
    );
}

#[test]
fn polite_messages_get_no_model_finding() {
    let linter = with_model();
    for text in [
        "I know you're juggling a lot today. What's the best way for us to get this completed today?",
        "The doctor is reviewing your case, and we expect an update by Friday. I will call you as soon as I have confirmation.",
        "Thanks for the quick turnaround on the referral! The family was relieved.",
        "Not a problem at all.",
        "Could you send the signed form by Friday so we can schedule the start of care?",
    ] {
        let report = linter.check(text);
        assert!(
            report
                .findings()
                .iter()
                .all(|f| !f.rule_id().starts_with("model.")),
            "{text:?}: {:?}",
            report.findings()
        );
    }
}

#[test]
fn no_rewrite_gets_a_model_finding() {
    let linter = with_model();
    let mut failures = Vec::new();
    for rule in linter.rules() {
        for rewrite in rule.rewrites() {
            for f in linter.check(rewrite.text()).findings() {
                if f.rule_id().starts_with("model.") {
                    failures.push(format!(
                        "{}'s rewrite {:?}: {}",
                        rule.id(),
                        rewrite.text(),
                        f.message()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
