//! The word-level phrase automaton: a vocabulary of folded tokens and an Aho-Corasick automaton
//! over token ids, stored as flat `u32` tables.
//!
//! Matching words instead of bytes means the automaton takes one step per word, the 28,000-odd
//! folded variants that alternatives and contractions expand to share their words, and a token
//! that occurs in no phrase sends the automaton straight back to its root.
//!
//! The tables are plain little-endian `u32` arrays so the build script can build them for the
//! built-in lexicons and embed them with `include_bytes!` (no work at start-up), while lexicons
//! loaded at run time build the same tables in memory with the same [`Builder`].

use std::borrow::Cow;
use std::collections::HashMap;

use crate::fold::is_word_char;

/// The token follows the previous one with nothing between (`fine,` is `fine` then `,`).
pub const GAP_ADJACENT: u32 = 0;
/// The token follows a run of white space holding at most one line break.
pub const GAP_SPACE: u32 = 1;
/// The token follows a blank line: no phrase runs across it.
pub const GAP_PARAGRAPH: u32 = 2;

/// The id of every token that is not in the vocabulary.
pub const UNKNOWN: u32 = 0;
/// The automaton's start state.
pub const ROOT: u32 = 0;

/// How a lexicon entry's automaton pattern is used.
pub const ROLE_PHRASE: u32 = 0;
/// A plain exception.
pub const ROLE_EXCEPTION: u32 = 1;
/// The words before the ` ... ` of a gapped exception.
pub const ROLE_GAP_BEFORE: u32 = 2;
/// The words after the ` ... ` of a gapped exception.
pub const ROLE_GAP_AFTER: u32 = 3;

/// The hash of a folded token, shared by the build script and the matcher so their tables agree.
#[inline]
pub fn hash_token(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// One step of [`hash_token`], for hashing while folding.
#[inline]
pub fn hash_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// The start value of [`hash_token`].
pub const HASH_START: u32 = 0x811c_9dc5;

/// Splits a folded phrase variant into its tokens, each with the gap before it.
///
/// Words are runs of word characters; every other character, an apostrophe included, is a token
/// of its own. The matcher splits input words at their apostrophes the same way, so `'ll` in a
/// phrase finds the end of "we'll" exactly as matching folded bytes did; [`Target::flags`] keeps
/// a phrase that starts or ends with a letter to whole words.
pub fn variant_tokens(variant: &str) -> Vec<(&str, u32)> {
    let mut tokens = Vec::new();
    let mut gap = GAP_ADJACENT;
    let mut rest = variant;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            gap = GAP_SPACE;
            rest = &rest[1..];
            continue;
        }
        let len = if is_word_char(c) {
            rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        tokens.push((&rest[..len], gap));
        gap = GAP_ADJACENT;
        rest = &rest[len..];
    }
    tokens
}

/// [`Target::flags`]: the match must start where an input word starts, not after an apostrophe
/// inside it.
pub const BOUNDED_START: u32 = 1;
/// [`Target::flags`]: the match must end where an input word ends.
pub const BOUNDED_END: u32 = 2;

/// The [`Target::flags`] of a folded variant: whole-word edges where it starts or ends with a
/// word character.
pub fn variant_flags(variant: &str) -> u32 {
    let start = variant.chars().next().is_some_and(is_word_char);
    let end = variant.chars().next_back().is_some_and(is_word_char);
    (u32::from(start) * BOUNDED_START) | (u32::from(end) * BOUNDED_END)
}

