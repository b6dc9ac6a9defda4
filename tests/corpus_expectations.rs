//! Every draft of the project's own corpus (`tests/corpus/*.toml`) triggers what it must and
//! nothing it must not. The corpus is realistic case-management mail, written independently of
//! the lexicons, half of it assertive and clean.

use std::path::PathBuf;

use tonelint::Linter;
use tonelint_eval::corpus;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

#[test]
fn every_corpus_expectation_holds() {
    let drafts = corpus::load(&corpus_dir()).unwrap();
    let linter = Linter::new();
    let violations: Vec<String> = drafts
        .iter()
        .flat_map(|d| corpus::violations(&linter, d))
        .collect();
    assert!(
        violations.is_empty(),
        "{} broken expectations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn the_corpus_is_large_and_balanced() {
    let drafts = corpus::load(&corpus_dir()).unwrap();
    let clean = drafts.iter().filter(|d| corpus::is_clean(d)).count();
    assert!(drafts.len() >= 150, "only {} drafts", drafts.len());
    assert!(
        clean * 2 >= drafts.len() - 10 && clean * 2 <= drafts.len() + 10,
        "{clean} of {} clean",
        drafts.len()
    );
    let mut ids: Vec<&str> = drafts.iter().map(|d| d.id.as_str()).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "draft ids must be unique");
}

#[test]
fn no_clean_draft_gets_a_model_finding() {
    let drafts = tonelint_eval::corpus::load(&corpus_dir()).expect("the corpus loads");
    let linter = Linter::builder()
        .model(true)
        .build()
        .expect("the built-in lexicons build");
    let flagged: Vec<String> = drafts
        .iter()
        .filter(|d| tonelint_eval::corpus::is_clean(d))
        .flat_map(|d| {
            linter
                .check(&d.text)
                .findings()
                .iter()
                .filter(|f| f.rule_id().starts_with("model."))
                .map(|f| format!("{}: {} {:?}", d.id, f.rule_id(), f.text()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}
