//! The static rows the build script writes for the built-in lexicons' regexes, and the code that
//! writes them, side by side so that the generated code and the types it fills cannot disagree.

use std::fmt::Write as _;

// Re-exported so the generated code names everything it uses through this module.
use crate::pattern_dfa::PatternDfas;
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
    /// Its DFAs, compiled by the build script; none when they would be too large.
    pub dfas: Option<DfaRow>,
}

/// Where one serialised DFA lies in the blob of the built-in patterns' DFAs: start and length in
/// bytes; the start is a multiple of [`DFA_ALIGN`].
pub type DfaAt = (u32, u32);

/// Every DFA in the blob starts at a multiple of this, as `dense::DFA::from_bytes` needs.
pub const DFA_ALIGN: usize = 8;

/// The DFAs of one built-in pattern (see [`crate::pattern_dfa::PatternDfas`]).
#[derive(Clone, Copy, Debug)]
pub struct DfaRow {
    pub forward: DfaAt,
    /// None: `forward` is anchored, tried at each position.
    pub reverse: Option<DfaAt>,
    /// The pattern has a `span` group.
    pub span_group: bool,
    /// Where `P` ends, where `P S` ends, where `S Q` starts, where `Q` starts.
    pub span: Option<[DfaAt; 4]>,
    pub ascii_words: bool,
}

/// Appends a pattern's DFAs to `blob`, each at a multiple of [`DFA_ALIGN`], and returns where
/// they lie.
pub fn place_dfas(blob: &mut Vec<u8>, dfas: &PatternDfas) -> DfaRow {
    let mut put = |bytes: &[u8]| -> DfaAt {
        blob.resize(blob.len().next_multiple_of(DFA_ALIGN), 0);
        let at = (blob.len() as u32, bytes.len() as u32);
        blob.extend_from_slice(bytes);
        at
    };
    DfaRow {
        forward: put(&dfas.forward),
        reverse: dfas.reverse.as_deref().map(&mut put),
        span_group: dfas.span_group,
        span: dfas
            .span
            .as_ref()
            .map(|[p, ps, sq, q]| [put(p), put(ps), put(sq), put(q)]),
        ascii_words: dfas.ascii_words,
    }
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
    dfas: Option<&DfaRow>,
) {
    let dfas = match dfas {
        None => "None".to_string(),
        Some(row) => format!(
            "Some({path}::DfaRow {{ forward: {:?}, reverse: {:?}, span_group: {}, span: {:?}, ascii_words: {} }})",
            row.forward, row.reverse, row.span_group, row.span, row.ascii_words
        ),
    };
    let _ = writeln!(
        out,
        "    {path}::PatternRow {{ kind: {path}::Kind::{kind:?}, entry: {path}::EntryIndex({}), source: {source:?}, dfas: {dfas} }},",
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
