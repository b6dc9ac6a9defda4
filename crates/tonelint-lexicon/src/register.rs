//! Registering lexicon entries in the word automaton: which of an entry's lists become which
//! automaton patterns, and which words trigger its regexes.
//!
//! The build script registers the built-in lexicons here and the library the lexicons loaded at
//! run time, through the same [`Registry::entry`], so the two kinds of table cannot drift apart.

use crate::phrase_table::{
    Builder, Role, Tables, Target, TriggerId, variant_bounds, variant_tokens,
};
use crate::trigger::{self, Split};

pub use crate::phrase_table::{Entry, EntryIndex, Kind};

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
#[derive(Debug)]
pub struct Registry {
    builder: Builder,
    next_trigger: TriggerId,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry {
            builder: Builder::new(),
            next_trigger: TriggerId::FIRST,
        }
    }

    /// Registers `entry` of kind `kind`: its phrase and exception variants as automaton
    /// patterns, then the trigger words of each of its regexes. For each regex, in order,
    /// `pattern` is called with its source and its splits (see [`trigger::splits`]); the
    /// splits' trigger ids are the next ids in order, so the caller numbers what it keeps per
    /// split by counting them. An error from `pattern` stops the registration.
    pub fn entry<S, L, E>(
        &mut self,
        kind: Kind,
        entry: Entry,
        lists: EntryLists<'_, S, L>,
        mut pattern: impl FnMut(&str, Vec<Split>) -> Result<(), E>,
    ) -> Result<(), E>
    where
        S: AsRef<str>,
        L: AsRef<[S]>,
    {
        let mut add = |variants: &[S], role: Role| {
            for variant in variants {
                let variant = variant.as_ref();
                let target = Target {
                    kind,
                    entry,
                    role,
                    len: 0,
                    bounds: variant_bounds(variant),
                };
                self.builder.add(&variant_tokens(variant), target);
            }
        };
        add(lists.phrase_variants, Role::Phrase);
        add(lists.exception_variants, Role::Exception);
        for (gap, (before, after)) in lists.exception_gaps.iter().enumerate() {
            add(before.as_ref(), Role::GapBefore(gap as u32));
            add(after.as_ref(), Role::GapAfter(gap as u32));
        }
        for source in lists.patterns {
            let source = source.as_ref();
            // A pattern whose words cannot be told has no split and runs everywhere.
            let splits = trigger::splits(source).unwrap_or_default();
            for split in &splits {
                for word in &split.words {
                    self.builder.trigger(word, self.next_trigger);
                }
                self.next_trigger = self.next_trigger.next();
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