/// A read-only array of `u32`, borrowed from static data or owned.
#[derive(Clone, Debug)]
pub struct U32s(Cow<'static, [u8]>);

impl U32s {
    /// Wraps little-endian bytes.
    pub fn from_static(bytes: &'static [u8]) -> U32s {
        U32s(Cow::Borrowed(bytes))
    }

    /// Packs owned values.
    pub fn from_vec(values: &[u32]) -> U32s {
        U32s(Cow::Owned(
            values.iter().flat_map(|v| v.to_le_bytes()).collect(),
        ))
    }

    /// The value at `i`.
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        let b = &self.0[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// Whether there is no value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The raw little-endian bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// What one automaton pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// 0 for a rule, 1 for a strength.
    pub kind: u32,
    /// The entry's index among the rules or the strengths of the table's lexicons
    /// ([`ANY_ENTRY`] for an allowed phrase).
    pub entry: u32,
    /// One of the `ROLE_` constants.
    pub role: u32,
    /// For gapped exceptions, the gap's number; 0 otherwise.
    pub gap: u32,
    /// The number of tokens in the pattern.
    pub len: u32,
    /// [`BOUNDED_START`] and [`BOUNDED_END`].
    pub flags: u32,
}

/// The entry of an exception that applies to every rule (a user's allowed phrase).
pub const ANY_ENTRY: u32 = u32::MAX;

/// The number of `u32` fields of a [`Target`] in the tables.
const TARGET_FIELDS: usize = 6;

/// The names of the tables, in the order [`Tables::to_bytes`] writes them.
const SECTIONS: usize = 12;

/// A vocabulary and automaton, ready to match.
#[derive(Clone, Debug)]
pub struct Tables {
    /// Open-addressed hash table: word id, or 0 for an empty slot. Its length is a power of two.
    slots: U32s,
    /// For each word id, the start of its text in `words` (`word_ends[id - 1]` is the end).
    word_starts: U32s,
    words: Cow<'static, [u8]>,
    /// For each word id (0 included), the state reached from the root on it.
    root_next: U32s,
    /// For each state, the range of its sorted transitions in `trans_key`/`trans_next`.
    trans_start: U32s,
    /// `word id << 1 | gap`.
    trans_key: U32s,
    trans_next: U32s,
    fail: U32s,
    /// For each state, the range of its targets in `out` (its own, then its failure chain's).
    out_start: U32s,
    out: U32s,
    targets: U32s,
    /// For each word id, the range of its trigger ids in `triggers`.
    trigger_start: U32s,
    triggers: U32s,
    /// The most tokens in one pattern.
    pub max_len: u32,
    /// The longest word in bytes.
    pub max_word: u32,
}

impl Tables {
    /// The id of a folded token, given its hash, or [`UNKNOWN`].
    #[inline]
    pub fn lookup(&self, token: &[u8], hash: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let id = self.slots.get(i);
            if id == 0 {
                return UNKNOWN;
            }
            let start = self.word_starts.get(id as usize - 1) as usize;
            let end = self.word_starts.get(id as usize) as usize;
            if &self.words[start..end] == token {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// The state after reading token `id` with `gap` before it in state `state`.
    #[inline]
    pub fn step(&self, mut state: u32, id: u32, gap: u32) -> u32 {
        if id == UNKNOWN {
            return ROOT;
        }
        if gap != GAP_PARAGRAPH {
            let key = id << 1 | gap;
            while state != ROOT {
                let lo = self.trans_start.get(state as usize) as usize;
                let hi = self.trans_start.get(state as usize + 1) as usize;
                if let Some(next) = self.find_key(lo, hi, key) {
                    return next;
                }
                state = self.fail.get(state as usize);
            }
        }
        self.root_next.get(id as usize)
    }

    fn find_key(&self, mut lo: usize, mut hi: usize, key: u32) -> Option<u32> {
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = self.trans_key.get(mid);
            if k == key {
                return Some(self.trans_next.get(mid));
            }
            if k < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        None
    }

    /// The range in the output list of the targets matched on entering `state`.
    #[inline]
    pub fn outputs(&self, state: u32) -> std::ops::Range<usize> {
        self.out_start.get(state as usize) as usize..self.out_start.get(state as usize + 1) as usize
    }

    /// The target at position `i` of the output list.
    #[inline]
    pub fn output(&self, i: usize) -> Target {
        self.target(self.out.get(i) as usize)
    }

    /// Target number `t`.
    pub fn target(&self, t: usize) -> Target {
        let f = |k| self.targets.get(t * TARGET_FIELDS + k);
        Target {
            kind: f(0),
            entry: f(1),
            role: f(2),
            gap: f(3),
            len: f(4),
            flags: f(5),
        }
    }

    /// The trigger ids of word `id`.
    #[inline]
    pub fn triggers(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let lo = self.trigger_start.get(id as usize) as usize;
        let hi = self.trigger_start.get(id as usize + 1) as usize;
        (lo..hi).map(move |i| self.triggers.get(i))
    }

    /// Serialises the tables: a header of section lengths, then the sections.
    pub fn to_bytes(&self) -> Vec<u8> {
        let sections: [&[u8]; SECTIONS] = [
            self.slots.bytes(),
            self.word_starts.bytes(),
            &self.words,
            self.root_next.bytes(),
            self.trans_start.bytes(),
            self.trans_key.bytes(),
            self.trans_next.bytes(),
            self.fail.bytes(),
            self.out_start.bytes(),
            self.out.bytes(),
            self.targets.bytes(),
            self.trigger_start.bytes(),
        ];
        let mut out = Vec::new();
        out.extend(self.max_len.to_le_bytes());
        out.extend(self.max_word.to_le_bytes());
        for s in sections.iter() {
            out.extend((s.len() as u32).to_le_bytes());
        }
        out.extend((self.triggers.bytes().len() as u32).to_le_bytes());
        for s in sections.iter() {
            out.extend_from_slice(s);
        }
        out.extend_from_slice(self.triggers.bytes());
        out
    }

    /// Reads tables written by [`to_bytes`](Tables::to_bytes) without copying them.
    pub fn from_static(bytes: &'static [u8]) -> Tables {
        let header = |i: usize| {
            u32::from_le_bytes([
                bytes[i * 4],
                bytes[i * 4 + 1],
                bytes[i * 4 + 2],
                bytes[i * 4 + 3],
            ]) as usize
        };
        let count = SECTIONS + 1;
        let mut at = (2 + count) * 4;
        let mut parts: Vec<&'static [u8]> = Vec::with_capacity(count);
        for i in 0..count {
            let len = header(2 + i);
            parts.push(&bytes[at..at + len]);
            at += len;
        }
        let u = |i: usize| U32s::from_static(parts[i]);
        Tables {
            max_len: header(0) as u32,
            max_word: header(1) as u32,
            slots: u(0),
            word_starts: u(1),
            words: Cow::Borrowed(parts[2]),
            root_next: u(3),
            trans_start: u(4),
            trans_key: u(5),
            trans_next: u(6),
            fail: u(7),
            out_start: u(8),
            out: u(9),
            targets: u(10),
            trigger_start: u(11),
            triggers: u(12),
        }
    }
}

/// Builds [`Tables`] from token sequences.
#[derive(Debug)]
pub struct Builder {
    words: HashMap<String, u32>,
    word_list: Vec<String>,
    /// Per state: transitions (key, next). At the root the key is the bare word id.
    children: Vec<Vec<(u32, u32)>>,
    /// The same transitions by (state, key): a linear search of the root's children would make
    /// a lexicon of a hundred thousand phrases cost time in the square of its size.
    edges: HashMap<(u32, u32), u32>,
    own: Vec<Vec<u32>>,
    targets: Vec<Target>,
    triggers: Vec<Vec<u32>>,
    max_len: u32,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder {
            words: HashMap::new(),
            word_list: Vec::new(),
            children: vec![Vec::new()],
            edges: HashMap::new(),
            own: vec![Vec::new()],
            targets: Vec::new(),
            triggers: vec![Vec::new()],
            max_len: 1,
        }
    }

    /// The id of a folded token, adding it to the vocabulary.
    pub fn word(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.words.get(token) {
            return id;
        }
        self.word_list.push(token.to_string());
        let id = self.word_list.len() as u32;
        self.words.insert(token.to_string(), id);
        self.triggers.push(Vec::new());
        id
    }

    /// Makes the folded token `token` fire trigger `trigger` whenever it occurs.
    pub fn trigger(&mut self, token: &str, trigger: u32) {
        let id = self.word(token);
        if !self.triggers[id as usize].contains(&trigger) {
            self.triggers[id as usize].push(trigger);
        }
    }

    /// Adds a pattern: its tokens (as from [`variant_tokens`]) and what it stands for.
    pub fn add(&mut self, tokens: &[(&str, u32)], mut target: Target) {
        let mut state = ROOT;
        for (i, &(token, gap)) in tokens.iter().enumerate() {
            let id = self.word(token);
            let key = if i == 0 { id } else { id << 1 | gap };
            state = match self.edges.get(&(state, key)) {
                Some(&next) => next,
                None => {
                    let next = self.children.len() as u32;
                    self.children.push(Vec::new());
                    self.own.push(Vec::new());
                    self.children[state as usize].push((key, next));
                    self.edges.insert((state, key), next);
                    next
                }
            };
        }
        target.len = tokens.len() as u32;
        self.max_len = self.max_len.max(target.len);
        self.own[state as usize].push(self.targets.len() as u32);
        self.targets.push(target);
    }

    /// Whether no pattern and no trigger was added.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty() && self.word_list.is_empty()
    }

    /// Computes failure links and output lists and packs the tables.
    pub fn finish(mut self) -> Tables {
        let states = self.children.len();
        let words = self.word_list.len();
        let mut root_next = vec![ROOT; words + 1];
        for &(id, next) in &self.children[0] {
            root_next[id as usize] = next;
        }
        for list in &mut self.children {
            list.sort_unstable();
        }
        let mut fail = vec![ROOT; states];
        let mut outputs: Vec<Vec<u32>> = vec![Vec::new(); states];
        // Breadth first, so that a state's failure target is finished before the state.
        let mut queue: std::collections::VecDeque<u32> =
            self.children[0].iter().map(|&(_, next)| next).collect();
        for &s in &queue {
            outputs[s as usize] = self.own[s as usize].clone();
        }
        while let Some(state) = queue.pop_front() {
            let kids = self.children[state as usize].clone();
            for (key, child) in kids {
                let id = key >> 1;
                let mut f = fail[state as usize];
                let target = loop {
                    if f == ROOT {
                        break root_next[id as usize];
                    }
                    let list = &self.children[f as usize];
                    if let Ok(i) = list.binary_search_by_key(&key, |&(k, _)| k) {
                        break list[i].1;
                    }
                    f = fail[f as usize];
                };
                fail[child as usize] = target;
                let mut out = self.own[child as usize].clone();
                out.extend_from_slice(&outputs[target as usize]);
                outputs[child as usize] = out;
                queue.push_back(child);
            }
        }
        let mut trans_start = Vec::with_capacity(states + 1);
        let mut trans_key = Vec::new();
        let mut trans_next = Vec::new();
        for (s, list) in self.children.iter().enumerate() {
            trans_start.push(trans_key.len() as u32);
            if s == ROOT as usize {
                continue;
            }
            for &(k, n) in list {
                trans_key.push(k);
                trans_next.push(n);
            }
        }
        trans_start.push(trans_key.len() as u32);
        let mut out_start = Vec::with_capacity(states + 1);
        let mut out = Vec::new();
        for list in &outputs {
            out_start.push(out.len() as u32);
            out.extend_from_slice(list);
        }
        out_start.push(out.len() as u32);
        let size = (words * 2 + 2).next_power_of_two();
        let mut slots = vec![0u32; size];
        let mut word_starts = Vec::with_capacity(words + 1);
        let mut blob = Vec::new();
        let mut max_word = 0;
        for (i, w) in self.word_list.iter().enumerate() {
            word_starts.push(blob.len() as u32);
            blob.extend_from_slice(w.as_bytes());
            max_word = max_word.max(w.len() as u32);
            let mut at = hash_token(w.as_bytes()) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = i as u32 + 1;
        }
        word_starts.push(blob.len() as u32);
        // Word ids start at 1: shift so that `word_starts[id - 1]..word_starts[id]` is word `id`.
        let targets: Vec<u32> = self
            .targets
            .iter()
            .flat_map(|t| [t.kind, t.entry, t.role, t.gap, t.len, t.flags])
            .collect();
        let mut trigger_start = Vec::with_capacity(words + 2);
        let mut triggers = Vec::new();
        for list in &self.triggers {
            trigger_start.push(triggers.len() as u32);
            triggers.extend_from_slice(list);
        }
        trigger_start.push(triggers.len() as u32);
        Tables {
            slots: U32s::from_vec(&slots),
            word_starts: U32s::from_vec(&word_starts),
            words: Cow::Owned(blob),
            root_next: U32s::from_vec(&root_next),
            trans_start: U32s::from_vec(&trans_start),
            trans_key: U32s::from_vec(&trans_key),
            trans_next: U32s::from_vec(&trans_next),
            fail: U32s::from_vec(&fail),
            out_start: U32s::from_vec(&out_start),
            out: U32s::from_vec(&out),
            targets: U32s::from_vec(&targets),
            trigger_start: U32s::from_vec(&trigger_start),
            triggers: U32s::from_vec(&triggers),
            max_len: self.max_len,
            max_word,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_split_into_tokens_with_gaps() {
        let t = variant_tokens("fine, i guess.");
        assert_eq!(
            t,
            [
                ("fine", GAP_ADJACENT),
                (",", GAP_ADJACENT),
                ("i", GAP_SPACE),
                ("guess", GAP_SPACE),
                (".", GAP_ADJACENT)
            ]
        );
        assert_eq!(
            variant_tokens("you're"),
            [
                ("you", GAP_ADJACENT),
                ("'", GAP_ADJACENT),
                ("re", GAP_ADJACENT)
            ]
        );
        assert_eq!(
            variant_tokens("'til'"),
            [
                ("'", GAP_ADJACENT),
                ("til", GAP_ADJACENT),
                ("'", GAP_ADJACENT)
            ]
        );
        assert_eq!(variant_flags("'ll do"), BOUNDED_END);
    }

    #[test]
    fn automaton_finds_overlapping_phrases() {
        let mut b = Builder::new();
        let t = |entry| Target {
            kind: 0,
            entry,
            role: ROLE_PHRASE,
            gap: 0,
            len: 0,
            flags: 0,
        };
        b.add(&variant_tokens("need you to"), t(0));
        b.add(&variant_tokens("you to"), t(1));
        let tables = b.finish();
        let tables = Tables::from_static(Box::leak(tables.to_bytes().into_boxed_slice()));
        let mut state = ROOT;
        let mut found = Vec::new();
        for (i, (w, gap)) in [("i", 0), ("need", 1), ("you", 1), ("to", 1)]
            .iter()
            .enumerate()
        {
            let id = tables.lookup(w.as_bytes(), hash_token(w.as_bytes()));
            state = tables.step(state, id, *gap);
            for o in tables.outputs(state) {
                found.push((i, tables.output(o).entry));
            }
        }
        assert_eq!(found, [(3, 0), (3, 1)]);
    }
}
