//! The compiled grammar as the scanner reads it: `u32` tables and one text, with every list an
//! offset range into them. The build script writes the built-in grammar's tables as a Rust array
//! and its text as a string, so a run uses them where they lie in the binary: nothing is decoded,
//! relocated or allocated to load it. A grammar compiled at run time (users' lexicons) is laid out
//! the same way in owned memory.

use std::borrow::Cow;
use std::ops::Range;

use crate::grammar::{Class, Draft, Elem, Guard, Key, Node, Postings, Role, RuleShapes, Seq};
use crate::grammar::{ShapeSeqs, WordId};
use crate::{Effect, GuardIndex, RuleIndex, Scope};

/// The first table word, so that tables from another layout are refused rather than misread.
const MAGIC: u32 = 0x746c_6701;

/// The tables, in the order they are laid out. Each is a run of `u32`s; what a value means is
/// said where the table is written ([`freeze`]).
#[derive(Clone, Copy)]
#[repr(usize)]
enum T {
    /// Per word: its start and end in the text.
    Words,
    /// Open-addressed hash table of the vocabulary: word id + 1, or 0 for an empty slot.
    Vocab,
    /// Per class: its name's start and end in the text.
    ClassNames,
    /// Per class, and one past the last: its first node among all the classes' nodes.
    ClassNodes,
    /// Per node, and one past the last: its first edge.
    NodeEdges,
    /// Per node: 1 when an entry ends there.
    NodeTerminal,
    /// Per edge: its key ([`Key::code`]) and its child, a node number within the class.
    Edges,
    /// Per sequence, and one past the last: its first element.
    SeqElems,
    /// Elements ([`Elem::code`]).
    Elems,
    /// Per sequence: its role ([`role_code`]), three values.
    Roles,
    /// Per rule slot: the caller's rule index.
    RuleIndex,
    /// Per rule slot, and one past the last: its first shape, among all rules' shapes.
    RuleShapes,
    ShapePrimaryStarts,
    ShapePrimary,
    /// Per shape, and one past the last: its first `&&` set, among all shapes' sets.
    ShapeSets,
    SetSeqStarts,
    SetSeqs,
    UnlessStarts,
    Unless,
    SoftenStarts,
    Soften,
    /// Per guard: its id's start and end in the text.
    GuardIds,
    /// Per guard: its scope and effect codes.
    GuardKinds,
    /// Per guard, and one past the last: its first category name.
    GuardCategoryStarts,
    /// Per category name: its start and end in the text.
    GuardCategories,
    GuardSeqStarts,
    GuardSeqs,
    ByWordStarts,
    ByWord,
    ByCaps,
    ByNumber,
    ByCapitalised,
    Anywhere,
    AtStart,
    StartByWordStarts,
    StartByWord,
    /// Per sequence: 1 when it has anchor words.
    Anchored,
    AnchoredByStarts,
    AnchoredBy,
    /// Per word, and one past the last: its first (class, child) pair.
    ClassStartStarts,
    /// (class, child node) pairs.
    ClassStarts,
    /// Per class: where its root's non-word edges begin.
    RootOthers,
}

/// How many tables there are: one past the last of [`T`].
const TABLES: usize = T::RootOthers as usize + 1;

/// A compiled tone grammar. Build one with [`compile`](crate::compile); the build script embeds
/// the tables and text [`to_parts`](Grammar::to_parts) gives, and [`from_static`](Grammar::from_static)
/// reads them in place.
#[derive(Clone, Debug)]
pub struct Grammar {
    /// Each table, borrowed from the embedded array or owned: a slice apiece, so a lookup in
    /// the scanner's inner loops is one bounds check, not a range computed and checked first.
    tables: [Cow<'static, [u32]>; TABLES],
    text: Cow<'static, str>,
}

impl Default for Grammar {
    fn default() -> Grammar {
        freeze(&Draft::default())
    }
}

/// Why tables could not be read.
fn damaged() -> String {
    "the compiled grammar is damaged or from another version".to_string()
}

impl Grammar {
    /// The tables and text to embed: read them back with [`from_static`](Grammar::from_static).
    pub fn to_parts(&self) -> (Vec<u32>, String) {
        let mut tables = vec![MAGIC];
        tables.extend(self.tables.iter().map(|table| table.len() as u32));
        for table in &self.tables {
            tables.extend_from_slice(table);
        }
        (tables, self.text.to_string())
    }

