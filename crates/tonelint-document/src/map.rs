//! The author text of one document or message, and the map from it back to the input bytes.

use std::ops::Range;

/// What joins two pieces of author text that were not next to each other in the input.
///
/// A blank line ends a paragraph for the linter, so a phrase never runs across removed material.
pub const PIECE_SEPARATOR: &str = "\n\n";

/// The author text of one document, or of one message of a mailbox, ready to lint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// Which message this is: for an mbox, the message's `Message-ID` in angle brackets, or
    /// `message N` (1-based) when it has none; `None` for every other kind of input.
    pub label: Option<String>,
    /// What to lint: the text the author wrote, pieces that were apart in the input joined with
    /// a blank line.
    pub text: String,
    /// Where the pieces of [`text`](Part::text) come from, ordered by position in `text` and not
    /// overlapping there. The separators between pieces belong to no segment.
    pub segments: Vec<Segment>,
    /// Problems that were worked around, such as `malformed base64 in part 2, decoded lossily`.
    pub warnings: Vec<String>,
}

/// A stretch of [`Part::text`] and the stretch of input bytes it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte range in [`Part::text`].
    pub text: Range<usize>,
    /// Byte range in the input given to [`extract`](crate::extract).
    pub original: Range<usize>,
    /// `true` when the text is the input bytes verbatim, so every offset maps one to one;
    /// `false` when it was decoded (quoted-printable, base64, a charset, an HTML entity), so
    /// offsets inside it map to the start of `original`.
    pub exact: bool,
}

impl Part {
    /// Maps a byte offset in [`text`](Part::text) to a byte offset in the input.
    ///
    /// Inside an exact segment the mapping is one to one. Inside a decoded segment every offset
    /// maps to the segment's start in the input. An offset in a separator, or at the end of a
    /// segment, maps to the end of the segment before it; one before the first segment to that
    /// segment's start. With no segments at all (an empty text) it is 0.
    ///
    /// ```
    /// use tonelint_document::{InputKind, extract};
    ///
    /// let input = "Subject: Status\n\nWhere is the report?\n> old quote\nI need it now.\n";
    /// let part = &extract(input.as_bytes(), InputKind::Email, None)?[0];
    /// assert_eq!(part.text, "Status\n\nWhere is the report?\n\nI need it now.");
    /// let now = part.text.find("now").unwrap();
    /// assert_eq!(&input[part.to_original(now)..][..3], "now");
    /// # Ok::<(), tonelint_document::DocumentError>(())
    /// ```
    pub fn to_original(&self, text_offset: usize) -> usize {
        let after = self
            .segments
            .partition_point(|s| s.text.start <= text_offset);
        let Some(segment) = after.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return self.segments.first().map_or(0, |s| s.original.start);
        };
        if text_offset >= segment.text.end {
            segment.original.end
        } else if segment.exact {
            segment.original.start + (text_offset - segment.text.start)
        } else {
            segment.original.start
        }
    }

    /// Maps a byte range in [`text`](Part::text) (a finding's span) to a range in the input.
    ///
    /// Like [`to_original`](Part::to_original) for the start; an end inside a decoded segment
    /// maps to that segment's end in the input, so the range covers what the finding was
    /// decoded from instead of collapsing to nothing.
    pub fn to_original_range(&self, text: Range<usize>) -> Range<usize> {
        let start = self.to_original(text.start);
        // The segment that holds the byte just before the end, if the end is inside it.
        let holding = self.segments.partition_point(|s| s.text.start < text.end);
        let end_in_decoded = holding
            .checked_sub(1)
            .and_then(|i| self.segments.get(i))
            .filter(|s| !s.exact && text.end <= s.text.end);
        let end = match end_in_decoded {
            Some(segment) => segment.original.end,
            None => self.to_original(text.end),
        };
        start..end.max(start)
    }
}

