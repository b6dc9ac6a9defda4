//! The engine: what a check does to a message, stage by stage, one module per stage. The
//! pipeline, its coordinate spaces and how to add a construct are described in `docs/design.md`.
//!
//! Per chunk of the input ([`chunks`]):
//! 1. the phrase layer ([`phrases`]): [`tokens`] → word automata ([`automaton`], [`scan`]) and
//!    [`triggers`] → joining gapped exceptions ([`gapped`]) → lexicon regexes ([`patterns`]) →
//!    exception cover ([`exceptions`]) → overlap resolution ([`overlap`]);
//! 2. the tone grammar ([`shapes`]): sentences, word classes, shapes and guards;
//! 3. the tone model's second opinion ([`model`]), sentence by sentence.
//!
//! Then for the whole input: the layers are merged and guards applied ([`merge`], [`guards`]),
//! quoted speech ([`quotes`]) and the message's own suppressions ([`suppress`]) are dropped, and
//! the [`report`] is made, crediting strengths outside harsh sentences ([`credit`],
//! [`sentences`]).

mod automaton;
// The word automaton opened up for `benches/phrase_automaton.rs` (issue 12); not part of the API.
pub(crate) mod bench;
mod chunks;
mod credit;
mod exceptions;
mod gapped;
mod guards;
mod ids;
mod merge;
pub(crate) mod model;
mod overlap;
mod patterns;
mod phrases;
mod prebuilt;
mod quotes;
mod report;
mod scan;
mod sentences;
mod shapes;
mod span;
mod suppress;
mod tokens;
mod triggers;

use std::ops::Range;
use std::sync::Arc;

pub(crate) use automaton::{BuiltinEntries, EntrySelection};
pub(crate) use ids::{PerRule, PerStrength, Position, RuleIndex, StrengthIndex};
pub(crate) use model::ModelLayer;
pub(crate) use phrases::PhraseMatcher;
pub(crate) use shapes::{ShapeLayer, UserGrammar};

use crate::category::Severity;
use crate::report::Report;
use crate::rule::{Rule, Strength};
use model::{ModelCandidate, ModelScratch};
use phrases::{Found, PhraseScratch};
use span::{Chunk, TextOffset, TextSpan};

/// The entries a linter checks with: its rules with whether each is on and its effective
/// severity, and the strengths it kept.
pub(crate) struct Entries {
    pub(crate) rules: PerRule<Arc<Rule>>,
    pub(crate) enabled: PerRule<bool>,
    pub(crate) severities: PerRule<Severity>,
    pub(crate) strengths: PerStrength<Arc<Strength>>,
}

/// A match of entry `entry` (a [`RuleIndex`] or a [`StrengthIndex`]) in the checked text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match<I> {
    pub(crate) entry: I,
    pub(crate) span: TextSpan,
}

/// Whether a strength match asks for the reader's view or offers help: where the tone model's
/// second opinion gives way.
fn invites_the_reader(entries: &Entries, m: &Match<StrengthIndex>) -> bool {
    matches!(
        entries.strengths[m.entry].id(),
        "strength.invites-input"
            | "strength.collaborative-question"
            | "strength.offer-help"
            | "strength.acknowledge"
    )
}

/// The built layers of judgement.
pub(crate) struct Engine {
    pub(crate) phrases: PhraseMatcher,
    pub(crate) shapes: ShapeLayer,
    /// The tone model, unless it was switched off.
    pub(crate) model: Option<ModelLayer>,
}

/// Everything one check writes into while it works, kept for the next check.
#[derive(Default)]
pub(crate) struct Scratch {
    phrases: PhraseScratch,
    grammar: tonelint_grammar::Scratch,
    model: ModelScratch,
}

