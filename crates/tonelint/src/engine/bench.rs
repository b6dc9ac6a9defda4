//! The phrase stage's word automaton, opened up for `benches/phrase_automaton.rs`, which compares
//! it with the `aho-corasick` crate on the same phrases and the same tokens (issue 12).
//!
//! Not part of the API: re-exported hidden as `tonelint::__bench`, and nothing in the library
//! calls it. [`PhraseStage::hand_written`] runs the engine's own code (`Tokenizer::run` and
//! `scan::step_pieces`, what `scan::scan_chunk` does for phrases, without the
//! trigger words it also notes for the lexicon regexes); the rest hands out what another matcher
//! needs to do the same work and to compare its matches with the engine's.

// The lexicon compiler's names a matcher of the same tables needs, so that the bench does not
// depend on `tonelint-lexicon` itself.
pub use tonelint_lexicon::phrase_table::{
    Bounds, Entry, Gap, Kind, PatternListing, Role, Tables, Target, WordId,
};
use tonelint_lexicon::phrase_table::{StateId, hash_token};

use super::automaton::Automaton;
use super::chunks::chunks;
use super::ids::{EntryRef, Owner, Position};
use super::scan::{ChunkHits, Starts, step_pieces};
use super::span::ChunkSpan;
use super::tokens::{Token, Tokenizer};
use crate::Linter;

/// The built-in word automaton of a linter, with the scratch space one scan needs.
pub struct PhraseStage<'l> {
    automata: &'l [Automaton],
    ring: usize,
    tokenizer: Tokenizer,
    starts: Vec<(super::span::ChunkOffset, bool)>,
    hits: ChunkHits,
}

/// One automaton match, as both sides of the bench report it: the linter entry it belongs to,
/// what the entry uses the pattern for, and its span in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StageHit {
    /// `false` for a rule, `true` for a strength.
    pub strength: bool,
    /// The entry's index among the linter's rules or strengths; `u32::MAX` for every rule (an
    /// allowed phrase).
    pub entry: u32,
    /// 0 phrase, 1 exception, 2 the part before a gapped exception's ` ... `, 3 the part after.
    pub role: u8,
    /// The gapped exception's number, for roles 2 and 3.
    pub gap: u32,
    /// Byte offsets in the text.
    pub start: usize,
    /// Byte offsets in the text.
    pub end: usize,
}

/// One step of the automaton: a word, or a piece of a word with apostrophes, as
/// `scan::step_pieces` sees it.
pub struct StagePiece<'a> {
    /// The folded text.
    pub text: &'a [u8],
    /// [`hash_token`] of `text`.
    pub hash: u32,
    /// What separates it from the previous piece (`Adjacent` inside a word).
    pub gap: Gap,
    /// Its span in the chunk.
    pub start: usize,
    /// Its span in the chunk.
    pub end: usize,
    /// Whether it is the first piece of its word (see [`Bounds`](tonelint_lexicon::phrase_table::Bounds)).
    pub starts_word: bool,
    /// Whether it is the last piece of its word.
    pub ends_word: bool,
}

impl<'l> PhraseStage<'l> {
    /// The phrase stage of `linter`, which must have exactly one word automaton (the built-in
    /// lexicons and nothing added at run time).
    pub fn new(linter: &'l Linter) -> PhraseStage<'l> {
        let matcher = linter.phrase_matcher();
        let automata = matcher.automata();
        assert_eq!(automata.len(), 1, "one word automaton: the built-in one");
        PhraseStage {
            automata,
            ring: matcher.ring(),
            tokenizer: Tokenizer::default(),
            starts: Vec::new(),
            hits: ChunkHits::default(),
        }
    }

    /// The automaton's tables: its vocabulary and patterns.
    pub fn tables(&self) -> &'l Tables {
        &self.automata[0].tables
    }