/// Builds a [`Part`] piece by piece, keeping the text and its segments in step.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    segments: Vec<Segment>,
    /// Set by [`Builder::separate`]: the next piece starts a new paragraph.
    pending_separator: bool,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder::default()
    }

    /// Says that the next piece was not next to the previous one in the input.
    pub(crate) fn separate(&mut self) {
        self.pending_separator = true;
    }

    /// Whether the next piece will start a new paragraph (or the very first one).
    pub(crate) fn at_paragraph_start(&self) -> bool {
        self.pending_separator || self.text.is_empty()
    }

    /// Whether the text so far ends in white space (or is empty).
    pub(crate) fn ends_in_space(&self) -> bool {
        self.text
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    }

    /// Appends `piece`, read from `original` in the input.
    pub(crate) fn push(&mut self, piece: &str, original: Range<usize>, exact: bool) {
        if piece.is_empty() {
            return;
        }
        self.start_piece();
        let start = self.text.len();
        self.text.push_str(piece);
        let text = start..self.text.len();
        if let Some(last) = self.segments.last_mut() {
            let touching = last.text.end == text.start;
            let continues = if exact {
                last.exact && last.original.end == original.start
            } else {
                // Two decoded pieces from the same bytes (split by our own processing) are
                // one segment; merging decoded pieces from different bytes would move the
                // second one's mapping back to the first one's start.
                !last.exact && last.original == original
            };
            if touching && continues {
                last.text.end = text.end;
                last.original.end = original.end;
                return;
            }
        }
        self.segments.push(Segment {
            text,
            original,
            exact,
        });
    }

    /// Appends text that comes from no particular input bytes (a line break standing in for
    /// markup); offsets in it map to the end of the segment before it.
    pub(crate) fn push_unmapped(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        self.start_piece();
        self.text.push_str(piece);
    }

    /// Appends `source[range]`, where `map` says where each part of `source` came from
    /// (its segments' `text` ranges are offsets in `source`).
    pub(crate) fn push_mapped(&mut self, source: &str, range: Range<usize>, map: &[Segment]) {
        let mut cursor = range.start;
        let first = map.partition_point(|s| s.text.end <= range.start);
        for segment in &map[first..] {
            if segment.text.start >= range.end {
                break;
            }
            let start = segment.text.start.max(range.start);
            let end = segment.text.end.min(range.end);
            if cursor < start {
                self.push_unmapped(&source[cursor..start]);
            }
            let original = if segment.exact {
                let shift = segment.original.start;
                shift + (start - segment.text.start)..shift + (end - segment.text.start)
            } else {
                segment.original.clone()
            };
            self.push(&source[start..end], original, segment.exact);
            cursor = end;
        }
        if cursor < range.end {
            self.push_unmapped(&source[cursor..range.end]);
        }
    }

    /// Removes trailing whitespace, shrinking the segments that held it.
    pub(crate) fn trim_end(&mut self) {
        let len = self.text.trim_end().len();
        self.text.truncate(len);
        while let Some(last) = self.segments.last_mut() {
            if last.text.start >= len {
                self.segments.pop();
                continue;
            }
            if last.text.end > len {
                if last.exact {
                    last.original.end -= last.text.end - len;
                }
                last.text.end = len;
            }
            break;
        }
    }

    pub(crate) fn finish(mut self, label: Option<String>, warnings: Vec<String>) -> Part {
        self.trim_end();
        Part {
            label,
            text: self.text,
            segments: self.segments,
            warnings,
        }
    }

    /// The text and segments built so far, for use as the map of an intermediate text.
    pub(crate) fn into_text_and_segments(mut self) -> (String, Vec<Segment>) {
        self.trim_end();
        (self.text, self.segments)
    }

    fn start_piece(&mut self) {
        if self.pending_separator {
            self.pending_separator = false;
            if !self.text.is_empty() {
                self.trim_end();
                self.text.push_str(PIECE_SEPARATOR);
            }
        }
    }
}

