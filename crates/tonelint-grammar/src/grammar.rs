//! The grammar as the compiler builds it: interned words, class tries, plain sequences and what
//! each sequence is for, in growable lists. Once prepared it is laid out flat (`flat.rs`) for
//! matching and embedding; a user's lexicons thaw the built-in grammar back into this form to
//! extend it.

use std::collections::HashMap;

use crate::{Effect, GuardIndex, RuleIndex, Scope};

/// A word of the grammar's vocabulary, by its position in `Draft::words`. A token whose text is
/// not in the vocabulary has no id (`None` in a scan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct WordId(pub(crate) u32);

/// What one position of a class entry matches. The order matters: a node's edges are sorted, so
/// its word edges come first, by word id, and can be found by binary search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Key {
    Word(WordId),
    CapsWord(WordId),
    Number,
    Caps,
    Capitalised,
    Any,
}

/// Where a packed code keeps its variant: the top four bits; the low 28 hold the word, class or
/// gap. Lexicons are far too small to reach 2^28 words or classes.
const TAG_SHIFT: u32 = 28;
const ARG_MASK: u32 = (1 << TAG_SHIFT) - 1;

impl Key {
    /// The key as one `u32`, ordered as keys are: word edges sort first, by word id.
    pub(crate) fn code(self) -> u32 {
        let (tag, arg) = match self {
            Key::Word(w) => (0, w.0),
            Key::CapsWord(w) => (1, w.0),
            Key::Number => (2, 0),
            Key::Caps => (3, 0),
            Key::Capitalised => (4, 0),
            Key::Any => (5, 0),
        };
        tag << TAG_SHIFT | arg
    }

    /// Reads a code of [`Key::code`]; the tables hold no other.
    pub(crate) fn from_code(code: u32) -> Key {
        let arg = WordId(code & ARG_MASK);
        match code >> TAG_SHIFT {
            0 => Key::Word(arg),
            1 => Key::CapsWord(arg),
            2 => Key::Number,
            3 => Key::Caps,
            4 => Key::Capitalised,
            _ => Key::Any,
        }
    }
}

impl Elem {
    /// The element as one `u32`.
    pub(crate) fn code(self) -> u32 {
        let (tag, arg) = match self {
            Elem::Word(w) => (0, w.0),
            Elem::CapsWord(w) => (1, w.0),
            Elem::Class(c) => (2, c),
            Elem::Caps => (3, 0),
            Elem::Number => (4, 0),
            Elem::Capitalised => (5, 0),
            Elem::Any => (6, 0),
            Elem::Gap(n) => (7, u32::from(n)),
            Elem::Start => (8, 0),
            Elem::End => (9, 0),
            Elem::MarkOpen => (10, 0),
            Elem::MarkClose => (11, 0),
        };
        tag << TAG_SHIFT | arg
    }

    /// Reads a code of [`Elem::code`]; the tables hold no other.
    #[inline]
    pub(crate) fn from_code(code: u32) -> Elem {
        let arg = code & ARG_MASK;
        match code >> TAG_SHIFT {
            0 => Elem::Word(WordId(arg)),
            1 => Elem::CapsWord(WordId(arg)),
            2 => Elem::Class(arg),
            3 => Elem::Caps,
            4 => Elem::Number,
            5 => Elem::Capitalised,
            6 => Elem::Any,
            7 => Elem::Gap(arg as u8),
            8 => Elem::Start,
            9 => Elem::End,
            10 => Elem::MarkOpen,
            _ => Elem::MarkClose,
        }
    }
}

/// One trie node of a class.
#[derive(Clone, Debug, Default)]
pub(crate) struct Node {
    pub(crate) edges: Vec<(Key, u32)>,
    /// An entry ends here.
    pub(crate) terminal: bool,
}

/// A word class as a trie over its entries; node 0 is the root.
#[derive(Clone, Debug, Default)]
pub(crate) struct Class {
    pub(crate) name: String,
    pub(crate) nodes: Vec<Node>,
}

/// One element of a plain (alternative-free) sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Elem {
    Word(WordId),
    CapsWord(WordId),
    Class(u32),
    Caps,
    Number,
    Capitalised,
    Any,
    Gap(u8),
    Start,
    End,
    MarkOpen,
    MarkClose,
}

#[derive(Clone, Debug)]
pub(crate) struct Seq {
    pub(crate) elems: Vec<Elem>,
}

/// What a sequence is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The first part of shape `shape` of the rule in `slot` (an index in `Draft::rules`).
    Primary { slot: u32, shape: u32 },
    /// A cue asked about: the other parts of a shape, `unless` and `soften` shapes.
    Cue,
    /// A shape of guard `guard`.
    Guard { guard: GuardIndex },
}

