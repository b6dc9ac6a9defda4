//! The blind set (`tests/blind/*.toml`): drafts written by writers who saw only the category
//! definitions and the audiences, never the lexicons. Its figures were recorded before any
//! curation; nobody curates or trains from it afterwards (see `tests/blind/README.md`).

use std::path::Path;

use tonelint::{Category, Report, Severity};

/// One labelled blind draft.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub id: String,
    pub audience: String,
    /// The categories the writer meant the draft to carry; empty for a clean draft.
    pub labels: Vec<String>,
    /// A clean draft that a careless checker would flag (firm refusals, clinical instructions,
    /// quoted complaints...).
    #[serde(default)]
    pub hard_negative: bool,
    pub text: String,
    /// The exact substrings that carry the labels.
    #[serde(default)]
    pub key_phrases: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl Draft {
    pub fn is_clean(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn has(&self, category: Category) -> bool {
        self.labels.iter().any(|l| l == category.as_str())
    }

    /// Labelled aggressive, demanding or accusatory.
    pub fn is_harsh(&self) -> bool {
        HARSH.iter().any(|&c| self.has(c))
    }
}

/// The categories that make a draft harsh.
pub const HARSH: [Category; 3] = [
    Category::Aggressive,
    Category::Demanding,
    Category::Accusatory,
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BlindFile {
    draft: Vec<Draft>,
}

/// Reads every `*.toml` file in `dir`, in name order.
pub fn load(dir: &Path) -> Result<Vec<Draft>, String> {
    Ok(crate::corpus::load_drafts::<BlindFile>(dir)?
        .into_iter()
        .flat_map(|f| f.draft)
        .collect())
}

/// Whether `report` has a finding of `category` at `least` or above.
pub fn caught(report: &Report, category: Category, least: Severity) -> bool {
    report
        .findings()
        .iter()
        .any(|f| f.category() == category && f.severity() >= least)
}

/// A harsh draft is caught when a warning or above in a harsh category is found.
pub fn harsh_caught(report: &Report) -> bool {
    HARSH.iter().any(|&c| caught(report, c, Severity::Warning))
}

/// Any finding at warning or above, whatever its category: what a clean draft must not get.
pub fn warned(report: &Report) -> bool {
    report
        .findings()
        .iter()
        .any(|f| f.severity() >= Severity::Warning)
}

/// How many of the draft's key phrases some finding overlaps, and how many there are.
pub fn key_phrases_overlapped(draft: &Draft, report: &Report) -> (usize, usize) {
    let mut hit = 0;
    let mut total = 0;
    for phrase in &draft.key_phrases {
        let Some(start) = draft.text.find(phrase.as_str()) else {
            continue;
        };
        total += 1;
        let end = start + phrase.len();
        if report
            .findings()
            .iter()
            .any(|f| f.span().start < end && start < f.span().end)
        {
            hit += 1;
        }
    }
    (hit, total)
}
