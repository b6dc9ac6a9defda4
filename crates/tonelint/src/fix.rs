//! Applying the safe replacements some rules carry (`fix` in the lexicon), for `--fix`.
//!
//! Only a rule's `fix` is ever applied, never a rewrite: rewrites are whole assertive sentences
//! for a person to adapt, while a `fix` is marked by the lexicon as safe in any sentence.

use std::ops::Range;

use crate::report::{Finding, Report};

/// One replacement to make: a byte range and the text that replaces it.
///
/// `At` is the coordinate space the range counts in. The library's own edits ([`Report::fixes`])
/// count plain `usize` byte offsets in the checked text; a front end that maps them into another
/// space (the command maps them into the file a message was read from) keeps the same type with
/// an offset type of its own, so an edit in one space cannot be applied to text of another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit<At = usize> {
    /// Byte offsets, on char boundaries of the text they count in.
    pub span: Range<At>,
    /// What replaces the span.
    pub replacement: String,
}

impl Finding {
    /// The replacement `--fix` would make for this finding, when its rule has a safe `fix`: the
    /// fix with its first letter capitalised when the flagged text starts with a capital.
    pub fn fix(&self) -> Option<String> {
        let fix = self.rule().fix()?;
        let capital = self.text().chars().next().is_some_and(char::is_uppercase);
        let mut chars = fix.chars();
        Some(match chars.next() {
            Some(first) if capital => first.to_uppercase().chain(chars).collect(),
            _ => fix.to_string(),
        })
    }
}

impl Report {
    /// The edits that `--fix` makes for `text` (the text this report was made from), in order
    /// and without overlaps: where two fixable findings overlap, the first wins. Deleting words
    /// also takes one following space, so no double space is left behind.
    pub fn fixes(&self, text: &str) -> Vec<Edit> {
        let mut edits: Vec<Edit> = Vec::new();
        for finding in self.findings() {
            let Some(replacement) = finding.fix() else {
                continue;
            };
            let mut span = finding.span();
            if edits.last().is_some_and(|last| last.span.end > span.start) {
                continue;
            }
            if replacement.is_empty() && text[span.end..].starts_with(' ') {
                span.end += 1;
            }
            edits.push(Edit { span, replacement });
        }
        edits
    }
}

/// `text` with `edits` (in order, not overlapping, on char boundaries) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}
