//! Overlap resolution: one chunk's hits in order, in input offsets, without the matches a longer
//! or earlier one makes redundant.

use super::Match;
use super::scan::Hit;
use super::span::Chunk;

/// How far back (in bytes) an earlier match can start and still overlap a later one. Matches
/// longer than this are rare enough (a shouted paragraph) that missing a de-duplication is
/// harmless, and the bound keeps overlap resolution linear on text dense with matches.
pub(super) const MAX_LOOKBACK: usize = 4096;

/// Turns one chunk's hits into matches in input offsets, ordered by start, longest first, and for
/// one span phrases before patterns and entries in order.
pub(super) fn ordered<I: Copy + Ord>(mut hits: Vec<Hit<I>>, chunk: &Chunk<'_>) -> Vec<Match<I>> {
    hits.sort_by_key(|h| {
        (
            h.span.start,
            std::cmp::Reverse(h.span.end),
            h.from_pattern,
            h.entry,
        )
    });
    let mut out: Vec<Match<I>> = hits
        .into_iter()
        .map(|h| Match {
            entry: h.entry,
            span: chunk.text_span(h.span),
        })
        .collect();
    out.dedup();
    out
}

/// Drops the redundant matches of a sorted list: a match overlapping an earlier match of the
/// same entry (two variants of one phrase), and a match lying inside a longer match of an entry
/// `related` to it (for rules: the same category, so the more specific phrase wins). Unrelated
/// matches both stay.
pub(super) fn resolve_overlaps<I: Copy + Eq>(
    found: &mut Vec<Match<I>>,
    related: impl Fn(I, I) -> bool,
) {
    let mut kept: Vec<Match<I>> = Vec::with_capacity(found.len());
    for m in found.drain(..) {
        let redundant = kept
            .iter()
            .rev()
            .take_while(|k| k.span.start + MAX_LOOKBACK > m.span.start)
            .any(|k| {
                k.span.end > m.span.start
                    && (k.entry == m.entry
                        || (related(k.entry, m.entry) && k.span.end >= m.span.end))
            });
        if !redundant {
            kept.push(m);
        }
    }
    *found = kept;
}
