//! tonelint-document turns what a user hands to tonelint (plain text, an email, a mailbox,
//! Markdown, HTML) into **the text the author wrote**, together with a map from that text back
//! to byte offsets in the original input, so that findings can be reported at the line and
//! column where the user sees them in their file.
//!
//! It reads bytes and returns text: it opens no file and runs no process.
//!
//! # Reading a document
//!
//! ```
//! use tonelint_document::{InputKind, detect, extract};
//!
//! let email = b"From: dana@example.com\r\n\
//! Subject: Re: Q3 report\r\n\
//! Content-Type: text/plain; charset=us-ascii\r\n\
//! \r\n\
//! I need the numbers by noon.\r\n\
//! \r\n\
//! On Mon, 5 Jan 2001, Sam wrote:\r\n\
//! > Will Friday do?\r\n\
//! \r\n\
//! -- \r\n\
//! Dana\r\n";
//!
//! let kind = detect(email, Some("reply.eml"));
//! assert_eq!(kind, InputKind::Email);
//!
//! let parts = extract(email, kind, Some("reply.eml"))?;
//! let part = &parts[0];
//! // The subject and the sender's own words; not the quote, its attribution or the signature.
//! assert_eq!(part.text, "Re: Q3 report\n\nI need the numbers by noon.");
//!
//! // Map a span found in the text (say, by the linter) back to the input.
//! let start = part.text.find("by noon").unwrap();
//! let original = part.to_original(start);
//! assert_eq!(&email[original..original + 7], b"by noon");
//! # Ok::<(), tonelint_document::DocumentError>(())
//! ```
//!
//! # What counts as the author's text
//!
//! - **Text**: what the writer wrote, read with the email body's rules below (quoted `>` lines,
//!   attribution lines, forwarded and original-message blocks and the signature left out), since
//!   plain text is what a mail client pipes and a clipboard holds of a reply. With
//!   [`Options::keep_quotes`] all of it (after a UTF-8 byte order mark).
//! - **Email** (RFC 822 / MIME): the `Subject:` value, then the body. Of a
//!   `multipart/alternative` the plain text is read, or else the HTML turned into text;
//!   attachments and attached messages are left out. Quoted-printable, base64 and charsets
//!   are decoded. From the body the following are left out: lines quoted with `>` (any depth)
//!   and the attribution lines that introduce them (`On Mon, 5 Jan 2001, X wrote:`,
//!   `X wrote:`); everything from an Outlook `-----Original Message-----`, a Lotus Notes
//!   `----- Forwarded by ...` (also when the date wraps onto a second line), a
//!   `---------- Forwarded message ----------`, a `Begin forwarded message:` or a GroupWise
//!   `>>> Name date >>>` on; everything from a pasted message's header block on (the `To:` /
//!   `cc:` / `Subject:` block of a Lotus Notes reply together with the sender and date lines
//!   above it, or raw `From:` / `Date:` / `To:` headers), unless the block opens the body,
//!   where it is the sender's own memo heading; the signature after a `-- ` line (or, after a
//!   blank line, a `--` line or a rule such as `-----` with at most ten lines below it); blank
//!   lines at the ends.
//! - **mbox**: each message as an email, one [`Part`] each, labelled with its `Message-ID`
//!   (`<id@host>`) or `message N`. Messages start at a `From sender date` line that opens the
//!   file or follows a blank line; `>From ` lines are unescaped (mboxrd and mboxo).
//! - **Markdown**: the text of paragraphs, headings, list items, block quotes, table cells,
//!   link texts and HTML blocks (read as HTML, below); not code blocks, inline code, inline HTML
//!   tags, images, front matter, autolinks or bare URLs.
//! - **HTML**: text nodes, with character references decoded; not `<script>`, `<style>`,
//!   `<title>`, `<template>` and the like, and not attributes. In an email's HTML part
//!   `<blockquote>` (the quoted message) is left out too.
//!
//! Pieces that were not next to each other in the input are joined with a blank line
//! ([`PIECE_SEPARATOR`]), which ends a paragraph for the linter, so a phrase never runs across
//! removed material (quoted lines, inline code, a URL). Markup that only formats text
//! (`**bold**`, `<b>`, a link's brackets) is not removed material: the words on both sides stay
//! in one phrase.
//!
//! # Positions in the original file
//!
//! Each [`Part`] carries [`Segment`]s that say where each stretch of [`Part::text`] was read
//! from, as byte ranges in the input given to [`extract`]. [`Part::to_original`] maps a byte
//! offset in the text to one in the input; compute line and column from that offset in the
//! input, and positions are those of the file as the user sees it in an editor.
//!
//! - Where the text repeats the input byte for byte (an exact segment: plain text, a 7bit or
//!   8bit UTF-8 email body, most of Markdown and HTML) every offset maps one to one.
//! - Where the text was decoded (quoted-printable escapes and soft line breaks, base64, another
//!   charset, an HTML entity, a folded or encoded subject) an offset maps to the **start of the
//!   decoded segment** in the input. The decoding is undone only as far as it changed bytes:
//!   in a quoted-printable body the lines without escapes stay exact, but a base64 body is one
//!   decoded segment, so every finding in it points at the first line of the encoded body.
//! - An offset in a separator between pieces maps to the end of the piece before it.
//!
//! # Limits
//!
//! - Multiparts are read at every depth. A multipart whose boundary is missing, empty or never
//!   found is read as plain text, with a warning.
//! - Malformed base64 is decoded leniently (skipping stray characters) with a warning.
//! - Plain text, Markdown and HTML must be UTF-8; otherwise [`DocumentError::InvalidUtf8`]
//!   names the offset, line and column of the first bad byte.