impl Engine {
    /// Checks `text` against `entries`.
    pub(crate) fn check(&self, text: &str, entries: &Entries, scratch: &mut Scratch) -> Report {
        let Scratch {
            phrases: phrase_scratch,
            grammar: grammar_scratch,
            model: model_scratch,
        } = scratch;
        phrase_scratch.start_check();
        model_scratch.start_check();
        let mut found = Found::default();
        let mut scan = tonelint_grammar::Scan::default();
        let mut model_candidates: Vec<ModelCandidate> = Vec::new();
        let enabled = |rule: RuleIndex| entries.enabled.get(rule).copied().unwrap_or(false);
        let mut start = TextOffset::new(0);
        for piece in chunks::chunks(text) {
            let chunk = Chunk { text: piece, start };
            // Where this chunk's findings will start in each layer's list, so that the guards
            // below are looked for against this chunk's findings only and the work stays linear
            // in the input.
            let chunk_from = (
                found.rules.len(),
                scan.matches.len(),
                model_candidates.len(),
                model_scratch.leaning_count(),
            );
            self.phrases.find(&chunk, phrase_scratch, &mut found);
            // The grammar adds the chunk's start to every span it reports.
            let base = chunk.start.bytes();
            let grammar = &self.shapes.grammar;
            grammar.scan_shapes(piece, base, &enabled, grammar_scratch, &mut scan);
            if let Some(model) = &self.model {
                model.score_chunk(
                    grammar_scratch,
                    &chunk,
                    text,
                    model_scratch,
                    &mut model_candidates,
                );
            }
            // Guards only drop or soften findings: they are looked for only around the sentences
            // something may be reported in, whatever the layer, now or once the message is read.
            let findings = SpanIndex::new(
                found.rules[chunk_from.0..]
                    .iter()
                    .map(|m| m.span.range())
                    .chain(scan.matches[chunk_from.1..].iter().map(|m| m.span.clone()))
                    .chain(
                        model_candidates[chunk_from.2..]
                            .iter()
                            .map(|c| c.sentence.range()),
                    )
                    .chain(
                        model_scratch
                            .places_to_report(chunk_from.3)
                            .map(|p| p.range()),
                    )
                    // One byte either side, so that an empty span still meets its sentence.
                    .map(|r| r.start.saturating_sub(1)..r.end + 1),
            );
            grammar.scan_guards(
                base,
                &|sentence| findings.overlaps(sentence),
                grammar_scratch,
                &mut scan,
            );
            start = start + chunk.len();
        }
        // Likewise a sentence the model would report gives way where it asks for the reader's
        // view or offers help ("Do you need me to email it to you?").
        model_candidates.retain(|c| {
            !found
                .strengths
                .iter()
                .any(|m| invites_the_reader(entries, m) && c.sentence.overlaps(m.span))
        });
        let mut findings = merge::merge_layers(
            &self.shapes.guards,
            found.rules,
            model_candidates,
            &scan,
            |rule| entries.rules[rule].category(),
        );
        quotes::drop_quoted(text, &mut findings);
        suppress::drop_suppressed(text, &entries.rules, &mut findings);
        if let Some(model) = &self.model {
            let invites = found
                .strengths
                .iter()
                .any(|m| invites_the_reader(entries, m));
            // Where the writer asks for the reader's view or offers help, and no rule found
            // anything harsh, the model's reading of the whole message gives way: on short
            // questions such as "What do you think?" it has too little to go on.
            if !invites {
                self.add_message_reading(text, entries, model, &scan, model_scratch, &mut findings);
            }
            self.add_supporting(
                text,
                entries,
                model,
                &scan,
                &found.strengths,
                model_scratch,
                &mut findings,
            );
        }
        let outcome = report::Outcome {
            findings,
            strengths: found.strengths,
            words: phrase_scratch.words(&self.phrases),
            model_score: self
                .model
                .as_ref()
                .map(|model| model.message_score(model_scratch)),
        };
        report::report(text, entries, outcome)
    }