/// One shape of a rule: its first part's sequences (any one of them) and, for each further part
/// after `&&`, the sequences of which one must also match in the sentence.
#[derive(Clone, Debug)]
pub(crate) struct ShapeSeqs {
    pub(crate) primary: Vec<u32>,
    pub(crate) also: Vec<Vec<u32>>,
}

/// The shapes and guards of one rule.
#[derive(Clone, Debug)]
pub(crate) struct RuleShapes {
    /// The caller's index of the rule.
    pub(crate) rule: RuleIndex,
    pub(crate) shapes: Vec<ShapeSeqs>,
    pub(crate) unless: Vec<u32>,
    pub(crate) soften: Vec<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct Guard {
    pub(crate) id: String,
    pub(crate) scope: Scope,
    pub(crate) effect: Effect,
    pub(crate) categories: Vec<String>,
    pub(crate) seqs: Vec<u32>,
}

/// Where to start trying sequences, made from the rest when a grammar is compiled. It is laid out
/// with the grammar's tables: rebuilding it at every start was most of a one-word check's work.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Looked up once per token of every message: FNV hashes short words several times faster
    /// than the standard library's DoS-resistant default, and the keys are the lexicons' own.
    pub(crate) vocab: fnv::FnvHashMap<String, WordId>,
    pub(crate) class_ids: HashMap<String, u32>,
    /// Word id -> the sequences whose first element can be that word.
    pub(crate) by_word: Postings<u32>,
    pub(crate) by_caps: Vec<u32>,
    pub(crate) by_number: Vec<u32>,
    pub(crate) by_capitalised: Vec<u32>,
    /// Sequences that can start at any token.
    pub(crate) anywhere: Vec<u32>,
    /// Sequences anchored at the start of a sentence whose next element is not indexed by word.
    pub(crate) at_start: Vec<u32>,
    /// Word id -> the sentence-start sequences whose next element can be that word.
    pub(crate) start_by_word: Postings<u32>,
    /// Per sequence: whether it has anchors, words of which at least one must be in the sentence
    /// for it to match (from a word or a class of single words it cannot do without, past its
    /// first element). A sentence without any of them is not tried at all.
    pub(crate) anchored: Vec<bool>,
    /// Word id -> the sequences with that word among their anchors: marking them once per
    /// sentence makes the anchor test one comparison per sequence.
    pub(crate) anchored_by: Postings<u32>,
    /// Word id -> (class, child node) for each class whose entries can start with that word: a
    /// word opens few classes, so this is quicker than searching a class's long first level.
    pub(crate) class_starts: Postings<(u32, u32)>,
    /// Per class: where its first level's non-word edges (capitals, numbers, any word) begin.
    pub(crate) root_others: Vec<u32>,
}

/// A grammar being compiled; [`crate::flat::freeze`] lays it out for matching.
#[derive(Clone, Debug, Default)]
pub(crate) struct Draft {
    pub(crate) words: Vec<String>,
    pub(crate) classes: Vec<Class>,
    pub(crate) seqs: Vec<Seq>,
    pub(crate) roles: Vec<Role>,
    pub(crate) rules: Vec<RuleShapes>,
    pub(crate) guards: Vec<Guard>,
    pub(crate) index: Index,
}

impl Draft {
    pub(crate) fn clear_index(&mut self) {
        self.index = Index::default();
        for (i, w) in self.words.iter().enumerate() {
            self.index.vocab.insert(w.clone(), WordId(i as u32));
        }
        for (i, c) in self.classes.iter().enumerate() {
            self.index.class_ids.insert(c.name.clone(), i as u32);
        }
    }

