//! Matching a grammar against text: tokens, then sentences, then the sequences that can start at
//! each token, then each rule's shapes and cues within the sentence; the guards afterwards, only
//! around the sentences where the caller has something they could drop or soften.
//!
//! Work stays linear in the input: a sequence is tried only where its first word stands, a gap
//! spans at most [`MAX_GAP`](crate::syntax::MAX_GAP) tokens, each sequence keeps its first match
//! in a sentence, and each rule reports at most once per sentence.

use std::num::NonZeroU32;
use std::ops::Range;

use crate::Grammar;
use crate::grammar::{Elem, Key, Role, WordId};
use crate::sentence;
use crate::token::{TokenKind, Tokens};
use crate::{GuardIndex, RuleIndex, Scope};

/// What one rule's shape found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeMatch {
    /// The caller's rule index.
    pub rule: RuleIndex,
    /// Bytes of the input: the marked words, or the whole match.
    pub span: Range<usize>,
    /// The sentence it is in.
    pub sentence: Range<usize>,
    /// A `soften` cue is in the sentence: report it as information only.
    pub softened: bool,
}

/// A stretch of input a guard covers: findings of the guard's categories inside it are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guarded {
    pub guard: GuardIndex,
    pub region: Range<usize>,
}

/// Everything one scan found.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub sentences: Vec<Range<usize>>,
    pub matches: Vec<ShapeMatch>,
    pub guarded: Vec<Guarded>,
}

impl Scan {
    pub fn clear(&mut self) {
        self.sentences.clear();
        self.matches.clear();
        self.guarded.clear();
    }
}

/// A sentence's number, counted across scans. Tables stamped with it (see [`Stamp`]) say what
/// happened in which sentence, so they never need clearing between sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SentenceNumber(NonZeroU32);

/// The last sentence something happened in; none before the first.
type Stamp = Option<SentenceNumber>;

/// Working memory reused from one scan to the next.
#[derive(Default)]
pub struct Scratch {
    tokens: Tokens,
    /// Each token's word id; none for a word not in the grammar's vocabulary.
    ids: Vec<Option<WordId>>,
    copy: String,
    sentences: Vec<Range<usize>>,
    /// Per sequence: the sentence it last matched in, and that first match (token span, marked
    /// byte span).
    seen: Vec<(Stamp, Range<usize>)>,
    matched: Vec<u32>,
    /// Per rule slot: the sentence it last reported in.
    reported: Vec<Stamp>,
    candidates: Vec<(usize, u32, u32, Range<usize>)>,
    /// The sentence being matched.
    sentence_number: Stamp,
    /// The last scan's sentences as token ranges, beside `sentences`' byte ranges.
    sentence_tokens: Vec<Range<usize>>,
    /// Per cue sequence: the sentence it was last looked for in. Cues (the other parts of a
    /// shape, `unless` and `soften`) are looked for only in a sentence where a rule needs them.
    tried: Vec<Stamp>,
    /// Per sequence: the last sentence that held one of its anchor words.
    anchored: Vec<Stamp>,
    /// The distinct word ids of the sentence being matched, sorted.
    words: Vec<WordId>,
    /// Per sentence of the last scan: whether a finding may need the guards there.
    wanted: Vec<bool>,
}

/// Whether a class key accepts a token (with word id `id`).
fn key_matches(key: Key, token: &crate::token::Token, id: Option<WordId>) -> bool {
    match key {
        Key::Word(w) => id == Some(w),
        Key::CapsWord(w) => id == Some(w) && token.caps,
        Key::Number => token.kind == TokenKind::Number,
        Key::Caps => token.caps,
        Key::Capitalised => token.capitalised,
        Key::Any => token.kind != TokenKind::Punct,
    }
}