    /// The model's second opinion on the message as a whole: when no finding of a harsh
    /// category is left at warning or above and the message reads as harsh, a finding on its
    /// harshest sentence, unless a guard, quotes or a suppression covers it.
    fn add_message_reading(
        &self,
        text: &str,
        entries: &Entries,
        model: &ModelLayer,
        scan: &tonelint_grammar::Scan,
        scratch: &mut ModelScratch,
        findings: &mut Vec<merge::Joined>,
    ) {
        if harsh_reported(entries, findings) {
            return;
        }
        let Some(reading) = model.message_reading(text, scratch) else {
            return;
        };
        let mut extra =
            merge::guard_model_readings(&self.shapes.guards, vec![reading], scan, |rule| {
                entries.rules[rule].category()
            });
        quotes::drop_quoted(text, &mut extra);
        suppress::drop_suppressed(text, &entries.rules, &mut extra);
        if extra.is_empty() {
            return;
        }
        findings.extend(extra);
        merge::sort_in_input_order(findings);
    }

    /// In a message reported as harsh, the sentences that lean harsh to the model and that no
    /// finding points at yet become findings too, as information: the writer sees every sentence
    /// that carries the tone. They add nothing to the score or the verdict.
    #[allow(clippy::too_many_arguments)]
    fn add_supporting(
        &self,
        text: &str,
        entries: &Entries,
        model: &ModelLayer,
        scan: &tonelint_grammar::Scan,
        strengths: &[Match<StrengthIndex>],
        scratch: &mut ModelScratch,
        findings: &mut Vec<merge::Joined>,
    ) {
        if !harsh_reported(entries, findings) {
            return;
        }
        // On its weaker reading the model gives way to any strength of the sentence: a
        // courteous request ("Call me when you get a chance") is not pointed at.
        let pointed_at = SpanIndex::new(
            findings
                .iter()
                .map(|j| j.found.span.range())
                .chain(strengths.iter().map(|m| m.span.range())),
        );
        let taken = |sentence: TextSpan| pointed_at.overlaps(sentence.range());
        let candidates = model.supporting(text, taken, scratch);
        if candidates.is_empty() {
            return;
        }
        let mut extra =
            merge::guard_model_readings(&self.shapes.guards, candidates, scan, |rule| {
                entries.rules[rule].category()
            });
        quotes::drop_quoted(text, &mut extra);
        suppress::drop_suppressed(text, &entries.rules, &mut extra);
        if extra.is_empty() {
            return;
        }
        for joined in &mut extra {
            joined.softened = true;
        }
        findings.extend(extra);
        merge::sort_in_input_order(findings);
    }
}

/// Spans sorted by start, each with the furthest end reached up to it: whether any of them
/// overlaps a span is a binary search, not a scan, so a long message with a finding in every
/// sentence costs no time in the square of its length.
struct SpanIndex {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = Range<usize>>) -> SpanIndex {
        let mut spans: Vec<Range<usize>> = spans.collect();
        spans.sort_unstable_by_key(|s| s.start);
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        SpanIndex {
            starts: spans.iter().map(|s| s.start).collect(),
            reach,
        }
    }

    /// Whether a span starts before `span` ends and ends after it starts (`Span::overlaps`).
    fn overlaps(&self, span: Range<usize>) -> bool {
        let starting_before_its_end = self.starts.partition_point(|&s| s < span.end);
        starting_before_its_end > 0 && self.reach[starting_before_its_end - 1] > span.start
    }
}

/// Whether a finding of a harsh category stands at warning or above.
fn harsh_reported(entries: &Entries, findings: &[merge::Joined]) -> bool {
    findings.iter().any(|j| {
        !j.softened
            && entries.rules[j.found.entry].category().is_harsh()
            && entries.severities[j.found.entry] >= Severity::Warning
    })
}

#[cfg(test)]
mod tests {
    use super::SpanIndex;

    /// The index answers as a scan of every span with `Span::overlaps`' rule would.
    #[test]
    fn span_index_agrees_with_a_scan() {
        let spans = [3..9, 0..1, 20..20, 12..15, 5..6, 30..44];
        let index = SpanIndex::new(spans.iter().cloned());
        for start in 0..50 {
            for end in start..50 {
                let scan = spans.iter().any(|s| s.start < end && start < s.end);
                assert_eq!(index.overlaps(start..end), scan, "{start}..{end}");
            }
        }
        assert!(!SpanIndex::new(std::iter::empty()).overlaps(0..10));
    }
}
