//! Lines and columns of byte offsets in one input's text, for every finding of every part.
//!
//! Offsets come in nearly increasing order (findings are sorted, the messages of a mailbox
//! follow each other), so each query walks on from the last one and costs the distance between
//! them. An earlier offset restarts at the start of its own line, found in an index of line
//! starts, never at the start of the input: a mailbox of 40,000 messages, or a strength after
//! the findings of a long message, costs the length of one line, not of everything before it.

use tonelint::{Cursor, LineColumn};

#[cfg(test)]
thread_local! {
    /// Bytes walked by locators on this thread: the work that must grow linearly.
    pub(crate) static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A position as the formats report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line and column in terminal cells.
    pub cells: LineColumn,
    /// 1-based column in Unicode code points (SARIF's unit).
    pub code_point_column: usize,
}

/// Walks through one text; see the module documentation.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// A cursor over `text[origin..]`, which starts line `origin_line` (0-based).
    cursor: Cursor<'a>,
    origin: usize,
    origin_line: usize,
    /// The last offset asked for, its line's start and its code point column (0-based).
    at: usize,
    line_start: usize,
    code_points: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            text,
            line_starts,
            cursor: Cursor::new(text),
            origin: 0,
            origin_line: 0,
            at: 0,
            line_start: 0,
            code_points: 0,
        }
    }

    /// The position of `offset`, a char boundary of the text.
    pub fn locate(&mut self, offset: usize) -> Position {
        if offset < self.at {
            let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
            self.origin = self.line_starts[line];
            self.origin_line = line;
            self.cursor = Cursor::new(&self.text[self.origin..]);
            self.at = self.origin;
            self.line_start = self.origin;
            self.code_points = 0;
        }
        let skipped = &self.text[self.at..offset];
        #[cfg(test)]
        WALKED.with(|n| n.set(n.get() + skipped.len()));
        match skipped.rfind('\n') {
            Some(last) => {
                self.line_start = self.at + last + 1;
                self.code_points = self.text[self.line_start..offset].chars().count();
            }
            None => self.code_points += skipped.chars().count(),
        }
        self.at = offset;
        let cells = self.cursor.advance_to(offset - self.origin);
        Position {
            cells: LineColumn {
                line: cells.line + self.origin_line,
                column: cells.column,
            },
            code_point_column: self.code_points + 1,
        }
    }

    /// Where the walk last started over.
    #[cfg(test)]
    fn origin(&self) -> usize {
        self.origin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recount(text: &str, at: usize) -> Position {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        Position {
            cells: Cursor::new(text).advance_to(at),
            code_point_column: text[line_start..at].chars().count() + 1,
        }
    }

    #[test]
    fn any_order_gives_what_a_recount_gives() {
        let text = "a\tb\u{4F60}c\nsecond \u{301}line\n\nx\u{1F600}y\tz";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut locator = Locator::new(text);
        for &at in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([&0, &9, &3, &20])
        {
            assert_eq!(locator.locate(at), recount(text, at), "at {at}");
        }
    }

    #[test]
    fn going_back_restarts_at_the_line_not_the_text() {
        let text = "line\n".repeat(1000) + "last";
        let mut locator = Locator::new(&text);
        let end = text.len() - 1;
        locator.locate(end);
        let position = locator.locate(end - 2);
        assert_eq!(
            position.cells,
            LineColumn {
                line: 1001,
                column: 2
            }
        );
        assert_eq!(locator.origin(), text.len() - 4);
    }
}
