//! Finding rule matches in text.
//!
//! One pass of the tokenizer (`token.rs`) folds the input into tokens; each token is looked up
//! in a vocabulary and drives a word-level Aho-Corasick automaton (`tonelint_lexicon::phrase_table`) over every
//! phrase variant and exception. The built-in lexicons' automaton is built by the build script
//! and embedded, so building a linter builds nothing for them; lexicons and allowed phrases
//! added at run time get a second, smaller automaton. The same lookup tells which lexicon
//! `patterns` can match at all (`tonelint_lexicon::trigger`); the others are not run.
//!
//! Spans are byte offsets into the original input: tokens carry their own.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::category::Category;
use crate::lexicon::spec::MAX_GAP_WORDS;
use crate::pattern::{Pattern, Window};
use crate::phrase_table::{self, Entry, Gap, ROOT, Role, Tables, UNKNOWN};
use crate::rule::{Matching, Rule, Strength};
use crate::token::{Piece, Token, Tokenizer};
use tonelint_lexicon::register::{EntryLists, Kind, Registry};

mod builtin {
    //! The automaton and pattern list the build script made from the built-in lexicons.
    include!(concat!(env!("OUT_DIR"), "/builtin_matcher.rs"));
}

/// The most places a word is cut at when its parts are looked up for patterns.
const MAX_CUTS: usize = 10;

/// A match before positions are worked out: the entry's index among the rules or among the
/// strengths, and the byte span in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub(crate) index: usize,
    pub(crate) span: Range<usize>,
}

/// One automaton and how its entries map to the linter's.
struct Part {
    tables: Tables,
    /// Table rule entry -> linter rule index; none for a disabled rule.
    rules: Vec<Option<u32>>,
    /// Table strength entry -> linter strength index; none for a strength left out.
    strengths: Vec<Option<u32>>,
    /// Trigger id -> index in [`Matcher::patterns`] and the split's index in it; none for a
    /// pattern of an entry left out.
    triggers: Vec<Option<(u32, u32)>>,
}

impl Part {
    /// The linter entry of a table entry; none when the linter left it out.
    fn entry(&self, kind: Kind, entry: Entry) -> Option<Entry> {
        let Entry::One(i) = entry else {
            return Some(Entry::Any);
        };
        let map = match kind {
            Kind::Rule => &self.rules,
            Kind::Strength => &self.strengths,
        };
        map.get(i as usize).copied().flatten().map(Entry::One)
    }
}

pub(crate) struct Matcher {
    parts: Vec<Part>,
    /// Each pattern with its entry.
    patterns: Vec<(Kind, usize, Pattern)>,
    categories: Vec<Category>,
    /// Whether any phrase or exception is looked for; if not, words are counted the simple way.
    has_phrases: bool,
    /// A power of two at least the longest pattern in tokens.
    ring: usize,
}

/// Scratch space for one check, reused across its chunks.
#[derive(Default)]
pub(crate) struct Scratch {
    tokenizer: Tokenizer,
    /// The start of recent tokens, and whether each starts a word (see
    /// [`Bounds`](phrase_table::Bounds)).
    starts: Vec<(usize, bool)>,
    /// Trigger words seen in the chunk: pattern, split, span.
    words: Vec<(u32, u32, Range<usize>)>,
    /// Per pattern: its trigger words (split, span), and scratch for its windows.
    pattern_words: Vec<(u32, Range<usize>)>,
    windows: Vec<Range<usize>>,
    /// Words counted when there is no phrase to look for.
    plain_words: usize,
}

impl Scratch {
    /// Forgets the last check's counts, keeping the memory.
    pub(crate) fn start_check(&mut self) {
        self.tokenizer.words = 0;
        self.plain_words = 0;
    }

    /// The number of words in everything checked so far.
    pub(crate) fn words(&self, matcher: &Matcher) -> usize {
        if matcher.has_phrases {
            self.tokenizer.words
        } else {
            self.plain_words
        }
    }
}