/// How many of a node's edges, (key code, child) pairs, are word edges: they come first.
fn word_edges(edges: &[u32]) -> usize {
    let (mut lo, mut hi) = (0, edges.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if matches!(Key::from_code(edges[mid * 2]), Key::Word(_)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The child of the word edge for `id` among word edges sorted by id.
fn word_child(edges: &[u32], id: WordId) -> Option<u32> {
    crate::flat::pair_value(edges, Key::Word(id).code())
}

/// Whether sequence `seq` may match in sentence `number`: it needs no anchor word, or the
/// sentence holds one (see `Index::anchored_by`).
#[inline]
fn is_anchored(grammar: &Grammar, anchored: &[Stamp], seq: u32, number: SentenceNumber) -> bool {
    !grammar.is_anchored_seq(seq) || anchored[seq as usize] == Some(number)
}

impl Scratch {
    /// The tokens of the text last scanned.
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// The sentences of the text last scanned: token ranges into [`tokens`](Scratch::tokens),
    /// and byte ranges into that text.
    pub fn sentences(&self) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
        self.sentence_tokens
            .iter()
            .cloned()
            .zip(self.sentences.iter().cloned())
    }
}

/// Marks of one attempt: the token positions where `[` and `]` were passed.
#[derive(Clone, Copy, Default)]
struct Marks {
    open: Option<usize>,
    close: Option<usize>,
}

/// The sentence being matched: its tokens, and where a sentence may be taken to start.
struct Sentence {
    end: usize,
    /// The first token, and the first after a greeting or vocative (the same when none).
    starts: [usize; 2],
}

/// The cues of one sentence, looked for on demand: each at most once per sentence.
struct Cues<'a> {
    grammar: &'a Grammar,
    number: SentenceNumber,
    sentence: &'a Sentence,
    tokens: &'a Tokens,
    ids: &'a [Option<WordId>],
    /// Per sequence: the last sentence that held one of its anchor words.
    anchored: &'a [Stamp],
    seen: &'a mut [(Stamp, Range<usize>)],
    tried: &'a mut [Stamp],
}

impl Cues<'_> {
    /// Whether any of `list` matches somewhere in the sentence.
    fn any(&mut self, list: &[u32]) -> bool {
        list.iter().any(|&seq| self.matches(seq))
    }

    fn matches(&mut self, seq: u32) -> bool {
        let (g, s, number) = (self.grammar, self.sentence, self.number);
        if self.tried[seq as usize] == Some(number) {
            return self.seen[seq as usize].0 == Some(number);
        }
        self.tried[seq as usize] = Some(number);
        if !is_anchored(g, self.anchored, seq, number) {
            return false;
        }
        for pos in s.starts[0]..s.end {
            if !g.may_start(seq, pos, s, self.tokens, self.ids) {
                continue;
            }
            if let Some((end, _)) = g.seq_at(seq, pos, s, self.tokens, self.ids) {
                let to = end.max(pos + 1).min(s.end);
                let span = self.tokens.list[pos].span.start..self.tokens.list[to - 1].span.end;
                self.seen[seq as usize] = (Some(number), span);
                return true;
            }
        }
        false
    }
}

/// Which sequences a pass over a sentence looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// The rules' shapes, with the cues they ask about.
    Shapes,
    /// The guards.
    Guards,
}

impl Grammar {
    /// Scans `text`, adding what it finds to `out` with spans shifted by `base`: the rules'
    /// shapes, and the regions every guard covers. `enabled` says whether the caller's rule with
    /// that index is switched on.
    pub fn scan(
        &self,
        text: &str,
        base: usize,
        enabled: &dyn Fn(RuleIndex) -> bool,
        scratch: &mut Scratch,
        out: &mut Scan,
    ) {
        self.scan_shapes(text, base, enabled, scratch, out);
        self.scan_guards(base, &|_| true, scratch, out);
    }