    /// Reads tables and text made by [`to_parts`](Grammar::to_parts) (by the same version of this
    /// crate) where they lie. Only the header is read; nothing is copied.
    pub fn from_static(tables: &'static [u32], text: &'static str) -> Result<Grammar, String> {
        let header = 1 + TABLES;
        if tables.len() < header || tables[0] != MAGIC {
            return Err(damaged());
        }
        let mut at: [Range<usize>; TABLES] = std::array::from_fn(|_| 0..0);
        let mut start = header;
        for (i, range) in at.iter_mut().enumerate() {
            let end = start + tables[1 + i] as usize;
            *range = start..end;
            start = end;
        }
        if start != tables.len() {
            return Err(damaged());
        }
        let grammar = Grammar {
            tables: at.map(|range| Cow::Borrowed(&tables[range])),
            text: Cow::Borrowed(text),
        };
        // Every text range must lie in the text, on character boundaries: the scanner slices it.
        let ranges = [T::Words, T::ClassNames, T::GuardIds, T::GuardCategories];
        let fits = ranges.iter().all(|&t| {
            grammar
                .table(t)
                .chunks(2)
                .all(|r| r.len() == 2 && grammar.text.get(r[0] as usize..r[1] as usize).is_some())
        });
        if !fits {
            return Err(damaged());
        }
        Ok(grammar)
    }

    #[inline]
    fn table(&self, t: T) -> &[u32] {
        &self.tables[t as usize]
    }

    /// Item `key` of a list keyed by a dense id (`starts` has one more entry than keys); none
    /// for a key past the end.
    #[inline]
    fn postings(&self, starts: T, items: T, key: u32) -> &[u32] {
        let starts = self.table(starts);
        match (starts.get(key as usize), starts.get(key as usize + 1)) {
            (Some(&from), Some(&to)) => &self.table(items)[from as usize..to as usize],
            _ => &[],
        }
    }

    /// Text range number `i` of a table of (start, end) pairs.
    #[inline]
    fn text_at(&self, t: T, i: usize) -> &str {
        let r = &self.table(t)[i * 2..i * 2 + 2];
        &self.text[r[0] as usize..r[1] as usize]
    }

    /// Whether the grammar has no rule shape and no guard.
    pub fn is_empty(&self) -> bool {
        self.rule_count() == 0 && self.guard_count() == 0
    }

    /// The names of the classes a curator defined, in definition order.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        (0..self.class_count())
            .map(|c| self.text_at(T::ClassNames, c))
            .filter(|n| !n.starts_with('~'))
    }

    /// The guards' ids, scopes, effects and categories, by guard index.
    pub fn guards(&self) -> impl ExactSizeIterator<Item = (&str, Scope, Effect, Vec<&str>)> {
        (0..self.guard_count()).map(|g| {
            let kinds = &self.table(T::GuardKinds)[g * 2..g * 2 + 2];
            let categories = self.table(T::GuardCategoryStarts);
            let categories = (categories[g] as usize..categories[g + 1] as usize)
                .map(|i| self.text_at(T::GuardCategories, i))
                .collect();
            (
                self.text_at(T::GuardIds, g),
                scope_from(kinds[0]),
                effect_from(kinds[1]),
                categories,
            )
        })
    }