    pub(crate) fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.index.vocab.get(word) {
            return id;
        }
        let id = WordId(self.words.len() as u32);
        self.words.push(word.to_string());
        self.index.vocab.insert(word.to_string(), id);
        id
    }

    pub(crate) fn word(&self, id: WordId) -> &str {
        &self.words[id.0 as usize]
    }

    pub(crate) fn class_id(&self, name: &str) -> Option<u32> {
        self.index.class_ids.get(name).copied()
    }

    pub(crate) fn add_class(&mut self, name: &str, entries: &[Vec<Key>]) -> u32 {
        let mut class = Class {
            name: name.to_string(),
            nodes: vec![Node::default()],
        };
        for entry in entries {
            let mut node = 0usize;
            for &key in entry {
                node = match class.nodes[node].edges.iter().find(|(k, _)| *k == key) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = class.nodes.len();
                        class.nodes.push(Node::default());
                        class.nodes[node].edges.push((key, next as u32));
                        next
                    }
                };
            }
            class.nodes[node].terminal = true;
        }
        for node in &mut class.nodes {
            node.edges.sort_unstable();
        }
        self.classes.push(class);
        let id = (self.classes.len() - 1) as u32;
        self.index.class_ids.insert(name.to_string(), id);
        id
    }

    /// Every entry of a class, as key sequences.
    pub(crate) fn class_entries(&self, id: u32) -> Vec<Vec<Key>> {
        let class = &self.classes[id as usize];
        let mut out = Vec::new();
        let mut path = Vec::new();
        fn walk(class: &Class, node: usize, path: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
            if class.nodes[node].terminal {
                out.push(path.clone());
            }
            for &(key, next) in &class.nodes[node].edges {
                path.push(key);
                walk(class, next as usize, path, out);
                path.pop();
            }
        }
        walk(class, 0, &mut path, &mut out);
        out
    }

    pub(crate) fn add_seq(&mut self, seq: Seq, role: Role) -> u32 {
        self.seqs.push(seq);
        self.roles.push(role);
        (self.seqs.len() - 1) as u32
    }

    /// Builds the index that tells, for a token, which sequences can start there.
    pub(crate) fn prepare(&mut self) {
        self.clear_index();
        let mut index = std::mem::take(&mut self.index);
        let mut by_word: Vec<(u32, u32)> = Vec::new();
        let mut start_by_word: Vec<(u32, u32)> = Vec::new();
        for (id, seq) in self.seqs.iter().enumerate() {
            // A cue is looked for only when a rule asks about it, never from a token.
            if self.roles[id] == Role::Cue {
                continue;
            }
            let id = id as u32;
            let first = seq
                .elems
                .iter()
                .find(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose));
            match first {
                Some(Elem::Start) => {
                    let next = seq
                        .elems
                        .iter()
                        .skip_while(|e| !matches!(e, Elem::Start))
                        .skip(1)
                        .find(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose));
                    match self.first_words(next) {
                        Some(words) => start_by_word.extend(words.into_iter().map(|w| (w.0, id))),
                        None => index.at_start.push(id),
                    }
                }
                Some(Elem::Word(w) | Elem::CapsWord(w)) => by_word.push((w.0, id)),
                Some(Elem::Caps) => index.by_caps.push(id),
                Some(Elem::Number) => index.by_number.push(id),
                Some(Elem::Capitalised) => index.by_capitalised.push(id),
                Some(Elem::Class(c)) => {
                    let root = &self.classes[*c as usize].nodes[0];
                    for (key, _) in &root.edges {
                        let list = match key {
                            Key::Word(w) | Key::CapsWord(w) => {
                                by_word.push((w.0, id));
                                continue;
                            }
                            Key::Caps => &mut index.by_caps,
                            Key::Number => &mut index.by_number,
                            Key::Capitalised => &mut index.by_capitalised,
                            Key::Any => &mut index.anywhere,
                        };
                        if list.last() != Some(&id) {
                            list.push(id);
                        }
                    }
                }
                _ => index.anywhere.push(id),
            }
        }
        let words = self.words.len();
        index.by_word = Postings::from_pairs(words, by_word);
        index.start_by_word = Postings::from_pairs(words, start_by_word);
        let mut anchored_by = Vec::new();
        index.anchored = Vec::with_capacity(self.seqs.len());
        let class_anchors = self.class_anchors();
        for (seq, elems) in self.seqs.iter().enumerate() {
            let anchors = self.anchor(elems, &class_anchors);
            index.anchored.push(!anchors.is_empty());
            anchored_by.extend(anchors.into_iter().map(|word| (word.0, seq as u32)));
        }
        index.anchored_by = Postings::from_pairs(words, anchored_by);
        let mut class_starts = Vec::new();
        for (c, class) in self.classes.iter().enumerate() {
            let root = &class.nodes[0];
            let first_level = root.edges.partition_point(|e| matches!(e.0, Key::Word(_)));
            for &(key, child) in &root.edges[..first_level] {
                if let Key::Word(WordId(w)) = key {
                    class_starts.push((w, (c as u32, child)));
                }
            }
            index.root_others.push(first_level as u32);
        }
        index.class_starts = Postings::from_pairs(words, class_starts);
        self.index = index;
    }

    /// The words an element can start with, when it can start only with listed words.
    fn first_words(&self, elem: Option<&Elem>) -> Option<Vec<WordId>> {
        match elem? {
            Elem::Word(w) | Elem::CapsWord(w) => Some(vec![*w]),
            Elem::Class(c) => {
                let root = &self.classes[*c as usize].nodes[0];
                root.edges
                    .iter()
                    .map(|(key, _)| match key {
                        Key::Word(w) | Key::CapsWord(w) => Some(*w),
                        _ => None,
                    })
                    .collect()
            }
            _ => None,
        }
    }

    /// Per class: the anchors it offers, when every entry is one word and none of them is too
    /// common to select anything: the entries before removing repeats (how the choice below
    /// counts them) and the sorted distinct words. Worked out once per class, not per sequence.
    fn class_anchors(&self) -> Vec<Option<(usize, Vec<WordId>)>> {
        self.classes
            .iter()
            .map(|class| {
                let root = &class.nodes[0];
                // Only a class every entry of which is one word: its words are the anchors.
                let single = root.edges.iter().all(|(key, child)| {
                    matches!(key, Key::Word(_) | Key::CapsWord(_))
                        && class.nodes[*child as usize].edges.is_empty()
                });
                if !single {
                    return None;
                }
                let mut words: Vec<WordId> = root
                    .edges
                    .iter()
                    .filter_map(|(key, _)| match key {
                        Key::Word(w) | Key::CapsWord(w) => Some(*w),
                        _ => None,
                    })
                    .collect();
                if words.iter().any(|w| self.is_common(*w)) {
                    return None;
                }
                let entries = words.len();
                words.sort_unstable();
                words.dedup();
                Some((entries, words))
            })
            .collect()
    }

    /// Punctuation and the commonest words are in nearly every sentence: useless anchors.
    fn is_common(&self, w: WordId) -> bool {
        let word = self.word(w);
        crate::token::is_function_word(word) || !word.chars().any(char::is_alphanumeric)
    }

    /// The most selective set of words the sequence needs past its first element: a word it
    /// must hold, or the entries of a class of single words it must hold (the smallest such).
    fn anchor(&self, seq: &Seq, class_anchors: &[Option<(usize, Vec<WordId>)>]) -> Vec<WordId> {
        let mut best: Option<&[WordId]> = None;
        let mut single = [WordId(0); 1];
        let first = seq
            .elems
            .iter()
            .position(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose | Elem::Start));
        for (i, elem) in seq.elems.iter().enumerate() {
            if Some(i) == first {
                continue;
            }
            match elem {
                Elem::Word(w) | Elem::CapsWord(w)
                    if !self.is_common(*w) && best.is_none_or(|b| 1 < b.len()) =>
                {
                    single[0] = *w;
                    best = Some(&single);
                }
                Elem::Class(c) => {
                    if let Some((entries, words)) = &class_anchors[*c as usize]
                        && best.is_none_or(|b| *entries < b.len())
                    {
                        best = Some(words);
                    }
                }
                _ => {}
            }
        }
        best.map(<[WordId]>::to_vec).unwrap_or_default()
    }
}

