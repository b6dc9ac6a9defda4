//! The project's own labelled corpus (`tests/corpus/*.toml`): realistic case-management drafts,
//! each listing the categories or rule ids it must and must not trigger.

use std::path::{Path, PathBuf};

use tonelint::{Linter, Report};

/// One labelled draft.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub id: String,
    pub audience: String,
    pub text: String,
    /// Categories or rule ids that must produce at least one finding.
    #[serde(default)]
    pub must: Vec<String>,
    /// Categories or rule ids that must produce no finding at all.
    #[serde(default)]
    pub must_not: Vec<String>,
    /// Why the draft is labelled as it is.
    #[serde(default)]
    pub note: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    draft: Vec<Draft>,
}

/// Reads every `*.toml` file in `dir`, in name order.
pub fn load(dir: &Path) -> Result<Vec<Draft>, String> {
    Ok(load_drafts::<CorpusFile>(dir)?
        .into_iter()
        .flat_map(|f| f.draft)
        .collect())
}

/// Parses every `*.toml` file in `dir` as a `T`, in name order; errors name the file.
pub fn load_drafts<T: serde::de::DeserializeOwned>(dir: &Path) -> Result<Vec<T>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(files)
}

/// Whether a finding of `report` matches `name`, a category or a rule id.
fn triggers(report: &Report, name: &str) -> bool {
    report
        .findings()
        .iter()
        .any(|f| f.rule_id() == name || f.category().as_str() == name)
}

/// The expectations of `draft` that `linter` breaks, as readable lines.
pub fn violations(linter: &Linter, draft: &Draft) -> Vec<String> {
    let report = linter.check(&draft.text);
    let found = || {
        report
            .findings()
            .iter()
            .map(|f| format!("{}[{}] {:?}", f.category(), f.rule_id(), f.text()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for name in &draft.must {
        if !triggers(&report, name) {
            out.push(format!(
                "{}: must trigger {name} ({}); found: [{}]",
                draft.id,
                draft.note,
                found()
            ));
        }
    }
    for name in &draft.must_not {
        if triggers(&report, name) {
            out.push(format!(
                "{}: must not trigger {name}; found: [{}]",
                draft.id,
                found()
            ));
        }
    }
    out
}

/// Whether a draft is labelled clean: nothing it must trigger.
pub fn is_clean(draft: &Draft) -> bool {
    draft.must.is_empty()
}
