//! The built-in tables and a run-time build from the same files find the same things.
//!
//! The build script compiles `lexicons/*.toml` into an embedded automaton and static rows; a user
//! lexicon is compiled when the linter is built. Both go through `tonelint-lexicon`, but the
//! built-in path also maps table entries to linter entries, serialises the tables and reads them
//! back in place, so this test holds the two to identical findings (rule, span, severity) and
//! strengths on every text the project owns: each entry's examples and counterexamples, the
//! corpus drafts and the held-out drafts, with every category on.

use std::fs;
use std::path::{Path, PathBuf};

use tonelint::{Lexicon, Linter, Report};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.toml` files of a folder, in name order.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The built-in linter and one built from the lexicon files at run time, both with `passive` on.
fn linters() -> (Linter, Linter) {
    let builtin = Linter::builder()
        .enable(["passive"])
        .build()
        .expect("the built-in lexicons build");
    let mut runtime = Linter::builder().builtin(false).enable(["passive"]);
    for path in toml_files(&repo_root().join("lexicons")) {
        let text = fs::read_to_string(&path).expect("a lexicon file reads");
        // The origin as the build script names built-in entries, so messages compare equal too.
        let origin = format!("lexicons/{}", path.file_name().unwrap().to_string_lossy());
        runtime = runtime.lexicon(Lexicon::parse(&origin, &text).expect("a lexicon file parses"));
    }
    let runtime = runtime
        .build()
        .expect("the lexicon files build at run time");
    (builtin, runtime)
}

/// The draft texts of the `[[draft]]` files in `dir`, named by file and id.
fn drafts(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in toml_files(&repo_root().join(dir)) {
        let text = fs::read_to_string(&path).expect("a draft file reads");
        let table: toml::Table = text.parse().expect("a draft file parses");
        let list = table["draft"].as_array().expect("[[draft]] entries");
        for (i, draft) in list.iter().enumerate() {
            let id = draft.get("id").and_then(|v| v.as_str()).unwrap_or("");
            let name = format!("{}#{i} {id}", path.display());
            out.push((name, draft["text"].as_str().expect("a text").to_string()));
        }
    }
    assert!(!out.is_empty(), "no drafts in {dir}");
    out
}

/// What a report says, in the terms the two linters must agree on.
fn seen(report: &Report) -> (Vec<String>, Vec<String>, i64, String) {
    let findings = report
        .findings()
        .iter()
        .map(|f| format!("{} {:?} {}", f.rule_id(), f.span(), f.severity()))
        .collect();
    let strengths = report
        .strengths()
        .iter()
        .map(|s| format!("{} {:?}", s.id(), s.span()))
        .collect();
    let summary = report.summary();
    (
        findings,
        strengths,
        i64::from(summary.score),
        summary.verdict.to_string(),
    )
}

#[test]
fn built_in_tables_and_a_run_time_build_find_the_same() {
    let (builtin, runtime) = linters();
    assert_eq!(builtin.rules().len(), runtime.rules().len());
    assert_eq!(builtin.strengths().len(), runtime.strengths().len());

    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |id: &str, examples: Vec<&str>| {
        texts.extend(
            examples
                .into_iter()
                .map(|t| (id.to_string(), t.to_string())),
        );
    };
    for rule in builtin.rules() {
        add(
            rule.id(),
            rule.examples().chain(rule.counterexamples()).collect(),
        );
    }
    for strength in builtin.strengths() {
        add(
            strength.id(),
            strength
                .examples()
                .chain(strength.counterexamples())
                .collect(),
        );
    }
    let entries = texts.len();
    texts.extend(drafts("tests/corpus"));
    texts.extend(drafts("tests/heldout"));
    assert!(
        entries > 300 && texts.len() > entries + 200,
        "too few texts: {}",
        texts.len()
    );

    let mut differ = Vec::new();
    let mut findings = 0;
    for (name, text) in &texts {
        let want = seen(&builtin.check(text));
        let got = seen(&runtime.check(text));
        findings += want.0.len();
        if want != got {
            differ.push(format!(
                "{name}:\n  built in: {want:?}\n  run time: {got:?}"
            ));
        }
    }
    assert!(findings > 500, "suspiciously few findings: {findings}");
    assert!(
        differ.is_empty(),
        "{} of {} texts differ:\n{}",
        differ.len(),
        texts.len(),
        differ.join("\n")
    );
}
