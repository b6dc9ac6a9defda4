//! Finding rule matches in text: one Aho-Corasick automaton over every folded phrase variant and
//! exception of every enabled rule, plus a regex set for the few shape patterns.
//!
//! The input is folded chunk by chunk into a small buffer (lower case, look-alikes unified,
//! white space collapsed, invisible characters dropped) with a map from each folded byte back to
//! the input, so spans always point into the original text.

use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use crate::category::Category;
use crate::fold::{Folded, fold_char, is_word_char};
use crate::lexicon::spec::{MAX_GAP_WORDS, PATTERN_SIZE_LIMIT};
use crate::rule::{Rule, Strength};

/// Which kind of lexicon entry a match belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Rule,
    Strength,
}

/// What part an automaton pattern plays for its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Phrase,
    Exception,
    /// The words before the ` ... ` of gapped exception number N.
    GapBefore(u32),
    /// The words after the ` ... ` of gapped exception number N.
    GapAfter(u32),
}

/// The name of the capture group that, when a pattern has it, is the flagged span.
const SPAN_GROUP: &str = "span";

/// The index of an exception that applies to every rule (a user's allowed phrase).
const ANY_RULE: u32 = u32::MAX;

/// What one automaton pattern stands for.
#[derive(Clone, Copy, Debug)]
struct Target {
    kind: Kind,
    index: u32,
    role: Role,
    /// The variant starts with a word character, so the match must start at a word boundary.
    bounded_start: bool,
    /// The variant ends with a word character, so the match must end at a word boundary.
    bounded_end: bool,
}

/// A match before positions are worked out: the entry's index among the rules or among the
/// strengths, and the byte span in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub(crate) index: usize,
    pub(crate) span: Range<usize>,
}

pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    targets: Vec<Target>,
    /// Parallel to the set's patterns: the entry each belongs to and the compiled regex.
    patterns: Vec<(Kind, usize, Regex)>,
    categories: Vec<Category>,
}

/// Scratch space for folding one chunk; reused across chunks of one check.
#[derive(Default)]
pub(crate) struct Folding {
    text: String,
    /// For each byte of `text`, the input offset of the character it came from.
    origin: Vec<usize>,
    /// Words seen so far.
    pub(crate) words: usize,
}

/// Where one check's matches go.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) rules: Vec<RawMatch>,
    pub(crate) strengths: Vec<RawMatch>,
}

