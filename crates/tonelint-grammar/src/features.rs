//! What the tone model sees of a sentence: hashed words, word pairs, the opening word, capitals,
//! the closing mark and the word families of [`crate::families`] its words belong to. The trainer (`tonelint-train`) and the linter both call this, so the
//! model is always applied to exactly the features it was trained on.
//!
//! Every feature remembers the tokens it came from, so a model finding can point at the words
//! that weighed most.

use std::ops::Range;

use crate::token::{TokenKind, Tokens};

/// How many buckets features are hashed into.
pub const BUCKETS: u32 = 1 << 17;

/// One feature of a sentence: its bucket and the tokens it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    pub bucket: u32,
    pub tokens: Range<usize>,
}

/// A feature's hash so far: its kind, then each part after a 0x1f separator. A word pair
/// continues from the hash its first word left, so each word is hashed once as a pair's first
/// part, not once per pair. Every step is a `const fn`, so the hashes of fixed kinds and words
/// (the bias, the word families) are worked out at compile time.
#[derive(Clone, Copy)]
pub(crate) struct Partial(u64);

impl Partial {
    /// The hash of a feature's kind alone: a constant for each kind the model uses.
    pub(crate) const fn kind(kind: &str) -> Partial {
        Partial(fnv1a_from(FNV_OFFSET, kind.as_bytes()))
    }

    pub(crate) const fn part(self, part: &str) -> Partial {
        Partial(fnv1a_from(fnv1a_from(self.0, &[0x1f]), part.as_bytes()))
    }

    pub(crate) const fn bucket(self) -> u32 {
        (self.0 % BUCKETS as u64) as u32
    }
}

/// The bucket of a feature of `kind` with `parts`, hashed whole: what the tests compare with.
#[cfg(test)]
pub(crate) fn bucket(kind: &str, parts: &[&str]) -> u32 {
    parts
        .iter()
        .fold(Partial::kind(kind), |hash, part| hash.part(part))
        .bucket()
}

/// A token as the model reads it: numbers are one word, so are all times and dates.
fn word(tokens: &Tokens, i: usize) -> &str {
    match tokens.list[i].kind {
        TokenKind::Number => "<num>",
        _ => tokens.text(i),
    }
}

