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
