//! The word automata a linter matches with, and how each one's entries map to the linter's.
//!
//! The build script compiled the built-in lexicons into one automaton, embedded in the binary, so
//! a linter with the built-in lexicons builds nothing for them: it only maps the built-in entries
//! it kept to its own indices. Everything else (lexicons loaded at run time, allowed phrases, and
//! built-in entries when the built-in automaton is not used) goes into a second, smaller
//! automaton built here, entry by entry, with the registration the build script used.

use std::borrow::Cow;
use std::sync::Arc;

use tonelint_lexicon::builtin::SplitRow;
use tonelint_lexicon::phrase_table::{Entry, EntryIndex, Tables, TriggerId};
use tonelint_lexicon::register::{EntryLists, Kind, Registry};

use super::ids::{
    EntryRef, Owner, PerRule, PerStrength, Position, RuleIndex, SplitIndex, StrengthIndex,
};
use super::patterns::{EntryPattern, EntryPatterns, Pattern, PatternSplit, Window};
use super::prebuilt::Prebuilt;
use crate::rule::{Matching, Rule, Strength};

mod builtin {
    //! The automaton and pattern list the build script made from the built-in lexicons.
    include!(concat!(env!("OUT_DIR"), "/builtin_matcher.rs"));
}

/// One automaton and how its entries map to the linter's.
pub(super) struct Automaton {
    pub(super) tables: Tables,
    /// Table rule entry -> linter rule; none for a disabled rule.
    rules: Vec<Option<RuleIndex>>,
    /// Table strength entry -> linter strength; none for a strength left out.
    strengths: Vec<Option<StrengthIndex>>,
    /// Trigger id -> the pattern and split it stands for; none for a pattern of an entry left
    /// out.
    triggers: Vec<Option<PatternSplit>>,
}

/// What a linter matches: its entries, which rules are on, and the phrases it allows.
pub(crate) struct EntrySelection<'a> {
    pub(crate) rules: &'a PerRule<Arc<Rule>>,
    pub(crate) enabled: &'a PerRule<bool>,
    pub(crate) strengths: &'a PerStrength<Arc<Strength>>,
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
    /// Each built-in strength (by its built-in position), if the linter kept it.
    pub(crate) strengths: &'a [Option<StrengthIndex>],
}

impl EntrySelection<'_> {
    fn rule_enabled(&self, rule: RuleIndex) -> bool {
        self.enabled.get(rule).copied().unwrap_or(false)
    }
}

impl Automaton {
    /// What a table entry of kind `kind` is in the linter; none when the linter left it out.
    pub(super) fn owner(&self, kind: Kind, entry: Entry) -> Option<Owner> {
        match (kind, entry) {
            (Kind::Rule, Entry::One(i)) => self
                .rules
                .get(i.index())
                .copied()
                .flatten()
                .map(|r| Owner::Entry(EntryRef::Rule(r))),
            (Kind::Strength, Entry::One(i)) => self
                .strengths
                .get(i.index())
                .copied()
                .flatten()
                .map(|s| Owner::Entry(EntryRef::Strength(s))),
            (Kind::Rule, Entry::Any) => Some(Owner::EveryRule),
            // Only allowed phrases are registered for every entry, and they are the rules'.
            (Kind::Strength, Entry::Any) => None,
        }
    }

    /// The pattern and split `trigger` stands for, if the linter runs that pattern.
    pub(super) fn trigger(&self, trigger: TriggerId) -> Option<PatternSplit> {
        self.triggers.get(trigger.index()).copied().flatten()
    }

    /// Whether any of the automaton's words triggers a pattern the linter runs.
    pub(super) fn has_triggers(&self) -> bool {
        !self.triggers.is_empty()
    }

