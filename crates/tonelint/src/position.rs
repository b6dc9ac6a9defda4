//! Turning byte offsets into the line and column a person looks for.
//!
//! Columns count what a terminal shows: a wide character (most CJK, many emoji) takes two
//! columns, a combining mark or zero-width character none, and a tab advances to the next multiple
//! of eight. Lines are counted by `\n`, so CRLF and LF files number alike.

use unicode_width::UnicodeWidthChar;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in terminal cells.
    pub column: usize,
}

/// The display width of `text`, starting at column 0, as a terminal lays it out.
pub fn display_width(text: &str) -> usize {
    width_after(0, text)
}

/// The column a terminal reaches after showing `text` from column `start` (0-based): tab stops
/// depend on where the text starts, so a width cannot simply be added to the one before it.
fn width_after(start: usize, text: &str) -> usize {
    let bytes = text.as_bytes();
    // Mail is mostly printable ASCII, one cell a byte.
    if bytes.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        return start + bytes.len();
    }
    text.chars().fold(start, |width, c| match c {
        '\t' => (width / 8 + 1) * 8,
        c => width + c.width().unwrap_or(0),
    })
}

/// Walks forward through one input, turning byte offsets into lines and columns.
///
/// Offsets asked for in increasing order cost the distance between them, so a front end that
/// places many findings on one enormous line stays linear. Asking for an earlier offset starts
/// over from the beginning of the input.
///
/// ```
/// use tonelint::{Cursor, LineColumn};
///
/// let text = "Hi,\nI need you to call \u{4F60} now.";
/// let mut cursor = Cursor::new(text);
/// assert_eq!(cursor.advance_to(text.find("need").unwrap()), LineColumn { line: 2, column: 3 });
/// // The wide character takes two cells.
/// assert_eq!(cursor.advance_to(text.find("now").unwrap()), LineColumn { line: 2, column: 23 });
/// ```
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    /// Cells between the start of the line and `offset`, kept so that many positions on one long
    /// line cost the distance between them, not the distance from the line's start.
    width: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            offset: 0,
            line: 1,
            width: 0,
        }
    }

    /// The position of `offset`, which must be a char boundary of the text.
    ///
    /// # Panics
    ///
    /// When `offset` is past the end of the text or inside a character.
    pub fn advance_to(&mut self, offset: usize) -> LineColumn {
        if offset < self.offset {
            *self = Cursor::new(self.text);
        }
        let skipped = &self.text.as_bytes()[self.offset..offset];
        self.width = match skipped.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += skipped.iter().filter(|&&b| b == b'\n').count();
                display_width(&self.text[self.offset + last + 1..offset])
            }
            None => width_after(self.width, &self.text[self.offset..offset]),
        };
        self.offset = offset;
        LineColumn {
            line: self.line,
            column: self.width + 1,
        }
    }

    /// The position of `offset` without moving the cursor: for the end of a span whose start
    /// was just asked for.
    pub fn peek(&self, offset: usize) -> LineColumn {
        self.clone().advance_to(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_terminal_cells() {
        let text = "a\u{4F60}b\te\u{301}x\nnext";
        let mut cursor = Cursor::new(text);
        assert_eq!(cursor.advance_to(0), LineColumn { line: 1, column: 1 });
        // "a" and a wide CJK character take three cells.
        assert_eq!(cursor.advance_to(4), LineColumn { line: 1, column: 4 });
        // A tab after four cells jumps to column 9; e + combining acute is one cell.
        let x = text.find('x').unwrap();
        assert_eq!(
            cursor.advance_to(x),
            LineColumn {
                line: 1,
                column: 10
            }
        );
        let n = text.find("next").unwrap();
        assert_eq!(cursor.advance_to(n), LineColumn { line: 2, column: 1 });
    }

    #[test]
    fn crlf_counts_one_line() {
        let text = "one\r\ntwo\r\nthree";
        let mut cursor = Cursor::new(text);
        assert_eq!(
            cursor.advance_to(text.find("three").unwrap()),
            LineColumn { line: 3, column: 1 }
        );
    }
}
