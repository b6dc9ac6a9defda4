//! Splitting input into folded tokens in one pass, without copying the input.
//!
//! A token is a word (word characters, with an apostrophe between two of them kept inside, so
//! "don't" is one token) or a single other character. Between tokens the tokenizer notes only
//! whether they touch, are separated by white space holding at most one line break, or by a blank
//! line: exactly what the folding rules of `tonelint_lexicon::fold` keep of the text, and what
//! `tonelint_lexicon::phrase_table::variant_tokens` keeps of a phrase, so that a phrase's tokens
//! and the text's meet on the same terms.
//!
//! ASCII words, which are nearly all words in mail, are lower-cased and hashed in one loop with
//! no allocation; anything else goes through [`fold_char`].

use super::span::ChunkSpan;
use crate::fold::{Folded, fold_char, is_word_char};
use crate::phrase_table::{Gap, HASH_START, hash_step, hash_token};

/// Longer folded tokens are never looked up (no lexicon word is this long).
pub(crate) const MAX_TOKEN: usize = 64;

/// One token, as handed to the consumer of [`Tokenizer::run`].
pub(crate) struct Token<'a> {
    /// From the first character to the end of the last one.
    pub(crate) span: ChunkSpan,
    /// What separates it from the previous token.
    pub(crate) gap: Gap,
    /// The folded text (empty for an ASCII word longer than [`MAX_TOKEN`], which no lexicon
    /// word is).
    pub(crate) text: &'a [u8],
    /// [`hash_token`] of `text`.
    pub(crate) hash: u32,
    /// Offsets in `text` where a regex could see a word boundary that folding hides (an
    /// apostrophe, an invisible character, a numeral that regex does not count as a word
    /// character). Only words have them.
    pub(crate) splits: &'a [usize],
    /// For words folded character by character: for each byte of `text`, the character it came
    /// from. Empty for plain ASCII words, whose bytes map one to one.
    pub(crate) origin: &'a [ChunkSpan],
    /// For a word holding apostrophes: its pieces (the runs of word characters and each
    /// apostrophe), which is how the phrase automaton reads it. Empty otherwise.
    pub(crate) pieces: &'a [Piece],
}

/// A piece of a word with apostrophes: a range of the folded text and its span in the chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) text: std::ops::Range<usize>,
    pub(crate) span: ChunkSpan,
}

impl Token<'_> {
    /// Calls `f` with the token's pieces: the automaton steps once per piece, and a token
    /// without split points is one piece, the whole token.
    pub(crate) fn with_pieces<R>(&self, f: impl FnOnce(&[Piece]) -> R) -> R {
        if self.pieces.is_empty() {
            f(&[Piece {
                text: 0..self.text.len(),
                span: self.span,
            }])
        } else {
            f(self.pieces)
        }
    }
}

/// Reusable scratch space for tokenizing; also counts words the way the summary reports them.
#[derive(Default)]
pub(crate) struct Tokenizer {
    buf: Vec<u8>,
    splits: Vec<usize>,
    origin: Vec<ChunkSpan>,
    pieces: Vec<Piece>,
    /// Words seen so far (a word starts at a word character that does not continue a word
    /// through an apostrophe).
    pub(crate) words: usize,
}

#[inline]
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The first character at or after `at` that folding does not drop, with its position.
fn next_visible(chunk: &str, mut at: usize) -> Option<(usize, char, Folded)> {
    while let Some(c) = chunk[at..].chars().next() {
        let f = fold_char(c);
        if f != Folded::Drop {
            return Some((at, c, f));
        }
        at += c.len_utf8();
    }
    None
}

