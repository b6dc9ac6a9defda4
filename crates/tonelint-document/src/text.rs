//! Plain text: every byte is the author's.

use crate::detect::{InputKind, strip_bom};
use crate::error::DocumentError;
use crate::map::{Part, Segment};

/// Reads `bytes` as UTF-8 text: all of it, as one exact segment (after a byte order mark, if
/// there is one).
pub(crate) fn extract(bytes: &[u8]) -> Result<Part, DocumentError> {
    let body = strip_bom(bytes);
    let base = bytes.len() - body.len();
    let text = std::str::from_utf8(body)
        .map_err(|e| DocumentError::invalid_utf8(InputKind::Text, bytes, base + e.valid_up_to()))?;
    let segments = if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment {
            text: 0..text.len(),
            original: base..bytes.len(),
            exact: true,
        }]
    };
    Ok(Part {
        label: None,
        text: text.to_string(),
        segments,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_one_exact_segment() {
        let part = extract(b"Do it now.\r\n\r\nThanks\r\n").unwrap();
        assert_eq!(part.text, "Do it now.\r\n\r\nThanks\r\n");
        assert_eq!(part.segments.len(), 1);
        assert_eq!(part.to_original(3), 3);
        assert!(extract(b"").unwrap().segments.is_empty());
    }

    #[test]
    fn byte_order_mark_shifts_the_map() {
        let part = extract(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(part.text, "Hello");
        assert_eq!(part.to_original(0), 3);
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = extract(b"line one\r\nline \xe9two").unwrap_err();
        assert_eq!(
            err,
            DocumentError::InvalidUtf8 {
                kind: InputKind::Text,
                offset: 15,
                line: 2,
                column: 6
            }
        );
    }
}
