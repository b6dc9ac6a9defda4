//! Exception cover: a match lying inside an exception of its own entry (or inside an allowed
//! phrase, for a rule) is no finding.

use super::ids::{EntryRef, Owner, RuleIndex, StrengthIndex};
use super::scan::{ExceptionHit, Hit};
use super::span::ChunkOffset;

/// Splits `found` into rule hits and strength hits, leaving out those an exception covers.
pub(super) fn uncovered(
    found: Vec<Hit>,
    exceptions: Vec<ExceptionHit>,
) -> (Vec<Hit<RuleIndex>>, Vec<Hit<StrengthIndex>>) {
    let exceptions = Exceptions::new(exceptions);
    let mut rules = Vec::new();
    let mut strengths = Vec::new();
    for hit in found {
        if exceptions.cover(&hit) {
            continue;
        }
        let Hit {
            entry,
            span,
            from_pattern,
        } = hit;
        match entry {
            EntryRef::Rule(entry) => rules.push(Hit {
                entry,
                span,
                from_pattern,
            }),
            EntryRef::Strength(entry) => strengths.push(Hit {
                entry,
                span,
                from_pattern,
            }),
        }
    }
    (rules, strengths)
}

/// Exceptions of one chunk, sorted so that whether one covers a match is a binary search.
struct Exceptions {
    /// (owner, start, end, the largest end so far of this owner's exceptions).
    list: Vec<(Owner, ChunkOffset, ChunkOffset, ChunkOffset)>,
}

impl Exceptions {
    fn new(hits: Vec<ExceptionHit>) -> Exceptions {
        let mut list: Vec<(Owner, ChunkOffset, ChunkOffset, ChunkOffset)> = hits
            .into_iter()
            .map(|h| (h.owner, h.span.start, h.span.end, h.span.end))
            .collect();
        list.sort_unstable_by_key(|&(owner, start, end, _)| (owner, start, end));
        let mut reach = ChunkOffset::new(0);
        for i in 0..list.len() {
            let same_owner = i > 0 && list[i - 1].0 == list[i].0;
            reach = if same_owner {
                reach.max(list[i].2)
            } else {
                list[i].2
            };
            list[i].3 = reach;
        }
        Exceptions { list }
    }

    /// Whether an exception of the hit's own entry, or one for every rule, covers it.
    fn cover(&self, hit: &Hit) -> bool {
        if self.list.is_empty() {
            return false;
        }
        let covers = |owner: Owner| {
            // The last exception of this owner starting at or before the hit.
            let at = self
                .list
                .partition_point(|&(o, start, _, _)| (o, start) <= (owner, hit.span.start));
            at > 0 && {
                let (o, _, _, reach) = self.list[at - 1];
                o == owner && reach >= hit.span.end
            }
        };
        let for_every_entry_of_its_kind = match hit.entry {
            EntryRef::Rule(_) => Some(Owner::EveryRule),
            EntryRef::Strength(_) => None,
        };
        covers(Owner::Entry(hit.entry)) || for_every_entry_of_its_kind.is_some_and(covers)
    }
}
