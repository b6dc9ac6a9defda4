//! Every built-in rule is held to its own examples: each `examples` sentence must be flagged by
//! the rule, each `counterexamples` sentence must not be, and no rule's rewrite may be flagged at
//! warning or above by any rule (a suggestion the linter itself objects to helps nobody).

use std::path::PathBuf;

use tonelint::{Category, Context, Lexicon, Linter, Severity};

#[path = "support/mod.rs"]
pub mod support;

use support::assert_flags_with;

/// Every rule, including the categories that are off by default (`passive`), so each is held to
/// its examples.
fn all_rules() -> Linter {
    Linter::builder()
        .enable(["passive"])
        .build()
        .expect("the built-in lexicons build")
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each rule is checked on its own: where two rules of a category cover the same words, the more
/// specific finding is kept (see `resolve_overlaps`), and a rule's examples should show what it
/// finds, not whether another rule found it first. That the whole linter flags every example in
/// the rule's category is checked too.
#[test]
fn every_rule_flags_its_examples_and_spares_its_counterexamples() {
    let everything = all_rules();
    let mut failures = Vec::new();
    for rule in everything.rules() {
        let linter = Linter::builder()
            .only([rule.id()])
            .build()
            .expect("a built-in rule builds alone");
        for (example, pin) in rule.pinned_examples() {
            if !everything
                .check(example)
                .findings()
                .iter()
                .any(|f| f.category() == rule.category())
            {
                failures.push(format!(
                    "{} example {example:?} gets no {} finding from the whole linter",
                    rule.id(),
                    rule.category()
                ));
            }
            let report = linter.check(example);
            let own: Vec<_> = report
                .findings()
                .iter()
                .filter(|f| f.rule_id() == rule.id())
                .collect();
            if own.is_empty() {
                failures.push(format!(
                    "{} does not flag its example {example:?}",
                    rule.id()
                ));
            } else if let Some(pin) = pin
                && !own.iter().any(|f| f.span() == pin)
            {
                // Issue 14: a marked example pins the words, not just the rule.
                failures.push(format!(
                    "{} flags {:?} in its example {example:?}, not the marked {:?}",
                    rule.id(),
                    own.iter().map(|f| f.text()).collect::<Vec<_>>(),
                    &example[pin]
                ));
            }
        }
        for counter in rule.counterexamples() {
            let report = linter.check(counter);
            if let Some(f) = report.findings().iter().find(|f| f.rule_id() == rule.id()) {
                failures.push(format!(
                    "{} flags its counterexample {counter:?} at {:?}",
                    rule.id(),
                    f.text()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_strength_matches_its_examples_and_spares_its_counterexamples() {
    let linter = all_rules();
    let mut failures = Vec::new();
    for strength in linter.strengths() {
        for example in strength.examples() {
            if !linter
                .check(example)
                .strengths()
                .iter()
                .any(|s| s.id() == strength.id())
            {
                failures.push(format!(
                    "{} does not match its example {example:?}",
                    strength.id()
                ));
            }
        }
        for counter in strength.counterexamples() {
            if linter
                .check(counter)
                .strengths()
                .iter()
                .any(|s| s.id() == strength.id())
            {
                failures.push(format!(
                    "{} matches its counterexample {counter:?}",
                    strength.id()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        linter.strengths().len() >= 5,
        "the built-in lexicons define too few strengths"
    );
}

#[test]
fn every_rule_has_examples_and_counterexamples() {
    let linter = all_rules();
    let missing: Vec<&str> = linter
        .rules()
        // The tone model's rules are not written in a lexicon; tests/model.rs holds them to
        // their behaviour.
        .filter(|r| !r.id().starts_with("model."))
        .filter(|r| r.examples().len() == 0 || r.counterexamples().len() == 0)
        .map(|r| r.id())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without examples or counterexamples: {missing:?}"
    );
}

#[test]
fn no_rewrite_is_flagged_at_warning_or_above() {
    let linter = all_rules();
    let mut failures = Vec::new();
    for rule in linter.rules() {
        for rewrite in rule.rewrites() {
            let report = linter.check(rewrite.text());
            for f in report
                .findings()
                .iter()
                .filter(|f| f.severity() >= Severity::Warning)
            {
                failures.push(format!(
                    "{}'s rewrite {:?} is flagged by {} at {:?}",
                    rule.id(),
                    rewrite.text(),
                    f.rule_id(),
                    f.text()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Issue 15: the seed articles' rewrites are about hospitals and payers; every rule also carries a
/// general one, for a git patch, a support ticket or a team chat.
#[test]
fn every_rule_has_a_general_rewrite() {
    let linter = all_rules();
    let missing: Vec<&str> = linter
        .rules()
        .filter(|rule| {
            rule.rewrites()
                .iter()
                .all(|r| r.context() != Context::General)
        })
        .map(|rule| rule.id())
        .collect();
    assert!(missing.is_empty(), "no general rewrite: {missing:?}");
}

/// The same rule, two drafts: a support ticket gets the general wording first, a discharge
/// message the seed article's.
#[test]
fn rewrites_fit_the_kind_of_message() {
    let linter = all_rules();
    let first_rewrite = |text: &str| {
        let finding = assert_flags_with(&linter, text, "aggressive.unacceptable", "unacceptable");
        let best = finding.best_rewrites();
        (
            finding.context(),
            best[0].context(),
            best[0].text().to_string(),
        )
    };
    let ticket = first_rewrite(
        "Ticket #4411: the customer's refund has been pending for three weeks. This delay is unacceptable.",
    );
    let discharge = first_rewrite(
        "The patient is ready for discharge and the orders are still unsigned. This delay is unacceptable.",
    );
    assert_eq!((ticket.0, ticket.1), (Context::Workplace, Context::General));
    assert_eq!(discharge.0, Context::Clinical);
    assert_ne!(discharge.1, Context::General);
    assert_ne!(ticket.2, discharge.2);
}

#[test]
fn builtin_lexicons_are_broad_enough() {
    let linter = all_rules();
    for category in [Category::Aggressive, Category::Demanding, Category::Vague] {
        let n = linter.rules().filter(|r| r.category() == category).count();
        assert!(
            n >= 25,
            "{category} has {n} rules; the design asks for at least 25"
        );
    }
}

/// Rewrites cite the seed document their wording comes from; a citation must name a real seed.
#[test]
fn rewrite_sources_name_seed_files() {
    let seeds = repo_root().join("../shared/seeds");
    let linter = all_rules();
    let checked_files = seeds.is_dir();
    if !checked_files {
        eprintln!(
            "skipping the seed-file existence check: {} is absent",
            seeds.display()
        );
    }
    for rule in linter.rules() {
        for rewrite in rule.rewrites() {
            if rewrite.is_project_wording() {
                continue;
            }
            let source = rewrite.source();
            let well_formed = source.len() > 4
                && source.ends_with(".txt")
                && source[..3].chars().all(|c| c.is_ascii_digit());
            assert!(
                well_formed,
                "{}: rewrite source {source:?} is neither \"project\" nor a seed file name",
                rule.id()
            );
            if checked_files {
                assert!(
                    seeds.join(source).is_file(),
                    "{}: cites {source}, which is not in {}",
                    rule.id(),
                    seeds.display()
                );
            }
        }
    }
}

/// The files in `lexicons/` are the ones compiled in: parsing them at run time gives the same
/// rules, so the build script and the library agree on the schema.
#[test]
fn built_in_rules_match_the_lexicon_files() {
    let dir = repo_root().join("lexicons");
    let mut from_files = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let lexicon = Lexicon::parse(&path.display().to_string(), &text).unwrap();
        from_files.extend(lexicon.rules().map(|r| {
            (
                r.id().to_string(),
                r.phrases().map(str::to_string).collect::<Vec<_>>(),
                r.rewrites().to_vec(),
            )
        }));
    }
    let builtin: Vec<_> = Lexicon::builtin()
        .rules()
        .map(|r| {
            (
                r.id().to_string(),
                r.phrases().map(str::to_string).collect::<Vec<_>>(),
                r.rewrites().to_vec(),
            )
        })
        .collect();
    assert_eq!(builtin, from_files);
}
