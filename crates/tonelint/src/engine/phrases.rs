//! The phrase layer: lexicon phrases, exceptions and patterns, chunk by chunk.
//!
//! For each chunk: scan its tokens through the word automata ([`scan`](super::scan)), join the
//! sides of gapped exceptions ([`gapped`](super::gapped)), run the patterns around their trigger
//! words ([`patterns`](super::patterns)), drop the matches an exception covers
//! ([`exceptions`](super::exceptions)), and resolve overlaps ([`overlap`](super::overlap)).

use crate::category::Category;

use super::Match;
use super::automaton::{Automaton, EntrySelection};
use super::exceptions::uncovered;
use super::gapped::join_gapped_exceptions;
use super::ids::{PerRule, RuleIndex, StrengthIndex};
use super::overlap::{ordered, resolve_overlaps};
use super::patterns::{EntryPatterns, PatternScratch, run_patterns};
use super::scan::{ChunkHits, Starts, scan_chunk};
use super::span::{Chunk, ChunkOffset};
use super::tokens::{Tokenizer, count_words};
use super::triggers::TriggerWord;

/// A linter's phrase layer: its word automata (the embedded one first), the patterns it runs, and
/// its rules' categories, which decide which overlapping matches are redundant.
pub(crate) struct PhraseMatcher {
    automata: Vec<Automaton>,
    patterns: EntryPatterns,
    categories: PerRule<Category>,
    /// Whether any phrase or exception is looked for; if not, words are counted the simple way.
    has_phrases: bool,
    /// A power of two at least the longest automaton pattern in tokens.
    ring: usize,
}

/// Scratch space for one check, reused across its chunks.
#[derive(Default)]
pub(crate) struct PhraseScratch {
    tokenizer: Tokenizer,
    /// Where recent token pieces start (see [`Starts`]).
    starts: Vec<(ChunkOffset, bool)>,
    /// Trigger words seen in the chunk.
    words: Vec<TriggerWord>,
    patterns: PatternScratch,
    /// Words counted when there is no phrase to look for.
    plain_words: usize,
}

impl PhraseScratch {
    /// Forgets the last check's counts, keeping the memory.
    pub(crate) fn start_check(&mut self) {
        self.tokenizer.words = 0;
        self.plain_words = 0;
    }

    /// The number of words in everything checked so far.
    pub(crate) fn words(&self, matcher: &PhraseMatcher) -> usize {
        if matcher.has_phrases {
            self.tokenizer.words
        } else {
            self.plain_words
        }
    }
}

/// Where one check's matches go.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) rules: Vec<Match<RuleIndex>>,
    pub(crate) strengths: Vec<Match<StrengthIndex>>,
}

impl PhraseMatcher {
    /// Builds the matcher over the enabled rules and all strengths of `entries`. Matches name
    /// entries by their index in `entries.rules` and `entries.strengths`.
    pub(crate) fn new(entries: &EntrySelection<'_>) -> Result<PhraseMatcher, String> {
        let mut automata = Vec::new();
        let mut patterns = EntryPatterns::new();
        let mut has_phrases = false;
        if let Some(builtin) = entries.builtin {
            automata.push(Automaton::builtin(entries, builtin, &mut patterns));
            has_phrases |= Automaton::builtin_has_phrases(entries, builtin);
        }
        let (runtime, runtime_has_phrases) =
            Automaton::runtime(entries, &mut patterns, automata.is_empty())?;
        has_phrases |= runtime_has_phrases;
        automata.extend(runtime);
        let longest = automata
            .iter()
            .map(|a| a.tables.max_len as usize)
            .max()
            .unwrap_or(1);
        Ok(PhraseMatcher {
            automata,
            patterns,
            categories: entries.rules.iter().map(|r| r.category()).collect(),
            has_phrases,
            ring: longest.next_power_of_two(),
        })
    }

    /// The word automata, the embedded one first (for [`bench`](super::bench)).
    pub(super) fn automata(&self) -> &[Automaton] {
        &self.automata
    }

    /// The length of the ring of recent steps' starts (for [`bench`](super::bench)).
    pub(super) fn ring(&self) -> usize {
        self.ring
    }

    /// Adds to `out` the matches in `chunk`. Matches come out sorted by start, with exceptions
    /// applied and overlaps resolved (see [`resolve_overlaps`]).
    pub(crate) fn find(&self, chunk: &Chunk<'_>, scratch: &mut PhraseScratch, out: &mut Found) {
        let mut hits = ChunkHits::default();
        scratch.words.clear();
        if !self.has_phrases {
            scratch.plain_words += count_words(chunk.text);
        }
        if !self.automata.is_empty() {
            let starts = Starts::new(&mut scratch.starts, self.ring);
            scan_chunk(
                &self.automata,
                chunk.text,
                &mut scratch.tokenizer,
                starts,
                &mut scratch.words,
                &mut hits,
            );
        }
        join_gapped_exceptions(chunk, &mut hits);
        run_patterns(
            &self.patterns,
            chunk,
            &mut scratch.words,
            &mut scratch.patterns,
            &mut hits,
        );
        let (rules, strengths) = uncovered(hits.found, hits.exceptions);
        let mut rules = ordered(rules, chunk);
        let mut strengths = ordered(strengths, chunk);
        resolve_overlaps(&mut rules, |a, b| self.categories[a] == self.categories[b]);
        // A strength is credited once per place: variants of one strength never stack.
        resolve_overlaps(&mut strengths, |_: StrengthIndex, _| false);
        out.rules.append(&mut rules);
        out.strengths.append(&mut strengths);
    }
}