/// Where one check's matches go.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) rules: Vec<RawMatch>,
    pub(crate) strengths: Vec<RawMatch>,
}

/// A match found in one chunk, with what orders it among matches of the same span.
struct Hit {
    kind: Kind,
    /// The linter entry's index among the rules or the strengths.
    entry: u32,
    span: Range<usize>,
    /// Regex matches come after phrase matches of the same span, as they always have.
    from_pattern: bool,
}

/// Where an exception of one chunk silences matches of its entry.
struct Exception {
    kind: Kind,
    /// The linter entry, or every rule for an allowed phrase.
    entry: Entry,
    span: Range<usize>,
}

/// One side of a gapped exception.
struct GapSide {
    kind: Kind,
    entry: Entry,
    /// The gapped exception's number in its entry.
    gap: u32,
    span: Range<usize>,
}

/// The matches of one chunk, before exceptions and overlaps are applied.
#[derive(Default)]
struct ChunkHits {
    found: Vec<Hit>,
    exceptions: Vec<Exception>,
    before: Vec<GapSide>,
    after: Vec<GapSide>,
}

impl ChunkHits {
    /// Files a match of linter entry `entry` (none: the linter left it out) by its role.
    fn add(&mut self, kind: Kind, entry: Option<Entry>, role: Role, span: Range<usize>) {
        let Some(entry) = entry else {
            return;
        };
        let side = |gap| GapSide {
            kind,
            entry,
            gap,
            span: span.clone(),
        };
        match role {
            // Only an allowed phrase is an entry of every rule, and it is an exception.
            Role::Phrase => {
                if let Entry::One(entry) = entry {
                    self.found.push(Hit {
                        kind,
                        entry,
                        span,
                        from_pattern: false,
                    });
                }
            }
            Role::Exception => self.exceptions.push(Exception { kind, entry, span }),
            Role::GapBefore(gap) => self.before.push(side(gap)),
            Role::GapAfter(gap) => self.after.push(side(gap)),
        }
    }
}

