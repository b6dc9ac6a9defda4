//! A mailbox: messages one after another, each introduced by a `From ` line.

use std::ops::Range;

use crate::Options;
use crate::detect::strip_bom;
use crate::email;
use crate::error::DocumentError;
use crate::map::{Part, Segment};

/// Whether `line` is an mbox separator line: `From `, a sender with no `:` in it, and a time,
/// as in `From alice@example.com Mon Jan  1 00:00:00 2001` or `From - Tue Feb 2 10:11:12 2021`.
///
/// Asking for the time keeps a body line such as `From here on, ...` (which a careless writer
/// may have left unescaped) from splitting a message.
pub(crate) fn is_from_line(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let sender_end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let sender = &rest[..sender_end];
    let has_time = rest.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    !sender.is_empty() && !sender.contains(&b':') && sender_end < rest.len() && has_time
}

/// Reads `bytes` as an mbox: one [`Part`] per message, labelled with its `Message-ID` or
/// `message N`.
pub(crate) fn extract(bytes: &[u8], options: Options) -> Result<Vec<Part>, DocumentError> {
    let start = bytes.len() - strip_bom(bytes).len();
    let messages = split(bytes, start);
    let Some(first) = messages.first() else {
        return Err(DocumentError::EmptyMbox);
    };
    let skipped_before = first.from_line - start;

    let mut parts = Vec::with_capacity(messages.len());
    for (index, message) in messages.iter().enumerate() {
        let number = index + 1;
        let (unescaped, removed) = unescape(&bytes[message.body.clone()]);
        let label = email::message_id(&unescaped).unwrap_or_else(|| format!("message {number}"));
        let mut part = match email::extract(&unescaped, options) {
            Ok(mut part) => {
                part.segments = translate(&part.segments, &removed, message.body.start);
                part
            }
            Err(err) => Part {
                warnings: vec![format!(
                    "message {number} (the \"From \" line at byte {}) was skipped: {err}",
                    message.from_line
                )],
                ..Part::default()
            },
        };
        part.label = Some(label);
        if index == 0
            && skipped_before > 0
            && !bytes[start..first.from_line].trim_ascii().is_empty()
        {
            part.warnings.push(format!(
                "{skipped_before} bytes before the first \"From \" line were not read"
            ));
        }
        parts.push(part);
    }
    Ok(parts)
}

/// Where one message sits in the mbox.
struct Message {
    /// Offset of its `From ` line.
    from_line: usize,
    /// The message itself: from the line after `From ` to the next `From ` line.
    body: Range<usize>,
}

/// Finds the messages: a `From ` line starts one when it opens the file or follows a blank
/// line, as every mbox writer leaves one between messages.
fn split(bytes: &[u8], start: usize) -> Vec<Message> {
    let mut from_lines = Vec::new();
    let mut line_start = start;
    let mut previous_blank = true;
    while line_start < bytes.len() {
        let line_end = bytes[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| line_start + n + 1);
        let line = &bytes[line_start..line_end];
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if previous_blank && is_from_line(content) {
            from_lines.push((line_start, line_end));
        }
        previous_blank = content.is_empty();
        line_start = line_end;
    }
    from_lines
        .iter()
        .enumerate()
        .map(|(i, &(from_line, body_start))| Message {
            from_line,
            body: body_start..from_lines.get(i + 1).map_or(bytes.len(), |next| next.0),
        })
        .collect()
}

/// Undoes mboxrd / mboxo quoting of body lines that start with `From `: `>From ` becomes
/// `From `, `>>From ` becomes `>From `. Returns the text and, for each removed `>`, the offset
/// in the returned text where it was.
fn unescape(message: &[u8]) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::with_capacity(message.len());
    let mut removed = Vec::new();
    for line in message.split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            removed.push(out.len());
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    (out, removed)
}

