//! Words as the grammar sees them: folded (lower case, one kind of apostrophe, invisible
//! characters dropped), with contractions opened up ("don't" is `do` `not`, "I'll" is `i` `will`)
//! so that a shape written one way matches text written the other.
//!
//! Every token keeps the byte span of the text it came from; the two halves of a contraction
//! share the span of the whole word.

use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner apostrophes and hyphens.
    Word,
    /// Digits, possibly with inner `:` `/` `.` `,` (5, 5:30, 3/20, 1,200).
    Number,
    /// Any other visible character, one per token.
    Punct,
}

/// One token of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Bytes of the original text.
    pub span: Range<usize>,
    /// Where its folded text is in [`Tokens::folded`].
    pub folded: Range<usize>,
    /// Written in capitals: two or more letters and no lower-case letter.
    pub caps: bool,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
}

/// The tokens of one text, with their folded text in one buffer.
#[derive(Default, Debug)]
pub struct Tokens {
    pub list: Vec<Token>,
    pub folded: String,
}

impl Tokens {
    /// The folded text of token `i`.
    pub fn text(&self, i: usize) -> &str {
        &self.folded[self.list[i].folded.clone()]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Tokenizes `text` into `self`, replacing what was there.
    pub fn fill(&mut self, text: &str) {
        self.list.clear();
        self.folded.clear();
        let mut chars = text.char_indices().peekable();
        let mut word = String::new();
        while let Some((at, c)) = chars.next() {
            if is_invisible(c) || c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                word.clear();
                let mut end = at + c.len_utf8();
                let mut letters = 0usize;
                let mut lower = 0usize;
                let mut digits_only = true;
                let count = |c: char, letters: &mut usize, lower: &mut usize| {
                    if c.is_alphabetic() {
                        *letters += 1;
                        if c.is_lowercase() {
                            *lower += 1;
                        }
                    }
                };
                count(c, &mut letters, &mut lower);
                digits_only &= c.is_ascii_digit();
                push_folded(&mut word, c);
                let capitalised = c.is_uppercase();
                while let Some(&(i, d)) = chars.peek() {
                    if is_invisible(d) {
                        chars.next();
                        continue;
                    }
                    if d.is_alphanumeric() {
                        // Digits then letters ("5pm") stay one word; so do letters then digits.
                        digits_only &= d.is_ascii_digit();
                        count(d, &mut letters, &mut lower);
                        push_folded(&mut word, d);
                        end = i + d.len_utf8();
                        chars.next();
                        continue;
                    }
                    // An apostrophe, hyphen, or (between digits) a separator joins two runs.
                    let joiner = matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                        || (digits_only && matches!(d, ':' | '/' | '.' | ','));
                    if !joiner {
                        break;
                    }
                    let mut ahead = text[i + d.len_utf8()..].chars();
                    let next = ahead.next();
                    let continues = next.is_some_and(|n| {
                        if digits_only && !matches!(d, '\'' | '\u{2019}' | '-') {
                            n.is_ascii_digit()
                        } else {
                            n.is_alphanumeric()
                        }
                    });
                    if !continues {
                        break;
                    }
                    push_folded(&mut word, d);
                    end = i + d.len_utf8();
                    chars.next();
                }
                let kind = if digits_only
                    || word.starts_with(|c: char| c.is_ascii_digit())
                        && word.chars().all(|c| !c.is_alphabetic())
                {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                let caps = letters >= 2 && lower == 0;
                self.push_word(kind, at..end, &word, caps, capitalised);
            } else {
                let start = self.folded.len();
                push_folded(&mut self.folded, c);
                let folded = start..self.folded.len();
                self.list.push(Token {
                    kind: TokenKind::Punct,
                    span: at..at + c.len_utf8(),
                    folded,
                    caps: false,
                    capitalised: false,
                });
            }
        }
    }

    fn push_word(
        &mut self,
        kind: TokenKind,
        span: Range<usize>,
        word: &str,
        caps: bool,
        capitalised: bool,
    ) {
        let push = |this: &mut Tokens, text: &str| {
            let start = this.folded.len();
            this.folded.push_str(text);
            this.list.push(Token {
                kind,
                span: span.clone(),
                folded: start..this.folded.len(),
                caps,
                capitalised,
            });
        };
        match open_contraction(word) {
            Some((first, second)) => {
                push(self, &first);
                push(self, second);
            }
            None => push(self, word),
        }
    }
}

/// Folds one character into `out`: lower case, one apostrophe, one hyphen.
fn push_folded(out: &mut String, c: char) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
        '\u{2010}' | '\u{2011}' => out.push('-'),
        '\u{201C}' | '\u{201D}' => out.push('"'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Characters a reader does not see: zero-width spaces and joiners, soft hyphens, byte-order marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The commonest function words (articles, pronouns, prepositions, auxiliaries), folded. They are
/// in nearly every sentence, so they neither make a useful anchor for a shape nor a telling reason
/// for the tone model's reading.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "is", "are", "was", "were",
    "be", "been", "being", "am", "i", "me", "my", "we", "us", "our", "you", "your", "he", "she",
    "him", "her", "his", "they", "them", "their", "to", "of", "in", "on", "at", "for", "from",
    "with", "by", "and", "or", "but", "so", "if", "as", "do", "does", "did", "have", "has", "had",
    "will", "would", "can", "could", "should", "not", "'s", "there", "here", "what", "which",
    "who", "all", "any", "some", "just", "about", "up", "out", "into", "over", "then", "than",
    "<num>",
];

/// Whether a folded word is one of the commonest function words.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

/// Words whose `'s` is "is" (it's, that's) rather than a possessive.
const IS_BEFORE: &[&str] = &[
    "it",
    "that",
    "what",
    "there",
    "here",
    "who",
    "he",
    "she",
    "where",
    "how",
    "everything",
    "nothing",
    "something",
    "someone",
    "everyone",
    "this",
    "why",
    "when",
];

/// Splits a folded contraction into its two words: "don't" → ("do", "not"), "i'll" → ("i",
/// "will"), "doctor's" → ("doctor", "'s").
pub fn open_contraction(word: &str) -> Option<(String, &'static str)> {
    let apostrophe = word.rfind('\'')?;
    let (head, tail) = (&word[..apostrophe], &word[apostrophe + 1..]);
    if head.is_empty() {
        return None;
    }
    let special = match word {
        "won't" => Some(("will", "not")),
        "can't" => Some(("can", "not")),
        "shan't" => Some(("shall", "not")),
        "ain't" => Some(("is", "not")),
        "let's" => Some(("let", "us")),
        _ => None,
    };
    if let Some((a, b)) = special {
        return Some((a.to_string(), b));
    }
    if tail == "t" && head.ends_with('n') && head.len() > 1 {
        return Some((head[..head.len() - 1].to_string(), "not"));
    }
    let second = match tail {
        "ll" => "will",
        "re" => "are",
        "ve" => "have",
        "d" => "would",
        "m" => "am",
        "s" if IS_BEFORE.contains(&head) => "is",
        "s" => "'s",
        _ => return None,
    };
    Some((head.to_string(), second))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut t = Tokens::default();
        t.fill(text);
        (0..t.len()).map(|i| t.text(i).to_string()).collect()
    }