impl Matcher {
    /// Builds the matcher over the enabled `rules` and all `strengths`. The first
    /// `builtin_rules` rules are the built-in ones, in built-in order; `builtin_strengths` maps
    /// each built-in strength to its index in `strengths`, if it is there. Matches name entries
    /// by their index in `rules` and `strengths`.
    pub(crate) fn new(
        rules: &[Arc<Rule>],
        enabled: &[bool],
        strengths: &[Arc<Strength>],
        allowed: &[String],
        builtin_rules: usize,
        builtin_strengths: Option<&[Option<usize>]>,
    ) -> Result<Matcher, String> {
        let mut parts = Vec::new();
        let mut patterns: Vec<(Kind, usize, Pattern)> = Vec::new();
        let mut has_phrases = false;
        let enabled_rule = |i: usize| enabled.get(i).copied().unwrap_or(false);
        if let Some(strength_map) = builtin_strengths {
            let strength_map: Vec<Option<u32>> =
                strength_map.iter().map(|i| i.map(|i| i as u32)).collect();
            let tables = Tables::from_static(builtin::TABLES);
            let mut first_pattern = Vec::with_capacity(builtin::PATTERNS.len());
            for (n, row) in builtin::PATTERNS.iter().enumerate() {
                let entry = row.entry as usize;
                let index = match row.kind {
                    Kind::Rule => enabled_rule(entry).then_some(entry),
                    Kind::Strength => strength_map
                        .get(entry)
                        .copied()
                        .flatten()
                        .map(|i| i as usize),
                };
                first_pattern.push(index.map(|_| patterns.len() as u32));
                if let Some(index) = index {
                    let windows = builtin::SPLITS
                        .iter()
                        .filter(|s| s.pattern as usize == n)
                        .map(|s| {
                            Window::new(
                                Cow::Borrowed(s.prefix),
                                Cow::Borrowed(s.suffix),
                                s.prefix_max,
                                s.suffix_max,
                            )
                        })
                        .collect();
                    patterns.push((
                        row.kind,
                        index,
                        Pattern::lazy(Cow::Borrowed(row.source), windows),
                    ));
                }
            }
            // Trigger ids are positions in SPLITS; a pattern's splits are numbered in order.
            let mut triggers = Vec::with_capacity(builtin::SPLITS.len());
            let mut last = (u32::MAX, 0);
            for &tonelint_lexicon::builtin::SplitRow { pattern: p, .. } in builtin::SPLITS {
                let nth = if last.0 == p { last.1 + 1 } else { 0 };
                last = (p, nth);
                let index = first_pattern.get(p as usize).copied().flatten();
                triggers.push(index.map(|index| (index, nth)));
            }
            has_phrases |= (0..builtin_rules)
                .any(|i| enabled_rule(i) && has_variants(&rules[i].matching))
                || strength_map
                    .iter()
                    .flatten()
                    .any(|&i| has_variants(&strengths[i as usize].matching));
            parts.push(Part {
                tables,
                rules: (0..builtin_rules as u32)
                    .map(|i| enabled_rule(i as usize).then_some(i))
                    .collect(),
                strengths: strength_map,
                triggers,
            });
        }
        // Everything not built in: one automaton built now.
        let mut registry = Registry::new();
        let mut triggers = Vec::new();
        let first_rule = if parts.is_empty() { 0 } else { builtin_rules };
        let builtin_strength_set: Vec<bool> = {
            let mut set = vec![false; strengths.len()];
            if let Some(part) = parts.first() {
                for &i in part.strengths.iter().flatten() {
                    set[i as usize] = true;
                }
            }
            set
        };
        let extra_rules = (first_rule..rules.len())
            .filter(|&i| enabled_rule(i))
            .map(|i| (Kind::Rule, i, rules[i].id(), &rules[i].matching));
        let extra_strengths = (0..strengths.len())
            .filter(|&i| !builtin_strength_set[i])
            .map(|i| (Kind::Strength, i, strengths[i].id(), &strengths[i].matching));
        for (kind, index, id, matching) in extra_rules.chain(extra_strengths) {
            has_phrases |= has_variants(matching);
            let entry = Entry::One(index as u32);
            registry.entry(kind, entry, matching.lists(), |source, splits| {
                // Trigger ids follow on from the last entry's, one per split.
                let mut windows = Vec::with_capacity(splits.len());
                for (nth, split) in splits.into_iter().enumerate() {
                    triggers.push(Some((patterns.len() as u32, nth as u32)));
                    windows.push(Window::new(
                        Cow::Owned(split.prefix),
                        Cow::Owned(split.suffix),
                        split.prefix_max,
                        split.suffix_max,
                    ));
                }
                let pattern = Pattern::eager(Cow::Owned(source.to_string()), windows)
                    .map_err(|err| format!("`{id}`: pattern `{source}`: {err}"))?;
                patterns.push((kind, index, pattern));
                Ok::<(), String>(())
            })?;
        }
        // Allowed phrases are exceptions to every rule.
        has_phrases |= !allowed.is_empty();
        let allowed = EntryLists::<_, Vec<String>> {
            phrase_variants: &[],
            exception_variants: allowed,
            exception_gaps: &[],
            patterns: &[],
        };
        registry.entry(Kind::Rule, Entry::Any, allowed, |_, _| Ok::<(), String>(()))?;
        if !registry.is_empty() || (has_phrases && parts.is_empty()) {
            parts.push(Part {
                tables: registry.finish(),
                rules: (0..rules.len() as u32).map(Some).collect(),
                strengths: (0..strengths.len() as u32).map(Some).collect(),
                triggers,
            });
        }
        let longest = parts
            .iter()
            .map(|p| p.tables.max_len as usize)
            .max()
            .unwrap_or(1);
        Ok(Matcher {
            parts,
            patterns,
            categories: rules.iter().map(|r| r.category()).collect(),
            has_phrases,
            ring: longest.next_power_of_two(),
        })
    }

