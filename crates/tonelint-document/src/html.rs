//! The text of an HTML document: its text nodes, with character references decoded.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use crate::align::align;
use crate::detect::{InputKind, strip_bom};
use crate::error::DocumentError;
use crate::html_mask::blank_attributes;
use crate::map::{Builder, Part, Segment};

/// What to leave out besides markup, scripts and styles.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HtmlOptions {
    /// Leave out `<blockquote>`: in an HTML email that is where the earlier message is quoted.
    pub(crate) skip_quotes: bool,
}

/// Reads `bytes` as an HTML document.
pub(crate) fn extract(bytes: &[u8]) -> Result<Part, DocumentError> {
    let body = strip_bom(bytes);
    let base = bytes.len() - body.len();
    let source = std::str::from_utf8(body)
        .map_err(|e| DocumentError::invalid_utf8(InputKind::Html, bytes, base + e.valid_up_to()))?;
    let (text, segments) = extract_str(source, HtmlOptions::default());
    let mut builder = Builder::new();
    builder.push_mapped(&text, 0..text.len(), &shift(segments, base));
    Ok(builder.finish(None, Vec::new()))
}

/// `segments` with their original offsets moved `by` bytes on (a piece read out of a larger
/// input).
pub(crate) fn shift(mut segments: Vec<Segment>, by: usize) -> Vec<Segment> {
    for s in &mut segments {
        s.original.start += by;
        s.original.end += by;
    }
    segments
}

/// Elements whose content is not prose a reader sees: code run by the browser, styling, the
/// window title (usually boilerplate such as "Untitled Document" in email), templates.
const SKIPPED: [&[u8]; 9] = [
    b"script",
    b"style",
    b"title",
    b"template",
    b"noscript",
    b"textarea",
    b"svg",
    b"math",
    b"object",
];

/// Elements that start a new paragraph for the linter; everything else (`<b>`, `<a>`, `<span>`
/// ...) sits inside running text, so a phrase may continue across it.
const BLOCKS: [&[u8]; 38] = [
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hr",
    b"html",
    b"li",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"td",
    b"th",
    b"tr",
];

/// Text of `source` and the map from it to offsets in `source`.
pub(crate) fn extract_str(source: &str, options: HtmlOptions) -> (String, Vec<Segment>) {
    // The tokenizer recurses once per double-quoted attribute; it never sees one (see
    // `html_mask`). The blanked copy has the same bytes outside tags, so spans hold for `source`.
    let blanked = blank_attributes(source);
    tokenize(source, blanked.as_deref().unwrap_or(source), options)
}

/// Text of `source`, tokenizing `markup` (`source` or a copy of the same length that differs
/// only inside tags).
fn tokenize(source: &str, markup: &str, options: HtmlOptions) -> (String, Vec<Segment>) {
    let mut builder = Builder::new();
    // Names of the open elements we are skipping, innermost last.
    let mut skipping: Vec<Vec<u8>> = Vec::new();
    let callback = |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                let name = name.to_ascii_lowercase();
                let skip = SKIPPED.contains(&name.as_slice())
                    || (options.skip_quotes && name == b"blockquote");
                if skip || BLOCKS.contains(&name.as_slice()) {
                    builder.separate();
                }
                if skip {
                    skipping.push(name);
                } else if name == b"br" && skipping.is_empty() && !builder.at_paragraph_start() {
                    builder.push_unmapped("\n");
                }
            }
            CallbackEvent::EndTag { name } => {
                let name = name.to_ascii_lowercase();
                if skipping.last() == Some(&name) {
                    skipping.pop();
                    builder.separate();
                } else if BLOCKS.contains(&name.as_slice()) {
                    builder.separate();
                }
            }
            CallbackEvent::String { value } if skipping.is_empty() => {
                push_text(&mut builder, source, value, span);
            }
            CallbackEvent::Comment { value } if skipping.is_empty() => {
                if let Some(directive) = directive(&String::from_utf8_lossy(value)) {
                    push_directive(&mut builder, directive);
                }
            }
            _ => {}
        }
        None
    };
    let mut emitter = CallbackEmitter::new(callback);
    // Without this the tokenizer would read `<script>` contents as markup; the tree builder
    // would normally switch states, and this is its documented stand-in.
    emitter.naively_switch_states(true);
    // The callback does its work as events arrive; it never yields a token, and reading a
    // `&str` cannot fail, so there is nothing to look at in the items.
    for _ in Tokenizer::new_with_emitter(markup, emitter) {}
    builder.into_text_and_segments()
}

