//! Lexicon patterns compiled to DFAs by the build script, so that a run searches the built-in
//! patterns without compiling a regex.
//!
//! A pattern gets either a forward DFA that finds where the next leftmost-first match ends and a
//! reverse DFA that finds where it starts, as `regex_automata::dfa::regex::Regex` pairs them, or
//! one anchored forward DFA that the library tries at each position of a window in turn: the
//! first position where it matches starts the leftmost-first match, which ends where the DFA
//! says. The anchored kind is for patterns whose matches are short ([`MAX_ANCHORED_LEN`]), where
//! it is far smaller, and for patterns whose unanchored DFA would be too large (`\bwill
//! ...[^.!?]{0,60}?\bby\b` needs gigabytes unanchored); a try that reads past
//! [`MAX_ANCHORED_LEN`] bytes gives the window back to the regex crate, so a window costs at most
//! that many bytes read per byte. Either way the DFAs find the matches the `regex` crate finds.
//!
//! A pattern whose flagged span is a `span` group at the top of
//! the pattern (`P (?P<span>S) Q`) also gets four DFAs that say where, inside a match, `P` can end
//! and `S` can start (and `S` end and `Q` start): where each of those has one place only, that
//! place is the group any engine reports, with no captures needed. Where there are several, the
//! library falls back to the regex crate.
//!
//! DFAs cannot look around a non-ASCII character, so a Unicode `\b` is compiled as an ASCII one.
//! The two agree wherever every non-ASCII character the search sees is not a word character
//! (curly quotes, dashes and no-break spaces are not); the library checks that before it trusts
//! the DFAs ([`PatternDfas::ascii_words`]).

use regex_automata::MatchKind;
use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson;
use regex_syntax::hir::{self, Hir, HirKind, Look};

/// The name of the capture group that, when a pattern has it, is the flagged span.
pub const SPAN_GROUP: &str = "span";

/// The longest match a pattern may have to be tried anchored at every position by choice; also
/// how far one anchored try may read before the library gives the window to the regex crate.
pub const MAX_ANCHORED_LEN: usize = 1024;

/// The most memory one DFA may take; a pattern whose DFAs would be larger is compiled at run time.
const DFA_SIZE_LIMIT: usize = 1 << 20;

/// The DFAs of one pattern, dense and serialised little-endian: `dense::DFA::from_bytes` reads
/// them in place, checking each transition once (sparse DFAs are smaller, but checking one costs
/// far more than the table it saves reading).
pub struct PatternDfas {
    /// Leftmost-first: where the match that starts at a position ends (anchored, when `reverse`
    /// is `None`), or where the next match ends (unanchored).
    pub forward: Vec<u8>,
    /// For an unanchored `forward`: reverse, anchored, every match: where the match that ends
    /// there starts.
    pub reverse: Option<Vec<u8>>,
    /// The pattern has a `span` group.
    pub span_group: bool,
    /// For a `span` group: where `P` ends and where `P S` ends (forward, anchored, every match),
    /// where `S Q` starts and where `Q` starts (reverse, anchored, every match). None when they
    /// would be too large: the forward DFA still tells where no match is, and the regex crate
    /// reads the group of a match.
    pub span: Option<[Vec<u8>; 4]>,
    /// The pattern has a Unicode word boundary, compiled as an ASCII one: the DFAs are right only
    /// where no non-ASCII word character is near.
    pub ascii_words: bool,
}