    /// Adds to `out` the matches in `chunk`, which starts at `base` in the whole input. Matches
    /// come out sorted by start, with exceptions applied and overlaps resolved (see
    /// [`resolve_overlaps`]).
    pub(crate) fn find(&self, chunk: &str, base: usize, scratch: &mut Scratch, out: &mut Found) {
        let mut hits = ChunkHits::default();
        scratch.words.clear();
        if !self.has_phrases {
            scratch.plain_words += count_words(chunk);
        }
        if !self.parts.is_empty() {
            self.scan_tokens(chunk, scratch, &mut hits);
        }
        // Gapped exceptions: the two sides in order, close enough, within one sentence. The
        // earliest-ending before-side wins, the longest first, as the byte automaton had it.
        // Whether the text between is short enough only gets truer as the before-side ends
        // later, so walking back from the latest candidate finds that one without trying every
        // before-side of the chunk.
        let group = |g: &GapSide| (g.kind, g.entry, g.gap);
        hits.before
            .sort_unstable_by_key(|b| (group(b), b.span.end, b.span.start));
        for after in &hits.after {
            let key = group(after);
            let hi = hits
                .before
                .partition_point(|b| (group(b), b.span.end) <= (key, after.span.start));
            let mut joined = None;
            for b in hits.before[..hi].iter().rev() {
                if group(b) != key || !within_gap(&chunk[b.span.end..after.span.start]) {
                    break;
                }
                joined = Some(b);
            }
            if let Some(before) = joined {
                hits.exceptions.push(Exception {
                    kind: after.kind,
                    entry: after.entry,
                    span: before.span.start..after.span.end,
                });
            }
        }
        scratch
            .words
            .sort_unstable_by_key(|(p, _, span)| (*p, span.start));
        let mut rest = &scratch.words[..];
        for (p, (kind, index, pattern)) in self.patterns.iter().enumerate() {
            let n = rest.iter().take_while(|(q, _, _)| *q as usize == p).count();
            let (mine, others) = rest.split_at(n);
            rest = others;
            if pattern.gated() && mine.is_empty() {
                continue;
            }
            scratch.pattern_words.clear();
            scratch
                .pattern_words
                .extend(mine.iter().map(|(_, split, span)| (*split, span.clone())));
            pattern.find(
                chunk,
                &scratch.pattern_words,
                &mut scratch.windows,
                |span| {
                    hits.found.push(Hit {
                        kind: *kind,
                        entry: *index as u32,
                        span,
                        from_pattern: true,
                    })
                },
            );
        }
        let exceptions = Exceptions::new(hits.exceptions);
        let mut rules = Vec::new();
        let mut strengths = Vec::new();
        for hit in hits.found {
            if exceptions.cover(&hit) {
                continue;
            }
            let list = match hit.kind {
                Kind::Rule => &mut rules,
                Kind::Strength => &mut strengths,
            };
            list.push(hit);
        }
        let mut rules = ordered(rules, base);
        let mut strengths = ordered(strengths, base);
        resolve_overlaps(&mut rules, |a, b| self.categories[a] == self.categories[b]);
        // A strength is credited once per place: variants of one strength never stack.
        resolve_overlaps(&mut strengths, |_, _| false);
        out.rules.append(&mut rules);
        out.strengths.append(&mut strengths);
    }