    /// The callers' rule indices that have shapes.
    pub fn rules_with_shapes(&self) -> impl Iterator<Item = RuleIndex> + '_ {
        self.table(T::RuleIndex).iter().map(|&r| RuleIndex(r))
    }

    pub(crate) fn class_count(&self) -> usize {
        self.table(T::ClassNames).len() / 2
    }

    pub(crate) fn guard_count(&self) -> usize {
        self.table(T::GuardIds).len() / 2
    }

    pub(crate) fn rule_count(&self) -> usize {
        self.table(T::RuleIndex).len()
    }

    pub(crate) fn seq_count(&self) -> usize {
        self.table(T::SeqElems).len().saturating_sub(1)
    }

    fn word_count(&self) -> usize {
        self.table(T::Words).len() / 2
    }

    /// The id of a word of the vocabulary.
    #[inline]
    pub(crate) fn word_id(&self, word: &str) -> Option<WordId> {
        let slots = self.table(T::Vocab);
        if slots.is_empty() {
            return None;
        }
        let mask = slots.len() - 1;
        let mut i = vocab_hash(word) as usize & mask;
        loop {
            let id = slots[i].checked_sub(1)?;
            if self.text_at(T::Words, id as usize) == word {
                return Some(WordId(id));
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn elems(&self, seq: u32) -> &[u32] {
        let starts = self.table(T::SeqElems);
        &self.table(T::Elems)[starts[seq as usize] as usize..starts[seq as usize + 1] as usize]
    }

    #[inline]
    pub(crate) fn role(&self, seq: u32) -> Role {
        let r = &self.table(T::Roles)[seq as usize * 3..seq as usize * 3 + 3];
        role_from([r[0], r[1], r[2]])
    }

    #[inline]
    pub(crate) fn guard_scope(&self, guard: GuardIndex) -> Scope {
        scope_from(self.table(T::GuardKinds)[guard.index() * 2])
    }

    #[inline]
    pub(crate) fn rule_index(&self, slot: u32) -> RuleIndex {
        RuleIndex(self.table(T::RuleIndex)[slot as usize])
    }

    /// The sequence lists of the `&&` parts of shape `shape` of rule `slot`, past the first.
    pub(crate) fn shape_sets(&self, slot: u32, shape: u32) -> impl Iterator<Item = &[u32]> {
        let shape = self.table(T::RuleShapes)[slot as usize] + shape;
        let sets = self.table(T::ShapeSets);
        let (from, to) = (sets[shape as usize], sets[shape as usize + 1]);
        (from..to).map(move |set| self.postings(T::SetSeqStarts, T::SetSeqs, set))
    }

    #[inline]
    pub(crate) fn unless(&self, slot: u32) -> &[u32] {
        self.postings(T::UnlessStarts, T::Unless, slot)
    }

    #[inline]
    pub(crate) fn soften(&self, slot: u32) -> &[u32] {
        self.postings(T::SoftenStarts, T::Soften, slot)
    }

    #[inline]
    pub(crate) fn by_word(&self, id: WordId) -> &[u32] {
        self.postings(T::ByWordStarts, T::ByWord, id.0)
    }

    #[inline]
    pub(crate) fn start_by_word(&self, id: WordId) -> &[u32] {
        self.postings(T::StartByWordStarts, T::StartByWord, id.0)
    }

    #[inline]
    pub(crate) fn anchored_by(&self, id: WordId) -> &[u32] {
        self.postings(T::AnchoredByStarts, T::AnchoredBy, id.0)
    }

    #[inline]
    pub(crate) fn by_caps(&self) -> &[u32] {
        self.table(T::ByCaps)
    }

    #[inline]
    pub(crate) fn by_number(&self) -> &[u32] {
        self.table(T::ByNumber)
    }

    #[inline]
    pub(crate) fn by_capitalised(&self) -> &[u32] {
        self.table(T::ByCapitalised)
    }

    #[inline]
    pub(crate) fn anywhere(&self) -> &[u32] {
        self.table(T::Anywhere)
    }

    #[inline]
    pub(crate) fn at_start(&self) -> &[u32] {
        self.table(T::AtStart)
    }

    #[inline]
    pub(crate) fn is_anchored_seq(&self, seq: u32) -> bool {
        self.table(T::Anchored)[seq as usize] != 0
    }

    /// The node class `class` reaches from its root through word `id`, if any.
    #[inline]
    pub(crate) fn class_start(&self, class: u32, id: WordId) -> Option<u32> {
        // A common word opens hundreds of classes; its (class, node) pairs are sorted by class
        // (`Postings::from_pairs` is stable and classes are added in order), so search them.
        pair_value(
            self.postings(T::ClassStartStarts, T::ClassStarts, id.0),
            class,
        )
    }

    /// Where the non-word edges of class `class`'s root begin.
    #[inline]
    pub(crate) fn root_others(&self, class: u32) -> usize {
        self.table(T::RootOthers)[class as usize] as usize
    }

    /// The edges of node `node` of class `class`: (key code, child) pairs, word edges first.
    #[inline]
    pub(crate) fn edges(&self, class: u32, node: u32) -> &[u32] {
        let node = self.node(class, node);
        let starts = self.table(T::NodeEdges);
        &self.table(T::Edges)[starts[node] as usize * 2..starts[node + 1] as usize * 2]
    }

    /// Whether an entry of class `class` ends at node `node`.
    #[inline]
    pub(crate) fn terminal(&self, class: u32, node: u32) -> bool {
        self.table(T::NodeTerminal)[self.node(class, node)] != 0
    }

    #[inline]
    fn node(&self, class: u32, node: u32) -> usize {
        (self.table(T::ClassNodes)[class as usize] + node) as usize
    }

    /// The grammar as the compiler builds on it: a user's lexicons extend the built-in grammar.
    pub(crate) fn thaw(&self) -> Draft {
        let mut draft = Draft {
            words: (0..self.word_count())
                .map(|w| self.text_at(T::Words, w).to_string())
                .collect(),
            ..Draft::default()
        };
        let class_nodes = self.table(T::ClassNodes);
        for c in 0..self.class_count() {
            let count = class_nodes[c + 1] - class_nodes[c];
            let nodes = (0..count)
                .map(|n| Node {
                    edges: self
                        .edges(c as u32, n)
                        .chunks_exact(2)
                        .map(|e| (Key::from_code(e[0]), e[1]))
                        .collect(),
                    terminal: self.terminal(c as u32, n),
                })
                .collect();
            draft.classes.push(Class {
                name: self.text_at(T::ClassNames, c).to_string(),
                nodes,
            });
        }
        for seq in 0..self.seq_count() as u32 {
            draft.seqs.push(Seq {
                elems: self
                    .elems(seq)
                    .iter()
                    .map(|&e| Elem::from_code(e))
                    .collect(),
            });
            draft.roles.push(self.role(seq));
        }
        let shapes = self.table(T::RuleShapes);
        let sets = self.table(T::ShapeSets);
        for slot in 0..self.rule_count() as u32 {
            let (from, to) = (shapes[slot as usize], shapes[slot as usize + 1]);
            let shapes = (from..to)
                .map(|shape| ShapeSeqs {
                    primary: self
                        .postings(T::ShapePrimaryStarts, T::ShapePrimary, shape)
                        .to_vec(),
                    also: (sets[shape as usize]..sets[shape as usize + 1])
                        .map(|set| self.postings(T::SetSeqStarts, T::SetSeqs, set).to_vec())
                        .collect(),
                })
                .collect();
            draft.rules.push(RuleShapes {
                rule: self.rule_index(slot),
                shapes,
                unless: self.unless(slot).to_vec(),
                soften: self.soften(slot).to_vec(),
            });
        }
        for (g, (id, scope, effect, categories)) in self.guards().enumerate() {
            draft.guards.push(Guard {
                id: id.to_string(),
                scope,
                effect,
                categories: categories.into_iter().map(str::to_string).collect(),
                seqs: self
                    .postings(T::GuardSeqStarts, T::GuardSeqs, g as u32)
                    .to_vec(),
            });
        }
        draft
    }
}

/// The vocabulary's hash: FNV-1a, the same when the tables are written and when they are read.
fn vocab_hash(word: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in word.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

fn scope_code(scope: Scope) -> u32 {
    match scope {
        Scope::Inside => 0,
        Scope::After => 1,
        Scope::Sentence => 2,
        Scope::Previous => 3,
        Scope::Next => 4,
    }
}

/// Reads a code of [`scope_code`]; the tables hold no other.
fn scope_from(code: u32) -> Scope {
    match code {
        0 => Scope::Inside,
        1 => Scope::After,
        3 => Scope::Previous,
        4 => Scope::Next,
        _ => Scope::Sentence,
    }
}

fn effect_code(effect: Effect) -> u32 {
    match effect {
        Effect::Drop => 0,
        Effect::Soften => 1,
    }
}

fn effect_from(code: u32) -> Effect {
    match code {
        0 => Effect::Drop,
        _ => Effect::Soften,
    }
}

fn role_code(role: Role) -> [u32; 3] {
    match role {
        Role::Primary { slot, shape } => [0, slot, shape],
        Role::Cue => [1, 0, 0],
        Role::Guard { guard } => [2, guard.0, 0],
    }
}

fn role_from(code: [u32; 3]) -> Role {
    match code[0] {
        0 => Role::Primary {
            slot: code[1],
            shape: code[2],
        },
        1 => Role::Cue,
        _ => Role::Guard {
            guard: GuardIndex(code[1]),
        },
    }
}

/// Lays a prepared draft out as tables and text.
pub(crate) fn freeze(draft: &Draft) -> Grammar {
    let mut text = String::new();
    let mut t: [Vec<u32>; TABLES] = std::array::from_fn(|_| Vec::new());
    let mut put_text = |table: &mut Vec<u32>, s: &str| {
        table.push(text.len() as u32);
        text.push_str(s);
        table.push(text.len() as u32);
    };
    for word in &draft.words {
        put_text(&mut t[T::Words as usize], word);
    }
    // A table at most half full keeps probe runs short.
    let slots = (draft.words.len() * 2).next_power_of_two().max(2);
    let mut vocab = vec![0u32; slots];
    for (id, word) in draft.words.iter().enumerate() {
        let mut i = vocab_hash(word) as usize & (slots - 1);
        while vocab[i] != 0 {
            i = (i + 1) & (slots - 1);
        }
        vocab[i] = id as u32 + 1;
    }
    t[T::Vocab as usize] = vocab;
    let mut nodes = 0u32;
    let mut edges = 0u32;
    for class in &draft.classes {
        put_text(&mut t[T::ClassNames as usize], &class.name);
        t[T::ClassNodes as usize].push(nodes);
        for node in &class.nodes {
            t[T::NodeEdges as usize].push(edges);
            t[T::NodeTerminal as usize].push(u32::from(node.terminal));
            for &(key, child) in &node.edges {
                t[T::Edges as usize].extend([key.code(), child]);
            }
            edges += node.edges.len() as u32;
        }
        nodes += class.nodes.len() as u32;
    }
    t[T::ClassNodes as usize].push(nodes);
    t[T::NodeEdges as usize].push(edges);
    let mut elems = 0u32;
    for (seq, role) in draft.seqs.iter().zip(&draft.roles) {
        t[T::SeqElems as usize].push(elems);
        t[T::Elems as usize].extend(seq.elems.iter().map(|e| e.code()));
        elems += seq.elems.len() as u32;
        t[T::Roles as usize].extend(role_code(*role));
    }
    t[T::SeqElems as usize].push(elems);
    let (mut shapes, mut sets) = (0u32, 0u32);
    for rule in &draft.rules {
        t[T::RuleIndex as usize].push(rule.rule.0);
        t[T::RuleShapes as usize].push(shapes);
        for shape in &rule.shapes {
            push_list(
                &mut t,
                T::ShapePrimaryStarts,
                T::ShapePrimary,
                &shape.primary,
            );
            t[T::ShapeSets as usize].push(sets);
            for set in &shape.also {
                push_list(&mut t, T::SetSeqStarts, T::SetSeqs, set);
            }
            sets += shape.also.len() as u32;
        }
        shapes += rule.shapes.len() as u32;
        push_list(&mut t, T::UnlessStarts, T::Unless, &rule.unless);
        push_list(&mut t, T::SoftenStarts, T::Soften, &rule.soften);
    }
    t[T::RuleShapes as usize].push(shapes);
    t[T::ShapeSets as usize].push(sets);
    let mut categories = 0u32;
    for guard in &draft.guards {
        put_text(&mut t[T::GuardIds as usize], &guard.id);
        t[T::GuardKinds as usize].extend([scope_code(guard.scope), effect_code(guard.effect)]);
        t[T::GuardCategoryStarts as usize].push(categories);
        for category in &guard.categories {
            put_text(&mut t[T::GuardCategories as usize], category);
        }
        categories += guard.categories.len() as u32;
        push_list(&mut t, T::GuardSeqStarts, T::GuardSeqs, &guard.seqs);
    }
    t[T::GuardCategoryStarts as usize].push(categories);
    // Lists pushed one per key close with the end of the last one.
    for (starts, items) in [
        (T::ShapePrimaryStarts, T::ShapePrimary),
        (T::SetSeqStarts, T::SetSeqs),
        (T::UnlessStarts, T::Unless),
        (T::SoftenStarts, T::Soften),
        (T::GuardSeqStarts, T::GuardSeqs),
    ] {
        let end = t[items as usize].len() as u32;
        t[starts as usize].push(end);
    }
    let index = &draft.index;
    put_postings(&mut t, T::ByWordStarts, T::ByWord, &index.by_word, |&s| {
        [s].into_iter()
    });
    t[T::ByCaps as usize] = index.by_caps.clone();
    t[T::ByNumber as usize] = index.by_number.clone();
    t[T::ByCapitalised as usize] = index.by_capitalised.clone();
    t[T::Anywhere as usize] = index.anywhere.clone();
    t[T::AtStart as usize] = index.at_start.clone();
    put_postings(
        &mut t,
        T::StartByWordStarts,
        T::StartByWord,
        &index.start_by_word,
        |&s| [s].into_iter(),
    );
    t[T::Anchored as usize] = index.anchored.iter().map(|&a| u32::from(a)).collect();
    put_postings(
        &mut t,
        T::AnchoredByStarts,
        T::AnchoredBy,
        &index.anchored_by,
        |&s| [s].into_iter(),
    );
    put_postings(
        &mut t,
        T::ClassStartStarts,
        T::ClassStarts,
        &index.class_starts,
        |&(c, n)| [c, n].into_iter(),
    );
    t[T::RootOthers as usize] = index.root_others.clone();

    Grammar {
        tables: t.map(Cow::Owned),
        text: Cow::Owned(text),
    }
}

/// Appends one key's list: its start, then its items (the closing start is pushed after the
/// last key).
fn push_list(t: &mut [Vec<u32>; TABLES], starts: T, items: T, list: &[u32]) {
    let start = t[items as usize].len() as u32;
    t[starts as usize].push(start);
    t[items as usize].extend_from_slice(list);
}

/// Copies postings keyed by word, each item written as the values `spell` gives for it; starts
/// count table values, not items.
fn put_postings<I: Copy + PartialEq, V: Iterator<Item = u32>>(
    t: &mut [Vec<u32>; TABLES],
    starts: T,
    items: T,
    postings: &Postings<I>,
    spell: impl Fn(&I) -> V,
) {
    for key in 0..postings.keys() {
        let start = t[items as usize].len() as u32;
        t[starts as usize].push(start);
        for item in postings.get(key as u32) {
            t[items as usize].extend(spell(item));
        }
    }
    let end = t[items as usize].len() as u32;
    t[starts as usize].push(end);
}

/// The value paired with `key` in a flat list of (key, value) pairs sorted by key.
#[inline]
pub(crate) fn pair_value(pairs: &[u32], key: u32) -> Option<u32> {
    let (mut lo, mut hi) = (0, pairs.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match pairs[mid * 2].cmp(&key) {
            std::cmp::Ordering::Equal => return Some(pairs[mid * 2 + 1]),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{ClassSource, GuardSource, RuleIndex, RuleSource, Scan, Scratch, Sources};
    use crate::{Effect, Scope};

    fn sources() -> Sources {
        Sources {
            classes: vec![ClassSource {
                name: "deadline".into(),
                words: vec!["today".into(), "by {noon|<NUMBER>}".into()],
            }],
            rules: vec![RuleSource {
                rule: RuleIndex(7),
                shapes: vec!["^ [~sign] ... <deadline> && them".into()],
                unless: vec!["because".into()],
                soften: vec!["please".into()],
            }],
            guards: vec![GuardSource {
                id: "quoted".into(),
                shapes: vec!["she said".into()],
                scope: Scope::After,
                categories: vec!["demanding".into()],
                effect: Effect::Drop,
            }],
            ..Sources::default()
        }
    }

    /// Tables read in place give what the compiled grammar gives, and thawing and freezing
    /// again changes nothing.
    #[test]
    fn tables_read_back_as_written() {
        let grammar = crate::compile(&sources(), None).unwrap();
        let (tables, text) = grammar.to_parts();
        let tables: &'static [u32] = Box::leak(tables.into_boxed_slice());
        let text: &'static str = Box::leak(text.into_boxed_str());
        let read = super::Grammar::from_static(tables, text).unwrap();
        let again = super::freeze(&{
            let mut draft = read.thaw();
            draft.prepare();
            draft
        });
        assert_eq!(again.to_parts(), grammar.to_parts());
        let text = "Dr. Hale, sign them by 5. Sign them by 5 because it is late. Sign them today please. She said sign them today.";
        let scan = |g: &super::Grammar| {
            let mut scan = Scan::default();
            g.scan(text, 0, &|_| true, &mut Scratch::default(), &mut scan);
            (scan.matches, scan.guarded)
        };
        assert_eq!(scan(&read), scan(&grammar));
        assert_eq!(scan(&read).0.len(), 2);
        assert!(scan(&read).0[1].softened);
        assert_eq!(scan(&read).1.len(), 1);
        assert_eq!(read.guards().next().unwrap().3, ["demanding"]);
        assert!(super::Grammar::from_static(&tables[1..], text).is_err());
    }
}