    /// Scans `text` for the rules' shapes only, adding its sentences and the shapes' matches to
    /// `out` with spans shifted by `base`. The guards are looked for afterwards, with
    /// [`scan_guards`](Grammar::scan_guards), only where a finding may need them.
    pub fn scan_shapes(
        &self,
        text: &str,
        base: usize,
        enabled: &dyn Fn(RuleIndex) -> bool,
        scratch: &mut Scratch,
        out: &mut Scan,
    ) {
        scratch.sentences.clear();
        scratch.sentence_tokens.clear();
        if text.is_empty() {
            return;
        }
        scratch.tokens.fill(text);
        sentence::split(text, &mut scratch.copy, &mut scratch.sentences);
        out.sentences.extend(
            scratch
                .sentences
                .iter()
                .map(|s| s.start + base..s.end + base),
        );
        scratch.sentence_tokens.clear();
        let mut first_token = 0;
        for range in &scratch.sentences {
            let tokens = &scratch.tokens.list;
            let start =
                first_token + tokens[first_token..].partition_point(|t| t.span.start < range.start);
            let end = start + tokens[start..].partition_point(|t| t.span.start < range.end);
            first_token = end;
            scratch.sentence_tokens.push(start..end);
        }
        if self.is_empty() {
            return;
        }
        let tokens = &scratch.tokens;
        scratch.ids.clear();
        scratch
            .ids
            .extend((0..tokens.len()).map(|i| self.word_id(tokens.text(i))));
        let (seqs, rules) = (self.seq_count(), self.rule_count());
        if scratch.seen.len() != seqs {
            scratch.seen = vec![(None, 0..0); seqs];
        }
        if scratch.anchored.len() != seqs {
            scratch.anchored = vec![None; seqs];
        }
        if scratch.tried.len() != seqs {
            scratch.tried = vec![None; seqs];
        }
        if scratch.reported.len() != rules {
            scratch.reported = vec![None; rules];
        }
        for index in 0..scratch.sentences.len() {
            self.match_sentence(index, Pass::Shapes, base, enabled, scratch, out);
        }
    }

    /// Runs the guards over the sentences of the text [`scan_shapes`](Grammar::scan_shapes) last
    /// scanned with `scratch`, adding the regions they cover to `out`. A guard only ever drops or
    /// softens a finding, so it is looked for only in a sentence that `wanted` says may hold one
    /// (given the sentence's bytes shifted by `base`), or next to such a sentence, where guards
    /// with scope `previous` and `next` reach.
    pub fn scan_guards(
        &self,
        base: usize,
        wanted: &dyn Fn(Range<usize>) -> bool,
        scratch: &mut Scratch,
        out: &mut Scan,
    ) {
        if self.is_empty() || scratch.sentences.is_empty() {
            return;
        }
        let mut wanted_sentences = std::mem::take(&mut scratch.wanted);
        wanted_sentences.clear();
        wanted_sentences.extend(
            scratch
                .sentences
                .iter()
                .map(|s| wanted(s.start + base..s.end + base)),
        );
        for index in 0..scratch.sentences.len() {
            let near = index.saturating_sub(1)..(index + 2).min(wanted_sentences.len());
            if wanted_sentences[near].contains(&true) {
                self.match_sentence(index, Pass::Guards, base, &|_| true, scratch, out);
            }
        }
        scratch.wanted = wanted_sentences;
    }