impl Tokenizer {
    /// Tokenizes `chunk`, calling `each` for every token in order.
    pub(crate) fn run(&mut self, chunk: &str, mut each: impl FnMut(&Token)) {
        let bytes = chunk.as_bytes();
        let mut i = 0;
        // White space since the last token, and how many line breaks it held.
        let mut space = false;
        let mut newlines = 0u32;
        // Whether the last character was part of a word: a run of them counts as one word, as the
        // summary reports words.
        let mut in_word = false;
        while i < bytes.len() {
            let b = bytes[i];
            let (len, folded) = if b < 0x80 {
                match b {
                    b' ' | b'\t' | 0x0B | 0x0C => {
                        space = true;
                        i += 1;
                        continue;
                    }
                    b'\n' => {
                        space = true;
                        newlines += 1;
                        i += 1;
                        continue;
                    }
                    b'\r' => {
                        i += 1;
                        continue;
                    }
                    _ => (1, Folded::Char(b.to_ascii_lowercase() as char)),
                }
            } else {
                let c = chunk[i..].chars().next().unwrap_or('\u{FFFD}');
                (c.len_utf8(), fold_char(c))
            };
            let f = match folded {
                Folded::Drop => {
                    i += len;
                    continue;
                }
                Folded::Space => {
                    space = true;
                    i += len;
                    continue;
                }
                Folded::Newline => {
                    space = true;
                    newlines += 1;
                    i += len;
                    continue;
                }
                Folded::Char(f) => f,
            };
            let gap = match (space, newlines) {
                (false, _) => Gap::Adjacent,
                (true, 0 | 1) => Gap::Space,
                (true, _) => Gap::Paragraph,
            };
            if space {
                in_word = false;
            }
            space = false;
            newlines = 0;
            if is_word_char(f) {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
                let end = self.word(chunk, i, gap, &mut each);
                i = end;
            } else {
                if f != '\'' {
                    in_word = false;
                }
                let mut tmp = [0u8; 4];
                let text = f.encode_utf8(&mut tmp).as_bytes();
                each(&Token {
                    span: ChunkSpan::new(i..i + len),
                    gap,
                    text,
                    hash: hash_token(text),
                    splits: &[],
                    origin: &[],
                    pieces: &[],
                });
                i += len;
            }
        }
    }

    /// Reads the word starting at `start`, hands it to `each`, and returns where it ends.
    fn word(
        &mut self,
        chunk: &str,
        start: usize,
        gap: Gap,
        each: &mut impl FnMut(&Token),
    ) -> usize {
        let bytes = chunk.as_bytes();
        // The ASCII fast path: lower-case and hash in one loop.
        let mut i = start;
        let mut h = HASH_START;
        let mut tmp = [0u8; MAX_TOKEN];
        while i < bytes.len() && is_ascii_word(bytes[i]) {
            let lower = bytes[i].to_ascii_lowercase();
            if i - start < MAX_TOKEN {
                tmp[i - start] = lower;
            }
            h = hash_step(h, lower);
            i += 1;
        }
        let at_end = i >= bytes.len();
        if i > start && (at_end || (bytes[i] < 0x80 && bytes[i] != b'\'')) {
            let n = i - start;
            let text: &[u8] = if n <= MAX_TOKEN { &tmp[..n] } else { &[] };
            each(&Token {
                span: ChunkSpan::new(start..i),
                gap,
                text,
                hash: h,
                splits: &[],
                origin: &[],
                pieces: &[],
            });
            return i;
        }
        self.slow_word(chunk, start, gap, each)
    }