/// FNV-1a's starting state (`fnv::FnvHasher::default()`).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` continued from state `hash`, as `fnv::FnvHasher::with_key(hash)` computes
/// it, usable at compile time.
const fn fnv1a_from(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The bucket of the bias feature every text has (`bucket("bias", &[])`, worked out once).
pub const BIAS: u32 = Partial::kind("bias").bucket();

/// The hashes every word feature and every word-pair feature start from.
pub(crate) const WORD: Partial = Partial::kind("w");
const PAIR: Partial = Partial::kind("b");
/// The kinds hashed once per token or sentence, and the one feature that has no part.
const FIRST: Partial = Partial::kind("first");
const CAPS: Partial = Partial::kind("caps");
const ANYCAPS: u32 = Partial::kind("anycaps").bucket();
const FAMILY: Partial = Partial::kind("family");
const MARK: Partial = Partial::kind("mark");
const END: Partial = Partial::kind("end");

/// The bucket of the bias feature every text has.
pub fn bias() -> u32 {
    BIAS
}

/// The value of feature `bucket` in a text of `count` distinct buckets (the bias among them): 1
/// for the bias, else [`word_value`]`(count)`.
pub fn value(bucket: u32, count: usize) -> f32 {
    if bucket == BIAS {
        1.0
    } else {
        word_value(count)
    }
}

/// The value of every feature but the bias in a text of `count` distinct buckets: 1/√(count − 1),
/// so that a long sentence's many small cues do not add up to the weight of a short sentence's
/// one strong cue.
pub fn word_value(count: usize) -> f32 {
    1.0 / ((count.saturating_sub(1)).max(1) as f32).sqrt()
}

/// Adds the features of tokens `range` (one sentence) to `out`.
pub fn sentence_features(tokens: &Tokens, range: Range<usize>, out: &mut Vec<Feature>) {
    let mut first_word = true;
    // The previous token, and the pair hash it starts.
    let mut previous: Option<(usize, Partial)> = None;
    for i in range.clone() {
        let token = &tokens.list[i];
        let w = word(tokens, i);
        if token.kind != TokenKind::Punct {
            let word_bucket = WORD.part(w).bucket();
            out.push(Feature {
                bucket: word_bucket,
                tokens: i..i + 1,
            });
            if let Some(family) = crate::families::family(w, word_bucket) {
                out.push(Feature {
                    bucket: FAMILY.part(family).bucket(),
                    tokens: i..i + 1,
                });
            }
            if first_word {
                out.push(Feature {
                    bucket: FIRST.part(w).bucket(),
                    tokens: i..i + 1,
                });
                first_word = false;
            }
            if token.caps {
                out.push(Feature {
                    bucket: CAPS.part(w).bucket(),
                    tokens: i..i + 1,
                });
                out.push(Feature {
                    bucket: ANYCAPS,
                    tokens: i..i + 1,
                });
            }
        } else if matches!(w, "?" | "!") {
            out.push(Feature {
                bucket: MARK.part(w).bucket(),
                tokens: i..i + 1,
            });
        }
        if let Some((p, pair)) = previous {
            out.push(Feature {
                bucket: pair.part(w).bucket(),
                tokens: p..i + 1,
            });
        }
        previous = Some((i, PAIR.part(w)));
    }
    if let Some(last) = range
        .clone()
        .rev()
        .find(|&i| tokens.list[i].kind == TokenKind::Punct)
        && last + 1 == range.end
    {
        out.push(Feature {
            bucket: END.part(word(tokens, last)).bucket(),
            tokens: last..last + 1,
        });
    }
}

/// The distinct buckets of each sentence of a text, each with the bias, in order.
pub fn sentence_buckets(text: &str) -> Vec<Vec<u32>> {
    let mut tokens = Tokens::default();
    tokens.fill(text);
    let mut sentences = Vec::new();
    crate::sentence::split(text, &mut String::new(), &mut sentences);
    let mut first = 0;
    let mut out = Vec::new();
    for range in sentences {
        let start = first + tokens.list[first..].partition_point(|t| t.span.start < range.start);
        let end = start + tokens.list[start..].partition_point(|t| t.span.start < range.end);
        first = end;
        if start == end {
            continue;
        }
        let mut features = Vec::new();
        sentence_features(&tokens, start..end, &mut features);
        let mut buckets: Vec<u32> = features.into_iter().map(|f| f.bucket).collect();
        buckets.push(bias());
        buckets.sort_unstable();
        buckets.dedup();
        out.push(buckets);
    }
    out
}

/// The distinct buckets of a whole text, with the bias: what the trainer learns from.
pub fn text_buckets(text: &str) -> Vec<u32> {
    let mut tokens = Tokens::default();
    tokens.fill(text);
    let mut features = Vec::new();
    let mut sentences = Vec::new();
    crate::sentence::split(text, &mut String::new(), &mut sentences);
    let mut first = 0;
    for range in sentences {
        let start = first + tokens.list[first..].partition_point(|t| t.span.start < range.start);
        let end = start + tokens.list[start..].partition_point(|t| t.span.start < range.end);
        first = end;
        sentence_features(&tokens, start..end, &mut features);
    }
    let mut buckets: Vec<u32> = features.into_iter().map(|f| f.bucket).collect();
    buckets.push(bias());
    buckets.sort_unstable();
    buckets.dedup();
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_point_at_their_tokens_and_are_stable() {
        let mut tokens = Tokens::default();
        tokens.fill("Thanks SO much!");
        let mut out = Vec::new();
        sentence_features(&tokens, 0..tokens.len(), &mut out);
        assert!(
            out.iter()
                .all(|f| f.bucket < BUCKETS && f.tokens.end <= tokens.len())
        );
        assert!(out.iter().any(|f| f.bucket == bucket("caps", &["so"])));
        assert!(out.iter().any(|f| f.bucket == bucket("end", &["!"])));
        assert_eq!(BIAS, bucket("bias", &[]));
        // Words and pairs hashed from saved states land where hashing them whole does.
        assert!(out.iter().any(|f| f.bucket == bucket("w", &["much"])));
        assert!(out.iter().any(|f| f.bucket == bucket("b", &["so", "much"])));
        assert!(out.iter().any(|f| f.bucket == bucket("b", &["much", "!"])));
        // The hash is FNV-1a as the `fnv` crate computes it (the trainer's hashes once came
        // from that crate): the same on every platform, so committed weights stay valid.
        let mut reference = fnv::FnvHasher::default();
        std::hash::Hasher::write(&mut reference, b"b");
        std::hash::Hasher::write_u8(&mut reference, 0x1f);
        std::hash::Hasher::write(&mut reference, b"so");
        std::hash::Hasher::write_u8(&mut reference, 0x1f);
        std::hash::Hasher::write(&mut reference, b"much");
        let expected = (std::hash::Hasher::finish(&reference) % u64::from(BUCKETS)) as u32;
        assert_eq!(bucket("b", &["so", "much"]), expected);
        assert_eq!(bucket("w", &["you"]), bucket("w", &["you"]));
        assert_eq!(
            text_buckets("Thanks SO much!"),
            text_buckets("Thanks SO much!")
        );
    }
}