    /// Matches the sequences of `pass` in sentence `index` of the last scanned text.
    fn match_sentence(
        &self,
        index: usize,
        pass: Pass,
        base: usize,
        enabled: &dyn Fn(RuleIndex) -> bool,
        scratch: &mut Scratch,
        out: &mut Scan,
    ) {
        let tokens = &scratch.tokens;
        let range = &scratch.sentences[index];
        let tokens_of = &scratch.sentence_tokens[index];
        let before = index.checked_sub(1).map(|i| scratch.sentences[i].clone());
        let after = scratch.sentences.get(index + 1);
        let next = match scratch.sentence_number {
            None => Some(NonZeroU32::MIN),
            Some(SentenceNumber(n)) => n.checked_add(1),
        };
        let number = SentenceNumber(next.unwrap_or_else(|| {
            // Numbers ran out: every stamp is from an earlier sentence, so none may stay.
            scratch.seen.iter_mut().for_each(|s| s.0 = None);
            scratch.tried.iter_mut().for_each(|t| *t = None);
            scratch.anchored.iter_mut().for_each(|a| *a = None);
            scratch.reported.iter_mut().for_each(|r| *r = None);
            NonZeroU32::MIN
        }));
        scratch.sentence_number = Some(number);
        let (start, end) = (tokens_of.start, tokens_of.end);
        if start == end {
            return;
        }
        let sentence = Sentence {
            end,
            starts: [start, self.after_vocative(tokens, start, end)],
        };
        scratch.matched.clear();
        scratch.words.clear();
        scratch
            .words
            .extend(scratch.ids[start..end].iter().copied().flatten());
        scratch.words.sort_unstable();
        scratch.words.dedup();
        for &word in &scratch.words {
            for &seq in self.anchored_by(word) {
                scratch.anchored[seq as usize] = Some(number);
            }
        }
        for pos in start..end {
            let token = &tokens.list[pos];
            let id = scratch.ids[pos];
            let by_word: &[u32] = match id {
                Some(id) => self.by_word(id),
                None => &[],
            };
            let at_start: &[u32] = if sentence.starts.contains(&pos) {
                self.at_start()
            } else {
                &[]
            };
            let start_by_word: &[u32] = match id {
                Some(id) if sentence.starts.contains(&pos) => self.start_by_word(id),
                _ => &[],
            };
            let caps: &[u32] = if token.caps { self.by_caps() } else { &[] };
            let number_list: &[u32] = if token.kind == TokenKind::Number {
                self.by_number()
            } else {
                &[]
            };
            let capitalised: &[u32] = if token.capitalised {
                self.by_capitalised()
            } else {
                &[]
            };
            for list in [
                at_start,
                start_by_word,
                by_word,
                caps,
                number_list,
                capitalised,
                self.anywhere(),
            ] {
                for &seq in list {
                    let seen = &scratch.seen[seq as usize];
                    // Only a guard over its own words needs every match; any other
                    // sequence's first match in the sentence is all that counts.
                    let role = self.role(seq);
                    let every_match = match (role, pass) {
                        (Role::Guard { guard }, Pass::Guards) => {
                            self.guard_scope(guard) == Scope::Inside
                        }
                        (Role::Primary { .. }, Pass::Shapes) => false,
                        _ => continue,
                    };
                    if seen.0 == Some(number) && !every_match {
                        continue;
                    }
                    if !is_anchored(self, &scratch.anchored, seq, number) {
                        continue;
                    }
                    if let Role::Primary { slot, .. } = role
                        && !enabled(self.rule_index(slot))
                    {
                        continue;
                    }
                    let Some((end_pos, marks)) =
                        self.seq_at(seq, pos, &sentence, tokens, &scratch.ids)
                    else {
                        continue;
                    };
                    let (from, to) = match (marks.open, marks.close) {
                        (Some(a), Some(b)) if b > a => (a, b),
                        _ => (pos, end_pos),
                    };
                    let span = if to > from {
                        tokens.list[from].span.start..tokens.list[to - 1].span.end
                    } else {
                        continue;
                    };
                    if let Role::Guard { guard } = role {
                        let region = match self.guard_scope(guard) {
                            Scope::Inside => Some(span.clone()),
                            Scope::After => Some(span.start..range.end),
                            Scope::Sentence => Some(range.clone()),
                            Scope::Previous => before.clone(),
                            Scope::Next => after.cloned(),
                        };
                        if let Some(region) = region {
                            out.guarded.push(Guarded {
                                guard,
                                region: region.start + base..region.end + base,
                            });
                        }
                    }
                    if seen.0 != Some(number) {
                        scratch.seen[seq as usize] = (Some(number), span);
                        scratch.matched.push(seq);
                    }
                }
            }
        }
        // Each rule with a matched first part: its earliest complete shape, unless a cue
        // says otherwise.
        scratch.candidates.clear();
        let mut cues = Cues {
            grammar: self,
            number,
            sentence: &sentence,
            tokens,
            ids: &scratch.ids,
            anchored: &scratch.anchored,
            seen: &mut scratch.seen,
            tried: &mut scratch.tried,
        };
        for &seq in &scratch.matched {
            let Role::Primary { slot, shape } = self.role(seq) else {
                continue;
            };
            let complete = self.shape_sets(slot, shape).all(|set| cues.any(set));
            if complete {
                let span = cues.seen[seq as usize].1.clone();
                scratch.candidates.push((span.start, slot, seq, span));
            }
        }
        scratch.candidates.sort_by_key(|c| (c.0, c.1));
        for (_, slot, _, span) in &scratch.candidates {
            if scratch.reported[*slot as usize] == Some(number) {
                continue;
            }
            scratch.reported[*slot as usize] = Some(number);
            if cues.any(self.unless(*slot)) {
                continue;
            }
            let softened = cues.any(self.soften(*slot));
            out.matches.push(ShapeMatch {
                rule: self.rule_index(*slot),
                span: span.start + base..span.end + base,
                sentence: range.start + base..range.end + base,
                softened,
            });
        }
    }

