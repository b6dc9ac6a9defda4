//! Lines and columns of byte offsets in one input's text, for every finding of every part.
//!
//! Offsets come in nearly increasing order (findings are sorted, the messages of a mailbox
//! follow each other). Each query finds its line in an index of line starts, then walks on from
//! the last offset when that is earlier on the same line, or from the start of the line: never
//! from the start of the input. A mailbox of 40,000 messages, or a strength after the findings
//! of a long message, costs at most the length of one line per query, and many findings on one
//! long line cost the distance between them.

use tonelint::{Cursor, LineColumn};

#[cfg(test)]
thread_local! {
    /// Bytes walked by locators on this thread: the work that must grow linearly.
    pub(crate) static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The line and columns of an offset; a [`FilePosition`](crate::span::FilePosition) adds the offset.
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
    /// Byte offset of the start of each line. A line ends at `\n`, and also at a `\r` not
    /// followed by `\n` (old Mac files): otherwise a CR-only file is one line and every finding
    /// is on line 1.
    line_starts: Vec<usize>,
    /// The line of the last offset asked for (0-based), and a cursor over it from its start.
    line: usize,
    cursor: Cursor<'a>,
    /// The last offset asked for, and its code point column (0-based).
    at: usize,
    code_points: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
                let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                ends.then_some(i + 1)
            }))
            .collect();
        Locator {
            text,
            line_starts,
            line: 0,
            cursor: Cursor::new(text),
            at: 0,
            code_points: 0,
        }
    }

    /// The position of `offset`, a char boundary of the text.
    pub fn locate(&mut self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        if line != self.line || offset < self.at {
            // Another line, or back on this one: start over from its start. Lines are walked
            // forward, so this costs the part of the line before `offset`.
            self.line = line;
            let end = self
                .line_starts
                .get(line + 1)
                .copied()
                .unwrap_or(self.text.len());
            self.cursor = Cursor::new(&self.text[start..end]);
            self.at = start;
            self.code_points = 0;
        }
        let skipped = &self.text[self.at..offset];
        #[cfg(test)]
        WALKED.with(|n| n.set(n.get() + skipped.len()));
        self.code_points += skipped.chars().count();
        self.at = offset;
        let cells = self.cursor.advance_to(offset - start);
        Position {
            cells: LineColumn {
                line: line + 1,
                column: cells.column,
            },
            code_point_column: self.code_points + 1,
        }
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
    fn positions_count_lines_and_cells() {
        let mut locator = Locator::new("ab\n\u{4F60}x");
        assert_eq!(locator.locate(1).cells, LineColumn { line: 1, column: 2 });
        assert_eq!(locator.locate(6).cells, LineColumn { line: 2, column: 3 });
        assert_eq!(locator.locate(0).cells, LineColumn { line: 1, column: 1 });
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
        WALKED.with(|n| n.set(0));
        let position = locator.locate(end - 2);
        assert_eq!(
            position.cells,
            LineColumn {
                line: 1001,
                column: 2
            }
        );
        assert_eq!(WALKED.with(|n| n.get()), 1);
    }

    /// Issue 16, case 13: a file whose lines end in CR alone put every finding on line 1.
    #[test]
    fn a_carriage_return_alone_ends_a_line() {
        let text = "one\rtwo\r\nthree\n\rfour";
        let mut locator = Locator::new(text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            locator.locate(at("two")).cells,
            LineColumn { line: 2, column: 1 }
        );
        assert_eq!(
            locator.locate(at("three")).cells,
            LineColumn { line: 3, column: 1 }
        );
        assert_eq!(
            locator.locate(at("four")).cells,
            LineColumn { line: 5, column: 1 }
        );
        assert_eq!(
            locator.locate(at("wo")).cells,
            LineColumn { line: 2, column: 2 }
        );
    }
}
