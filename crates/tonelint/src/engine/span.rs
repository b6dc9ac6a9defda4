//! Coordinate spaces. The engine matches an input chunk by chunk, so a byte offset means one of
//! two things: a place in the chunk being matched ([`InChunk`]), or a place in the whole text the
//! caller passed to `check` ([`InText`]). Each offset and span carries its space in its type, and
//! the one way from the first to the second is [`Chunk::text_span`], which knows where the chunk
//! starts. Offsets into a folded token's text (`Token::splits`, `Piece::text`) stay plain
//! `usize`: they never leave the token.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Add, Range, Sub};

/// A coordinate space: what an offset counts bytes from.
pub(crate) trait Space: Copy + Ord + std::hash::Hash + fmt::Debug {}

/// Offsets into the chunk being matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum InChunk {}

/// Offsets into the whole text being checked, as the public [`Finding::span`](crate::Finding::span)
/// reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum InText {}

impl Space for InChunk {}
impl Space for InText {}

/// A byte offset in space `S`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Offset<S> {
    bytes: usize,
    space: PhantomData<S>,
}

/// A byte span in space `S`: `start..end`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span<S> {
    pub(crate) start: Offset<S>,
    pub(crate) end: Offset<S>,
}

pub(crate) type ChunkOffset = Offset<InChunk>;
pub(crate) type ChunkSpan = Span<InChunk>;
pub(crate) type TextOffset = Offset<InText>;
pub(crate) type TextSpan = Span<InText>;

impl<S: Space> Offset<S> {
    /// The offset `bytes` bytes from the start of its space.
    #[inline]
    pub(crate) const fn new(bytes: usize) -> Offset<S> {
        Offset {
            bytes,
            space: PhantomData,
        }
    }

    /// The offset as a byte index, for slicing the chunk or text it is an offset into.
    #[inline]
    pub(crate) const fn bytes(self) -> usize {
        self.bytes
    }
}

impl<S: Space> Add<usize> for Offset<S> {
    type Output = Offset<S>;

    #[inline]
    fn add(self, bytes: usize) -> Offset<S> {
        Offset::new(self.bytes + bytes)
    }
}

/// The distance in bytes between two offsets of one space.
impl<S: Space> Sub for Offset<S> {
    type Output = usize;

    #[inline]
    fn sub(self, earlier: Offset<S>) -> usize {
        self.bytes - earlier.bytes
    }
}

impl<S: Space> fmt::Debug for Offset<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.bytes.fmt(f)
    }
}

impl<S: Space> Span<S> {
    /// The span of bytes `range` of its space.
    #[inline]
    pub(crate) const fn new(range: Range<usize>) -> Span<S> {
        Span {
            start: Offset::new(range.start),
            end: Offset::new(range.end),
        }
    }

    /// The span as a byte range, for slicing the chunk or text it is a span of.
    #[inline]
    pub(crate) const fn range(self) -> Range<usize> {
        self.start.bytes..self.end.bytes
    }

    /// From the start of `self` to the end of `later`.
    #[inline]
    pub(crate) fn to(self, later: Span<S>) -> Span<S> {
        Span {
            start: self.start,
            end: later.end,
        }
    }

    /// Whether the two spans share a byte.
    #[inline]
    pub(crate) fn overlaps(self, other: Span<S>) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl<S: Space> fmt::Debug for Span<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}..{:?}", self.start, self.end)
    }
}

/// A chunk of the checked text, and where it starts in it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chunk<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: TextOffset,
}

impl<'a> Chunk<'a> {
    /// The bytes of the chunk `span` covers.
    #[inline]
    pub(crate) fn slice(&self, span: ChunkSpan) -> &'a str {
        &self.text[span.range()]
    }

    /// Where `span` of the chunk lies in the whole text.
    #[inline]
    pub(crate) fn text_span(&self, span: ChunkSpan) -> TextSpan {
        Span {
            start: self.start + span.start.bytes,
            end: self.start + span.end.bytes,
        }
    }

    /// The chunk's own length.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }
}