impl Matcher {
    /// Builds the matcher over the enabled `rules` and all `strengths`. Matches name entries by
    /// their index in these slices.
    pub(crate) fn new(
        rules: &[Arc<Rule>],
        enabled: &[bool],
        strengths: &[Arc<Strength>],
        allowed: &[String],
    ) -> Result<Matcher, String> {
        let entries = rules
            .iter()
            .zip(enabled)
            .enumerate()
            .filter(|(_, (_, on))| **on)
            .map(|(i, (r, _))| (Kind::Rule, i, r.id(), &r.matching))
            .chain(
                strengths
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (Kind::Strength, i, s.id(), &s.matching)),
            );
        let mut variants: Vec<&str> = Vec::new();
        let mut targets = Vec::new();
        let mut patterns = Vec::new();
        let mut gaps = 0u32;
        for (kind, index, id, matching) in entries {
            let mut lists = vec![
                (&matching.phrase_variants, Role::Phrase),
                (&matching.exception_variants, Role::Exception),
            ];
            for (before, after) in matching.exception_gaps.iter() {
                lists.push((before, Role::GapBefore(gaps)));
                lists.push((after, Role::GapAfter(gaps)));
                gaps += 1;
            }
            for (list, role) in lists {
                for variant in list.iter() {
                    variants.push(variant);
                    targets.push(Target {
                        kind,
                        index: index as u32,
                        role,
                        bounded_start: variant.chars().next().is_some_and(is_word_char),
                        bounded_end: variant.chars().next_back().is_some_and(is_word_char),
                    });
                }
            }
            for pattern in matching.patterns.iter() {
                let regex = regex::RegexBuilder::new(pattern)
                    .size_limit(PATTERN_SIZE_LIMIT)
                    .build()
                    .map_err(|err| format!("`{id}`: pattern `{pattern}`: {err}"))?;
                patterns.push((kind, index, regex));
            }
        }
        // Allowed phrases are exceptions to every rule.
        for variant in allowed {
            variants.push(variant);
            targets.push(Target {
                kind: Kind::Rule,
                index: ANY_RULE,
                role: Role::Exception,
                bounded_start: variant.chars().next().is_some_and(is_word_char),
                bounded_end: variant.chars().next_back().is_some_and(is_word_char),
            });
        }
        let automaton = if variants.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    // Measured on the built-in lexicons: the noncontiguous NFA builds fastest
                    // and searches as fast as the others on real mail.
                    .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                    .build(&variants)
                    .map_err(|err| err.to_string())?,
            )
        };
        Ok(Matcher {
            automaton,
            targets,
            patterns,
            categories: rules.iter().map(|r| r.category()).collect(),
        })
    }

    /// Adds to `out` the matches in `chunk`, which starts at `base` in the whole input. Matches
    /// come out sorted by start, with exceptions applied and overlaps resolved (see
    /// [`resolve_overlaps`]).
    pub(crate) fn find(&self, chunk: &str, base: usize, folding: &mut Folding, out: &mut Found) {
        let mut found: Vec<(Kind, RawMatch)> = Vec::new();
        let mut exceptions: Vec<(Kind, RawMatch)> = Vec::new();
        // Sides of gapped exceptions: (gap number, folded span, original span).
        let mut gap_before: Vec<(u32, Range<usize>, Range<usize>)> = Vec::new();
        let mut gap_after: Vec<(u32, Target, Range<usize>, Range<usize>)> = Vec::new();
        if let Some(automaton) = &self.automaton {
            folding.fold(chunk);
            let folded = folding.text.as_str();
            for m in automaton.find_overlapping_iter(folded) {
                let target = self.targets[m.pattern().as_usize()];
                if (target.bounded_start && !starts_word(folded, m.start()))
                    || (target.bounded_end && !ends_word(folded, m.end()))
                {
                    continue;
                }
                let span = folding.original_span(chunk, m.start()..m.end());
                let raw = RawMatch {
                    index: target.index as usize,
                    span: base + span.start..base + span.end,
                };
                match target.role {
                    Role::Phrase => found.push((target.kind, raw)),
                    Role::Exception => exceptions.push((target.kind, raw)),
                    Role::GapBefore(gap) => gap_before.push((gap, m.start()..m.end(), raw.span)),
                    Role::GapAfter(gap) => {
                        gap_after.push((gap, target, m.start()..m.end(), raw.span))
                    }
                }
            }
            for (gap, target, folded_after, after) in &gap_after {
                let joined =
                    gap_before
                        .iter()
                        .filter(|(g, _, _)| g == gap)
                        .find(|(_, folded_before, _)| {
                            folded_before.end <= folded_after.start
                                && within_gap(&folded[folded_before.end..folded_after.start])
                        });
                if let Some((_, _, before)) = joined {
                    let span = before.start..after.end;
                    exceptions.push((
                        target.kind,
                        RawMatch {
                            index: target.index as usize,
                            span,
                        },
                    ));
                }
            }
        } else {
            folding.count_words(chunk);
        }
        for (kind, index, regex) in &self.patterns {
            // A pattern may hold a group named `span`: the context around it must match, but
            // only the group is flagged (the regex crate has no look-behind).
            if regex.capture_names().any(|name| name == Some(SPAN_GROUP)) {
                for caps in regex.captures_iter(chunk) {
                    if let Some(m) = caps.name(SPAN_GROUP).filter(|m| !m.is_empty()) {
                        let span = base + m.start()..base + m.end();
                        found.push((
                            *kind,
                            RawMatch {
                                index: *index,
                                span,
                            },
                        ));
                    }
                }
            } else {
                for m in regex.find_iter(chunk) {
                    let span = base + m.start()..base + m.end();
                    found.push((
                        *kind,
                        RawMatch {
                            index: *index,
                            span,
                        },
                    ));
                }
            }
        }
        found.retain(|(kind, m)| {
            !exceptions.iter().any(|(ek, e)| {
                ek == kind
                    && (e.index == m.index || e.index == ANY_RULE as usize)
                    && e.span.start <= m.span.start
                    && m.span.end <= e.span.end
            })
        });
        let (mut rules, mut strengths): (Vec<_>, Vec<_>) =
            found.into_iter().partition(|(k, _)| *k == Kind::Rule);
        let mut rules: Vec<RawMatch> = rules.drain(..).map(|(_, m)| m).collect();
        let mut strengths: Vec<RawMatch> = strengths.drain(..).map(|(_, m)| m).collect();
        resolve_overlaps(&mut rules, |a, b| self.categories[a] == self.categories[b]);
        // A strength is credited once per place: variants of one strength never stack.
        resolve_overlaps(&mut strengths, |_, _| false);
        out.rules.append(&mut rules);
        out.strengths.append(&mut strengths);
    }
}

/// Sorts matches by position and drops the redundant ones: a match overlapping an earlier match
/// of the same entry (two variants of one phrase), and a match lying inside a longer match of an
/// entry `related` to it (for rules: the same category, so the more specific phrase wins).
/// Unrelated matches both stay.
fn resolve_overlaps(found: &mut Vec<RawMatch>, related: impl Fn(usize, usize) -> bool) {
    found.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    found.dedup();
    let mut kept: Vec<RawMatch> = Vec::with_capacity(found.len());
    for m in found.drain(..) {
        let redundant = kept
            .iter()
            .rev()
            .take_while(|k| k.span.start + MAX_LOOKBACK > m.span.start)
            .any(|k| {
                k.span.end > m.span.start
                    && (k.index == m.index
                        || (related(k.index, m.index) && k.span.end >= m.span.end))
            });
        if !redundant {
            kept.push(m);
        }
    }
    *found = kept;
}

