//! The author text of one RFC 822 / MIME message: its subject and the body the sender wrote.

use std::ops::Range;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{
    Encoding, HeaderName, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};

use crate::Options;
use crate::align::align;
use crate::error::DocumentError;
use crate::html::{self, HtmlOptions};
use crate::map::{Builder, Part, Segment, compose};
use crate::quote::author_ranges;

/// Reads `bytes` as one message; offsets in the result are offsets in `bytes`.
pub(crate) fn extract(bytes: &[u8], options: Options) -> Result<Part, DocumentError> {
    let mut builder = Builder::new();
    let mut warnings = Vec::new();
    read_message(bytes, options, &mut builder, &mut warnings)?;
    Ok(builder.finish(None, warnings))
}

/// The message's `Message-ID` in angle brackets, if it has one (for labelling mbox messages).
pub(crate) fn message_id(bytes: &[u8]) -> Option<String> {
    let message = MessageParser::default().parse_headers(bytes)?;
    message.message_id().map(|id| format!("<{id}>"))
}

fn read_message(
    bytes: &[u8],
    options: Options,
    builder: &mut Builder,
    warnings: &mut Vec<String>,
) -> Result<(), DocumentError> {
    let no_headers = || DocumentError::Email {
        offset: 0,
        reason: "no header lines at the start (expected lines such as \"From: ...\" and \
                 \"Subject: ...\" before the first blank line)"
            .to_string(),
    };
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(no_headers)?;
    let root = message.parts.first().ok_or_else(no_headers)?;
    if root.headers.is_empty() {
        return Err(no_headers());
    }
    push_subject(bytes, root, builder);
    for id in body_parts(&message, warnings) {
        let Some(part) = message.parts.get(id) else {
            continue;
        };
        let Some((text, map)) = decode_body(bytes, part, id, warnings) else {
            continue;
        };
        let ranges = if options.keep_quotes {
            vec![trim_text_range(&text)]
        } else {
            author_ranges(&text)
        };
        for range in ranges {
            builder.separate();
            builder.push_mapped(&text, range, &map);
        }
    }
    Ok(())
}

/// The `Subject:` value, as its own piece: exact where it is written plainly, decoded where it
/// was folded onto more lines or RFC 2047 encoded.
fn push_subject(bytes: &[u8], root: &MessagePart<'_>, builder: &mut Builder) {
    let Some(header) = root
        .headers
        .iter()
        .find(|h| matches!(h.name, HeaderName::Subject))
    else {
        return;
    };
    let Some(subject) = header.value.as_text().map(str::trim) else {
        return;
    };
    let raw_range = trim_range(
        bytes,
        header.offset_start as usize..header.offset_end as usize,
    );
    let raw = bytes.get(raw_range.clone()).unwrap_or_default();
    let map = align(subject, raw, raw_range.start);
    builder.separate();
    builder.push_mapped(subject, 0..subject.len(), &map);
}

/// The whole of `text` but the white space at its ends.
fn trim_text_range(text: &str) -> Range<usize> {
    let start = text.len() - text.trim_start().len();
    start..start + text.trim().len()
}

/// `range` of `bytes` without surrounding ASCII whitespace (and clamped to `bytes`).
fn trim_range(bytes: &[u8], range: Range<usize>) -> Range<usize> {
    let end = range.end.min(bytes.len());
    let mut start = range.start.min(end);
    let mut end = end;
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    start..end
}