/// Lists keyed by a dense id (a word, a sequence), stored flat: one allocation for all of them
/// instead of one per key. A grammar has thousands of words.
#[derive(Clone, Debug)]
pub(crate) struct Postings<T> {
    /// Key k's items are `items[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Postings<T> {
    fn default() -> Self {
        Postings {
            starts: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl<T: Copy + PartialEq> Postings<T> {
    /// From `(key, item)` pairs, keys below `keys`. Each key keeps its items in the order given,
    /// and an item repeated right after itself under one key is kept once.
    pub(crate) fn from_pairs(keys: usize, pairs: Vec<(u32, T)>) -> Postings<T> {
        let Some(&(_, filler)) = pairs.first() else {
            return Postings {
                starts: vec![0; keys + 1],
                items: Vec::new(),
            };
        };
        // A counting sort: linear, and stable, so that each key keeps its items' order.
        let mut starts = vec![0u32; keys + 1];
        for &(key, _) in &pairs {
            starts[key as usize + 1] += 1;
        }
        for k in 1..=keys {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![filler; pairs.len()];
        for (key, item) in pairs {
            items[next[key as usize] as usize] = item;
            next[key as usize] += 1;
        }
        // Drop an item repeated right after itself under the same key.
        let mut kept = 0usize;
        let mut from = 0usize;
        for k in 0..keys {
            let end = starts[k + 1] as usize;
            starts[k] = kept as u32;
            for i in from..end {
                if i == from || items[i] != items[i - 1] {
                    items[kept] = items[i];
                    kept += 1;
                }
            }
            from = end;
        }
        starts[keys] = kept as u32;
        items.truncate(kept);
        Postings { starts, items }
    }

    /// How many keys there are.
    pub(crate) fn keys(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The items of `key`; none for a key past the end.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> &[T] {
        match (
            self.starts.get(key as usize),
            self.starts.get(key as usize + 1),
        ) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod postings_tests {
    use super::Postings;

    #[test]
    fn keys_keep_their_items_in_order_and_drop_repeats() {
        let postings = Postings::from_pairs(4, vec![(2, 7), (0, 1), (2, 3), (2, 3), (0, 5)]);
        assert_eq!(postings.get(0), &[1, 5]);
        assert_eq!(postings.get(1), &[] as &[u32]);
        assert_eq!(postings.get(2), &[7, 3]);
        assert_eq!(postings.get(3), &[] as &[u32]);
        assert_eq!(postings.get(9), &[] as &[u32]);
    }
}
