//! Plain text: the author's words, read like an email body.
//!
//! Plain text is what a mail client pipes to a filter (mutt's `<pipe-entry>`) and what a
//! clipboard holds of a reply, so it carries the quoted message and its "On Mon, Rick wrote:"
//! line as often as an `.eml` does. The email reader's rules for what the sender wrote apply
//! here too, unless [`Options::keep_quotes`] asks for every byte.

use crate::Options;
use crate::detect::{InputKind, strip_bom};
use crate::error::DocumentError;
use crate::map::{Builder, Part, Segment};
use crate::quote::author_ranges;

/// Reads `bytes` as UTF-8 text (after a byte order mark, if there is one): the lines the
/// author wrote, each stretch an exact segment, or with `keep_quotes` all of it as one.
pub(crate) fn extract(bytes: &[u8], options: Options) -> Result<Part, DocumentError> {
    let body = strip_bom(bytes);
    let base = bytes.len() - body.len();
    let text = std::str::from_utf8(body)
        .map_err(|e| DocumentError::invalid_utf8(InputKind::Text, bytes, base + e.valid_up_to()))?;
    if !options.keep_quotes {
        let mut builder = Builder::new();
        for range in author_ranges(text) {
            builder.separate();
            builder.push(
                &text[range.clone()],
                base + range.start..base + range.end,
                true,
            );
        }
        return Ok(builder.finish(None, Vec::new()));
    }
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

    const KEEP: Options = Options { keep_quotes: true };

    #[test]
    fn everything_is_one_exact_segment() {
        let part = extract(b"Do it now.\r\n\r\nThanks\r\n", KEEP).unwrap();
        assert_eq!(part.text, "Do it now.\r\n\r\nThanks\r\n");
        assert_eq!(part.segments.len(), 1);
        assert_eq!(part.to_original(3), 3);
        assert!(extract(b"", KEEP).unwrap().segments.is_empty());
        assert!(
            extract(b"", Options::default())
                .unwrap()
                .segments
                .is_empty()
        );
    }

    #[test]
    fn byte_order_mark_shifts_the_map() {
        for options in [KEEP, Options::default()] {
            let part = extract(b"\xEF\xBB\xBFHello", options).unwrap();
            assert_eq!(part.text, "Hello");
            assert_eq!(part.to_original(0), 3);
        }
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = extract(b"line one\r\nline \xe9two", Options::default()).unwrap_err();
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

    /// Issue 15, item 4: a calm reply piped from mutt carried the angry message it answers.
    #[test]
    fn quotes_attributions_and_signature_are_left_out() {
        let reply = "Hi Rick,\n\nThanks for the note. Could we talk on Friday?\n\n\
                     On Mon, 3 Jun 2024, Rick Lowe wrote:\n> This is unacceptable.\n\
                     > Fix it now.\n\n-- \nDana\n";
        let part = extract(reply.as_bytes(), Options::default()).unwrap();
        assert_eq!(
            part.text,
            "Hi Rick,\n\nThanks for the note. Could we talk on Friday?"
        );
        let at = part.text.find("Friday").unwrap();
        assert_eq!(&reply[part.to_original(at)..][..6], "Friday");
    }

    #[test]
    fn answers_between_quotes_keep_their_positions() {
        let reply =
            "> Is it done?\nNot yet, I need one more day.\n> Why?\nThe lab results came late.\n";
        let part = extract(reply.as_bytes(), Options::default()).unwrap();
        assert_eq!(
            part.text,
            "Not yet, I need one more day.\n\nThe lab results came late."
        );
        let at = part.text.find("The lab").unwrap();
        assert_eq!(part.to_original(at), reply.find("The lab").unwrap());
        let kept = extract(reply.as_bytes(), KEEP).unwrap();
        assert_eq!(kept.text, reply);
    }
}