    /// Runs the tokenizer over `chunk` and every automaton over its tokens.
    fn scan_tokens(&self, chunk: &str, scratch: &mut Scratch, hits: &mut ChunkHits) {
        let mask = self.ring - 1;
        scratch.starts.clear();
        scratch.starts.resize(self.ring, (0, false));
        let starts = &mut scratch.starts;
        let words = &mut scratch.words;
        let mut states = [ROOT; 2];
        let mut count: usize = 0;
        scratch.tokenizer.run(chunk, |token: &Token| {
            let whole = [Piece {
                text: 0..token.text.len(),
                start: token.start,
                end: token.end,
            }];
            let pieces = if token.pieces.is_empty() {
                &whole[..]
            } else {
                token.pieces
            };
            let mut whole_id = [UNKNOWN; 2];
            for (n, piece) in pieces.iter().enumerate() {
                let first = n == 0;
                let last = n + 1 == pieces.len();
                starts[count & mask] = (piece.start, first);
                let text = &token.text[piece.text.clone()];
                let gap = if first { token.gap } else { Gap::Adjacent };
                for (p, (part, state)) in self.parts.iter().zip(states.iter_mut()).enumerate() {
                    let tables = &part.tables;
                    let id = if text.is_empty() || text.len() > tables.max_word as usize {
                        UNKNOWN
                    } else if pieces.len() == 1 {
                        tables.lookup(text, token.hash)
                    } else {
                        tables.lookup(text, phrase_table::hash_token(text))
                    };
                    if pieces.len() == 1 {
                        whole_id[p] = id;
                    }
                    *state = tables.step(*state, id, gap);
                    for o in tables.outputs(*state) {
                        let t = tables.output(o);
                        let (start, starts_word) = starts[(count + 1 - t.len as usize) & mask];
                        if (t.bounds.start && !starts_word) || (t.bounds.end && !last) {
                            continue;
                        }
                        let entry = part.entry(t.kind, t.entry);
                        hits.add(t.kind, entry, t.role, start..piece.end);
                    }
                }
                count += 1;
            }
            for (p, part) in self.parts.iter().enumerate() {
                if part.triggers.is_empty() {
                    continue;
                }
                let tables = &part.tables;
                let lookup = |text: &[u8], hash: u32| {
                    if text.is_empty() || text.len() > tables.max_word as usize {
                        UNKNOWN
                    } else {
                        tables.lookup(text, hash)
                    }
                };
                let id = if pieces.len() == 1 {
                    whole_id[p]
                } else {
                    lookup(token.text, token.hash)
                };
                fire(part, id, token.start..token.end, words);
                // A regex `\b` also sees a boundary at an apostrophe, an invisible character or
                // an odd numeral inside a word: try every run of the word's parts too.
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
                                part,
                                lookup(piece, phrase_table::hash_token(piece)),
                                span,
                                words,
                            );
                        }
                    }
                }
            }
        });
    }
}

/// Notes the patterns word `id`, at `span`, triggers.
#[inline]
fn fire(part: &Part, id: u32, span: Range<usize>, words: &mut Vec<(u32, u32, Range<usize>)>) {
    if id == UNKNOWN {
        return;
    }
    for t in part.tables.triggers(id) {
        if let Some(&Some((p, split))) = part.triggers.get(t as usize) {
            words.push((p, split, span.clone()));
        }
    }
}

/// Whether an entry looks for any phrase or exception. Asks the phrases as written, not their
/// variants: built-in entries do not carry their variants (the embedded automaton does), and
/// every written phrase or exception has at least one.
fn has_variants(matching: &Matching) -> bool {
    !matching.phrases.is_empty()
        || !matching.exceptions.is_empty()
        || !matching.exception_variants.is_empty()
}

/// Exceptions of one chunk, sorted so that whether one covers a match is a binary search.
struct Exceptions {
    /// (kind, entry, start, end, the largest end so far in this kind and entry).
    list: Vec<(Kind, Entry, usize, usize, usize)>,
}

impl Exceptions {
    fn new(hits: Vec<Exception>) -> Exceptions {
        let mut list: Vec<(Kind, Entry, usize, usize, usize)> = hits
            .into_iter()
            .map(|h| (h.kind, h.entry, h.span.start, h.span.end, 0))
            .collect();
        list.sort_unstable_by_key(|&(k, e, s, end, _)| (k, e, s, end));
        let mut reach = 0;
        for i in 0..list.len() {
            let same = i > 0 && list[i - 1].0 == list[i].0 && list[i - 1].1 == list[i].1;
            reach = if same {
                reach.max(list[i].3)
            } else {
                list[i].3
            };
            list[i].4 = reach;
        }
        Exceptions { list }
    }

