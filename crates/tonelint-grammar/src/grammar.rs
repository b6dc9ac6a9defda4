//! The compiled grammar: interned words, class tries, plain sequences and what each sequence is
//! for. It serialises to bytes, so the built-in lexicons' grammar is compiled once, by the build
//! script, and only loaded at run time.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{Effect, Scope};

/// What one position of a class entry matches. The order matters: a node's edges are sorted, so
/// its word edges come first, by word id, and can be found by binary search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) enum Key {
    Word(u32),
    CapsWord(u32),
    Number,
    Caps,
    Capitalised,
    Any,
}

/// One trie node of a class.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Node {
    pub(crate) edges: Vec<(Key, u32)>,
    /// An entry ends here.
    pub(crate) terminal: bool,
}

/// A word class as a trie over its entries; node 0 is the root.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Class {
    pub(crate) name: String,
    pub(crate) nodes: Vec<Node>,
}

/// One element of a plain (alternative-free) sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Elem {
    Word(u32),
    CapsWord(u32),
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Seq {
    pub(crate) elems: Vec<Elem>,
}

/// What a sequence is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Role {
    /// The first part of shape `shape` of the rule in `slot` (an index in `Grammar::rules`).
    Primary { slot: u32, shape: u32 },
    /// A cue asked about: the other parts of a shape, `unless` and `soften` shapes.
    Cue,
    /// A shape of guard `guard`.
    Guard { guard: u32 },
}

/// One shape of a rule: its first part's sequences (any one of them) and, for each further part
/// after `&&`, the sequences of which one must also match in the sentence.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ShapeSeqs {
    pub(crate) primary: Vec<u32>,
    pub(crate) also: Vec<Vec<u32>>,
}

/// The shapes and guards of one rule.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct RuleShapes {
    /// The caller's index of the rule.
    pub(crate) rule: u32,
    pub(crate) shapes: Vec<ShapeSeqs>,
    pub(crate) unless: Vec<u32>,
    pub(crate) soften: Vec<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Guard {
    pub(crate) id: String,
    pub(crate) scope: Scope,
    pub(crate) effect: Effect,
    pub(crate) categories: Vec<String>,
    pub(crate) seqs: Vec<u32>,
}

/// Where to start trying sequences, made from the rest when a grammar is compiled or loaded.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Looked up once per token of every message: FNV hashes short words several times faster
    /// than the standard library's DoS-resistant default, and the keys are the lexicons' own.
    pub(crate) vocab: fnv::FnvHashMap<String, u32>,
    pub(crate) class_ids: HashMap<String, u32>,
    /// Word id -> the sequences whose first element can be that word.
    pub(crate) by_word: Vec<Vec<u32>>,
    pub(crate) by_caps: Vec<u32>,
    pub(crate) by_number: Vec<u32>,
    pub(crate) by_capitalised: Vec<u32>,
    /// Sequences that can start at any token.
    pub(crate) anywhere: Vec<u32>,
    /// Sequences anchored at the start of a sentence whose next element is not indexed by word.
    pub(crate) at_start: Vec<u32>,
    /// Word id -> the sentence-start sequences whose next element can be that word.
    pub(crate) start_by_word: Vec<Vec<u32>>,
    /// Per sequence: words of which at least one must be in the sentence for it to match (from a
    /// word or a class of single words it cannot do without, past its first element), sorted;
    /// empty when there is no such element. A sentence without any of them is not tried at all.
    pub(crate) anchors: Vec<Vec<u32>>,
    /// Word id -> the sequences with that word among their anchors: marking them once per
    /// sentence makes the anchor test one comparison per sequence.
    pub(crate) anchored_by: Vec<Vec<u32>>,
    /// Word id -> (class, child node) for each class whose entries can start with that word: a
    /// word opens few classes, so this is quicker than searching a class's long first level.
    pub(crate) class_starts: Vec<Vec<(u32, u32)>>,
    /// Per class: where its first level's non-word edges (capitals, numbers, any word) begin.
    pub(crate) root_others: Vec<u32>,
}

impl Index {
    /// The node class `class` reaches from its root through word `id`, if any.
    #[inline]
    pub(crate) fn class_start(&self, class: u32, id: u32) -> Option<u32> {
        self.class_starts
            .get(id as usize)?
            .iter()
            .find(|(c, _)| *c == class)
            .map(|&(_, child)| child)
    }
}

/// A compiled tone grammar. Build one with [`compile`](crate::compile), or load the bytes
/// [`to_bytes`](Grammar::to_bytes) made with [`from_bytes`](Grammar::from_bytes).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Grammar {
    pub(crate) words: Vec<String>,
    pub(crate) classes: Vec<Class>,
    pub(crate) seqs: Vec<Seq>,
    pub(crate) roles: Vec<Role>,
    pub(crate) rules: Vec<RuleShapes>,
    pub(crate) guards: Vec<Guard>,
    #[serde(skip)]
    pub(crate) index: Index,
}

impl Grammar {
    /// The grammar as bytes, for the build script to embed.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Loads bytes made by [`to_bytes`](Grammar::to_bytes) (by the same version of this crate).
    pub fn from_bytes(bytes: &[u8]) -> Result<Grammar, String> {
        let mut grammar: Grammar = postcard::from_bytes(bytes)
            .map_err(|e| format!("the compiled grammar is damaged: {e}"))?;
        grammar.prepare();
        Ok(grammar)
    }