/// The tonelint directive a comment holds (`tonelint-disable vague`, `tonelint-enable`,
/// `tonelint: ignore`), trimmed, or `None` for any other comment.
///
/// In Markdown and HTML a hidden comment is the only sensible place for a directive, but
/// comments are markup and never reach the linter's text; the readers put the directive back
/// into the text (see [`push_directive`]) where the linter's suppression scan finds it.
pub(crate) fn directive(comment: &str) -> Option<&str> {
    let trimmed = comment.trim();
    let is_directive = ["tonelint-disable", "tonelint-enable", "tonelint: ignore"]
        .iter()
        .any(|d| trimmed.starts_with(d))
        // One line: the suppression scan reads names up to the end of the line.
        && !trimmed.contains('\n');
    is_directive.then_some(trimmed)
}

/// Puts a directive into the text the linter reads. `tonelint: ignore` covers the findings of
/// its line, so it joins the line it closes (`Do it now. <!-- tonelint: ignore -->`); a region
/// marker stands alone as its own piece, so it starts or ends the region between paragraphs.
/// The directive's words map to no bytes of the input and are never flagged themselves.
pub(crate) fn push_directive(builder: &mut Builder, directive: &str) {
    if directive.starts_with("tonelint: ignore") {
        if !builder.at_paragraph_start() && !builder.ends_in_space() {
            builder.push_unmapped(" ");
        }
        builder.push_unmapped(directive);
    } else {
        builder.separate();
        builder.push_unmapped(directive);
        builder.separate();
    }
}