    /// The chunks a check matches one at a time, each with where it starts in `text`.
    pub fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
        let mut at = 0;
        chunks(text).map(move |chunk| {
            let start = at;
            at += chunk.len();
            (start, chunk)
        })
    }

    /// The hand-written automaton over one chunk, as the engine runs it: returns the number of
    /// matches; [`hand_written_hits`](PhraseStage::hand_written_hits) lists them.
    pub fn hand_written(&mut self, chunk: &str) -> usize {
        let hits = &mut self.hits;
        hits.found.clear();
        hits.exceptions.clear();
        hits.before.clear();
        hits.after.clear();
        let mut starts = Starts::new(&mut self.starts, self.ring);
        let mut states = [StateId::ROOT; 2];
        let automata = self.automata;
        self.tokenizer.run(chunk, |token: &Token| {
            token.with_pieces(|pieces| {
                step_pieces(automata, token, pieces, &mut states, &mut starts, hits)
            });
        });
        hits.found.len() + hits.exceptions.len() + hits.before.len() + hits.after.len()
    }

    /// The matches of the last [`hand_written`](PhraseStage::hand_written) call, for a chunk
    /// that starts at `offset` in the text.
    pub fn hand_written_hits(&self, offset: usize, out: &mut Vec<StageHit>) {
        let at = |span: ChunkSpan| (offset + span.start.bytes(), offset + span.end.bytes());
        let mut push = |owner: Owner, role: u8, gap: u32, span: ChunkSpan| {
            let (strength, entry) = owner_code(owner);
            let (start, end) = at(span);
            out.push(StageHit {
                strength,
                entry,
                role,
                gap,
                start,
                end,
            });
        };
        for hit in &self.hits.found {
            push(Owner::Entry(hit.entry), 0, 0, hit.span);
        }
        for hit in &self.hits.exceptions {
            push(hit.owner, 1, 0, hit.span);
        }
        for side in &self.hits.before {
            push(side.owner, 2, side.gap, side.span);
        }
        for side in &self.hits.after {
            push(side.owner, 3, side.gap, side.span);
        }
    }

    /// The pieces the automaton steps on in `chunk`, in order: the engine's tokenizer, with the
    /// text, hash, gap and word edges `scan::step_pieces` gives each piece.
    pub fn pieces(&mut self, chunk: &str, mut each: impl FnMut(&StagePiece)) {
        self.tokenizer.run(chunk, |token: &Token| {
            if token.pieces.is_empty() {
                each(&StagePiece {
                    text: token.text,
                    hash: token.hash,
                    gap: token.gap,
                    start: token.span.start.bytes(),
                    end: token.span.end.bytes(),
                    starts_word: true,
                    ends_word: true,
                });
                return;
            }
            let last = token.pieces.len() - 1;
            for (n, piece) in token.pieces.iter().enumerate() {
                let text = &token.text[piece.text.clone()];
                each(&StagePiece {
                    text,
                    hash: hash_token(text),
                    gap: if n == 0 { token.gap } else { Gap::Adjacent },
                    start: piece.span.start.bytes(),
                    end: piece.span.end.bytes(),
                    starts_word: n == 0,
                    ends_word: n == last,
                });
            }
        });
    }

    /// The match of `target` from `start` to `end` in the text, filed as the engine files it;
    /// none when the linter left the target's entry out, or when it is a phrase of every rule
    /// (which the engine drops).
    #[inline]
    pub fn hit(&self, target: Target, start: usize, end: usize) -> Option<StageHit> {
        let owner = self.automata[0].owner(target.kind, target.entry)?;
        let (role, gap) = match target.role {
            Role::Phrase if owner == Owner::EveryRule => return None,
            Role::Phrase => (0, 0),
            Role::Exception => (1, 0),
            Role::GapBefore(gap) => (2, gap),
            Role::GapAfter(gap) => (3, gap),
        };
        let (strength, entry) = owner_code(owner);
        Some(StageHit {
            strength,
            entry,
            role,
            gap,
            start,
            end,
        })
    }
}

fn owner_code(owner: Owner) -> (bool, u32) {
    match owner {
        Owner::Entry(EntryRef::Rule(rule)) => (false, rule.position() as u32),
        Owner::Entry(EntryRef::Strength(strength)) => (true, strength.position() as u32),
        Owner::EveryRule => (false, u32::MAX),
    }
}
