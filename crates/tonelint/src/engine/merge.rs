//! Merging the layers: the tone grammar's shape matches and the tone model's candidates join the
//! phrase layer's findings, and the grammar's guards drop or soften what they cover.

use tonelint_grammar::{Effect, Scan};

use super::Match;
use super::guards::{Cover, GuardTargets};
use super::ids::RuleIndex;
use super::model::ModelCandidate;
use super::overlap::MAX_LOOKBACK;
use super::span::TextSpan;
use crate::category::Category;

/// Joins the grammar's matches and the tone model's candidates to the phrase matcher's
/// findings:
/// - a shape match that overlaps a phrase finding adds nothing (one span, one message; the
///   phrase's is the more specific) and is dropped;
/// - a finding a guard covers is dropped, or softened to information;
/// - a model candidate stands only in a sentence where no rule found anything.
///
/// Returns the findings in input order.
pub(crate) fn merge_layers(
    guards: &GuardTargets,
    phrases: Vec<Match<RuleIndex>>,
    model: Vec<ModelCandidate>,
    scan: &Scan,
    category: impl Fn(RuleIndex) -> Category,
) -> Vec<Joined> {
    let mut all: Vec<Joined> = Vec::with_capacity(phrases.len() + scan.matches.len());
    for m in &scan.matches {
        // The grammar adds each chunk's start to what it reports: its spans are in the text.
        let span = TextSpan::new(m.span.clone());
        let at = phrases.partition_point(|p| p.span.start < span.end);
        let overlaps = phrases[..at]
            .iter()
            .rev()
            .take_while(|p| p.span.start + MAX_LOOKBACK > span.start)
            .any(|p| p.span.end > span.start);
        if !overlaps {
            all.push(Joined::new(
                Match {
                    entry: m.rule,
                    span,
                },
                m.softened,
            ));
        }
    }
    let shapes_added = !all.is_empty();
    all.extend(phrases.into_iter().map(|m| Joined::new(m, false)));
    if shapes_added {
        sort_in_input_order(&mut all);
    }
    let guarded = !scan.guarded.is_empty();
    let (dropped, softened) = if guarded {
        (
            Cover::new(scan, guards, Effect::Drop),
            Cover::new(scan, guards, Effect::Soften),
        )
    } else {
        (Cover::empty(), Cover::empty())
    };
    let keep = |list: &mut Vec<Joined>| {
        if guarded {
            cover(&dropped, &softened, &category, list);
        }
    };
    keep(&mut all);
    if model.is_empty() {
        return all;
    }
    let mut added = Vec::new();
    for candidate in model {
        let at = all.partition_point(|j| j.found.span.start < candidate.sentence.end);
        let ruled = all[..at]
            .iter()
            .rev()
            .take_while(|j| j.found.span.start + MAX_LOOKBACK > candidate.sentence.start)
            .any(|j| j.found.span.end > candidate.sentence.start);
        if !ruled {
            let mut joined = Joined::new(candidate.found, false);
            joined.note = Some(candidate.note);
            added.push(joined);
        }
    }
    keep(&mut added);
    if !added.is_empty() {
        all.extend(added);
        sort_in_input_order(&mut all);
    }
    all
}

/// Puts findings in input order: by start, the longer first, then by rule.
pub(crate) fn sort_in_input_order(findings: &mut [Joined]) {
    findings.sort_by_key(|j| {
        (
            j.found.span.start,
            std::cmp::Reverse(j.found.span.end),
            j.found.entry,
        )
    });
}

/// Drops the findings of `list` that a guard covers, and softens those a softening guard covers.
fn cover(
    dropped: &Cover,
    softened: &Cover,
    category: &impl Fn(RuleIndex) -> Category,
    list: &mut Vec<Joined>,
) {
    list.retain(|j| !dropped.covers(category(j.found.entry), j.found.entry, j.found.span));
    for j in list.iter_mut() {
        j.softened |= softened.covers(category(j.found.entry), j.found.entry, j.found.span);
    }
}

/// The model's later readings (of the whole message, of the sentences that support it) as
/// findings, after the guards the rules' findings went through: those a guard drops (reported or
/// quoted speech, a care instruction) are left out.
pub(crate) fn guard_model_readings(
    guards: &GuardTargets,
    readings: Vec<ModelCandidate>,
    scan: &Scan,
    category: impl Fn(RuleIndex) -> Category,
) -> Vec<Joined> {
    let mut list: Vec<Joined> = readings
        .into_iter()
        .map(|reading| {
            let mut joined = Joined::new(reading.found, false);
            joined.note = Some(reading.note);
            joined
        })
        .collect();
    if !scan.guarded.is_empty() {
        cover(
            &Cover::new(scan, guards, Effect::Drop),
            &Cover::new(scan, guards, Effect::Soften),
            &category,
            &mut list,
        );
    }
    list
}

/// A finding on its way into a report: the match, whether a guard or cue softened it, and its
/// own message if it has one.
pub(crate) struct Joined {
    pub(crate) found: Match<RuleIndex>,
    pub(crate) softened: bool,
    pub(crate) note: Option<String>,
}

impl Joined {
    fn new(found: Match<RuleIndex>, softened: bool) -> Joined {
        Joined {
            found,
            softened,
            note: None,
        }
    }
}