    /// Whether the grammar has no rule shape and no guard.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.guards.is_empty()
    }

    /// The names of the classes a curator defined, in definition order.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.classes
            .iter()
            .map(|c| c.name.as_str())
            .filter(|n| !n.starts_with('~'))
    }

    /// The guards' ids, scopes, effects and categories, by guard index.
    pub fn guards(&self) -> impl ExactSizeIterator<Item = (&str, Scope, Effect, &[String])> {
        self.guards
            .iter()
            .map(|g| (g.id.as_str(), g.scope, g.effect, g.categories.as_slice()))
    }

    /// The callers' rule indices that have shapes.
    pub fn rules_with_shapes(&self) -> impl Iterator<Item = u32> + '_ {
        self.rules.iter().map(|r| r.rule)
    }

    pub(crate) fn clear_index(&mut self) {
        self.index = Index::default();
        for (i, w) in self.words.iter().enumerate() {
            self.index.vocab.insert(w.clone(), i as u32);
        }
        for (i, c) in self.classes.iter().enumerate() {
            self.index.class_ids.insert(c.name.clone(), i as u32);
        }
    }

    pub(crate) fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.vocab.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.index.vocab.insert(word.to_string(), id);
        id
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
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
        index.by_word = vec![Vec::new(); self.words.len()];
        index.start_by_word = vec![Vec::new(); self.words.len()];
        for (id, seq) in self.seqs.iter().enumerate() {
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
                        Some(words) => {
                            for w in words {
                                let list = &mut index.start_by_word[w as usize];
                                if list.last() != Some(&id) {
                                    list.push(id);
                                }
                            }
                        }
                        None => index.at_start.push(id),
                    }
                }
                Some(Elem::Word(w) | Elem::CapsWord(w)) => index.by_word[*w as usize].push(id),
                Some(Elem::Caps) => index.by_caps.push(id),
                Some(Elem::Number) => index.by_number.push(id),
                Some(Elem::Capitalised) => index.by_capitalised.push(id),
                Some(Elem::Class(c)) => {
                    let root = &self.classes[*c as usize].nodes[0];
                    for (key, _) in &root.edges {
                        let list = match key {
                            Key::Word(w) | Key::CapsWord(w) => &mut index.by_word[*w as usize],
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
        index.anchors = self.seqs.iter().map(|seq| self.anchor(seq)).collect();
        index.anchored_by = vec![Vec::new(); self.words.len()];
        for (seq, anchors) in index.anchors.iter().enumerate() {
            for &word in anchors {
                index.anchored_by[word as usize].push(seq as u32);
            }
        }
        index.class_starts = vec![Vec::new(); self.words.len()];
        for (c, class) in self.classes.iter().enumerate() {
            let root = &class.nodes[0];
            let words = root.edges.partition_point(|e| matches!(e.0, Key::Word(_)));
            for &(key, child) in &root.edges[..words] {
                if let Key::Word(w) = key {
                    index.class_starts[w as usize].push((c as u32, child));
                }
            }
            index.root_others.push(words as u32);
        }
        self.index = index;
    }

    /// The words an element can start with, when it can start only with listed words.
    fn first_words(&self, elem: Option<&Elem>) -> Option<Vec<u32>> {
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

    /// The most selective set of words the sequence needs past its first element: a word it
    /// must hold, or the entries of a class of single words it must hold (the smallest such).
    fn anchor(&self, seq: &Seq) -> Vec<u32> {
        let mut best: Option<Vec<u32>> = None;
        let first = seq
            .elems
            .iter()
            .position(|e| !matches!(e, Elem::MarkOpen | Elem::MarkClose | Elem::Start));
        for (i, elem) in seq.elems.iter().enumerate() {
            if Some(i) == first {
                continue;
            }
            let words: Option<Vec<u32>> = match elem {
                Elem::Word(w) | Elem::CapsWord(w) => Some(vec![*w]),
                Elem::Class(c) => {
                    let class = &self.classes[*c as usize];
                    let root = &class.nodes[0];
                    // Only a class every entry of which is one word: its words are the anchors.
                    let single = root.edges.iter().all(|(key, child)| {
                        matches!(key, Key::Word(_) | Key::CapsWord(_))
                            && class.nodes[*child as usize].edges.is_empty()
                    });
                    single.then(|| {
                        root.edges
                            .iter()
                            .filter_map(|(key, _)| match key {
                                Key::Word(w) | Key::CapsWord(w) => Some(*w),
                                _ => None,
                            })
                            .collect()
                    })
                }
                _ => None,
            };
            // Punctuation and the commonest words are in nearly every sentence: useless anchors.
            let common = |w: &u32| {
                let word = self.words[*w as usize].as_str();
                crate::token::is_function_word(word) || !word.chars().any(char::is_alphanumeric)
            };
            if let Some(mut words) = words
                && !words.iter().any(common)
                && best.as_ref().is_none_or(|b| words.len() < b.len())
            {
                words.sort_unstable();
                words.dedup();
                best = Some(words);
            }
        }
        best.unwrap_or_default()
    }
}
