//! Joining gapped exceptions (`"said ... ridiculous"`): the automaton finds the two sides apart;
//! here the sides of one exception that stand close enough, within one sentence, become one
//! exception spanning both.

use tonelint_lexicon::spec::MAX_GAP_WORDS;

use super::scan::{ChunkHits, ExceptionHit, GapSide};
use super::span::{Chunk, ChunkSpan};
use crate::fold::{Folded, fold_char};

/// Adds to `hits.exceptions` every gapped exception whose sides `hits` holds in order, close
/// enough (see [`within_gap`]). Of the before-sides that fit, the earliest-ending one wins, the
/// longest first: the widest exception. Whether the text between is short enough only gets truer
/// as the before-side ends later, so walking back from the latest candidate finds that one
/// without trying every before-side of the chunk.
pub(super) fn join_gapped_exceptions(chunk: &Chunk<'_>, hits: &mut ChunkHits) {
    let group = |g: &GapSide| (g.owner, g.gap);
    hits.before
        .sort_unstable_by_key(|b| (group(b), b.span.end, b.span.start));
    for after in &hits.after {
        let key = group(after);
        let hi = hits
            .before
            .partition_point(|b| (group(b), b.span.end) <= (key, after.span.start));
        let mut joined = None;
        for b in hits.before[..hi].iter().rev() {
            let between = ChunkSpan {
                start: b.span.end,
                end: after.span.start,
            };
            if group(b) != key || !within_gap(chunk.slice(between)) {
                break;
            }
            joined = Some(b);
        }
        if let Some(before) = joined {
            hits.exceptions.push(ExceptionHit {
                owner: after.owner,
                span: before.span.to(after.span),
            });
        }
    }
}

/// Whether the text between the two sides of a gapped exception is short enough: at most
/// [`MAX_GAP_WORDS`] words, and no sentence or paragraph break. Words here are runs of folded
/// characters between white space, not tokens: `it's` and `e-mail` are one word each.
fn within_gap(between: &str) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    let mut newlines = 0;
    for c in between.chars() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Space => in_run = false,
            Folded::Newline => {
                in_run = false;
                newlines += 1;
                if newlines >= 2 {
                    return false;
                }
            }
            Folded::Char(f) => {
                if !in_run {
                    // A run of white space ends here; a blank line was a paragraph break.
                    runs += 1;
                    in_run = true;
                }
                newlines = 0;
                if matches!(f, '.' | '!' | '?' | ';') {
                    return false;
                }
            }
        }
    }
    runs <= MAX_GAP_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_span_a_few_words_within_a_sentence() {
        assert!(within_gap(" "));
        assert!(within_gap(" get this to you "));
        assert!(!within_gap(" one two three four five "));
        assert!(!within_gap(". then "));
        assert!(!within_gap(" then\n\nnow "));
        assert!(within_gap(" then\nnow "));
    }
}
