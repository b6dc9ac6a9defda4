//! Context rules: the same words flagged in one context and fine in another. Each case pairs a
//! sentence that must be flagged by a rule with a near-identical one where context (negation, an
//! offer of help, a care instruction, a descriptive use, quoted or reported speech) makes it
//! fine, so removing the context rule makes the second half fail.

use tonelint::Linter;

/// (rule id, flagged sentence, the same words in a context that must not be flagged)
const PAIRS: &[(&str, &str, &str)] = &[
    // Quoted speech is someone else's words (an engine rule, not a lexicon exception).
    (
        "aggressive.unacceptable",
        "The adjuster's delay is unacceptable.",
        "She said the adjuster told her the delay was \"unacceptable\" and hung up.",
    ),
    (
        "aggressive.unacceptable",
        "This delay is unacceptable.",
        "Her daughter called the wait “unacceptable” when we spoke this morning.",
    ),
];

#[test]
fn context_turns_a_finding_off() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    for (rule, flagged, fine) in PAIRS {
        if !linter
            .check(flagged)
            .findings()
            .iter()
            .any(|f| f.rule_id() == *rule)
        {
            failures.push(format!("{rule} does not flag {flagged:?}"));
        }
        if let Some(f) = linter
            .check(fine)
            .findings()
            .iter()
            .find(|f| f.rule_id() == *rule)
        {
            failures.push(format!("{rule} flags {:?} in {fine:?}", f.text()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