/// Pushes one text node, `value` (references decoded), read from `source[span]`.
fn push_text(builder: &mut Builder, source: &str, value: &[u8], span: Span<usize>) {
    let value = String::from_utf8_lossy(value);
    let Some(raw) = source.as_bytes().get(span.start..span.end) else {
        return;
    };
    // Indentation and line breaks at the start of a block are layout, not text.
    let start = if builder.at_paragraph_start() {
        value.len() - value.trim_start().len()
    } else {
        0
    };
    if start == value.len() {
        return;
    }
    let map = align(&value, raw, span.start);
    builder.push_mapped(&value, start..value.len(), &map);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Part {
        let part = extract(html.as_bytes()).expect("valid UTF-8");
        for s in &part.segments {
            if s.exact {
                assert_eq!(&html[s.original.clone()], &part.text[s.text.clone()]);
            }
        }
        part
    }

    /// Issue 15, item 5: comment markers did nothing in HTML.
    #[test]
    fn directive_comments_reach_the_text() {
        let part = read(
            "<p>First. <!-- tonelint: ignore --></p><!-- a note --><!--tonelint-disable vague-->\
             <p>Second.</p><!-- tonelint-enable -->",
        );
        assert_eq!(
            part.text,
            "First. tonelint: ignore\n\ntonelint-disable vague\n\nSecond.\n\ntonelint-enable"
        );
        assert_eq!(directive(" tonelint-enable "), Some("tonelint-enable"));
        assert_eq!(directive("tonelint rocks"), None);
    }

    #[test]
    fn script_style_and_attributes_are_left_out() {
        let html = "<!DOCTYPE html>\r\n<html><head><title>Status</title><style>p { color: red }</style></head>\r\n<body>\r\n  <p class=\"urgent\" title=\"do it now\">Send it <b>today</b>.</p>\r\n<script>if (a < b) { alert(\"</p>\"); }</script>\r\n  <p>Thanks</p>\r\n</body></html>";
        let part = read(html);
        assert_eq!(part.text, "Send it today.\n\nThanks");
        let at = part.text.find("today").unwrap();
        assert_eq!(&html[part.to_original(at)..][..5], "today");
        assert!(part.segments.iter().all(|s| s.exact));
    }

    #[test]
    fn entities_are_decoded_and_mapped() {
        let html = "<p>Tom &amp; Jerry&nbsp;&mdash; caf&eacute; &lt;now&gt; is fine by me</p>";
        let part = read(html);
        assert_eq!(
            part.text,
            "Tom & Jerry\u{a0}\u{2014} caf\u{e9} <now> is fine by me"
        );
        let decoded: Vec<_> = part.segments.iter().filter(|s| !s.exact).collect();
        assert!(!decoded.is_empty());
        let at = part.text.find("is fine").unwrap();
        assert_eq!(&html[part.to_original(at)..][..7], "is fine");
        // Neighbouring references are one decoded segment, mapped to where it starts.
        let at = part.text.find('\u{2014}').unwrap();
        assert_eq!(&html[part.to_original(at)..][..6], "&nbsp;");
        let at = part.text.find('\u{e9}').unwrap();
        assert_eq!(&html[part.to_original(at)..][..8], "&eacute;");
    }

    #[test]
    fn line_breaks_and_blocks() {
        let part = read("Hi John,<br>please call.<div>New block</div><li>item</li>");
        assert_eq!(part.text, "Hi John,\nplease call.\n\nNew block\n\nitem");
    }

    #[test]
    fn blockquotes_are_kept_in_documents_and_skipped_in_email() {
        let html = "<p>Mine</p><blockquote><p>Theirs</p><blockquote>deeper</blockquote>still theirs</blockquote><p>Mine again</p>";
        assert_eq!(
            read(html).text,
            "Mine\n\nTheirs\n\ndeeper\n\nstill theirs\n\nMine again"
        );
        let (text, _) = extract_str(html, HtmlOptions { skip_quotes: true });
        assert_eq!(text, "Mine\n\nMine again");
    }

    /// Thousands of double-quoted attributes once nested one set of the tokenizer's stack frames
    /// each and aborted the process (issue 16, case 1); start and end tags alike.
    #[test]
    fn a_tag_with_a_hundred_thousand_attributes_is_read() {
        let attributes = "a=\"b\" ".repeat(100_000);
        let html = format!("<p {attributes}>This is unacceptable</p {attributes}>\n<p>Fine</p>");
        let part = read(&html);
        assert_eq!(part.text, "This is unacceptable\n\nFine");
        let at = part.text.find("Fine").unwrap();
        assert_eq!(&html[part.to_original(at)..][..4], "Fine");
    }

    /// Blanking attributes changes nothing the tokenizer reads as text, however odd the markup.
    #[test]
    fn blanked_attributes_read_as_the_original() {
        let cases = [
            "<p class=\"a > b\" title='x'>One &amp; two</p><br/>three",
            "<a \"x>y\">z</a><a b = \"x>y\">w<a /=\"x>v",
            "<!-- <a title=\" --> text <b x=\"y\"> <!DOCTYPE html> <?php x ?> <!-->z <!--->q",
            "<script>if (a<b) x(\"<p a='b'>\")</SCRIPT x=1><p c=d>t</p>",
            "<script><!--<script>a</script>b--></script><i x>y</i>",
            "<title a=1><b x>t</title><textarea>&lt;u</textarea>after<style>p{}</style a='>'>s",
            "<xmp><b x=1>raw</xmp>, <iframe>f</iframe>, <noscript>n</noscript> end",
            "a < b, c <= d, </ >e, </>f, </3 g>h, <3 hearts, trailing <",
            "<p\r\nclass=\"x\"\r\n>CRLF</p\r\n>, <p a=\"b\"c=d>glued</p><p a=>bare</p>",
            "ok <p a=\"b",
            "<plaintext a=\"1\"><b x>all text</b>",
        ];
        for html in cases {
            let blanked = blank_attributes(html).unwrap_or_else(|| html.to_string());
            assert_eq!(blanked.len(), html.len());
            for skip_quotes in [false, true] {
                let options = HtmlOptions { skip_quotes };
                let original = tokenize(html, html, options);
                assert_eq!(tokenize(html, &blanked, options), original, "{html}");
            }
        }
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_offset() {
        let err = extract(b"<p>ok</p>\n<p>\xff</p>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "2:4: invalid UTF-8 in html input at byte 13"
        );
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let bytes = "\u{feff}<p>Hello</p>".as_bytes();
        let part = extract(bytes).unwrap();
        assert_eq!(part.text, "Hello");
        assert_eq!(part.segments[0].original, 6..11);
    }
}
