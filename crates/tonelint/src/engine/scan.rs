//! Phrase and word matching: the tokens of one chunk through every word automaton, filing each
//! automaton match by what it is for (a phrase, an exception, one side of a gapped exception),
//! and noting the trigger words of the lexicon patterns on the way.

use tonelint_lexicon::phrase_table::{self, Gap, Role, StateId};

use super::automaton::Automaton;
use super::ids::{EntryRef, Owner};
use super::span::{ChunkOffset, ChunkSpan};
use super::tokens::{Piece, Token, Tokenizer};
use super::triggers::{TriggerWord, WholeLookup, note_trigger_words};

/// A match found in one chunk, with what orders it among matches of the same span: of a linter
/// entry, then (once exceptions have split them) of a rule or of a strength.
pub(super) struct Hit<E = EntryRef> {
    pub(super) entry: E,
    pub(super) span: ChunkSpan,
    /// Whether a lexicon regex found it. Of the matches of one span, phrase matches sort first:
    /// the order findings have been reported in since regexes joined the phrases.
    pub(super) from_pattern: bool,
}

/// Where an exception of one chunk silences matches.
pub(super) struct ExceptionHit {
    pub(super) owner: Owner,
    pub(super) span: ChunkSpan,
}

/// One side of a gapped exception.
pub(super) struct GapSide {
    pub(super) owner: Owner,
    /// The gapped exception's number in its entry.
    pub(super) gap: u32,
    pub(super) span: ChunkSpan,
}

/// The matches of one chunk, before exceptions and overlaps are applied.
#[derive(Default)]
pub(super) struct ChunkHits {
    pub(super) found: Vec<Hit>,
    pub(super) exceptions: Vec<ExceptionHit>,
    pub(super) before: Vec<GapSide>,
    pub(super) after: Vec<GapSide>,
}

impl ChunkHits {
    /// Files a match of an automaton pattern that belongs to `owner` (none: the linter left its
    /// entry out) by the pattern's role.
    fn add(&mut self, owner: Option<Owner>, role: Role, span: ChunkSpan) {
        let Some(owner) = owner else {
            return;
        };
        match role {
            Role::Phrase => match owner {
                Owner::Entry(entry) => self.found.push(Hit {
                    entry,
                    span,
                    from_pattern: false,
                }),
                // Only an allowed phrase belongs to every rule, and it is an exception.
                Owner::EveryRule => {}
            },
            Role::Exception => self.exceptions.push(ExceptionHit { owner, span }),
            Role::GapBefore(gap) => self.before.push(GapSide { owner, gap, span }),
            Role::GapAfter(gap) => self.after.push(GapSide { owner, gap, span }),
        }
    }
}

/// Where the recent automaton steps started: a ring as long as the longest automaton pattern, so
/// that a match of `n` tokens finds where its first token started.
pub(super) struct Starts<'a> {
    /// The start of each recent token piece, and whether it starts a word (see
    /// [`Bounds`](phrase_table::Bounds)).
    ring: &'a mut Vec<(ChunkOffset, bool)>,
    mask: usize,
    /// Pieces stepped so far.
    count: usize,
}

impl<'a> Starts<'a> {
    /// A ring of `len` (a power of two) places.
    pub(super) fn new(ring: &'a mut Vec<(ChunkOffset, bool)>, len: usize) -> Starts<'a> {
        ring.clear();
        ring.resize(len, (ChunkOffset::new(0), false));
        Starts {
            ring,
            mask: len - 1,
            count: 0,
        }
    }

    fn push(&mut self, start: ChunkOffset, starts_word: bool) {
        self.ring[self.count & self.mask] = (start, starts_word);
    }

    /// Where the match of `len` pieces ending with the piece just pushed starts.
    fn match_start(&self, len: u32) -> (ChunkOffset, bool) {
        self.ring[(self.count + 1 - len as usize) & self.mask]
    }

    fn advance(&mut self) {
        self.count += 1;
    }
}

/// Runs the tokenizer over `chunk` and every automaton over its tokens: automaton matches go
/// into `hits`, trigger words into `words`.
pub(super) fn scan_chunk(
    automata: &[Automaton],
    chunk: &str,
    tokenizer: &mut Tokenizer,
    mut starts: Starts<'_>,
    words: &mut Vec<TriggerWord>,
    hits: &mut ChunkHits,
) {
    let mut states = [StateId::ROOT; 2];
    tokenizer.run(chunk, |token: &Token| {
        let whole_id = token.with_pieces(|pieces| {
            step_pieces(automata, token, pieces, &mut states, &mut starts, hits)
        });
        note_trigger_words(automata, token, whole_id, words);
    });
}

/// Steps every automaton over the pieces of one token (the whole word, or the runs between its
/// apostrophes), filing the matches that end there. Returns the token's word id in each
/// automaton when it was looked up whole, for the trigger words.
pub(super) fn step_pieces(
    automata: &[Automaton],
    token: &Token,
    pieces: &[Piece],
    states: &mut [StateId; 2],
    starts: &mut Starts<'_>,
    hits: &mut ChunkHits,
) -> [WholeLookup; 2] {
    let mut whole_id = [None; 2];
    for (n, piece) in pieces.iter().enumerate() {
        let first = n == 0;
        let last = n + 1 == pieces.len();
        starts.push(piece.span.start, first);
        let text = &token.text[piece.text.clone()];
        let gap = if first { token.gap } else { Gap::Adjacent };
        for (p, (automaton, state)) in automata.iter().zip(states.iter_mut()).enumerate() {
            let tables = &automaton.tables;
            let word = if pieces.len() == 1 {
                tables.lookup(text, token.hash)
            } else {
                tables.lookup(text, phrase_table::hash_token(text))
            };
            if pieces.len() == 1 {
                whole_id[p] = Some(word);
            }
            *state = tables.step(*state, word, gap);
            for o in tables.outputs(*state) {
                let t = tables.output(o);
                let (start, starts_word) = starts.match_start(t.len);
                if (t.bounds.start && !starts_word) || (t.bounds.end && !last) {
                    continue;
                }
                let span = ChunkSpan {
                    start,
                    end: piece.span.end,
                };
                hits.add(automaton.owner(t.kind, t.entry), t.role, span);
            }
        }
        starts.advance();
    }
    whole_id
}
