//! The coordinate spaces a position passes through between the library and the user, one type
//! each, and the only functions that convert between them.
//!
//! - [`PartOffset`]: a byte offset into the text of one checked part (an email's decoded body,
//!   the prose of a Markdown file). The library's findings and edits count in it.
//! - [`InputOffset`]: a byte offset into the input's bytes as read. `--fix`, `--diff` and
//!   `--write` edit in it.
//! - [`FileSpan`] and [`FilePosition`]: where something is in the input as the user sees it,
//!   as [`Shown`] text, lines and columns. Renderers get only these, and only [`FileMap`] makes
//!   them, so no output can carry a part-relative position.

use std::ops::Range;
use std::sync::Arc;

use tonelint_document::Part;

use crate::locate::{Locator, Position};

/// A byte offset into the text of one checked part ([`Part::text`]): what the library's
/// `Finding::span` and `Report::fixes` count. It means nothing to the user until mapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartOffset(pub usize);

/// A byte offset into the input's bytes as read (a file, or standard input), which may hold
/// invalid UTF-8 or be encoded (quoted-printable, base64).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputOffset(pub usize);

/// A replacement in the input's bytes: what `--fix` makes.
pub type InputEdit = tonelint::Edit<InputOffset>;

/// A part-relative range as the library gives it.
pub fn in_part(span: Range<usize>) -> Range<PartOffset> {
    PartOffset(span.start)..PartOffset(span.end)
}

/// Where `span`, a range of `part`'s text, was read from in the input: exactly where the part's
/// text is the input verbatim, the whole encoded stretch where it was decoded.
pub fn part_to_input(part: &Part, span: Range<PartOffset>) -> Range<InputOffset> {
    let original = part.to_original_range(span.start.0..span.end.0);
    InputOffset(original.start)..InputOffset(original.end)
}

/// A position in the input as the user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilePosition {
    offset: usize,
    at: Position,
}

impl FilePosition {
    /// Byte offset into the [`Shown`] text, on a char boundary: the input's own byte offset
    /// unless invalid UTF-8 comes before it.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// 1-based line.
    pub fn line(&self) -> usize {
        self.at.cells.line
    }

    /// 1-based column in terminal cells (a wide character takes two, a tab runs to the next
    /// multiple of eight), as editors and every format but SARIF count.
    pub fn column(&self) -> usize {
        self.at.cells.column
    }

    /// 1-based column in Unicode code points, SARIF's unit.
    pub fn code_point_column(&self) -> usize {
        self.at.code_point_column
    }
}

/// Where a finding or a strength is in the input as the user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileSpan {
    start: FilePosition,
    end: FilePosition,
}

impl FileSpan {
    pub fn start(&self) -> FilePosition {
        self.start
    }

    /// Just past the last character.
    pub fn end(&self) -> FilePosition {
        self.end
    }

    /// The byte range in the [`Shown`] text.
    pub fn bytes(&self) -> Range<usize> {
        self.start.offset..self.end.offset
    }
}

/// The input's bytes as text, with each invalid UTF-8 sequence replaced by one U+FFFD, and a
/// map from input offsets to offsets in that text. Human output quotes lines of this text, so
/// the other formats count their offsets in it too.
pub struct Shown {
    text: Arc<str>,
    /// (offset in the input, offset in the text, whether the run was valid UTF-8), in order.
    runs: Vec<(usize, usize, bool)>,
}

impl Shown {
    pub fn new(bytes: &[u8]) -> Shown {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Shown {
                text: text.into(),
                runs: vec![(0, 0, true)],
            };
        }
        let mut text = String::with_capacity(bytes.len());
        let mut runs = Vec::new();
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            runs.push((at, text.len(), true));
            text.push_str(chunk.valid());
            at += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                runs.push((at, text.len(), false));
                text.push(char::REPLACEMENT_CHARACTER);
                at += chunk.invalid().len();
            }
        }
        Shown {
            text: text.into(),
            runs,
        }
    }

    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// The text offset of `at` (an offset inside an invalid run maps to its start).
    fn map(&self, at: InputOffset) -> usize {
        let at = at.0;
        let i = self
            .runs
            .partition_point(|run| run.0 <= at)
            .saturating_sub(1);
        let (input, text, valid) = self.runs[i];
        let mapped = if valid { text + (at - input) } else { text };
        mapped.min(self.text.len())
    }

    /// Like [`map`](Shown::map), for the end of a span: an end inside an invalid run takes the
    /// whole replacement character.
    fn map_end(&self, at: InputOffset) -> usize {
        let at = at.0;
        let i = self
            .runs
            .partition_point(|run| run.0 < at)
            .saturating_sub(1);
        let (input, text, valid) = self.runs[i];
        let mapped = if valid {
            text + (at - input)
        } else {
            text + char::REPLACEMENT_CHARACTER.len_utf8()
        };
        mapped.min(self.text.len())
    }
}

/// Places the spans of all parts of one input in its [`Shown`] text: the only maker of
/// [`FileSpan`]s.
///
/// One walk through the text for the starts of all parts' spans and one for their ends: parts
/// follow each other in the input, so neither goes back to the start for each part.
pub struct FileMap<'a> {
    shown: &'a Shown,
    starts: Locator<'a>,
    ends: Locator<'a>,
}

impl<'a> FileMap<'a> {
    pub fn new(shown: &'a Shown) -> FileMap<'a> {
        FileMap {
            shown,
            starts: Locator::new(&shown.text),
            ends: Locator::new(&shown.text),
        }
    }

    /// Where `span`, a range of `part`'s text, is in the input as shown.
    pub fn place(&mut self, part: &Part, span: Range<PartOffset>) -> FileSpan {
        let input = part_to_input(part, span);
        let start = self.shown.map(input.start);
        let end = self.shown.map_end(input.end);
        FileSpan {
            start: FilePosition {
                offset: start,
                at: self.starts.locate(start),
            },
            end: FilePosition {
                offset: end,
                at: self.ends.locate(end),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_map_to_one_replacement_character() {
        let shown = Shown::new(b"caf\xe9 ok");
        assert_eq!(&*shown.text, "caf\u{FFFD} ok");
        assert_eq!(shown.map(InputOffset(5)), 3 + 3 + 1);
        assert_eq!(&shown.text[shown.map(InputOffset(5))..], "ok");
        assert_eq!(shown.map(InputOffset(3)), 3);
        assert_eq!(shown.map_end(InputOffset(4)), 6);
    }
}
