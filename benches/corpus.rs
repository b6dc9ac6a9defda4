//! Inputs shared by the benchmarks: a 2 KB draft, the Enron corpus, text dense with findings and
//! synthetic lexicons. Included by each bench file with `#[path]`, so it is not a bench itself;
//! as a `pub mod`, so that what one bench does not use is not reported as dead code there.

use std::path::{Path, PathBuf};

use tonelint::{Lexicon, Linter};

/// The repository root (the benches are registered from `crates/tonelint`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A 2 KB draft: the sample drafts, repeated, cut at a character boundary.
pub fn draft_2k() -> String {
    let dir = root().join("examples/drafts");
    let mut text = String::new();
    for name in ["to-physician.txt", "to-physician-assertive.txt"] {
        text.push_str(&std::fs::read_to_string(dir.join(name)).unwrap_or_default());
        text.push_str("\n\n");
    }
    if text.trim().is_empty() {
        text =
            "You still haven't signed the discharge orders. This delay is unacceptable.\n\n".into();
    }
    let mut draft = String::with_capacity(2048);
    while draft.len() < 2048 {
        draft.push_str(&text);
    }
    let mut cut = 2048;
    while !draft.is_char_boundary(cut) {
        cut -= 1;
    }
    draft.truncate(cut);
    draft
}

/// The bodies of `../shared/data/enron/*.eml` (everything after the header's blank line),
/// concatenated with a blank line between them; `None` when the corpus is absent.
pub fn enron() -> Option<String> {
    let dir = root().join("../shared/data/enron");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    let mut corpus = String::new();
    for file in files {
        let bytes = std::fs::read(&file).ok()?;
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        let body = text
            .split_once("\n\n")
            .map_or(text.as_str(), |(_, body)| body);
        corpus.push_str(body);
        corpus.push_str("\n\n");
    }
    (!corpus.is_empty()).then_some(corpus)
}

/// Text where every sentence is flagged: the examples of every built-in rule, one after another,
/// repeated to about `bytes`.
pub fn adversarial(bytes: usize) -> String {
    let linter = Linter::new();
    let examples: Vec<&str> = linter.rules().flat_map(|r| r.examples()).collect();
    let mut text = String::with_capacity(bytes + 1024);
    'fill: loop {
        for example in &examples {
            text.push_str(example);
            text.push(' ');
            if text.len() >= bytes {
                break 'fill;
            }
        }
    }
    text
}

/// A lexicon of `rules` synthetic rules, each with as many phrases, alternatives and exceptions
/// as a typical built-in rule, on made-up words that never occur in mail.
pub fn synthetic_lexicon(rules: usize, seed: usize) -> Lexicon {
    let mut toml = String::new();
    for i in 0..rules {
        let w = |k: usize| format!("zq{}x{}", (i * 7 + k + seed * 131) % 997, k);
        toml.push_str(&format!(
            "[[rule]]\nid = \"synthetic.r{seed}-{i}\"\ncategory = \"vague\"\nseverity = \"info\"\n\
             message = \"m\"\nexplanation = \"e\"\n\
             phrases = [\"{{{a}|{b}}} you {c}\", \"we will {d} {{soon|later|eventually}}\", \"{e}\"]\n\
             exceptions = [\"not {e}\"]\n\
             [[rule.rewrite]]\ntext = \"t\"\nsource = \"project\"\n\n",
            a = w(1),
            b = w(2),
            c = w(3),
            d = w(4),
            e = w(5),
        ));
    }
    Lexicon::parse("synthetic.toml", &toml).expect("the synthetic lexicon is valid")
}