    /// The embedded automaton, for the built-in entries the linter kept; their patterns are
    /// added to `patterns` (compiled when first needed: the build script checked them).
    pub(super) fn builtin(
        entries: &EntrySelection<'_>,
        builtin: BuiltinEntries<'_>,
        patterns: &mut EntryPatterns,
    ) -> Automaton {
        // The built-in rules come first among a linter's, in built-in order, so a built-in rule's
        // table entry is its linter index.
        let builtin_rule = |i: EntryIndex| RuleIndex::at(i.index());
        let builtin_strength = |i: EntryIndex| builtin.strengths.get(i.index()).copied().flatten();
        let mut kept = Vec::with_capacity(builtin::PATTERNS.len());
        for (n, row) in builtin::PATTERNS.iter().enumerate() {
            let entry = match row.kind {
                Kind::Rule => Some(builtin_rule(row.entry))
                    .filter(|&rule| entries.rule_enabled(rule))
                    .map(EntryRef::Rule),
                Kind::Strength => builtin_strength(row.entry).map(EntryRef::Strength),
            };
            let Some(entry) = entry else {
                kept.push(None);
                continue;
            };
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
            let prebuilt = row
                .dfas
                .map(|dfas| Prebuilt::new(dfas, &builtin::PATTERN_DFAS.bytes));
            let pattern = Pattern::lazy(Cow::Borrowed(row.source), windows, prebuilt);
            kept.push(Some(patterns.push(EntryPattern { entry, pattern })));
        }
        // Trigger ids are positions in SPLITS, where a pattern's splits follow one another.
        let mut triggers = Vec::with_capacity(builtin::SPLITS.len());
        let mut previous: Option<(u32, SplitIndex)> = None;
        for &SplitRow { pattern: row, .. } in builtin::SPLITS {
            let split = match previous {
                Some((previous_row, split)) if previous_row == row => {
                    SplitIndex::at(split.position() + 1)
                }
                _ => SplitIndex::at(0),
            };
            previous = Some((row, split));
            let pattern = kept.get(row as usize).copied().flatten();
            triggers.push(pattern.map(|pattern| PatternSplit { pattern, split }));
        }
        Automaton {
            tables: Tables::from_static(builtin::TABLES),
            rules: (0..builtin.rules)
                .map(RuleIndex::at)
                .map(|rule| entries.rule_enabled(rule).then_some(rule))
                .collect(),
            strengths: builtin.strengths.to_vec(),
            triggers,
        }
    }

    /// Whether any built-in entry the linter kept looks for a phrase or an exception.
    pub(super) fn builtin_has_phrases(
        entries: &EntrySelection<'_>,
        builtin: BuiltinEntries<'_>,
    ) -> bool {
        (0..builtin.rules)
            .map(RuleIndex::at)
            .any(|rule| entries.rule_enabled(rule) && has_variants(&entries.rules[rule].matching))
            || builtin
                .strengths
                .iter()
                .flatten()
                .any(|&strength| has_variants(&entries.strengths[strength].matching))
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
        let mut builtin_strength: PerStrength<bool> = vec![false; entries.strengths.len()].into();
        for &strength in entries.builtin.iter().flat_map(|b| b.strengths).flatten() {
            builtin_strength[strength] = true;
        }
        let rules = entries.rules;
        let strengths = entries.strengths;
        let extra_rules = rules
            .iter_indexed()
            .skip(first_rule)
            .filter(|&(rule, _)| entries.rule_enabled(rule))
            .map(|(rule, r)| (EntryRef::Rule(rule), r.id(), &r.matching));
        let extra_strengths = strengths
            .iter_indexed()
            .filter(|&(strength, _)| !builtin_strength[strength])
            .map(|(strength, s)| (EntryRef::Strength(strength), s.id(), &s.matching));
        for (entry, id, matching) in extra_rules.chain(extra_strengths) {
            has_phrases |= has_variants(matching);
            // The run-time automaton's table entries are the linter's indices.
            let (kind, index) = match entry {
                EntryRef::Rule(rule) => (Kind::Rule, rule.position()),
                EntryRef::Strength(strength) => (Kind::Strength, strength.position()),
            };
            let table_entry = Entry::One(EntryIndex(index as u32));
            registry.entry(kind, table_entry, matching.lists(), |source, splits| {
                // Trigger ids follow on from the last entry's, one per split.
                let pattern_index = patterns.next_index();
                let mut windows = Vec::with_capacity(splits.len());
                for (split, found) in splits.into_iter().enumerate() {
                    triggers.push(Some(PatternSplit {
                        pattern: pattern_index,
                        split: SplitIndex::at(split),
                    }));
                    windows.push(Window::new(
                        Cow::Owned(found.prefix),
                        Cow::Owned(found.suffix),
                        found.prefix_max,
                        found.suffix_max,
                    ));
                }
                let pattern = Pattern::eager(Cow::Owned(source.to_string()), windows)
                    .map_err(|err| format!("`{id}`: pattern `{source}`: {err}"))?;
                patterns.push(EntryPattern { entry, pattern });
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
            rules: rules.indices().map(Some).collect(),
            strengths: strengths.indices().map(Some).collect(),
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
