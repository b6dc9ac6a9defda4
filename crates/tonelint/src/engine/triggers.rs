//! Trigger words: where in a chunk the words stand that a lexicon pattern cannot match without
//! (see `tonelint_lexicon::trigger`), so that the pattern runs only around them.
//!
//! The vocabulary lookup the phrase scan makes anyway tells which words they are; a word's parts
//! are looked up too, since a regex sees word boundaries inside some words that folding hides.

use std::ops::Range;

use tonelint_lexicon::phrase_table::{self, UNKNOWN};

use super::automaton::Automaton;
use super::tokens::Token;

/// The most places a word is cut at when its parts are looked up for patterns.
const MAX_CUTS: usize = 10;

/// A trigger word seen in a chunk: the pattern it triggers (its index in the matcher's
/// patterns), which of the pattern's splits it stands in, and its span.
pub(super) type TriggerWord = (u32, u32, Range<usize>);

/// Notes the trigger words of one token: the whole token, and every run of its parts. `whole_id`
/// is the token's word id in each automaton when the phrase scan looked it up whole.
pub(super) fn note_trigger_words(
    automata: &[Automaton],
    token: &Token,
    whole_id: [Option<u32>; 2],
    words: &mut Vec<TriggerWord>,
) {
    for (automaton, whole_id) in automata.iter().zip(whole_id) {
        if automaton.triggers.is_empty() {
            continue;
        }
        let tables = &automaton.tables;
        let lookup = |text: &[u8], hash: u32| {
            if text.is_empty() || text.len() > tables.max_word as usize {
                UNKNOWN
            } else {
                tables.lookup(text, hash)
            }
        };
        let id = whole_id.unwrap_or_else(|| lookup(token.text, token.hash));
        fire(automaton, id, token.start..token.end, words);
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
                    let span = token.origin[a].0..token.origin[b - 1].1;
                    fire(
                        automaton,
                        lookup(piece, phrase_table::hash_token(piece)),
                        span,
                        words,
                    );
                }
            }
        }
    }
}

/// Notes the patterns word `id`, at `span`, triggers.
#[inline]
fn fire(automaton: &Automaton, id: u32, span: Range<usize>, words: &mut Vec<TriggerWord>) {
    if id == UNKNOWN {
        return;
    }
    for t in automaton.tables.triggers(id) {
        if let Some(&Some((p, split))) = automaton.triggers.get(t as usize) {
            words.push((p, split, span.clone()));
        }
    }
}