/// Compiles `source` (a pattern the lexicon checks accepted) to DFAs; `None` when they would be
/// too large, or the pattern's `span` group is not at its top level.
pub fn compile(source: &str) -> Option<PatternDfas> {
    let parsed = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    let mut ascii_words = false;
    let hir = ascii_word_boundaries(&parsed, &mut ascii_words);
    let props = hir.properties();
    let anchorable = props.minimum_len().is_some_and(|min| min > 0);
    let short = anchorable
        && props
            .maximum_len()
            .is_some_and(|max| max <= MAX_ANCHORED_LEN);
    let unanchored = || {
        let forward = build(&hir, false, StartKind::Unanchored, MatchKind::LeftmostFirst)?;
        let reverse = build(&hir, true, StartKind::Anchored, MatchKind::All)?;
        Some((forward, Some(reverse)))
    };
    let anchored = || {
        let forward = build(&hir, false, StartKind::Anchored, MatchKind::LeftmostFirst)?;
        Some((forward, None))
    };
    let (forward, reverse) = if short {
        anchored()?
    } else {
        unanchored().or_else(|| if anchorable { anchored() } else { None })?
    };
    let split = split_at_span(&hir);
    let span_group = matches!(split, Split::At(..));
    let span = match split {
        Split::None => None,
        Split::Nested => return None,
        Split::At(p, s, q) => {
            let ps = Hir::concat(vec![p.clone(), s.clone()]);
            let sq = Hir::concat(vec![s, q.clone()]);
            let every =
                |hir: &Hir, reverse: bool| build(hir, reverse, StartKind::Anchored, MatchKind::All);
            (|| {
                Some([
                    every(&p, false)?,
                    every(&ps, false)?,
                    every(&sq, true)?,
                    every(&q, true)?,
                ])
            })()
        }
    };
    Some(PatternDfas {
        forward,
        reverse,
        span_group,
        span,
        ascii_words,
    })
}

fn build(hir: &Hir, reverse: bool, start: StartKind, kind: MatchKind) -> Option<Vec<u8>> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(reverse)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(hir)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(kind)
                .start_kind(start)
                .minimize(true)
                .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                .determinize_size_limit(Some(4 * DFA_SIZE_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    let mut bytes = vec![0; dfa.write_to_len()];
    dfa.write_to_little_endian(&mut bytes).ok()?;
    Some(bytes)
}

/// `hir` with every Unicode word boundary made an ASCII one; `changed` says whether there was any.
fn ascii_word_boundaries(hir: &Hir, changed: &mut bool) -> Hir {
    let mut ascii = |look: Look| {
        *changed = true;
        Hir::look(look)
    };
    match hir.kind() {
        HirKind::Look(look) => match look {
            Look::WordUnicode => ascii(Look::WordAscii),
            Look::WordUnicodeNegate => ascii(Look::WordAsciiNegate),
            Look::WordStartUnicode => ascii(Look::WordStartAscii),
            Look::WordEndUnicode => ascii(Look::WordEndAscii),
            Look::WordStartHalfUnicode => ascii(Look::WordStartHalfAscii),
            Look::WordEndHalfUnicode => ascii(Look::WordEndHalfAscii),
            _ => hir.clone(),
        },
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(ascii_word_boundaries(&rep.sub, changed)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(hir::Capture {
            sub: Box::new(ascii_word_boundaries(&cap.sub, changed)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(
            subs.iter()
                .map(|s| ascii_word_boundaries(s, changed))
                .collect(),
        ),
        HirKind::Alternation(subs) => Hir::alternation(
            subs.iter()
                .map(|s| ascii_word_boundaries(s, changed))
                .collect(),
        ),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// Where a pattern's `span` group stands.
enum Split {
    /// It has none.
    None,
    /// Inside something other than the pattern's top-level sequence.
    Nested,
    /// What comes before it, the group's own pattern, what comes after it.
    At(Hir, Hir, Hir),
}

fn is_span(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Capture(cap) if cap.name.as_deref() == Some(SPAN_GROUP) => Some(&cap.sub),
        _ => None,
    }
}

fn has_span(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(cap) => cap.name.as_deref() == Some(SPAN_GROUP) || has_span(&cap.sub),
        HirKind::Repetition(rep) => has_span(&rep.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_span),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

fn split_at_span(hir: &Hir) -> Split {
    if let Some(group) = is_span(hir) {
        return Split::At(Hir::empty(), group.clone(), Hir::empty());
    }
    let HirKind::Concat(subs) = hir.kind() else {
        return if has_span(hir) {
            Split::Nested
        } else {
            Split::None
        };
    };
    let Some(at) = subs.iter().position(|s| is_span(s).is_some()) else {
        return if has_span(hir) {
            Split::Nested
        } else {
            Split::None
        };
    };
    let (before, rest) = subs.split_at(at);
    let after = &rest[1..];
    if before.iter().chain(after).any(has_span) {
        return Split::Nested;
    }
    match is_span(&rest[0]) {
        Some(group) => Split::At(
            Hir::concat(before.to_vec()),
            group.clone(),
            Hir::concat(after.to_vec()),
        ),
        None => Split::Nested,
    }
}
