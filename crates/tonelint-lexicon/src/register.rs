//! Registering lexicon entries in the word automaton: which of an entry's lists become which
//! automaton patterns, and which words trigger its regexes.
//!
//! The build script registers the built-in lexicons here and the library the lexicons loaded at
//! run time, through the same [`Registry::entry`], so the two kinds of table cannot drift apart.

use crate::phrase_table::{
    Builder, ROLE_EXCEPTION, ROLE_GAP_AFTER, ROLE_GAP_BEFORE, ROLE_PHRASE, Tables, Target,
    variant_flags, variant_tokens,
};
use crate::trigger::{self, Split};

/// Which kind of lexicon entry an automaton pattern belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A rule: it flags phrasing.
    Rule,
    /// A strength: it credits a move the seeds recommend.
    Strength,
}

impl Kind {
    /// The code the tables store for the kind.
    pub fn code(self) -> u32 {
        match self {
            Kind::Rule => 0,
            Kind::Strength => 1,
        }
    }

    /// The kind stored as `code` (see [`Kind::code`]).
    #[inline]
    pub fn from_code(code: u32) -> Kind {
        if code == 0 {
            Kind::Rule
        } else {
            Kind::Strength
        }
    }
}

/// The lists of one entry that go into the automaton. Generic over how the strings are held:
/// the build script holds `String`s read from the files, the library borrowed static data or
/// owned strings.
#[derive(Clone, Copy, Debug)]
pub struct EntryLists<'a, S, L> {
    /// Every folded variant of the entry's phrases.
    pub phrase_variants: &'a [S],
    /// Every folded variant of its exceptions without a gap.
    pub exception_variants: &'a [S],
    /// Its gapped exceptions: the variants before the gap and after it.
    pub exception_gaps: &'a [(L, L)],
    /// Its regular expressions.
    pub patterns: &'a [S],
}

/// Builds one automaton entry by entry, numbering the trigger ids of all entries' patterns in
/// the order they are registered.
#[derive(Debug, Default)]
pub struct Registry {
    builder: Builder,
    splits: u32,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers entry `entry` of kind `kind`: its phrase and exception variants as automaton
    /// patterns, then the trigger words of each of its regexes. For each regex, in order,
    /// `pattern` is called with its source and its splits (see [`trigger::splits`]); the
    /// splits' trigger ids are the next ids in order, so the caller numbers what it keeps per
    /// split by counting them. An error from `pattern` stops the registration.
    pub fn entry<S, L, E>(
        &mut self,
        kind: Kind,
        entry: u32,
        lists: EntryLists<'_, S, L>,
        mut pattern: impl FnMut(&str, Vec<Split>) -> Result<(), E>,
    ) -> Result<(), E>
    where
        S: AsRef<str>,
        L: AsRef<[S]>,
    {
        let mut add = |variants: &[S], role: u32, gap: u32| {
            for variant in variants {
                let variant = variant.as_ref();
                let target = Target {
                    kind: kind.code(),
                    entry,
                    role,
                    gap,
                    len: 0,
                    flags: variant_flags(variant),
                };
                self.builder.add(&variant_tokens(variant), target);
            }
        };
        add(lists.phrase_variants, ROLE_PHRASE, 0);
        add(lists.exception_variants, ROLE_EXCEPTION, 0);
        for (gap, (before, after)) in lists.exception_gaps.iter().enumerate() {
            add(before.as_ref(), ROLE_GAP_BEFORE, gap as u32);
            add(after.as_ref(), ROLE_GAP_AFTER, gap as u32);
        }
        for source in lists.patterns {
            let source = source.as_ref();
            // A pattern whose words cannot be told has no split and runs everywhere.
            let splits = trigger::splits(source).unwrap_or_default();
            for split in &splits {
                for word in &split.words {
                    self.builder.trigger(word, self.splits);
                }
                self.splits += 1;
            }
            pattern(source, splits)?;
        }
        Ok(())
    }

    /// Whether no pattern and no trigger was registered.
    pub fn is_empty(&self) -> bool {
        self.builder.is_empty()
    }

    /// Computes the automaton.
    pub fn finish(self) -> Tables {
        self.builder.finish()
    }
}
