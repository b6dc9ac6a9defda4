//! The coordinate spaces a position passes through between the library and the user, one type
//! each, and the only functions that convert between them.
//!
//! - [`PartOffset`]: a byte offset into the text of one checked part (an email's decoded body,
//!   the prose of a Markdown file). The library's findings and edits count in it.
//! - [`InputOffset`]: a byte offset into the input's bytes as read. `--fix`, `--diff` and
//!   `--write` edit in it.

use std::ops::Range;

use tonelint_document::Part;

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
