//! The static rows the build script writes for the built-in lexicons' regexes, and the code that
//! writes them, side by side so that the generated code and the types it fills cannot disagree.

use std::fmt::Write as _;

// Re-exported so the generated code names everything it uses through this module.
pub use crate::register::{EntryIndex, Kind};
use crate::trigger::Split;

/// One built-in regex: the entry it belongs to and its source.
#[derive(Clone, Copy, Debug)]
pub struct PatternRow {
    /// A rule's or a strength's.
    pub kind: Kind,
    /// The entry's index among the built-in rules or strengths.
    pub entry: EntryIndex,
    /// The regex as the lexicon wrote it.
    pub source: &'static str,
}

/// One way a built-in regex's match contains a trigger word (see [`Split`]); trigger ids are
/// positions in the list of these rows.
#[derive(Clone, Copy, Debug)]
pub struct SplitRow {
    /// The regex's position in the list of [`PatternRow`]s.
    pub pattern: u32,
    /// What the match holds before the word.
    pub prefix: &'static str,
    /// What the match holds after the word.
    pub suffix: &'static str,
    /// The most bytes `prefix` can match, when bounded.
    pub prefix_max: Option<usize>,
    /// The most bytes `suffix` can match, when bounded.
    pub suffix_max: Option<usize>,
}

/// Appends the Rust expression of a [`PatternRow`] and a comma, as a line of a static list.
/// `path` is how the generated code names this module.
pub fn write_pattern_row(
    out: &mut String,
    path: &str,
    kind: Kind,
    entry: EntryIndex,
    source: &str,
) {
    let _ = writeln!(
        out,
        "    {path}::PatternRow {{ kind: {path}::Kind::{kind:?}, entry: {path}::EntryIndex({}), source: {source:?} }},",
        entry.0
    );
}

/// Appends the Rust expression of a [`SplitRow`] and a comma, as a line of a static list.
pub fn write_split_row(out: &mut String, path: &str, pattern: u32, split: &Split) {
    let _ = writeln!(
        out,
        "    {path}::SplitRow {{ pattern: {pattern}, prefix: {:?}, suffix: {:?}, prefix_max: {:?}, suffix_max: {:?} }},",
        split.prefix, split.suffix, split.prefix_max, split.suffix_max
    );
}