    /// Whether an exception of the hit's own entry, or one for every rule, covers it.
    fn cover(&self, hit: &Hit) -> bool {
        if self.list.is_empty() {
            return false;
        }
        let covers = |entry: Entry| {
            // The last exception of this entry starting at or before the hit.
            let at = self
                .list
                .partition_point(|&(k, e, s, _, _)| (k, e, s) <= (hit.kind, entry, hit.span.start));
            at > 0 && {
                let (k, e, _, _, reach) = self.list[at - 1];
                k == hit.kind && e == entry && reach >= hit.span.end
            }
        };
        covers(Entry::One(hit.entry)) || (hit.kind == Kind::Rule && covers(Entry::Any))
    }
}

/// Turns one chunk's hits into matches in input offsets, ordered by start, longest first, and for
/// one span phrases before patterns and entries in order.
fn ordered(mut hits: Vec<Hit>, base: usize) -> Vec<RawMatch> {
    hits.sort_by_key(|h| {
        (
            h.span.start,
            std::cmp::Reverse(h.span.end),
            h.from_pattern,
            h.entry,
        )
    });
    let mut out: Vec<RawMatch> = hits
        .into_iter()
        .map(|h| RawMatch {
            index: h.entry as usize,
            span: base + h.span.start..base + h.span.end,
        })
        .collect();
    out.dedup();
    out
}

/// Drops the redundant matches of a sorted list: a match overlapping an earlier match of the
/// same entry (two variants of one phrase), and a match lying inside a longer match of an entry
/// `related` to it (for rules: the same category, so the more specific phrase wins). Unrelated
/// matches both stay.
fn resolve_overlaps(found: &mut Vec<RawMatch>, related: impl Fn(usize, usize) -> bool) {
    let mut kept: Vec<RawMatch> = Vec::with_capacity(found.len());
    for m in found.drain(..) {
        let redundant = kept
            .iter()
            .rev()
            .take_while(|k| k.span.start + MAX_LOOKBACK > m.span.start)
            .any(|k| {
                k.span.end > m.span.start
                    && (k.index == m.index
                        || (related(k.index, m.index) && k.span.end >= m.span.end))
            });
        if !redundant {
            kept.push(m);
        }
    }
    *found = kept;
}

/// Whether the text between the two sides of a gapped exception is short enough: at most
/// [`MAX_GAP_WORDS`] words, and no sentence or paragraph break. Words here are runs of folded
/// characters between white space, as they always were.
fn within_gap(between: &str) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    let mut newlines = 0;
    for c in between.chars() {
        match crate::fold::fold_char(c) {
            crate::fold::Folded::Drop => {}
            crate::fold::Folded::Space => in_run = false,
            crate::fold::Folded::Newline => {
                in_run = false;
                newlines += 1;
                if newlines >= 2 {
                    return false;
                }
            }
            crate::fold::Folded::Char(f) => {
                if !in_run {
                    // A run of white space ends here; a blank line was a paragraph break.
                    runs += 1;
                    in_run = true;
                }
                newlines = 0;
                if matches!(f, '.' | '!' | '?' | ';') {
                    return false;
                }
            }
        }
    }
    runs <= MAX_GAP_WORDS
}

/// How far back (in bytes) an earlier match can start and still overlap a later one. Matches
/// longer than this are rare enough (a shouted paragraph) that missing a de-duplication is
/// harmless, and the bound keeps overlap resolution linear on text dense with matches.
const MAX_LOOKBACK: usize = 4096;

/// Counts words without folding, for when there is no phrase to look for.
fn count_words(chunk: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in chunk.chars() {
        let word = crate::fold::is_word_char(c) || (in_word && matches!(c, '\'' | '\u{2019}'));
        if word && !in_word {
            words += 1;
        }
        in_word = word;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_span_a_few_words_within_a_sentence() {
        assert!(within_gap(" "));
        assert!(within_gap(" get this to you "));
        assert!(!within_gap(" one two three four five "));
        assert!(!within_gap(". then "));
        assert!(!within_gap(" then\n\nnow "));
        assert!(within_gap(" then\nnow "));
    }
}
