//! The word automata a linter matches with, and how each one's entries map to the linter's.
//!
//! The build script compiled the built-in lexicons into one automaton, embedded in the binary, so
//! a linter with the built-in lexicons builds nothing for them: it only maps the built-in entries
//! it kept to its own indices. Everything else (lexicons loaded at run time, allowed phrases, and
//! built-in entries when the built-in automaton is not used) goes into a second, smaller
//! automaton built here, entry by entry, with the registration the build script used.

use std::borrow::Cow;
use std::sync::Arc;

use tonelint_lexicon::phrase_table::{Entry, EntryIndex, Tables};
use tonelint_lexicon::register::{EntryLists, Kind, Registry};

use super::patterns::{EntryPatterns, Pattern, Window};
use crate::rule::{Matching, Rule, Strength};

mod builtin {
    //! The automaton and pattern list the build script made from the built-in lexicons.
    include!(concat!(env!("OUT_DIR"), "/builtin_matcher.rs"));
}

/// One automaton and how its entries map to the linter's.
pub(super) struct Automaton {
    pub(super) tables: Tables,
    /// Table rule entry -> linter rule index; none for a disabled rule.
    rules: Vec<Option<u32>>,
    /// Table strength entry -> linter strength index; none for a strength left out.
    strengths: Vec<Option<u32>>,
    /// Trigger id -> index in the matcher's patterns and the split's index in it; none for a
    /// pattern of an entry left out.
    pub(super) triggers: Vec<Option<(u32, u32)>>,
}

/// What a linter matches: its entries, which rules are on, and the phrases it allows.
pub(crate) struct EntrySelection<'a> {
    pub(crate) rules: &'a [Arc<Rule>],
    pub(crate) enabled: &'a [bool],
    pub(crate) strengths: &'a [Arc<Strength>],
    /// The folded variants of the phrases never flagged.
    pub(crate) allowed: &'a [String],
    /// Which entries are the built-in ones, when the built-in lexicons are loaded.
    pub(crate) builtin: Option<BuiltinEntries<'a>>,
}

/// Where the built-in entries are among a linter's.
#[derive(Clone, Copy)]
pub(crate) struct BuiltinEntries<'a> {
    /// The first this many rules are the built-in ones, in built-in order.
    pub(crate) rules: usize,
    /// Each built-in strength's index among the linter's strengths, if it kept it.
    pub(crate) strengths: &'a [Option<usize>],
}

impl EntrySelection<'_> {
    fn rule_enabled(&self, i: usize) -> bool {
        self.enabled.get(i).copied().unwrap_or(false)
    }
}

impl Automaton {
    /// The linter entry of a table entry; none when the linter left it out.
    pub(super) fn entry(&self, kind: Kind, entry: Entry) -> Option<Entry> {
        let Entry::One(i) = entry else {
            return Some(Entry::Any);
        };
        let map = match kind {
            Kind::Rule => &self.rules,
            Kind::Strength => &self.strengths,
        };
        map.get(i.index())
            .copied()
            .flatten()
            .map(|i| Entry::One(EntryIndex(i)))
    }

    /// The embedded automaton, for the built-in entries the linter kept; their patterns are
    /// added to `patterns` (compiled when first needed: the build script checked them).
    pub(super) fn builtin(
        entries: &EntrySelection<'_>,
        builtin: BuiltinEntries<'_>,
        patterns: &mut EntryPatterns,
    ) -> Automaton {
        let strength_map: Vec<Option<u32>> = builtin
            .strengths
            .iter()
            .map(|i| i.map(|i| i as u32))
            .collect();
        let mut first_pattern = Vec::with_capacity(builtin::PATTERNS.len());
        for (n, row) in builtin::PATTERNS.iter().enumerate() {
            let entry = row.entry.index();
            let index = match row.kind {
                Kind::Rule => entries.rule_enabled(entry).then_some(entry),
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
        Automaton {
            tables: Tables::from_static(builtin::TABLES),
            rules: (0..builtin.rules as u32)
                .map(|i| entries.rule_enabled(i as usize).then_some(i))
                .collect(),
            strengths: strength_map,
            triggers,
        }
    }

    /// Whether any built-in entry the linter kept looks for a phrase or an exception.
    pub(super) fn builtin_has_phrases(
        entries: &EntrySelection<'_>,
        builtin: BuiltinEntries<'_>,
    ) -> bool {
        (0..builtin.rules)
            .any(|i| entries.rule_enabled(i) && has_variants(&entries.rules[i].matching))
            || builtin
                .strengths
                .iter()
                .flatten()
                .any(|&i| has_variants(&entries.strengths[i].matching))
    }

    /// An automaton built now for every enabled entry the built-in automaton does not hold, and
    /// the allowed phrases, with whether any of them looks for a phrase or an exception. The
    /// automaton is left out when it would be empty, unless `alone` (no built-in automaton) and
    /// there are phrases: then it also counts the words. The patterns are compiled now and added
    /// to `patterns`, so that a bad one is an error of the build.
    pub(super) fn runtime(
        entries: &EntrySelection<'_>,
        patterns: &mut EntryPatterns,
        alone: bool,
    ) -> Result<(Option<Automaton>, bool), String> {
        let mut registry = Registry::new();
        let mut triggers = Vec::new();
        let mut has_phrases = false;
        let first_rule = entries.builtin.map_or(0, |b| b.rules);
        let builtin_strength_set: Vec<bool> = {
            let mut set = vec![false; entries.strengths.len()];
            if let Some(builtin) = entries.builtin {
                for &i in builtin.strengths.iter().flatten() {
                    set[i] = true;
                }
            }
            set
        };
        let rules = entries.rules;
        let strengths = entries.strengths;
        let extra_rules = (first_rule..rules.len())
            .filter(|&i| entries.rule_enabled(i))
            .map(|i| (Kind::Rule, i, rules[i].id(), &rules[i].matching));
        let extra_strengths = (0..strengths.len())
            .filter(|&i| !builtin_strength_set[i])
            .map(|i| (Kind::Strength, i, strengths[i].id(), &strengths[i].matching));
        for (kind, index, id, matching) in extra_rules.chain(extra_strengths) {
            has_phrases |= has_variants(matching);
            let entry = Entry::One(EntryIndex(index as u32));
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
        has_phrases |= !entries.allowed.is_empty();
        let allowed = EntryLists::<_, Vec<String>> {
            phrase_variants: &[],
            exception_variants: entries.allowed,
            exception_gaps: &[],
            patterns: &[],
        };
        registry.entry(Kind::Rule, Entry::Any, allowed, |_, _| Ok::<(), String>(()))?;
        if registry.is_empty() && !(alone && has_phrases) {
            return Ok((None, has_phrases));
        }
        let automaton = Automaton {
            tables: registry.finish(),
            rules: (0..rules.len() as u32).map(Some).collect(),
            strengths: (0..strengths.len() as u32).map(Some).collect(),
            triggers,
        };
        Ok((Some(automaton), has_phrases))
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
