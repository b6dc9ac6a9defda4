//! The prose of a Markdown document: paragraphs, headings, list items, block quotes, table
//! cells and the text of HTML blocks, without code, markup, images or URLs.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::align::align;
use crate::detect::{InputKind, strip_bom};
use crate::error::DocumentError;
use crate::html::{self, HtmlOptions};
use crate::map::{Builder, Part};

/// Reads `bytes` as a Markdown document.
pub(crate) fn extract(bytes: &[u8]) -> Result<Part, DocumentError> {
    let body = strip_bom(bytes);
    let base = bytes.len() - body.len();
    let source = std::str::from_utf8(body).map_err(|e| {
        DocumentError::invalid_utf8(InputKind::Markdown, bytes, base + e.valid_up_to())
    })?;

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_GFM;
    let mut builder = Builder::new();
    // How many elements we are inside whose text is not prose (code blocks, HTML blocks,
    // images, autolinks, front matter).
    let mut skipping = 0usize;
    // For each open link, whether it is an autolink (whose text is the URL, so skipped): link
    // ends do not say which kind of link they close.
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let skipped = match &tag {
                    Tag::Link { link_type, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        links.push(auto);
                        auto
                    }
                    _ => is_skipped(&tag),
                };
                if skipped {
                    skipping += 1;
                    builder.separate();
                    // An HTML block (`<div>`, `<details>`) holds prose too: its text nodes are
                    // read as in an HTML document; the block's own events are then skipped.
                    if matches!(tag, Tag::HtmlBlock) && skipping == 1 {
                        let (text, segments) =
                            html::extract_str(&source[range.clone()], HtmlOptions::default());
                        builder.push_mapped(
                            &text,
                            0..text.len(),
                            &html::shift(segments, base + range.start),
                        );
                        builder.separate();
                    }
                } else if is_block(&tag) {
                    builder.separate();
                }
            }
            Event::End(tag) => {
                let skipped = match tag {
                    TagEnd::Link => links.pop().unwrap_or(false),
                    _ => is_skipped_end(tag),
                };
                if skipped {
                    skipping = skipping.saturating_sub(1);
                    builder.separate();
                } else if is_block_end(tag) {
                    builder.separate();
                }
            }
            Event::Text(text) if skipping == 0 => {
                push_text(&mut builder, source, &text, range, base);
            }
            // `Do it now. <!-- tonelint: ignore -->` inside a paragraph; block-level comments
            // are HTML blocks, whose directives the HTML reader puts back.
            Event::InlineHtml(raw) if skipping == 0 => {
                let comment = raw
                    .trim()
                    .strip_prefix("<!--")
                    .and_then(|c| c.strip_suffix("-->"));
                if let Some(directive) = comment.and_then(html::directive) {
                    html::push_directive(&mut builder, directive);
                }
            }
            Event::SoftBreak | Event::HardBreak
                if skipping == 0 && !builder.at_paragraph_start() =>
            {
                let raw = &source[range.clone()];
                if raw.trim().is_empty() {
                    builder.push(raw, base + range.start..base + range.end, true);
                } else {
                    // A backslash hard break: the break is there, the backslash is markup.
                    builder.push_unmapped("\n");
                }
            }
            // Inline code, math and rules are material that is not prose: a phrase must not
            // run across the gap they leave.
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) | Event::Rule => {
                builder.separate();
            }
            _ => {}
        }
    }
    Ok(builder.finish(None, Vec::new()))
}

/// Elements whose text is not prose (links are decided by their kind, in the caller).
fn is_skipped(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_)
    )
}

fn is_skipped_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image | TagEnd::MetadataBlock(_)
    )
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Pushes one text event, leaving out bare URLs.
fn push_text(builder: &mut Builder, source: &str, text: &str, range: Range<usize>, base: usize) {
    let raw = &source.as_bytes()[range.clone()];
    let map = align(text, raw, base + range.start);
    let mut cursor = 0;
    for url in url_ranges(text) {
        push_piece(builder, text, cursor..url.start, &map);
        builder.separate();
        cursor = url.end;
    }
    push_piece(builder, text, cursor..text.len(), &map);
}

fn push_piece(
    builder: &mut Builder,
    text: &str,
    mut piece: Range<usize>,
    map: &[crate::map::Segment],
) {
    if builder.at_paragraph_start() {
        let slice = &text[piece.clone()];
        piece.start += slice.len() - slice.trim_start().len();
    }
    if !piece.is_empty() {
        builder.push_mapped(text, piece, map);
    }
}