    /// A quick test of a sequence's first element at `pos`, before the full match is tried.
    fn may_start(
        &self,
        seq: u32,
        pos: usize,
        sentence: &Sentence,
        tokens: &Tokens,
        ids: &[Option<WordId>],
    ) -> bool {
        let first = self
            .elems(seq)
            .iter()
            .map(|&e| Elem::from_code(e))
            .find(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose));
        first.is_none_or(|e| self.elem_may_match(&e, pos, sentence, tokens, ids))
    }

    /// A quick test of one element at token `pos`: `false` only where it cannot match there.
    /// Elements that span no token or several (gaps, the end) always pass.
    #[inline]
    fn elem_may_match(
        &self,
        elem: &Elem,
        pos: usize,
        sentence: &Sentence,
        tokens: &Tokens,
        ids: &[Option<WordId>],
    ) -> bool {
        if matches!(elem, Elem::Start) {
            return sentence.starts.contains(&pos);
        }
        let Some(token) = tokens.list.get(pos).filter(|_| pos < sentence.end) else {
            return !matches!(
                elem,
                Elem::Word(_)
                    | Elem::CapsWord(_)
                    | Elem::Caps
                    | Elem::Number
                    | Elem::Capitalised
                    | Elem::Class(_)
            );
        };
        match elem {
            Elem::Word(w) => ids[pos] == Some(*w),
            Elem::CapsWord(w) => ids[pos] == Some(*w) && token.caps,
            Elem::Caps => token.caps,
            Elem::Number => token.kind == TokenKind::Number,
            Elem::Capitalised => token.capitalised,
            Elem::Class(c) => {
                let root = self.edges(*c, 0);
                let words = self.root_others(*c);
                ids[pos].is_some_and(|id| self.class_start(*c, id).is_some())
                    || root[words * 2..]
                        .chunks_exact(2)
                        .any(|e| key_matches(Key::from_code(e[0]), token, ids[pos]))
            }
            _ => true,
        }
    }

    /// The token where a sentence's own words start after a greeting or a name it is addressed
    /// to: "Dr. Hale, sign..." or "Team: please...". Returns `start` when there is none.
    fn after_vocative(&self, tokens: &Tokens, start: usize, end: usize) -> usize {
        let limit = (start + 6).min(end);
        for pos in start..limit {
            let text = tokens.text(pos);
            if matches!(text, "," | ":" | "-" | "\u{2013}" | "\u{2014}") {
                if pos == start {
                    return start;
                }
                let words_ok = (start..pos).all(|i| {
                    let t = &tokens.list[i];
                    let w = tokens.text(i);
                    t.capitalised
                        || t.kind == TokenKind::Number
                        || w == "."
                        || matches!(
                            w,
                            "hi" | "hello"
                                | "hey"
                                | "dear"
                                | "good"
                                | "morning"
                                | "afternoon"
                                | "evening"
                                | "all"
                                | "team"
                                | "folks"
                                | "everyone"
                                | "guys"
                                | "and"
                        )
                });
                return if words_ok { pos + 1 } else { start };
            }
            if matches!(text, "." | "!" | "?")
                && !(pos > start && matches!(tokens.text(pos - 1), "dr" | "mr" | "mrs" | "ms"))
            {
                return start;
            }
        }
        start
    }

    /// Tries sequence `seq` at token `pos`: the token after its match, and its marks.
    fn seq_at(
        &self,
        seq: u32,
        pos: usize,
        sentence: &Sentence,
        tokens: &Tokens,
        ids: &[Option<WordId>],
    ) -> Option<(usize, Marks)> {
        self.elems_at(
            self.elems(seq),
            pos,
            Marks::default(),
            sentence,
            tokens,
            ids,
        )
    }

    fn elems_at(
        &self,
        elems: &[u32],
        pos: usize,
        marks: Marks,
        s: &Sentence,
        tokens: &Tokens,
        ids: &[Option<WordId>],
    ) -> Option<(usize, Marks)> {
        let Some((&first, rest)) = elems.split_first() else {
            return Some((pos, marks));
        };
        let token = tokens.list.get(pos).filter(|_| pos < s.end);
        let word_like = |t: &crate::token::Token| t.kind != TokenKind::Punct;
        let next = |ok: bool| {
            if ok {
                self.elems_at(rest, pos + 1, marks, s, tokens, ids)
            } else {
                None
            }
        };
        match Elem::from_code(first) {
            Elem::MarkOpen => self.elems_at(
                rest,
                pos,
                Marks {
                    open: Some(pos),
                    ..marks
                },
                s,
                tokens,
                ids,
            ),
            Elem::MarkClose => self.elems_at(
                rest,
                pos,
                Marks {
                    close: Some(pos),
                    ..marks
                },
                s,
                tokens,
                ids,
            ),
            Elem::Start => {
                if s.starts.contains(&pos) {
                    self.elems_at(rest, pos, marks, s, tokens, ids)
                } else {
                    None
                }
            }
            Elem::End => {
                let only_punct = (pos..s.end).all(|i| {
                    tokens.list[i].kind == TokenKind::Punct
                        && !matches!(tokens.text(i), "," | ":" | ";" | "-")
                });
                if only_punct {
                    self.elems_at(rest, pos, marks, s, tokens, ids)
                } else {
                    None
                }
            }
            Elem::Word(w) => next(token.is_some() && ids[pos] == Some(w)),
            Elem::CapsWord(w) => next(token.is_some_and(|t| t.caps) && ids[pos] == Some(w)),
            Elem::Any => next(token.is_some_and(word_like)),
            Elem::Caps => next(token.is_some_and(|t| t.caps)),
            Elem::Number => next(token.is_some_and(|t| t.kind == TokenKind::Number)),
            Elem::Capitalised => next(token.is_some_and(|t| t.capitalised)),
            Elem::Gap(n) => {
                // Most of a gap's positions cannot start what follows it: test that cheaply
                // before trying the rest of the sequence there.
                let next = rest
                    .iter()
                    .map(|&e| Elem::from_code(e))
                    .find(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose));
                for skip in 0..=n as usize {
                    if pos + skip > s.end {
                        break;
                    }
                    if next.is_some_and(|e| !self.elem_may_match(&e, pos + skip, s, tokens, ids)) {
                        continue;
                    }
                    if let Some(found) = self.elems_at(rest, pos + skip, marks, s, tokens, ids) {
                        return Some(found);
                    }
                }
                None
            }
            Elem::Class(c) => {
                let mut found = None;
                self.class_walk(c, 0, pos, s, tokens, ids, &mut |end| {
                    found = self.elems_at(rest, end, marks, s, tokens, ids);
                    found.is_some()
                });
                found
            }
        }
    }

    /// Walks class `c`'s trie from `node` at token `pos`, longest entries first, calling `then`
    /// with the token after each entry that matches; stops when `then` says so.
    #[allow(clippy::too_many_arguments)]
    fn class_walk(
        &self,
        c: u32,
        node: u32,
        pos: usize,
        s: &Sentence,
        tokens: &Tokens,
        ids: &[Option<WordId>],
        then: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        let here = self.edges(c, node);
        if pos < s.end {
            let token = &tokens.list[pos];
            // Word edges come first, sorted by id (see `Key`): the one for this token is found by
            // binary search; the few others (capitals, numbers, any word) follow.
            let (words, child) = if node == 0 {
                let words = self.root_others(c);
                let child = ids[pos].and_then(|id| self.class_start(c, id));
                (words, child)
            } else {
                let words = word_edges(here);
                let child = ids[pos].and_then(|id| word_child(&here[..words * 2], id));
                (words, child)
            };
            if let Some(child) = child
                && self.class_walk(c, child, pos + 1, s, tokens, ids, then)
            {
                return true;
            }
            for edge in here[words * 2..].chunks_exact(2) {
                if key_matches(Key::from_code(edge[0]), token, ids[pos])
                    && self.class_walk(c, edge[1], pos + 1, s, tokens, ids, then)
                {
                    return true;
                }
            }
        }
        node != 0 && self.terminal(c, node) && then(pos)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Effect, GuardSource, RuleIndex, RuleSource, Scan, Scope, Scratch, Sources};

    fn grammar() -> crate::Grammar {
        let guard = |id: &str, shape: &str, scope| GuardSource {
            id: id.into(),
            shapes: vec![shape.into()],
            scope,
            categories: vec!["demanding".into()],
            effect: Effect::Drop,
        };
        crate::compile(
            &Sources {
                rules: vec![RuleSource {
                    rule: RuleIndex(0),
                    shapes: vec!["^ [sign] them".into()],
                    unless: vec![],
                    soften: vec![],
                }],
                guards: vec![
                    guard("quoted", "she said", Scope::After),
                    guard("apology", "sorry", Scope::Next),
                ],
                ..Sources::default()
            },
            None,
        )
        .unwrap()
    }

    const TEXT: &str =
        "She said sign them today. Fine. Sorry. Sign them by noon. Then she said call.";

    /// Looking for the guards everywhere after the shapes is the whole scan.
    #[test]
    fn shapes_then_every_guard_is_the_whole_scan() {
        let grammar = grammar();
        let mut whole = Scan::default();
        grammar.scan(TEXT, 10, &|_| true, &mut Scratch::default(), &mut whole);
        let mut split = Scan::default();
        let mut scratch = Scratch::default();
        grammar.scan_shapes(TEXT, 10, &|_| true, &mut scratch, &mut split);
        assert_eq!(split.guarded, []);
        grammar.scan_guards(10, &|_| true, &mut scratch, &mut split);
        assert_eq!(whole.matches, split.matches);
        assert_eq!(whole.guarded, split.guarded);
        assert_eq!(whole.matches.len(), 1);
        assert_eq!(whole.guarded.len(), 3);
    }

    /// Guards are looked for in a wanted sentence and its neighbours only, and their regions
    /// keep the offsets of the text.
    #[test]
    fn guards_are_looked_for_only_near_wanted_sentences() {
        let grammar = grammar();
        let mut scan = Scan::default();
        let mut scratch = Scratch::default();
        grammar.scan_shapes(TEXT, 10, &|_| true, &mut scratch, &mut scan);
        let wanted = TEXT.find("Sign them by").unwrap() + 10;
        grammar.scan_guards(10, &|s| s.contains(&wanted), &mut scratch, &mut scan);
        let regions: Vec<&str> = scan
            .guarded
            .iter()
            .map(|g| &TEXT[g.region.start - 10..g.region.end - 10])
            .collect();
        assert_eq!(regions, ["Sign them by noon. ", "she said call."]);
        let mut none = Scan::default();
        grammar.scan_guards(10, &|_| false, &mut scratch, &mut none);
        assert_eq!(none.guarded, []);
    }
}