/// Maps `inner_text`'s segments (offsets in an intermediate text) through `outer` (that
/// intermediate text's map to the input), giving segments from `inner_text` to the input.
///
/// Used when text is extracted from text that was itself decoded, such as the HTML part of an
/// email: exact over exact stays exact, anything over a decoded segment becomes decoded.
pub(crate) fn compose(inner: &[Segment], outer: &[Segment]) -> Vec<Segment> {
    let mut composed = Vec::with_capacity(inner.len());
    for segment in inner {
        let first = outer.partition_point(|o| o.text.end <= segment.original.start);
        let overlapping = outer[first..]
            .iter()
            .take_while(|o| o.text.start < segment.original.end);
        if segment.exact {
            // Split the exact segment wherever the outer map changes.
            for o in overlapping {
                let start = segment.original.start.max(o.text.start);
                let end = segment.original.end.min(o.text.end);
                let text = segment.text.start + (start - segment.original.start)
                    ..segment.text.start + (end - segment.original.start);
                let original = if o.exact {
                    o.original.start + (start - o.text.start)
                        ..o.original.start + (end - o.text.start)
                } else {
                    o.original.clone()
                };
                composed.push(Segment {
                    text,
                    original,
                    exact: o.exact,
                });
            }
        } else {
            let mut original: Option<Range<usize>> = None;
            for o in overlapping {
                let start = if o.exact {
                    o.original.start + (segment.original.start.max(o.text.start) - o.text.start)
                } else {
                    o.original.start
                };
                let end = if o.exact {
                    o.original.start + (segment.original.end.min(o.text.end) - o.text.start)
                } else {
                    o.original.end
                };
                original = Some(match original {
                    Some(r) => r.start..end.max(r.end),
                    None => start..end,
                });
            }
            if let Some(original) = original {
                composed.push(Segment {
                    text: segment.text.clone(),
                    original,
                    exact: false,
                });
            }
        }
    }
    composed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str, segments: Vec<Segment>) -> Part {
        Part {
            label: None,
            text: text.to_string(),
            segments,
            warnings: Vec::new(),
        }
    }

    fn seg(text: Range<usize>, original: Range<usize>, exact: bool) -> Segment {
        Segment {
            text,
            original,
            exact,
        }
    }

    #[test]
    fn offsets_map_exactly_inexactly_and_between() {
        // "abc" exact from 10..13, separator, "xyz" decoded from 20..29.
        let p = part(
            "abc\n\nxyz",
            vec![seg(0..3, 10..13, true), seg(5..8, 20..29, false)],
        );
        assert_eq!(p.to_original(0), 10);
        assert_eq!(p.to_original(2), 12);
        assert_eq!(p.to_original(3), 13);
        assert_eq!(p.to_original(4), 13);
        assert_eq!(p.to_original(5), 20);
        assert_eq!(p.to_original(7), 20);
        assert_eq!(p.to_original(8), 29);
        assert_eq!(p.to_original(100), 29);
        assert_eq!(p.to_original_range(1..3), 11..13);
        assert_eq!(p.to_original_range(6..7), 20..29);
        assert_eq!(part("", Vec::new()).to_original(0), 0);
        let late = part("  x", vec![seg(2..3, 7..8, true)]);
        assert_eq!(late.to_original(0), 7);
    }

    #[test]
    fn builder_merges_contiguous_exact_pieces_and_separates() {
        let mut b = Builder::new();
        b.push("Hello ", 0..6, true);
        b.push("world", 6..11, true);
        b.separate();
        b.push("again  ", 20..27, true);
        let p = b.finish(None, Vec::new());
        assert_eq!(p.text, "Hello world\n\nagain");
        assert_eq!(
            p.segments,
            vec![seg(0..11, 0..11, true), seg(13..18, 20..25, true)]
        );
    }

    #[test]
    fn push_mapped_keeps_gaps_unmapped() {
        let source = "ab\n\ncd";
        let map = vec![seg(0..2, 100..102, true), seg(4..6, 200..210, false)];
        let mut b = Builder::new();
        b.push_mapped(source, 1..6, &map);
        let p = b.finish(None, Vec::new());
        assert_eq!(p.text, "b\n\ncd");
        assert_eq!(
            p.segments,
            vec![seg(0..1, 101..102, true), seg(3..5, 200..210, false)]
        );
    }

    #[test]
    fn compose_splits_exact_and_widens_decoded() {
        // Intermediate text "hello world" maps: "hello " exact at 50, "world" decoded 60..70.
        let outer = vec![seg(0..6, 50..56, true), seg(6..11, 60..70, false)];
        // Final text "lo wor" exact over intermediate 3..9, then "x" decoded from 0..2.
        let inner = vec![seg(0..6, 3..9, true), seg(6..7, 0..2, false)];
        assert_eq!(
            compose(&inner, &outer),
            vec![
                seg(0..3, 53..56, true),
                seg(3..6, 60..70, false),
                seg(6..7, 50..52, false),
            ]
        );
    }
}
