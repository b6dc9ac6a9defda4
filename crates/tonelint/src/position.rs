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
    text.chars().fold(0, |width, c| match c {
        '\t' => (width / 8 + 1) * 8,
        c => width + c.width().unwrap_or(0),
    })
}

/// Walks forward through one input, answering positions asked for in increasing order without
/// rescanning from the start each time.
pub(crate) struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The position of `offset`, which must be a char boundary and not before the last one asked.
    pub(crate) fn advance_to(&mut self, offset: usize) -> LineColumn {
        debug_assert!(offset >= self.offset);
        let skipped = &self.text.as_bytes()[self.offset..offset];
        if let Some(last) = skipped.iter().rposition(|&b| b == b'\n') {
            self.line += skipped.iter().filter(|&&b| b == b'\n').count();
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        LineColumn {
            line: self.line,
            column: display_width(&self.text[self.line_start..offset]) + 1,
        }
    }

    /// The position of `end`, at or after the last offset asked, without moving the cursor.
    pub(crate) fn peek(&self, end: usize) -> LineColumn {
        let mut probe = Cursor { ..*self };
        probe.advance_to(end)
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