    /// Any word: folds character by character.
    fn slow_word(
        &mut self,
        chunk: &str,
        start: usize,
        gap: Gap,
        each: &mut impl FnMut(&Token),
    ) -> usize {
        self.buf.clear();
        self.splits.clear();
        self.origin.clear();
        self.pieces.clear();
        let mut at = start;
        let mut end = start;
        // Where the current piece started, in the folded text and in the chunk.
        let mut piece = (0, start);
        while let Some((pos, c, f)) = next_visible(chunk, at) {
            if pos > at && !self.buf.is_empty() {
                // An invisible character inside the word.
                self.splits.push(self.buf.len());
            }
            let Folded::Char(f) = f else { break };
            if is_word_char(f) {
                let numeral = !c.is_ascii() && c.is_numeric();
                if numeral {
                    self.splits.push(self.buf.len());
                }
                let mut tmp = [0u8; 4];
                let bytes = f.encode_utf8(&mut tmp).as_bytes();
                self.buf.extend_from_slice(bytes);
                self.origin.extend(std::iter::repeat_n(
                    ChunkSpan::new(pos..pos + c.len_utf8()),
                    bytes.len(),
                ));
                if numeral {
                    self.splits.push(self.buf.len());
                }
                at = pos + c.len_utf8();
                end = at;
            } else if f == '\'' {
                // Part of the word only with a word character after it.
                let after = pos + c.len_utf8();
                match next_visible(chunk, after) {
                    Some((next, _, Folded::Char(n))) if is_word_char(n) => {
                        self.pieces.push(Piece {
                            text: piece.0..self.buf.len(),
                            span: ChunkSpan::new(piece.1..end),
                        });
                        self.pieces.push(Piece {
                            text: self.buf.len()..self.buf.len() + 1,
                            span: ChunkSpan::new(pos..after),
                        });
                        self.splits.push(self.buf.len());
                        self.buf.push(b'\'');
                        self.origin.push(ChunkSpan::new(pos..after));
                        self.splits.push(self.buf.len());
                        piece = (self.buf.len(), next);
                        at = after;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if !self.pieces.is_empty() {
            self.pieces.push(Piece {
                text: piece.0..self.buf.len(),
                span: ChunkSpan::new(piece.1..end),
            });
        }
        each(&Token {
            span: ChunkSpan::new(start..end),
            gap,
            text: &self.buf,
            hash: hash_token(&self.buf),
            splits: &self.splits,
            origin: &self.origin,
            pieces: &self.pieces,
        });
        end
    }
}

/// Counts words without folding: for a linter with no phrase to look for, which never runs the
/// tokenizer.
pub(crate) fn count_words(chunk: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in chunk.chars() {
        let word = is_word_char(c) || (in_word && matches!(c, '\'' | '\u{2019}'));
        if word && !in_word {
            words += 1;
        }
        in_word = word;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, Gap, &str)> {
        let mut t = Tokenizer::default();
        let mut out = Vec::new();
        t.run(text, |tok| {
            out.push((
                String::from_utf8(tok.text.to_vec()).unwrap(),
                tok.gap,
                &text[tok.span.range()],
            ))
        });
        out
    }

    #[test]
    fn words_punctuation_and_gaps() {
        let t = tokens("You\u{200B}  STILL\r\nhaven’t, ok\n\nnow");
        let texts: Vec<&str> = t.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(texts, ["you", "still", "haven't", ",", "ok", "now"]);
        let gaps: Vec<Gap> = t.iter().map(|(_, g, _)| *g).collect();
        assert_eq!(
            gaps[1..],
            [
                Gap::Space,
                Gap::Space,
                Gap::Adjacent,
                Gap::Space,
                Gap::Paragraph
            ]
        );
        assert_eq!(t[2].2, "haven’t");
    }

    #[test]
    fn words_with_apostrophes_come_in_pieces() {
        let mut t = Tokenizer::default();
        let text = "we\u{200B}’ll go";
        let mut pieces = Vec::new();
        t.run(text, |tok| {
            for p in tok.pieces {
                pieces.push((tok.text[p.text.clone()].to_vec(), &text[p.span.range()]));
            }
        });
        assert_eq!(
            pieces,
            [
                (b"we".to_vec(), "we"),
                (b"'".to_vec(), "’"),
                (b"ll".to_vec(), "ll")
            ]
        );
    }

    #[test]
    fn invisible_characters_join_words() {
        let t = tokens("un\u{200B}acceptable\u{AD} x");
        assert_eq!(t[0].0, "unacceptable");
        assert_eq!(t[0].2, "un\u{200B}acceptable");
    }

    #[test]
    fn words_are_counted_like_the_folded_text() {
        let mut t = Tokenizer::default();
        t.run("don't x''y dogs' toys", |_| {});
        assert_eq!(t.words, 4);
    }
}