/// Maps segments over the unescaped message back to the mbox, which starts the message at
/// `base` and still has the removed `>`s.
fn translate(segments: &[Segment], removed: &[usize], base: usize) -> Vec<Segment> {
    // Offset `x` of the unescaped text is `x + (removals at or before x)` in the message.
    let at = |x: usize| base + x + removed.partition_point(|&p| p <= x);
    let mut out = Vec::with_capacity(segments.len());
    for segment in segments {
        if !segment.exact {
            let end = base
                + segment.original.end
                + removed.partition_point(|&p| p < segment.original.end);
            out.push(Segment {
                text: segment.text.clone(),
                original: at(segment.original.start)..end,
                exact: false,
            });
            continue;
        }
        // A removed `>` inside an exact segment would make it differ from the mbox bytes:
        // split it there.
        let mut start = segment.original.start;
        let inside = removed
            .iter()
            .copied()
            .filter(|&p| p > segment.original.start && p < segment.original.end);
        for cut in inside.chain(std::iter::once(segment.original.end)) {
            let text_start = segment.text.start + (start - segment.original.start);
            let text_end = segment.text.start + (cut - segment.original.start);
            let original_start = at(start);
            out.push(Segment {
                text: text_start..text_end,
                original: original_start..original_start + (cut - start),
                exact: true,
            });
            start = cut;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MBOX: &str = "From alice@example.com Mon Jan  1 09:00:00 2001\n\
Message-ID: <one@example.com>\n\
From: alice@example.com\n\
Subject: First\n\
\n\
I need this by noon.\n\
>From the look of it, we are late.\n\
\n\
From bob@example.com Mon Jan  1 10:00:00 2001\n\
From: bob@example.com\n\
Subject: Second\n\
\n\
Sure.\n\
> I need this by noon.\n\
\n\
From carol@example.com Mon Jan  1 11:00:00 2001\r\n\
Message-ID: <three@example.com>\r\n\
Subject: Third\r\n\
\r\n\
From 9:00 to 10:00 works.\r\n\
>From the archive.\r\n";

    fn check(bytes: &[u8], part: &Part) {
        for s in &part.segments {
            if s.exact {
                assert_eq!(
                    &bytes[s.original.clone()],
                    part.text[s.text.clone()].as_bytes(),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn three_messages_with_labels_and_unescaped_from_lines() {
        let parts = extract(MBOX.as_bytes(), Options::default()).unwrap();
        assert_eq!(parts.len(), 3);
        for part in &parts {
            check(MBOX.as_bytes(), part);
            assert!(part.warnings.is_empty(), "{:?}", part.warnings);
        }
        assert_eq!(parts[0].label.as_deref(), Some("<one@example.com>"));
        assert_eq!(
            parts[0].text,
            "First\n\nI need this by noon.\nFrom the look of it, we are late."
        );
        assert_eq!(parts[1].label.as_deref(), Some("message 2"));
        assert_eq!(parts[1].text, "Second\n\nSure.");
        assert_eq!(parts[2].label.as_deref(), Some("<three@example.com>"));
        assert_eq!(
            parts[2].text,
            "Third\n\nFrom 9:00 to 10:00 works.\r\nFrom the archive."
        );
        // The unescaped line maps past the removed '>'.
        let at = parts[0].text.find("From the look").unwrap();
        let original = parts[0].to_original(at);
        assert_eq!(&MBOX[original..original + 13], "From the look");
        let at = parts[0].text.find("noon").unwrap();
        assert_eq!(&MBOX[parts[0].to_original(at)..][..4], "noon");
    }

    #[test]
    fn unescaping_removes_one_level() {
        let (text, removed) = unescape(b"a\n>From x\n>>From y\n> From z\n");
        assert_eq!(text, b"a\nFrom x\n>From y\n> From z\n");
        assert_eq!(removed, [2, 9]);
    }

    #[test]
    fn no_from_line_is_an_error() {
        assert_eq!(
            extract(b"Subject: x\n\nbody", Options::default()),
            Err(DocumentError::EmptyMbox)
        );
        assert_eq!(
            extract(b"", Options::default()),
            Err(DocumentError::EmptyMbox)
        );
    }

    #[test]
    fn from_lines() {
        assert!(is_from_line(b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011"));
        assert!(is_from_line(b"From - Tue Feb  2 10:11:12 2021\r"));
        assert!(!is_from_line(b"From here on, please."));
        assert!(!is_from_line(b"From 9:00 to 10:00 works."));
        assert!(!is_from_line(b"From: alice@example.com 10:00"));
    }

    #[test]
    fn a_message_without_headers_is_skipped_with_a_warning() {
        let mbox = b"From a@x Mon Jan  1 09:00:00 2001\nSubject: ok\n\nfine\n\nFrom b@x Mon Jan  1 09:00:00 2001\n\nno headers here\n";
        let parts = extract(mbox, Options::default()).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].text, "ok\n\nfine");
        assert_eq!(parts[1].text, "");
        assert_eq!(parts[1].label.as_deref(), Some("message 2"));
        let second = mbox.windows(8).rposition(|w| w == b"From b@x").unwrap();
        let expected = format!("message 2 (the \"From \" line at byte {second}) was skipped");
        assert!(
            parts[1].warnings[0].starts_with(&expected),
            "{:?}",
            parts[1].warnings
        );
    }
}
