//! The last stage: the matches that survived become the public [`Report`]: findings and strengths
//! with their lines, columns, text and effective severity, strength credit, and the summary.

use std::sync::Arc;

use super::Entries;
use super::Match;
use super::credit::drop_strengths_beside_harsh_findings;
use super::ids::StrengthIndex;
use super::merge::Joined;
use crate::category::Severity;
use crate::context::DraftKind;
use crate::position::Cursor;
use crate::report::{Finding, Report, StrengthMatch, Summary};

/// What a check found, ready to report: the findings in input order, the strengths matched, the
/// words counted and the tone model's score of the message, if it ran.
pub(super) struct Outcome {
    pub(super) findings: Vec<Joined>,
    pub(super) strengths: Vec<Match<StrengthIndex>>,
    pub(super) words: usize,
    pub(super) model_score: Option<u16>,
}

/// Reports `outcome`, a check of `text` with `entries`.
pub(super) fn report(text: &str, entries: &Entries, outcome: Outcome) -> Report {
    let context = if outcome.findings.is_empty() {
        None
    } else {
        Some(DraftKind::new(text))
    };
    let mut cursor = Cursor::new(text);
    let findings: Vec<Finding> = outcome
        .findings
        .into_iter()
        .map(|j| {
            let m = j.found;
            let start = cursor.advance_to(m.span.start.bytes());
            let mut severity = entries.severities[m.entry];
            if j.softened {
                severity = severity.min(Severity::Info);
            }
            Finding {
                rule: Arc::clone(&entries.rules[m.entry]),
                note: j.note,
                severity,
                end: cursor.peek(m.span.end.bytes()),
                start,
                text: text[m.span.range()].to_string(),
                span: m.span.range(),
                context: context.clone(),
            }
        })
        .collect();
    let mut cursor = Cursor::new(text);
    let mut strengths: Vec<StrengthMatch> = outcome
        .strengths
        .into_iter()
        .map(|m| {
            let start = cursor.advance_to(m.span.start.bytes());
            StrengthMatch {
                strength: Arc::clone(&entries.strengths[m.entry]),
                end: cursor.peek(m.span.end.bytes()),
                start,
                text: text[m.span.range()].to_string(),
                span: m.span.range(),
            }
        })
        .collect();
    drop_strengths_beside_harsh_findings(text, &findings, &mut strengths);
    let mut summary = Summary::of(&findings, &strengths, outcome.words);
    summary.model = outcome.model_score;
    Report {
        findings,
        strengths,
        summary,
    }
}
