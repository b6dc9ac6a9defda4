//! Character folding: how the input and the lexicon phrases are brought to one comparable form.
//!
//! Phrases are folded at build time and the input at check time with the same function, so the
//! two always agree. Folding is per character, which is what lets the matcher map every folded
//! byte back to the character of the original input it came from.

/// What one input character becomes in the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    /// Invisible to a reader (zero-width space or joiner, soft hyphen, byte-order mark): dropped,
    /// so "un\u{200B}acceptable" still reads as one word.
    Drop,
    /// Horizontal white space of any kind (space, tab, no-break and other Unicode spaces).
    Space,
    /// A line break. `\r` is dropped, so CRLF and LF fold alike.
    Newline,
    /// Anything else: the character in lower case, with look-alikes unified (see [`fold_char`]).
    Char(char),
}

/// Folds one character.
///
/// Curly apostrophes and quotes become straight ones and full-width ASCII becomes ASCII, because a
/// reader sees no difference. Lower-casing that would produce more than one character (rare
/// outside Turkish dotted capital I) keeps the first, which is the base letter.
#[inline]
pub fn fold_char(c: char) -> Folded {
    if c.is_ascii() {
        return match c {
            ' ' | '\t' | '\x0B' | '\x0C' => Folded::Space,
            '\n' => Folded::Newline,
            '\r' => Folded::Drop,
            _ => Folded::Char(c.to_ascii_lowercase()),
        };
    }
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folded::Drop,
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Folded::Newline,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' => {
            Folded::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Folded::Char('"'),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Folded::Char(ascii.to_ascii_lowercase())
        }
        c if c.is_whitespace() => Folded::Space,
        c => Folded::Char(c.to_lowercase().next().unwrap_or(c)),
    }
}

/// Whether a folded character is part of a word (letters, digits, and the underscore).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Folds a lexicon phrase the way the matcher folds input: lower case, look-alikes unified, any
/// run of white space (including one line break) as a single space, no leading or trailing
/// space.
pub fn fold_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut pending_space = false;
    for c in phrase.chars() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Space | Folded::Newline => pending_space = !out.is_empty(),
            Folded::Char(f) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(f);
            }
        }
    }
    out
}