#![deny(missing_docs)]

mod align;
mod detect;
mod email;
mod error;
mod html;
mod html_mask;
mod map;
mod markdown;
mod mbox;
mod quote;
mod text;

pub use detect::{InputKind, detect};
pub use error::{DocumentError, ParseInputKindError};
pub use map::{PIECE_SEPARATOR, Part, Segment};

/// Reads `bytes` as `kind` and returns the author text it holds: one [`Part`] for every kind
/// but mbox, which gives one per message.
///
/// With [`InputKind::Auto`] the kind is first guessed by [`detect`] from `file_name` and the
/// bytes. `file_name` is used for nothing else.
///
/// # Errors
///
/// [`DocumentError::InvalidUtf8`] when text, Markdown or HTML is not UTF-8,
/// [`DocumentError::Email`] when an email has no header section, and
/// [`DocumentError::EmptyMbox`] when an mbox holds no message.
pub fn extract(
    bytes: &[u8],
    kind: InputKind,
    file_name: Option<&str>,
) -> Result<Vec<Part>, DocumentError> {
    extract_with(bytes, kind, file_name, Options::default())
}

/// How to read a document, beyond its kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Keep what other people wrote: quoted `>` lines, attribution lines, forwarded and
    /// original-message blocks and signatures stay in the text of plain text, email and mbox
    /// (they are left out by default). Markdown and HTML are read the same either way.
    pub keep_quotes: bool,
}

impl Options {
    /// The options with [`keep_quotes`](Options::keep_quotes) set to `keep`.
    pub fn keep_quotes(mut self, keep: bool) -> Options {
        self.keep_quotes = keep;
        self
    }
}

/// [`extract`] with [`Options`].
///
/// ```
/// use tonelint_document::{InputKind, Options, extract_with};
///
/// let reply = b"Thanks, Friday works.\n\nOn Mon, Rick wrote:\n> This is unacceptable.\n";
/// let parts = extract_with(reply, InputKind::Text, None, Options::default())?;
/// assert_eq!(parts[0].text, "Thanks, Friday works.");
/// let parts = extract_with(reply, InputKind::Text, None, Options::default().keep_quotes(true))?;
/// assert!(parts[0].text.contains("> This is unacceptable."));
/// # Ok::<(), tonelint_document::DocumentError>(())
/// ```
///
/// # Errors
///
/// As [`extract`].
pub fn extract_with(
    bytes: &[u8],
    kind: InputKind,
    file_name: Option<&str>,
    options: Options,
) -> Result<Vec<Part>, DocumentError> {
    let kind = match kind {
        InputKind::Auto => detect(bytes, file_name),
        kind => kind,
    };
    match kind {
        InputKind::Text | InputKind::Auto => text::extract(bytes, options).map(|p| vec![p]),
        InputKind::Email => email::extract(bytes, options).map(|p| vec![p]),
        InputKind::Mbox => mbox::extract(bytes, options),
        InputKind::Markdown => markdown::extract(bytes).map(|p| vec![p]),
        InputKind::Html => html::extract(bytes).map(|p| vec![p]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_detects_then_extracts() {
        let parts = extract(b"# Title\n\nBody `code`.", InputKind::Auto, Some("a.md")).unwrap();
        assert_eq!(parts[0].text, "Title\n\nBody\n\n.");
        let parts = extract(b"plain", InputKind::Auto, None).unwrap();
        assert_eq!(parts[0].text, "plain");
    }
}
