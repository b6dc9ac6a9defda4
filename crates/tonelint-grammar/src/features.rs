//! What the tone model sees of a sentence: hashed words, word pairs, the opening word, capitals,
//! the closing mark and the word families of [`crate::families`] its words belong to. The trainer (`tonelint-train`) and the linter both call this, so the
//! model is always applied to exactly the features it was trained on.
//!
//! Every feature remembers the tokens it came from, so a model finding can point at the words
//! that weighed most.

use std::hash::Hasher;
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
/// part, not once per pair.
#[derive(Clone, Copy)]
struct Partial(u64);

impl Partial {
    /// The hash of a feature's kind alone: a constant for each kind the model uses.
    const fn kind(kind: &str) -> Partial {
        Partial(fnv1a(kind.as_bytes()))
    }

    fn part(self, part: &str) -> Partial {
        let mut hasher = fnv::FnvHasher::with_key(self.0);
        hasher.write_u8(0x1f);
        hasher.write(part.as_bytes());
        Partial(hasher.finish())
    }

    const fn bucket(self) -> u32 {
        (self.0 % BUCKETS as u64) as u32
    }
}

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

/// FNV-1a of `bytes`, as `fnv::FnvHasher` computes it, at compile time.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
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
const WORD: Partial = Partial::kind("w");
const PAIR: Partial = Partial::kind("b");

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
                    bucket: bucket("family", &[family]),
                    tokens: i..i + 1,
                });
            }
            if first_word {
                out.push(Feature {
                    bucket: bucket("first", &[w]),
                    tokens: i..i + 1,
                });
                first_word = false;
            }
            if token.caps {
                out.push(Feature {
                    bucket: bucket("caps", &[w]),
                    tokens: i..i + 1,
                });
                out.push(Feature {
                    bucket: bucket("anycaps", &[]),
                    tokens: i..i + 1,
                });
            }
        } else if matches!(w, "?" | "!") {
            out.push(Feature {
                bucket: bucket("mark", &[w]),
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
            bucket: bucket("end", &[word(tokens, last)]),
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
        // The hash is FNV-1a: the same on every platform, so committed weights stay valid.
        assert_eq!(bucket("w", &["you"]), bucket("w", &["you"]));
        assert_eq!(
            text_buckets("Thanks SO much!"),
            text_buckets("Thanks SO much!")
        );
    }
}