/// The parts that hold the body, in reading order: every inline text part, and of each
/// `multipart/alternative` only the best one (plain text over HTML). Attached and forwarded
/// messages (`message/rfc822`) are someone else's text and are left out.
fn body_parts(message: &Message<'_>, warnings: &mut Vec<String>) -> Vec<usize> {
    let mut chosen = Vec::new();
    // An explicit stack instead of recursion: nesting depth is under the sender's control. Each
    // part is visited once, so every level is read (text below a depth limit once went unread
    // with exit status 0).
    let mut stack = vec![0usize];
    while let Some(id) = stack.pop() {
        let Some(part) = message.parts.get(id) else {
            continue;
        };
        match &part.body {
            // A multipart whose boundary is missing, empty or never found comes back as one
            // text or binary part: read it as text rather than check nothing.
            _ if !matches!(part.body, PartType::Multipart(_)) && is_multipart(part) => {
                warnings.push(format!(
                    "part {} is declared multipart but has no usable boundary (none given, empty, \
                     or never found); its body was read as plain text",
                    id + 1
                ));
                chosen.push(id);
            }
            PartType::Text(_) | PartType::Html(_) => {
                if is_body_text(part) {
                    chosen.push(id);
                }
            }
            PartType::Multipart(children) => {
                let children: Vec<usize> = children.iter().map(|&c| c as usize).collect();
                let alternative = part
                    .content_type()
                    .and_then(|ct| ct.subtype())
                    .is_some_and(|s| s.eq_ignore_ascii_case("alternative"));
                if alternative {
                    if let Some(best) = best_alternative(message, &children) {
                        stack.push(best);
                    }
                } else {
                    // Reversed so that the stack pops them in document order.
                    stack.extend(children.iter().rev());
                }
            }
            PartType::Binary(_) | PartType::InlineBinary(_) | PartType::Message(_) => {}
        }
    }
    chosen
}

/// Whether a part is declared `multipart/*`.
fn is_multipart(part: &MessagePart<'_>) -> bool {
    part.content_type()
        .is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("multipart"))
}

/// Whether a text part is body text: `text/plain` (or untyped) or `text/html`, not attached.
fn is_body_text(part: &MessagePart<'_>) -> bool {
    let attached = part
        .content_disposition()
        .is_some_and(|d| d.is_attachment());
    let typed_text = match part.content_type() {
        None => true,
        Some(ct) => {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct.subtype().is_none_or(|s| {
                    s.eq_ignore_ascii_case("plain") || s.eq_ignore_ascii_case("html")
                })
        }
    };
    !attached && typed_text
}

/// Of the alternatives, plain text if there is one, else HTML, else the first multipart (such
/// as a `multipart/related` holding the HTML and its images).
fn best_alternative(message: &Message<'_>, children: &[usize]) -> Option<usize> {
    let part = |id: usize| message.parts.get(id);
    let is = |id: usize, f: fn(&PartType<'_>) -> bool| part(id).is_some_and(|p| f(&p.body));
    children
        .iter()
        .copied()
        .find(|&c| is(c, |b| matches!(b, PartType::Text(_))) && part(c).is_some_and(is_body_text))
        .or_else(|| {
            children
                .iter()
                .copied()
                .find(|&c| is(c, |b| matches!(b, PartType::Html(_))))
        })
        .or_else(|| {
            children
                .iter()
                .copied()
                .find(|&c| is(c, |b| matches!(b, PartType::Multipart(_))))
        })
}

/// The decoded text of a body part (HTML already turned into text) and its map to `bytes`.
fn decode_body(
    bytes: &[u8],
    part: &MessagePart<'_>,
    id: usize,
    warnings: &mut Vec<String>,
) -> Option<(String, Vec<Segment>)> {
    let raw_range = part.offset_body as usize..(part.offset_end as usize).min(bytes.len());
    let raw = bytes.get(raw_range.clone())?;
    let declared_base64 = part
        .content_transfer_encoding()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case("base64"));

    let (decoded, is_html): (String, bool) = match &part.body {
        PartType::Text(text) => (text.to_string(), false),
        PartType::Html(html) => (html.to_string(), true),
        // A multipart without a usable boundary (see `body_parts`): its bytes, as text.
        PartType::Binary(_) | PartType::InlineBinary(_) if is_multipart(part) => {
            (String::from_utf8_lossy(raw).into_owned(), false)
        }
        _ => return None,
    };
    let (decoded, map) = if part.is_encoding_problem && declared_base64 {
        // mail-parser gives up on base64 with stray characters and hands back the encoded
        // text; decode what can be decoded instead of linting base64.
        warnings.push(format!(
            "malformed base64 in part {}, decoded lossily",
            id + 1
        ));
        let text = decode_charset(part, &lenient_base64(raw));
        let map = whole(&text, raw_range);
        (text, map)
    } else {
        if part.is_encoding_problem {
            warnings.push(format!(
                "part {} could not be decoded as declared; read as it is",
                id + 1
            ));
        }
        let map = if part.encoding == Encoding::Base64 {
            whole(&decoded, raw_range)
        } else {
            align(&decoded, raw, raw_range.start)
        };
        (decoded, map)
    };
    if decoded.contains('\u{FFFD}') && !String::from_utf8_lossy(raw).contains('\u{FFFD}') {
        warnings.push(format!(
            "part {} is not valid in its character set; bad bytes were replaced",
            id + 1
        ));
    }
    if is_html {
        let (text, inner) = html::extract_str(&decoded, HtmlOptions { skip_quotes: true });
        let map = compose(&inner, &map);
        Some((text, map))
    } else {
        Some((decoded, map))
    }
}

