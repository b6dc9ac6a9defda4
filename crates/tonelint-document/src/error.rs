//! Errors that say what could not be read and where.

use std::fmt;

use crate::detect::InputKind;

/// Why an input could not be turned into author text.
///
/// Problems that still leave something to lint (a malformed base64 body, a multipart without a
/// usable boundary, a message in an mbox that is empty) are not errors: they end up in
/// [`Part::warnings`](crate::Part::warnings) instead.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentError {
    /// A plain text, Markdown or HTML input is not valid UTF-8.
    InvalidUtf8 {
        /// The kind the input was read as.
        kind: InputKind,
        /// Byte offset of the first byte that is not part of a valid UTF-8 sequence.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column of that byte, counted in characters of the valid text before it.
        column: usize,
    },
    /// An input read as email has no header section at all.
    Email {
        /// Byte offset of the message in the input (non-zero for a message inside an mbox).
        offset: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// An input read as mbox contains no message.
    EmptyMbox,
}

impl DocumentError {
    /// Builds an [`InvalidUtf8`](DocumentError::InvalidUtf8) error for the first bad byte of
    /// `bytes`, computing the line and column it sits on.
    pub(crate) fn invalid_utf8(kind: InputKind, bytes: &[u8], offset: usize) -> DocumentError {
        // Everything before `offset` is valid UTF-8 by construction, so this never loses data.
        let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = 1 + before[line_start..].chars().count();
        DocumentError::InvalidUtf8 {
            kind,
            offset,
            line,
            column,
        }
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::InvalidUtf8 {
                kind,
                offset,
                line,
                column,
            } => write!(
                f,
                "{line}:{column}: invalid UTF-8 in {} input at byte {offset}",
                kind.as_str()
            ),
            DocumentError::Email { offset, reason } => {
                write!(f, "cannot read the email at byte {offset}: {reason}")
            }
            DocumentError::EmptyMbox => write!(
                f,
                "the mbox input contains no message: no line starts with \"From \""
            ),
        }
    }
}

impl std::error::Error for DocumentError {}

/// A name given for an [`InputKind`] that is not one of the known ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseInputKindError {
    pub(crate) given: String,
}

impl ParseInputKindError {
    /// The name as given.
    pub fn given(&self) -> &str {
        &self.given
    }
}

impl fmt::Display for ParseInputKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown input kind `{}` (expected one of ", self.given)?;
        for (i, kind) in InputKind::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(kind.as_str())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for ParseInputKindError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let bytes = b"first\nsec\xffond";
        let err = DocumentError::invalid_utf8(InputKind::Text, bytes, 9);
        assert_eq!(
            err,
            DocumentError::InvalidUtf8 {
                kind: InputKind::Text,
                offset: 9,
                line: 2,
                column: 4
            }
        );
        assert_eq!(
            err.to_string(),
            "2:4: invalid UTF-8 in text input at byte 9"
        );
    }

    #[test]
    fn unknown_kind_lists_the_known_ones() {
        let err = "pdf".parse::<InputKind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown input kind `pdf` (expected one of auto, text, email, mbox, markdown, html)"
        );
    }
}
