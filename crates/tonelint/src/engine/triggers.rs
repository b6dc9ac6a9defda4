//! Trigger words: where in a chunk the words stand that a lexicon pattern cannot match without
//! (see `tonelint_lexicon::trigger`), so that the pattern runs only around them.
//!
//! The vocabulary lookup the phrase scan makes anyway tells which words they are; a word's parts
//! are looked up too, since a regex sees word boundaries inside some words that folding hides.

use tonelint_lexicon::phrase_table::{self, WordId};

use super::automaton::Automaton;
use super::patterns::PatternSplit;
use super::span::ChunkSpan;
use super::tokens::Token;

/// The most places a word is cut at when its parts are looked up for patterns.
const MAX_CUTS: usize = 10;

/// A trigger word seen in a chunk: the pattern and split it stands for, and its span.
pub(super) struct TriggerWord {
    pub(super) at: PatternSplit,
    pub(super) span: ChunkSpan,
}

/// A token's word id in one automaton (none: not in its vocabulary), when the phrase scan looked
/// the token up whole; `None` when it looked up only the pieces between its apostrophes.
pub(super) type WholeLookup = Option<Option<WordId>>;

/// Notes the trigger words of one token: the whole token, and every run of its parts. `whole_id`
/// is the token's word id in each automaton when the phrase scan looked it up whole.
pub(super) fn note_trigger_words(
    automata: &[Automaton],
    token: &Token,
    whole_id: [WholeLookup; 2],
    words: &mut Vec<TriggerWord>,
) {
    for (automaton, whole_id) in automata.iter().zip(whole_id) {
        if !automaton.has_triggers() {
            continue;
        }
        let tables = &automaton.tables;
        let word = whole_id.unwrap_or_else(|| tables.lookup(token.text, token.hash));
        fire(automaton, word, token.span, words);
        // A regex `\b` also sees a boundary at an apostrophe, an invisible character or an odd
        // numeral inside a word: try every run of the word's parts too.
        if !token.splits.is_empty() {
            let mut cuts = [0usize; MAX_CUTS];
            let mut n = 1;
            for &cut in token.splits.iter().chain([&token.text.len()]) {
                if cut > cuts[n - 1] && n < MAX_CUTS {
                    cuts[n] = cut;
                    n += 1;
                }
            }
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (cuts[i], cuts[j]);
                    let piece = &token.text[a..b];
                    if (a, b) == (0, token.text.len())
                        || piece.starts_with(b"'")
                        || piece.ends_with(b"'")
                    {
                        continue;
                    }
                    let span = token.origin[a].to(token.origin[b - 1]);
                    fire(
                        automaton,
                        tables.lookup(piece, phrase_table::hash_token(piece)),
                        span,
                        words,
                    );
                }
            }
        }
    }
}

/// Notes the patterns `word` (none: a token not in the vocabulary), at `span`, triggers.
#[inline]
fn fire(
    automaton: &Automaton,
    word: Option<WordId>,
    span: ChunkSpan,
    words: &mut Vec<TriggerWord>,
) {
    let Some(word) = word else {
        return;
    };
    for trigger in automaton.tables.triggers(word) {
        if let Some(at) = automaton.trigger(trigger) {
            words.push(TriggerWord { at, span });
        }
    }
}