/// One decoded segment from all of `text` to all of `original`.
fn whole(text: &str, original: Range<usize>) -> Vec<Segment> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Segment {
        text: 0..text.len(),
        original,
        exact: false,
    }]
}

/// Decodes `bytes` with the part's declared charset, or as UTF-8 (replacing bad bytes).
fn decode_charset(part: &MessagePart<'_>, bytes: &[u8]) -> String {
    let decoder = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|charset| charset_decoder(charset.as_bytes()));
    match decoder {
        Some(decode) => decode(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Base64 decoding that skips every byte outside the alphabet instead of failing, and stops
/// at the first `=` pad.
fn lenient_base64(encoded: &[u8]) -> Vec<u8> {
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(encoded.len() / 4 * 3);
    let mut chunk: u32 = 0;
    let mut count = 0;
    for &b in encoded {
        if b == b'=' {
            break;
        }
        let Some(v) = value(b) else {
            continue;
        };
        chunk = (chunk << 6) | u32::from(v);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&chunk.to_be_bytes()[1..]);
            chunk = 0;
            count = 0;
        }
    }
    match count {
        2 => out.push((chunk >> 4) as u8),
        3 => out.extend_from_slice(&[(chunk >> 10) as u8, (chunk >> 2) as u8]),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_segments_hold(bytes: &[u8], part: &Part) {
        for s in &part.segments {
            if s.exact {
                assert_eq!(
                    &bytes[s.original.clone()],
                    part.text[s.text.clone()].as_bytes(),
                    "exact segment {s:?}"
                );
            }
        }
    }

    fn read(bytes: &[u8]) -> Part {
        let part = extract(bytes, Options::default()).expect("parses");
        exact_segments_hold(bytes, &part);
        part
    }

    #[test]
    fn plain_7bit_body_maps_exactly_with_crlf() {
        let bytes = b"Message-ID: <1@x>\r\nSubject: Budget\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nI need the numbers today.\r\nNo excuses.\r\n\r\n";
        let part = read(bytes);
        assert_eq!(
            part.text,
            "Budget\n\nI need the numbers today.\r\nNo excuses."
        );
        assert!(part.segments.iter().all(|s| s.exact));
        let at = part.text.find("No excuses").unwrap();
        let original = part.to_original(at);
        assert_eq!(&bytes[original..original + 10], b"No excuses");
        assert!(part.warnings.is_empty());
    }

    #[test]
    fn folded_subject_keeps_its_first_line_exact() {
        let bytes = b"From: a@x\r\nSubject: Grid pushed to the brink\r\n again\r\n\r\nBody\r\n";
        let part = read(bytes);
        assert_eq!(part.text, "Grid pushed to the brink again\n\nBody");
        assert!(part.segments[0].exact);
        let at = part.text.find("again").unwrap();
        assert_eq!(&bytes[part.to_original(at)..][..5], b"again");
    }

    #[test]
    fn quotes_are_left_out() {
        let bytes = b"From: a@x\nSubject: Re: plan\n\nAgreed.\n\nOn Mon, 5 Jan 2001, Bob wrote:\n> > deep\n> shallow\n\nLater reply.\n-- \nSig\n";
        let part = read(bytes);
        assert_eq!(part.text, "Re: plan\n\nAgreed.\n\nLater reply.");
        // --keep-quotes: the whole body, quotes, attribution and signature included.
        let kept = extract(bytes, Options::default().keep_quotes(true)).unwrap();
        assert!(
            kept.text
                .starts_with("Re: plan\n\nAgreed.\n\nOn Mon, 5 Jan 2001, Bob wrote:\n> > deep")
        );
        assert!(kept.text.ends_with("-- \nSig"), "{:?}", kept.text);
        let at = kept.text.find("shallow").unwrap();
        assert_eq!(&bytes[kept.to_original(at)..][..7], b"shallow");
    }

    #[test]
    fn quoted_printable_with_soft_line_breaks() {
        let bytes = b"Subject: QP\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThis sentence is wrapped by the mailer and conti=\r\nnues here, caf=E9 included.\r\nSecond line stays exact.\r\n";
        let part = read(bytes);
        assert_eq!(
            part.text,
            "QP\n\nThis sentence is wrapped by the mailer and continues here, caf\u{e9} included.\r\nSecond line stays exact."
        );
        let at = part.text.find("Second").unwrap();
        assert_eq!(&bytes[part.to_original(at)..][..6], b"Second");
        let at = part.text.find("here").unwrap();
        assert_eq!(&bytes[part.to_original(at)..][..4], b"here");
        assert!(part.segments.iter().any(|s| !s.exact));
    }

    #[test]
    fn base64_body_is_decoded_and_maps_to_its_start() {
        // "Please fix this now.\n"
        let bytes = b"Subject: b64\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nUGxlYXNlIGZpeCB0aGlzIG5vdy4K\n";
        let part = read(bytes);
        assert_eq!(part.text, "b64\n\nPlease fix this now.");
        let body = part.segments.last().unwrap();
        assert!(!body.exact);
        let start = bytes.windows(4).position(|w| w == b"UGxl").unwrap();
        assert_eq!(part.to_original(part.text.find("fix").unwrap()), start);
    }

    #[test]
    fn iso_8859_1_charset() {
        let bytes = b"Subject: =?ISO-8859-1?Q?R=E9sum=E9?=\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\nJ'ai re\xe7u le r\xe9sum\xe9, merci beaucoup.\n";
        let part = read(bytes);
        assert_eq!(
            part.text,
            "R\u{e9}sum\u{e9}\n\nJ'ai re\u{e7}u le r\u{e9}sum\u{e9}, merci beaucoup."
        );
        assert!(!part.segments[0].exact, "an encoded word is decoded");
        assert_eq!(part.to_original(0), 9);
        let at = part.text.find("merci").unwrap();
        assert_eq!(&bytes[part.to_original(at)..][..5], b"merci");
    }

    #[test]
    fn multipart_alternative_prefers_plain_text() {
        let bytes = b"Subject: alt\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nPlain version.\n--b\nContent-Type: text/html\n\n<p>HTML version.</p>\n--b--\n";
        assert_eq!(read(bytes).text, "alt\n\nPlain version.");
    }

    #[test]
    fn multipart_alternative_with_html_only() {
        let bytes = b"Subject: html\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style></head><body><p>Tom &amp; Jerry, do it <b>now</b>.</p><blockquote>old quote</blockquote><p>Thanks</p></body></html>\n--b--\n";
        let part = read(bytes);
        assert_eq!(part.text, "html\n\nTom & Jerry, do it now.\n\nThanks");
        let at = part.text.find("now").unwrap();
        assert_eq!(&bytes[part.to_original(at)..][..3], b"now");
    }

    #[test]
    fn mixed_parts_skip_attachments_and_forwarded_messages() {
        let bytes = b"Subject: mix\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSee attached.\n--b\nContent-Type: text/plain; name=\"notes.txt\"\nContent-Disposition: attachment; filename=\"notes.txt\"\n\nattachment text\n--b\nContent-Type: message/rfc822\n\nSubject: inner\n\nforwarded text\n--b--\n";
        assert_eq!(read(bytes).text, "mix\n\nSee attached.");
    }

    #[test]
    fn malformed_base64_is_decoded_lossily_with_a_warning() {
        // "Hello world" with junk in the middle.
        let bytes = b"Subject: bad\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGVsbG8g!!!d29ybGQ=\n";
        let part = read(bytes);
        assert_eq!(part.text, "bad\n\nHello world");
        assert_eq!(
            part.warnings,
            ["malformed base64 in part 1, decoded lossily"]
        );
    }

    /// Issue 16, case 12: text nested below 20 MIME levels was left out with only a warning,
    /// and the run passed. Every level is read now, a thousand of them too.
    #[test]
    fn deeply_nested_multipart_is_read_to_the_bottom() {
        let depth = 1000;
        let mut bytes =
            b"Subject: deep\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n".to_vec();
        for level in 1..depth {
            bytes.extend_from_slice(
                format!(
                    "--b{}\nContent-Type: multipart/mixed; boundary=\"b{level}\"\n\n",
                    level - 1
                )
                .as_bytes(),
            );
        }
        bytes.extend_from_slice(
            format!(
                "--b{}\nContent-Type: text/plain\n\nBottom text.\n--b{}--\n",
                depth - 1,
                depth - 1
            )
            .as_bytes(),
        );
        for level in (0..depth - 1).rev() {
            bytes.extend_from_slice(format!("--b{level}--\n").as_bytes());
        }
        let part = read(&bytes);
        assert_eq!(part.text, "deep\n\nBottom text.");
        assert!(part.warnings.is_empty(), "{:?}", part.warnings);
    }

    /// Issue 16, case 12: a multipart whose boundary is missing, empty or never found was read
    /// as nothing, with no warning. Its body is read as text, with a warning.
    #[test]
    fn a_multipart_without_a_usable_boundary_is_read_as_text() {
        for header in [
            "multipart/mixed; boundary=\"zz\"",
            "multipart/mixed",
            "multipart/alternative; boundary=\"\"",
        ] {
            let bytes = format!("Subject: s\nContent-Type: {header}\n\nThis is unacceptable.\n");
            let part = read(bytes.as_bytes());
            assert_eq!(part.text, "s\n\nThis is unacceptable.", "{header}");
            assert_eq!(part.warnings.len(), 1, "{header}");
            assert!(
                part.warnings[0].contains("no usable boundary"),
                "{:?}",
                part.warnings
            );
            let at = part.text.find("unacceptable").unwrap();
            assert_eq!(
                &bytes.as_bytes()[part.to_original(at)..][..12],
                b"unacceptable"
            );
        }
    }

    #[test]
    fn no_headers_is_an_error() {
        let err = extract(b"hello world\n\nmore", Options::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read the email at byte 0: no header lines")
        );
        assert!(extract(b"", Options::default()).is_err());
    }

    #[test]
    fn lenient_base64_skips_junk() {
        assert_eq!(lenient_base64(b"SGVs bG8*\r\n"), b"Hello");
        assert_eq!(lenient_base64(b"SGk"), b"Hi");
    }
}
