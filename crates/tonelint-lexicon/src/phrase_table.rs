//! The word-level phrase automaton: a vocabulary of folded tokens and an Aho-Corasick automaton
//! over token ids, stored as flat `u32` tables.
//!
//! Matching words instead of bytes means the automaton takes one step per word, the tens of
//! thousands of folded variants that alternatives and contractions expand to share their words,
//! and a token
//! that occurs in no phrase sends the automaton straight back to its root.
//!
//! The tables are plain little-endian `u32` arrays so the build script can build them for the
//! built-in lexicons and embed them with `include_bytes!` (no work at start-up), while lexicons
//! loaded at run time build the same tables in memory with the same [`Builder`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::num::NonZeroU32;

use crate::fold::is_word_char;

/// Which kind of lexicon entry an automaton pattern belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A rule: it flags phrasing.
    Rule,
    /// A strength: it credits a move the seeds recommend.
    Strength,
}

/// What stands between a token and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Nothing (`fine,` is `fine` then `,`).
    Adjacent,
    /// A run of white space holding at most one line break.
    Space,
    /// A blank line: no phrase runs across it.
    Paragraph,
}

impl Gap {
    /// The gap's bit in a transition key. Only the two gaps a phrase can run across have one.
    #[inline]
    fn bit(self) -> u32 {
        match self {
            Gap::Adjacent => 0,
            Gap::Space | Gap::Paragraph => 1,
        }
    }
}

/// A word of an automaton's vocabulary. A token that is not in the vocabulary has no id
/// (`None` from [`Tables::lookup`]); ids start at 1, and 0 marks an empty slot of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct WordId(NonZeroU32);

impl WordId {
    /// The id's slot in the per-word tables, where slot 0 stands for a word not in the
    /// vocabulary.
    #[inline]
    fn slot(self) -> usize {
        self.0.get() as usize
    }

    /// The id as the tables store it.
    #[inline]
    fn code(self) -> u32 {
        self.0.get()
    }

    /// The id as a number (at least 1). For `benches/phrase_automaton.rs`, which encodes word
    /// ids as bytes for the `aho-corasick` crate; the matcher does not use it.
    #[doc(hidden)]
    #[inline]
    pub fn get(self) -> u32 {
        self.0.get()
    }
}

/// A state of the automaton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct StateId(u32);

impl StateId {
    /// The start state, where every match begins and a word in no phrase leads back to.
    pub const ROOT: StateId = StateId(0);

    #[inline]
    fn slot(self) -> usize {
        self.0 as usize
    }
}

/// A trigger: one way a lexicon pattern's match contains a trigger word (one split of the
/// pattern, see [`crate::trigger::Split`]). Ids are given in the order patterns are registered,
/// one per split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct TriggerId(u32);

impl TriggerId {
    /// The first trigger id of a table.
    pub const FIRST: TriggerId = TriggerId(0);

    /// The id's position among the triggers, in registration order.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The id after this one.
    pub fn next(self) -> TriggerId {
        TriggerId(self.0 + 1)
    }
}

/// An entry's position among the rules, or among the strengths, of the lexicons a table was
/// built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct EntryIndex(pub u32);

impl EntryIndex {
    /// The position as an index into a list of the entries.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a lexicon entry's automaton pattern is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A phrase: a match is a finding.
    Phrase,
    /// A plain exception: it silences the entry's findings it covers.
    Exception,
    /// The words before the ` ... ` of the entry's gapped exception number `.0`.
    GapBefore(u32),
    /// The words after the ` ... ` of the entry's gapped exception number `.0`.
    GapAfter(u32),
}

/// Which entry an automaton pattern belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entry {
    /// The entry with this index among the rules or the strengths of the table's lexicons.
    One(EntryIndex),
    /// Every rule: an allowed phrase is an exception to all of them.
    Any,
}

/// Where a pattern must meet the edges of input words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The match must start where an input word starts, not after an apostrophe inside it.
    pub start: bool,
    /// The match must end where an input word ends.
    pub end: bool,
}

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
/// phrase finds the end of "we'll"; [`Target::bounds`] keeps a phrase that starts or ends with a
/// letter to whole words.
pub fn variant_tokens(variant: &str) -> Vec<(&str, Gap)> {
    let mut tokens = Vec::new();
    let mut gap = Gap::Adjacent;
    let mut rest = variant;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            gap = Gap::Space;
            rest = &rest[1..];
            continue;
        }
        let len = if is_word_char(c) {
            rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        tokens.push((&rest[..len], gap));
        gap = Gap::Adjacent;
        rest = &rest[len..];
    }
    tokens
}

