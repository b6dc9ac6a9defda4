//! What a check returns: the findings, and a summary of the message as a whole.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::category::{Category, Severity};
use crate::context::{Context, DraftKind};
use crate::position::LineColumn;
use crate::rule::{Rewrite, Rule, Strength};

/// One flagged phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub(crate) rule: Arc<Rule>,
    /// This finding's own message, where it says more than the rule's (the tone model names the
    /// words that weighed).
    pub(crate) note: Option<String>,
    pub(crate) severity: Severity,
    pub(crate) span: Range<usize>,
    pub(crate) start: LineColumn,
    pub(crate) end: LineColumn,
    pub(crate) text: String,
    /// What kind of message the draft is, which orders the rewrites; shared by a report's
    /// findings and worked out when first asked for.
    pub(crate) context: Option<Arc<DraftKind>>,
}

impl Finding {
    /// The rule that matched.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The matched rule's id.
    pub fn rule_id(&self) -> &str {
        self.rule.id()
    }

    /// The matched rule's category.
    pub fn category(&self) -> Category {
        self.rule.category()
    }

    /// The finding's severity: the rule's, unless the linter was built with an override.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Byte offsets of the flagged text in the checked input; both ends are char boundaries, so
    /// `&input[finding.span()]` is the flagged text.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Line and column (1-based, in terminal cells) where the flagged text starts.
    pub fn start(&self) -> LineColumn {
        self.start
    }

    /// Line and column just past the flagged text.
    pub fn end(&self) -> LineColumn {
        self.end
    }

    /// The flagged text, exactly as it appears in the input.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why the phrasing lands badly, in one line.
    pub fn message(&self) -> &str {
        self.note.as_deref().unwrap_or(self.rule.message())
    }

    /// Assertive ways to say it, best first for this draft: those written for its kind of
    /// message (see [`Finding::context`]) before the others, each with its source.
    pub fn rewrites(&self) -> Vec<&Rewrite> {
        let mut rewrites: Vec<&Rewrite> = self.rule.rewrites().iter().collect();
        // Stable: among equally fitting rewrites, the lexicon's order stands.
        let kind = self.context();
        rewrites.sort_by_key(|r| kind.fit(r.context()));
        rewrites
    }

    /// The rewrites that fit this draft best: the first of [`Finding::rewrites`] and any that fit
    /// as well. A discharge message gets the seed articles' wording, a support ticket the
    /// general one.
    pub fn best_rewrites(&self) -> Vec<&Rewrite> {
        let mut rewrites = self.rewrites();
        let kind = self.context();
        if let Some(best) = rewrites.first().map(|r| kind.fit(r.context())) {
            rewrites.retain(|r| kind.fit(r.context()) == best);
        }
        rewrites
    }

    /// What kind of message the checked draft is (guessed from its words), for which the first
    /// rewrite was chosen.
    pub fn context(&self) -> Context {
        self.context
            .as_ref()
            .map_or(Context::General, |kind| kind.get())
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 11)?;
        s.serialize_field("rule", self.rule_id())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("severity", &self.severity())?;
        s.serialize_field("span", &SpanJson::from(&self.span))?;
        s.serialize_field("line", &self.start.line)?;
        s.serialize_field("column", &self.start.column)?;
        s.serialize_field("end_line", &self.end.line)?;
        s.serialize_field("end_column", &self.end.column)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("rewrites", &self.rewrites())?;
        s.end()
    }
}

/// A recognised strength: a move the seed documents recommend, found in the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrengthMatch {
    pub(crate) strength: Arc<Strength>,
    pub(crate) span: Range<usize>,
    pub(crate) start: LineColumn,
    pub(crate) end: LineColumn,
    pub(crate) text: String,
}

impl StrengthMatch {
    /// The strength that matched.
    pub fn strength(&self) -> &Strength {
        &self.strength
    }

    /// The strength's id, such as `strength.collaborative-question`.
    pub fn id(&self) -> &str {
        self.strength.id()
    }

    /// Byte offsets of the recognised text in the checked input, on char boundaries.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Line and column (1-based, in terminal cells) where the recognised text starts.
    pub fn start(&self) -> LineColumn {
        self.start
    }

    /// Line and column just past the recognised text.
    pub fn end(&self) -> LineColumn {
        self.end
    }

    /// The recognised text, exactly as it appears in the input.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the move does for the reader, in one line.
    pub fn message(&self) -> &str {
        self.strength.message()
    }
}

impl Serialize for StrengthMatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("StrengthMatch", 9)?;
        s.serialize_field("strength", self.id())?;
        s.serialize_field("span", &SpanJson::from(&self.span))?;
        s.serialize_field("line", &self.start.line)?;
        s.serialize_field("column", &self.start.column)?;
        s.serialize_field("end_line", &self.end.line)?;
        s.serialize_field("end_column", &self.end.column)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("source", self.strength.source())?;
        s.end()
    }
}

#[derive(serde::Serialize)]
struct SpanJson {
    start: usize,
    end: usize,
}

impl From<&Range<usize>> for SpanJson {
    fn from(span: &Range<usize>) -> SpanJson {
        SpanJson {
            start: span.start,
            end: span.end,
        }
    }
}