    #[test]
    fn contractions_open_up_and_keep_the_word_span() {
        assert_eq!(words("Don’t you dare"), ["do", "not", "you", "dare"]);
        assert_eq!(
            words("I'll call, it's fine"),
            ["i", "will", "call", ",", "it", "is", "fine"]
        );
        assert_eq!(words("the doctor's note"), ["the", "doctor", "'s", "note"]);
        let mut t = Tokens::default();
        t.fill("We can't");
        assert_eq!(t.list[1].span, t.list[2].span);
        assert_eq!(&"We can't"[t.list[1].span.clone()], "can't");
    }

    #[test]
    fn numbers_times_and_dates_are_one_token() {
        assert_eq!(
            words("by 5:30 on 3/20, 1,200 units"),
            ["by", "5:30", "on", "3/20", ",", "1,200", "units"]
        );
        let mut t = Tokens::default();
        t.fill("at 5pm");
        assert_eq!(t.list[1].kind, TokenKind::Word);
        t.fill("at 5");
        assert_eq!(t.list[1].kind, TokenKind::Number);
    }

    #[test]
    fn capitals_are_noted() {
        let mut t = Tokens::default();
        t.fill("NO EXCUSES, Dr. I");
        assert!(t.list[0].caps && t.list[1].caps);
        assert!(!t.list[3].caps && t.list[3].capitalised);
        assert!(!t.list[5].caps, "one letter is not shouting");
    }

    #[test]
    fn hyphenated_words_and_invisible_characters() {
        assert_eq!(words("follow-up on\u{200B}ly"), ["follow-up", "only"]);
    }
}