/// Whether the folded text between the two sides of a gapped exception is short enough: at most
/// [`MAX_GAP_WORDS`] words, and no sentence or paragraph break.
fn within_gap(between: &str) -> bool {
    !between.contains(['.', '!', '?', ';', '\n'])
        && between.split(' ').filter(|w| !w.is_empty()).count() <= MAX_GAP_WORDS
}

/// How far back (in bytes) an earlier match can start and still overlap a later one. Matches
/// longer than this are rare enough (a shouted paragraph) that missing a de-duplication is
/// harmless, and the bound keeps overlap resolution linear on text dense with matches.
const MAX_LOOKBACK: usize = 4096;

/// Whether a match starting at `at` begins a word: the character before it is not part of a
/// word, counting an apostrophe between letters ("don't") as part of the word.
fn starts_word(folded: &str, at: usize) -> bool {
    let mut before = folded[..at].chars().rev();
    match before.next() {
        None => true,
        Some('\'') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// Whether a match ending at `at` ends a word (see [`starts_word`]).
fn ends_word(folded: &str, at: usize) -> bool {
    let mut after = folded[at..].chars();
    match after.next() {
        None => true,
        Some('\'') => !after.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

impl Folding {
    /// Folds `chunk` into `self.text`, filling the origin map and counting words.
    fn fold(&mut self, chunk: &str) {
        self.text.clear();
        self.origin.clear();
        self.text.reserve(chunk.len());
        self.origin.reserve(chunk.len());
        // Pending white space: where it started and how many line breaks it held.
        let mut space: Option<(usize, usize)> = None;
        let mut in_word = false;
        for (at, c) in chunk.char_indices() {
            match fold_char(c) {
                Folded::Drop => {}
                Folded::Space => {
                    space.get_or_insert((at, 0));
                }
                Folded::Newline => {
                    space.get_or_insert((at, 0)).1 += 1;
                }
                Folded::Char(f) => {
                    if let Some((space_at, newlines)) = space.take() {
                        if !self.text.is_empty() {
                            // A blank line ends a paragraph: phrases never run across it.
                            self.text.push(if newlines >= 2 { '\n' } else { ' ' });
                            self.origin.push(space_at);
                        }
                        in_word = false;
                    }
                    let word = is_word_char(f) || (f == '\'' && in_word);
                    if word && !in_word {
                        self.words += 1;
                    }
                    in_word = word;
                    let before = self.text.len();
                    self.text.push(f);
                    self.origin
                        .resize(self.origin.len() + (self.text.len() - before), at);
                }
            }
        }
    }

    /// Counts words without folding, for when there is no phrase to look for.
    fn count_words(&mut self, chunk: &str) {
        let mut in_word = false;
        for c in chunk.chars() {
            let word = is_word_char(c) || (in_word && matches!(c, '\'' | '\u{2019}'));
            if word && !in_word {
                self.words += 1;
            }
            in_word = word;
        }
    }

    /// Maps a span of the folded text back to the chunk: from the first character it came from to
    /// the end of the last one.
    fn original_span(&self, chunk: &str, folded: Range<usize>) -> Range<usize> {
        let start = self.origin[folded.start];
        let last = self.origin[folded.end - 1];
        let last_len = chunk[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_back_to_the_input() {
        let mut folding = Folding::default();
        let chunk = "You\u{200B}  STILL\r\nhaven’t";
        folding.fold(chunk);
        assert_eq!(folding.text, "you still haven't");
        let at = folding.text.find("haven't").unwrap();
        let span = folding.original_span(chunk, at..folding.text.len());
        assert_eq!(&chunk[span], "haven’t");
        assert_eq!(folding.words, 3);
    }

    #[test]
    fn blank_lines_break_phrases() {
        let mut folding = Folding::default();
        folding.fold("right\r\n\r\nnow");
        assert_eq!(folding.text, "right\nnow");
    }

    #[test]
    fn gaps_span_a_few_words_within_a_sentence() {
        assert!(within_gap(" "));
        assert!(within_gap(" get this to you "));
        assert!(!within_gap(" one two three four five "));
        assert!(!within_gap(". then "));
    }

    #[test]
    fn word_edges_respect_apostrophes() {
        assert!(!ends_word("you're", 3));
        assert!(ends_word("'you' said", 4));
        assert!(starts_word("'you' said", 1));
        assert!(!starts_word("don't", 4));
    }
}