/// The [`Bounds`] of a folded variant: whole-word edges where it starts or ends with a word
/// character.
pub fn variant_bounds(variant: &str) -> Bounds {
    Bounds {
        start: variant.chars().next().is_some_and(is_word_char),
        end: variant.chars().next_back().is_some_and(is_word_char),
    }
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
    /// A rule's or a strength's.
    pub kind: Kind,
    /// Which of them.
    pub entry: Entry,
    /// How the entry uses the pattern.
    pub role: Role,
    /// The number of tokens in the pattern; [`Builder::add`] sets it.
    pub len: u32,
    /// Where the pattern must meet word edges.
    pub bounds: Bounds,
}

/// The number of `u32` fields of a [`Target`] in the tables.
const TARGET_FIELDS: usize = 6;

impl Target {
    /// The target as the tables store it: kind, entry, role, gap number, length, bound bits.
    /// The layout is the one every table was written in, so the codes are spelt out here and in
    /// [`Target::decode`] only.
    fn encode(self) -> [u32; TARGET_FIELDS] {
        let kind = match self.kind {
            Kind::Rule => 0,
            Kind::Strength => 1,
        };
        let entry = match self.entry {
            Entry::One(i) => i.0,
            Entry::Any => u32::MAX,
        };
        let (role, gap) = match self.role {
            Role::Phrase => (0, 0),
            Role::Exception => (1, 0),
            Role::GapBefore(gap) => (2, gap),
            Role::GapAfter(gap) => (3, gap),
        };
        let bounds = u32::from(self.bounds.start) | (u32::from(self.bounds.end) << 1);
        [kind, entry, role, gap, self.len, bounds]
    }

    /// Reads a target written by [`Target::encode`]. The tables are only ever written by
    /// `encode`, so each field's last arm stands for the one code left.
    #[inline]
    fn decode(f: [u32; TARGET_FIELDS]) -> Target {
        Target {
            kind: if f[0] == 0 {
                Kind::Rule
            } else {
                Kind::Strength
            },
            entry: if f[1] == u32::MAX {
                Entry::Any
            } else {
                Entry::One(EntryIndex(f[1]))
            },
            role: match f[2] {
                0 => Role::Phrase,
                1 => Role::Exception,
                2 => Role::GapBefore(f[3]),
                _ => Role::GapAfter(f[3]),
            },
            len: f[4],
            bounds: Bounds {
                start: f[5] & 1 != 0,
                end: f[5] & 2 != 0,
            },
        }
    }
}

/// One token of a pattern [`Tables::patterns`] lists: word id, folded text, and the gap before it.
#[doc(hidden)]
pub type ListedToken<'a> = (WordId, &'a [u8], Gap);

/// One pattern of an automaton, as [`Tables::patterns`] lists it.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct PatternListing<'a> {
    /// Its tokens.
    pub tokens: Vec<ListedToken<'a>>,
    /// What a match of it stands for.
    pub targets: Vec<Target>,
}

/// The number of tables [`Tables::to_bytes`] writes, after `max_len` and `max_word`.
const SECTIONS: usize = 13;