/// Byte ranges of bare URLs (`https://...`, `www....`, `mailto:...`) in `text`.
pub(crate) fn url_ranges(text: &str) -> Vec<Range<usize>> {
    const STARTS: [&str; 5] = ["https://", "http://", "ftp://", "mailto:", "www."];
    let bytes = text.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let starts_url = at_word_start
            && STARTS.iter().any(|s| {
                bytes.len() - i >= s.len()
                    && bytes[i..i + s.len()].eq_ignore_ascii_case(s.as_bytes())
            });
        if !starts_url {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && !bytes[end].is_ascii_whitespace()
            && !b"<>\"".contains(&bytes[end])
        {
            end += 1;
        }
        // Punctuation right after a URL usually ends the sentence, not the URL.
        while end > i && b".,;:!?)'".contains(&bytes[end - 1]) {
            end -= 1;
        }
        urls.push(i..end);
        i = end.max(i + 1);
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(markdown: &str) -> Part {
        let part = extract(markdown.as_bytes()).expect("valid UTF-8");
        for s in &part.segments {
            if s.exact {
                assert_eq!(&markdown[s.original.clone()], &part.text[s.text.clone()]);
            }
        }
        part
    }

    /// Issue 15, item 5: comment markers did nothing in Markdown.
    #[test]
    fn directive_comments_reach_the_text() {
        let md = "Do it now. <!-- tonelint: ignore -->\n\n<!-- tonelint-disable vague -->\n\nSoon.\n\n<!-- tonelint-enable -->\n\nLast.\n";
        let part = read(md);
        assert_eq!(
            part.text,
            "Do it now. tonelint: ignore\n\ntonelint-disable vague\n\nSoon.\n\ntonelint-enable\n\nLast."
        );
        let at = part.text.find("Last").unwrap();
        assert_eq!(part.to_original(at), md.find("Last").unwrap());
    }

    #[test]
    fn code_is_skipped_and_link_text_kept() {
        let md = "# Release plan\n\nPlease run `cargo test` before you push.\n\n```rust\nfn main() { panic!(\"now\") }\n```\n\nSee [the *checklist*](https://example.com/list \"title\") or <https://example.com/raw>.\n";
        let part = read(md);
        assert_eq!(
            part.text,
            "Release plan\n\nPlease run\n\nbefore you push.\n\nSee the checklist or\n\n."
        );
        let at = part.text.find("checklist").unwrap();
        assert_eq!(&md[part.to_original(at)..][..9], "checklist");
        assert!(part.segments.iter().all(|s| s.exact));
    }

    #[test]
    fn lists_quotes_tables_and_soft_breaks() {
        let md = "- first item\n- second\n  continues\n\n> quoted advice\n\n| a | b |\n|---|---|\n| cell one | cell two |\n";
        let part = read(md);
        assert_eq!(
            part.text,
            "first item\n\nsecond\ncontinues\n\nquoted advice\n\na\n\nb\n\ncell one\n\ncell two"
        );
    }

    #[test]
    fn html_blocks_images_front_matter_and_bare_urls() {
        let md = "---\ntitle: x\n---\n\n<div>\nraw html\n</div>\n\n![alt text](a.png) Read https://example.com/fix-it-now, then reply.\n";
        let part = read(md);
        assert_eq!(part.text, "raw html\n\nRead\n\n, then reply.");
    }

    /// Issue 16, case 13: the text of HTML blocks was not checked at all.
    #[test]
    fn html_blocks_are_read_as_html() {
        let md = "Intro.\n\n<details>\n<summary>Status &amp; <b>next</b> steps</summary>\n<p class=\"x\">This is unacceptable.</p>\n<script>var a = 1;</script>\n</details>\n\nAfter.\n";
        let part = read(md);
        assert_eq!(
            part.text,
            "Intro.\n\nStatus & next steps\n\nThis is unacceptable.\n\nAfter."
        );
        let at = part.text.find("unacceptable").unwrap();
        assert_eq!(&md[part.to_original(at)..][..12], "unacceptable");
    }

    #[test]
    fn escapes_and_entities_are_decoded() {
        let md = "Tom &amp; Jerry \\*really\\* agree.\r\nNext line.\r\n";
        let part = read(md);
        assert_eq!(part.text, "Tom & Jerry *really* agree.\r\nNext line.");
        let at = part.text.find("agree").unwrap();
        assert_eq!(&md[part.to_original(at)..][..5], "agree");
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let err = extract(b"# Title\n\nbad \xc3\x28 byte").unwrap_err();
        assert_eq!(
            err.to_string(),
            "3:5: invalid UTF-8 in markdown input at byte 13"
        );
    }

    #[test]
    fn urls() {
        let text = "see https://x.org/a?b=c. Or www.example.com) and mailto:a@b.c";
        let found: Vec<&str> = url_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            ["https://x.org/a?b=c", "www.example.com", "mailto:a@b.c"]
        );
        assert!(url_ranges("awww.nothing").is_empty());
    }
}
