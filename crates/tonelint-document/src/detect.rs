//! What kind of document an input is: told by the user, or guessed from its name and first bytes.

use std::fmt;
use std::str::FromStr;

use crate::error::ParseInputKindError;

/// How to read an input.
///
/// The names ([`as_str`](InputKind::as_str), [`FromStr`]) are the values of the command line's
/// input-kind flag: `auto`, `text`, `email`, `mbox`, `markdown`, `html`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Guess with [`detect`].
    #[default]
    Auto,
    /// Plain UTF-8 text, linted whole.
    Text,
    /// One RFC 822 / MIME message (`.eml`).
    Email,
    /// A mailbox of messages, each introduced by a `From ` line.
    Mbox,
    /// CommonMark with the common GitHub extensions (tables, strikethrough, task lists).
    Markdown,
    /// An HTML document or fragment.
    Html,
}

impl InputKind {
    /// Every kind, in the order the command line lists them.
    pub const ALL: [InputKind; 6] = [
        InputKind::Auto,
        InputKind::Text,
        InputKind::Email,
        InputKind::Mbox,
        InputKind::Markdown,
        InputKind::Html,
    ];

    /// The kind's name as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Auto => "auto",
            InputKind::Text => "text",
            InputKind::Email => "email",
            InputKind::Mbox => "mbox",
            InputKind::Markdown => "markdown",
            InputKind::Html => "html",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InputKind {
    type Err = ParseInputKindError;

    fn from_str(s: &str) -> Result<InputKind, ParseInputKindError> {
        InputKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseInputKindError {
                given: s.to_string(),
            })
    }
}

/// Guesses how to read `bytes`; never returns [`InputKind::Auto`].
///
/// The file name's extension decides first, since it is what the user chose: `.md` and
/// `.markdown` are Markdown, `.html` and `.htm` HTML, `.eml` email and `.mbox` mbox. Otherwise
/// the first bytes decide: a `From ` line with a sender and a time (`From alice@example.com
/// Mon Jan  1 00:00:00 2001`) starts an mbox; two or more RFC 822 header lines
/// (at least one of them a header every message has, such as `From:`, `Date:`, `Message-ID:`,
/// `Received:` or `Subject:`) before the first blank line start an email; `<!DOCTYPE html` or
/// `<html` starts HTML. Anything else is plain [`Text`](InputKind::Text).
///
/// ```
/// use tonelint_document::{InputKind, detect};
///
/// assert_eq!(detect(b"# Notes\n", Some("notes.md")), InputKind::Markdown);
/// assert_eq!(detect(b"From: a@example.com\nSubject: Hi\n\nBody\n", None), InputKind::Email);
/// assert_eq!(detect(b"Just a draft.\n", None), InputKind::Text);
/// ```
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> InputKind {
    if let Some(kind) = file_name.and_then(kind_from_extension) {
        return kind;
    }
    let bytes = strip_bom(bytes);
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    if crate::mbox::is_from_line(first_line) {
        InputKind::Mbox
    } else if starts_with_headers(bytes) {
        InputKind::Email
    } else if starts_like_html(bytes) {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

fn kind_from_extension(file_name: &str) -> Option<InputKind> {
    let (_, extension) = file_name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(InputKind::Markdown),
        "html" | "htm" => Some(InputKind::Html),
        "eml" => Some(InputKind::Email),
        "mbox" => Some(InputKind::Mbox),
        _ => None,
    }
}

/// The input without a leading UTF-8 byte order mark, which editors on Windows like to add.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Header names that nearly every real message carries; requiring one of them keeps a text file
/// that happens to start with `Note: ...` lines from being read as email.
const MESSAGE_HEADERS: [&str; 13] = [
    "message-id",
    "from",
    "to",
    "cc",
    "received",
    "return-path",
    "date",
    "subject",
    "mime-version",
    "delivered-to",
    "reply-to",
    "sender",
    "content-type",
];

/// How far to look for the end of a header section; real ones are far shorter.
const HEADER_SCAN_LIMIT: usize = 64 * 1024;

fn starts_with_headers(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEADER_SCAN_LIMIT)];
    let mut headers = 0;
    let mut known = false;
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            // A folded continuation only makes sense after a header.
            if headers == 0 {
                return false;
            }
            continue;
        }
        let Some(name) = header_name(line) else {
            return false;
        };
        headers += 1;
        known |= MESSAGE_HEADERS
            .iter()
            .any(|h| h.as_bytes().eq_ignore_ascii_case(name));
    }
    headers >= 2 && known
}

/// The field name of an RFC 5322 header line: printable ASCII up to a colon, no spaces.
fn header_name(line: &[u8]) -> Option<&[u8]> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    let valid = !name.is_empty() && name.iter().all(|&b| b.is_ascii_graphic() && b != b':');
    valid.then_some(name)
}

fn starts_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 16)];
    let starts = |prefix: &[u8]| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    starts(b"<!doctype html") || starts(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in InputKind::ALL {
            assert_eq!(kind.as_str().parse::<InputKind>(), Ok(kind));
        }
        assert_eq!("HTML".parse::<InputKind>(), Ok(InputKind::Html));
        assert!("eml".parse::<InputKind>().is_err());
    }

    #[test]
    fn extension_wins_over_content() {
        assert_eq!(
            detect(b"From: a\nTo: b\n\nx", Some("x.md")),
            InputKind::Markdown
        );
        assert_eq!(detect(b"hello", Some("page.HTM")), InputKind::Html);
        assert_eq!(detect(b"hello", Some("a.eml")), InputKind::Email);
        assert_eq!(detect(b"hello", Some("box.mbox")), InputKind::Mbox);
    }

    #[test]
    fn email_needs_two_header_lines_with_a_known_one() {
        let crlf = b"Message-ID: <1@x>\r\nDate: Mon, 1 Jan 2001 00:00:00 -0800\r\nSubject: a\r\n\twrapped\r\n\r\nBody";
        assert_eq!(detect(crlf, None), InputKind::Email);
        assert_eq!(detect(b"Subject: only one\n\nBody", None), InputKind::Text);
        assert_eq!(detect(b"Note: a\nTodo: b\n\nBody", None), InputKind::Text);
        assert_eq!(
            detect(b"Dear team: hello\nFrom: me\n\n", None),
            InputKind::Text
        );
    }

    #[test]
    fn mbox_html_and_text() {
        assert_eq!(
            detect(
                b"From alice@example.com Mon Jan  1 00:00:00 2001\nFrom: a\n",
                None
            ),
            InputKind::Mbox
        );
        assert_eq!(
            detect(b"\xEF\xBB\xBF  <!DOCTYPE HTML><p>x", None),
            InputKind::Html
        );
        assert_eq!(detect(b"<html><body>x", Some("notes.txt")), InputKind::Html);
        assert_eq!(detect(b"From here on, please...", None), InputKind::Text);
        assert_eq!(detect(b"", None), InputKind::Text);
        assert_eq!(detect(b"\xff\xfe", None), InputKind::Text);
    }
}