/// A vocabulary and automaton, ready to match.
#[derive(Clone, Debug)]
pub struct Tables {
    /// Open-addressed hash table: word id, or 0 for an empty slot. Its length is a power of two.
    slots: U32s,
    /// Where each word's text starts in `words`, in id order: word `id` is
    /// `words[word_starts[id - 1]..word_starts[id]]`.
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
    /// The id of a folded token, given its [`hash_token`]; none for a token not in the
    /// vocabulary.
    #[inline]
    pub fn lookup(&self, token: &[u8], hash: u32) -> Option<WordId> {
        if token.is_empty() || token.len() > self.max_word as usize {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let id = WordId(NonZeroU32::new(self.slots.get(i))?);
            let start = self.word_starts.get(id.slot() - 1) as usize;
            let end = self.word_starts.get(id.slot()) as usize;
            if &self.words[start..end] == token {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// The state after reading `word` (none: a token not in the vocabulary) with `gap` before it
    /// in state `state`.
    #[inline]
    pub fn step(&self, mut state: StateId, word: Option<WordId>, gap: Gap) -> StateId {
        let Some(word) = word else {
            return StateId::ROOT;
        };
        if gap != Gap::Paragraph {
            let key = word.code() << 1 | gap.bit();
            while state != StateId::ROOT {
                let lo = self.trans_start.get(state.slot()) as usize;
                let hi = self.trans_start.get(state.slot() + 1) as usize;
                if let Some(next) = self.find_key(lo, hi, key) {
                    return next;
                }
                state = StateId(self.fail.get(state.slot()));
            }
        }
        StateId(self.root_next.get(word.slot()))
    }

    fn find_key(&self, mut lo: usize, mut hi: usize, key: u32) -> Option<StateId> {
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = self.trans_key.get(mid);
            if k == key {
                return Some(StateId(self.trans_next.get(mid)));
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
    pub fn outputs(&self, state: StateId) -> std::ops::Range<usize> {
        self.out_start.get(state.slot()) as usize..self.out_start.get(state.slot() + 1) as usize
    }

    /// The target at position `i` of the output list.
    #[inline]
    pub fn output(&self, i: usize) -> Target {
        self.target(self.out.get(i) as usize)
    }

    /// Target number `t`.
    #[inline]
    pub fn target(&self, t: usize) -> Target {
        Target::decode(std::array::from_fn(|k| {
            self.targets.get(t * TARGET_FIELDS + k)
        }))
    }

    /// The triggers `word` fires.
    #[inline]
    pub fn triggers(&self, word: WordId) -> impl Iterator<Item = TriggerId> + '_ {
        let lo = self.trigger_start.get(word.slot()) as usize;
        let hi = self.trigger_start.get(word.slot() + 1) as usize;
        (lo..hi).map(move |i| TriggerId(self.triggers.get(i)))
    }

    /// Every pattern of the automaton, rebuilt from its trie in depth-first order: its tokens,
    /// each with the gap before it (the first token's is [`Gap::Adjacent`]: a match may start
    /// after any gap), and the targets it stands for itself (not those of its failure chain).
    /// For `benches/phrase_automaton.rs`, which matches the same patterns with the
    /// `aho-corasick` crate (issue 12); the matcher does not use it.
    #[doc(hidden)]
    pub fn patterns(&self) -> Vec<PatternListing<'_>> {
        let words = self.word_starts.len().saturating_sub(1);
        let word = |id: u32| {
            let start = self.word_starts.get(id as usize - 1) as usize;
            let end = self.word_starts.get(id as usize) as usize;
            &self.words[start..end]
        };
        let mut found = Vec::new();
        // (state, its tokens); the root's children are keyed by the bare word id.
        let mut stack: Vec<(u32, Vec<ListedToken<'_>>)> = (1..=words as u32)
            .rev()
            .filter_map(|id| {
                let next = self.root_next.get(id as usize);
                let id = WordId(NonZeroU32::new(id)?);
                (next != StateId::ROOT.0)
                    .then(|| (next, vec![(id, word(id.code()), Gap::Adjacent)]))
            })
            .collect();
        while let Some((state, tokens)) = stack.pop() {
            let own = self.outputs(StateId(state)).len()
                - self.outputs(StateId(self.fail.get(state as usize))).len();
            let first = self.out_start.get(state as usize) as usize;
            let targets: Vec<Target> = (first..first + own).map(|i| self.output(i)).collect();
            let lo = self.trans_start.get(state as usize) as usize;
            let hi = self.trans_start.get(state as usize + 1) as usize;
            for i in (lo..hi).rev() {
                let key = self.trans_key.get(i);
                let Some(id) = NonZeroU32::new(key >> 1).map(WordId) else {
                    continue;
                };
                let gap = if key & 1 == 0 {
                    Gap::Adjacent
                } else {
                    Gap::Space
                };
                let mut longer = tokens.clone();
                longer.push((id, word(id.code()), gap));
                stack.push((self.trans_next.get(i), longer));
            }
            if !targets.is_empty() {
                found.push(PatternListing { tokens, targets });
            }
        }
        found
    }

    /// The number of targets in the tables (every pattern's, counted once).
    #[doc(hidden)]
    pub fn target_count(&self) -> usize {
        self.targets.len() / TARGET_FIELDS
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
            self.triggers.bytes(),
        ];
        let mut out = Vec::new();
        out.extend(self.max_len.to_le_bytes());
        out.extend(self.max_word.to_le_bytes());
        for s in sections.iter() {
            out.extend((s.len() as u32).to_le_bytes());
        }
        for s in sections.iter() {
            out.extend_from_slice(s);
        }
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
        let mut at = (2 + SECTIONS) * 4;
        let mut parts: Vec<&'static [u8]> = Vec::with_capacity(SECTIONS);
        for i in 0..SECTIONS {
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
    words: HashMap<String, WordId>,
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
    pub fn word(&mut self, token: &str) -> WordId {
        if let Some(&id) = self.words.get(token) {
            return id;
        }
        // Ids start at 1, the list's length once the word is in it.
        let id = WordId(NonZeroU32::MIN.saturating_add(self.word_list.len() as u32));
        self.word_list.push(token.to_string());
        self.words.insert(token.to_string(), id);
        self.triggers.push(Vec::new());
        id
    }

    /// Makes the folded token `token` fire `trigger` whenever it occurs.
    pub fn trigger(&mut self, token: &str, trigger: TriggerId) {
        let word = self.word(token);
        if !self.triggers[word.slot()].contains(&trigger.0) {
            self.triggers[word.slot()].push(trigger.0);
        }
    }

    /// Adds a pattern: its tokens (as from [`variant_tokens`]) and what it stands for.
    pub fn add(&mut self, tokens: &[(&str, Gap)], mut target: Target) {
        let mut state = StateId::ROOT.0;
        for (i, &(token, gap)) in tokens.iter().enumerate() {
            let id = self.word(token).code();
            // At the root a transition is keyed by the bare word id (see `root_next`).
            let key = if i == 0 { id } else { id << 1 | gap.bit() };
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
        let root = StateId::ROOT.0;
        let mut root_next = vec![root; words + 1];
        for &(id, next) in &self.children[0] {
            root_next[id as usize] = next;
        }
        for list in &mut self.children {
            list.sort_unstable();
        }
        let mut fail = vec![root; states];
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
                    if f == root {
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
            if s == root as usize {
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
            // Ids start at 1: 0 marks an empty slot.
            slots[at] = i as u32 + 1;
        }
        word_starts.push(blob.len() as u32);
        let targets: Vec<u32> = self.targets.iter().flat_map(|t| t.encode()).collect();
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
                ("fine", Gap::Adjacent),
                (",", Gap::Adjacent),
                ("i", Gap::Space),
                ("guess", Gap::Space),
                (".", Gap::Adjacent)
            ]
        );
        assert_eq!(
            variant_tokens("you're"),
            [
                ("you", Gap::Adjacent),
                ("'", Gap::Adjacent),
                ("re", Gap::Adjacent)
            ]
        );
        assert_eq!(
            variant_tokens("'til'"),
            [
                ("'", Gap::Adjacent),
                ("til", Gap::Adjacent),
                ("'", Gap::Adjacent)
            ]
        );
        assert_eq!(
            variant_bounds("'ll do"),
            Bounds {
                start: false,
                end: true
            }
        );
    }

    #[test]
    fn patterns_are_listed_back_from_the_trie() {
        let mut b = Builder::new();
        let t = |entry, role| Target {
            kind: Kind::Rule,
            entry: Entry::One(EntryIndex(entry)),
            role,
            len: 0,
            bounds: Bounds::default(),
        };
        b.add(&variant_tokens("need you to"), t(0, Role::Phrase));
        b.add(&variant_tokens("you to"), t(1, Role::Phrase));
        b.add(&variant_tokens("you to"), t(2, Role::Exception));
        b.add(&variant_tokens("you're"), t(3, Role::Phrase));
        b.trigger("asap", TriggerId::FIRST);
        let tables = b.finish();
        let listed: Vec<(String, Vec<u32>)> = tables
            .patterns()
            .iter()
            .map(|p| {
                let text: String = p
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, (_, w, gap))| {
                        let space = if i > 0 && *gap == Gap::Space { " " } else { "" };
                        format!("{space}{}", std::str::from_utf8(w).unwrap())
                    })
                    .collect();
                let entries = p
                    .targets
                    .iter()
                    .map(|t| match t.entry {
                        Entry::One(i) => i.0,
                        Entry::Any => u32::MAX,
                    })
                    .collect();
                (text, entries)
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("need you to".to_string(), vec![0]),
                ("you to".to_string(), vec![1, 2]),
                ("you're".to_string(), vec![3]),
            ]
        );
        assert_eq!(tables.target_count(), 4);
    }

    #[test]
    fn automaton_finds_overlapping_phrases() {
        let mut b = Builder::new();
        let t = |entry| Target {
            kind: Kind::Rule,
            entry: Entry::One(EntryIndex(entry)),
            role: Role::Phrase,
            len: 0,
            bounds: Bounds::default(),
        };
        b.add(&variant_tokens("need you to"), t(0));
        b.add(&variant_tokens("you to"), t(1));
        let tables = b.finish();
        let tables = Tables::from_static(Box::leak(tables.to_bytes().into_boxed_slice()));
        let mut state = StateId::ROOT;
        let mut found = Vec::new();
        for (i, (w, gap)) in [
            ("i", Gap::Adjacent),
            ("need", Gap::Space),
            ("you", Gap::Space),
            ("to", Gap::Space),
        ]
        .iter()
        .enumerate()
        {
            let id = tables.lookup(w.as_bytes(), hash_token(w.as_bytes()));
            state = tables.step(state, id, *gap);
            for o in tables.outputs(state) {
                found.push((i, tables.output(o).entry));
            }
        }
        assert_eq!(
            found,
            [
                (3, Entry::One(EntryIndex(0))),
                (3, Entry::One(EntryIndex(1)))
            ]
        );
    }
}