/// The overall reading of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Verdict {
    /// Nothing at warning or above: clear, respectful and direct.
    Assertive,
    /// Aggressive findings weigh most.
    Aggressive,
    /// Demanding findings weigh most.
    Demanding,
    /// Vague findings weigh most.
    Vague,
    /// Accusatory findings weigh most.
    Accusatory,
    /// Passive findings weigh most.
    Passive,
}

impl Verdict {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Assertive => "assertive",
            Verdict::Aggressive => "aggressive",
            Verdict::Demanding => "demanding",
            Verdict::Vague => "vague",
            Verdict::Accusatory => "accusatory",
            Verdict::Passive => "passive",
        }
    }

    fn of(category: Category) -> Verdict {
        // `Category` is `#[non_exhaustive]` and lives in another crate, so a `match` over it
        // would need a catch-all arm. The table's length is `Category::ALL`'s instead: a new
        // category does not compile until it has a verdict.
        const BY_CATEGORY: [(Category, Verdict); Category::ALL.len()] = [
            (Category::Aggressive, Verdict::Aggressive),
            (Category::Demanding, Verdict::Demanding),
            (Category::Accusatory, Verdict::Accusatory),
            (Category::Vague, Verdict::Vague),
            (Category::Passive, Verdict::Passive),
        ];
        BY_CATEGORY[category.index()].1
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much one finding adds to the harshness score. A soft hedge (`info`) adds nothing, so a
/// message whose only findings are hedges still reads as assertive.
pub fn severity_points(severity: Severity) -> u32 {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 2,
        Severity::Error => 5,
    }
}

/// How much each distinct strength takes off the harshness score.
pub const STRENGTH_CREDIT: i32 = 1;

/// Counts and the overall reading of one checked message.
///
/// **Harshness score**: 2 for each `warning` finding and 5 for each `error` finding (`info`
/// findings, soft hedges, add nothing), minus 1 for each distinct strength the message shows
/// (acknowledging the reader, gratitude, a collaborative question, a concrete date). A message
/// with no finding at warning or above therefore scores 0, or below 0 when it shows strengths;
/// the higher the score, the harsher the message reads.
///
/// **Verdict**: `assertive` when there is no finding at warning or above; otherwise the category
/// whose findings add the most points, ties going to the harsher category (in the order of
/// [`Category::ALL`]: aggressive, demanding, accusatory, vague, passive). Strengths lower the score but do not change the verdict: a hostile
/// sentence is not excused by a polite one elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Words in the input (runs of letters and digits, apostrophes inside a word included).
    pub words: usize,
    /// Findings in all.
    pub findings: usize,
    /// Findings per category; every category is present, with 0 when none.
    pub by_category: BTreeMap<Category, usize>,
    /// Findings per severity; every severity is present, with 0 when none.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Distinct strengths recognised.
    pub strengths: usize,
    /// The harshness score (see the type's documentation).
    pub score: i32,
    /// The overall reading.
    pub verdict: Verdict,
    /// The tone model's probability that the whole message reads as harsh, in thousandths
    /// (0 to 1000); `None` when the model is off.
    pub model: Option<u16>,
}

impl Summary {
    pub(crate) fn of(findings: &[Finding], strengths: &[StrengthMatch], words: usize) -> Summary {
        let mut by_category: BTreeMap<Category, usize> =
            Category::ALL.iter().map(|&c| (c, 0)).collect();
        let mut by_severity: BTreeMap<Severity, usize> =
            Severity::ALL.iter().map(|&s| (s, 0)).collect();
        let mut points: BTreeMap<Category, u32> = BTreeMap::new();
        for finding in findings {
            *by_category.entry(finding.category()).or_default() += 1;
            *by_severity.entry(finding.severity()).or_default() += 1;
            *points.entry(finding.category()).or_default() += severity_points(finding.severity());
        }
        let mut distinct: Vec<&str> = strengths.iter().map(StrengthMatch::id).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let penalty: u32 = points.values().sum();
        let score =
            i32::try_from(penalty).unwrap_or(i32::MAX) - STRENGTH_CREDIT * distinct.len() as i32;
        // Category::ALL is ordered harshest first, so `max_by_key` must keep the first maximum.
        let verdict = Category::ALL
            .iter()
            .map(|&c| (c, points.get(&c).copied().unwrap_or(0)))
            .filter(|&(_, p)| p > 0)
            .fold(None::<(Category, u32)>, |best, (c, p)| match best {
                Some((_, bp)) if bp >= p => best,
                _ => Some((c, p)),
            })
            .map_or(Verdict::Assertive, |(c, _)| Verdict::of(c));
        Summary {
            words,
            findings: findings.len(),
            by_category,
            by_severity,
            strengths: distinct.len(),
            score,
            verdict,
            model: None,
        }
    }
}

/// Everything a check found in one message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) strengths: Vec<StrengthMatch>,
    pub(crate) summary: Summary,
}

impl Report {
    /// The findings, in input order (by start, then by end).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The strengths recognised, in input order. They are not findings: they never fail a check.
    pub fn strengths(&self) -> &[StrengthMatch] {
        &self.strengths
    }

    /// Counts, score and verdict.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Whether any finding is at `severity` or above.
    pub fn has_findings_at_least(&self, severity: Severity) -> bool {
        self.findings.iter().any(|f| f.severity() >= severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_its_own_verdict() {
        for category in Category::ALL {
            assert_eq!(Verdict::of(category).as_str(), category.as_str());
        }
    }
}
