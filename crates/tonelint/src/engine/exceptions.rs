//! Exception cover: a match lying inside an exception of its own entry (or inside an allowed
//! phrase, for a rule) is no finding.

use tonelint_lexicon::phrase_table::{Entry, EntryIndex};
use tonelint_lexicon::register::Kind;

use super::scan::{ExceptionHit, Hit};

/// Splits `found` into rule hits and strength hits, leaving out those an exception covers.
pub(super) fn uncovered(found: Vec<Hit>, exceptions: Vec<ExceptionHit>) -> (Vec<Hit>, Vec<Hit>) {
    let exceptions = Exceptions::new(exceptions);
    let mut rules = Vec::new();
    let mut strengths = Vec::new();
    for hit in found {
        if exceptions.cover(&hit) {
            continue;
        }
        let list = match hit.kind {
            Kind::Rule => &mut rules,
            Kind::Strength => &mut strengths,
        };
        list.push(hit);
    }
    (rules, strengths)
}

/// Exceptions of one chunk, sorted so that whether one covers a match is a binary search.
struct Exceptions {
    /// (kind, entry, start, end, the largest end so far in this kind and entry).
    list: Vec<(Kind, Entry, usize, usize, usize)>,
}

impl Exceptions {
    fn new(hits: Vec<ExceptionHit>) -> Exceptions {
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
        covers(Entry::One(EntryIndex(hit.entry))) || (hit.kind == Kind::Rule && covers(Entry::Any))
    }
}
