//! Quoted speech: words inside quotation marks are someone else's, reported, not the writer's
//! own tone. "She said the adjuster called it "unacceptable"" is not the writer being aggressive.

use super::merge::Joined;
use super::span::TextSpan;

/// Quotations longer than this are taken for an unbalanced quote mark, not a quotation, so a stray
/// `"` cannot silence the rest of a message.
const MAX_QUOTE_BYTES: usize = 400;

/// Drops the findings inside a quotation of `text`.
pub(super) fn drop_quoted(text: &str, joined: &mut Vec<Joined>) {
    if joined.is_empty() || !text.contains(['"', '\u{201C}']) {
        return;
    }
    // The regions are disjoint and in order, so only the last one starting at or before a match
    // can hold it.
    let quoted = quoted_regions(text);
    joined.retain(|j| {
        let at = quoted.partition_point(|q| q.start <= j.found.span.start);
        !(at > 0 && j.found.span.end <= quoted[at - 1].end)
    });
}

/// The spans inside double quotation marks (straight `"..."` or curly `“...”`), each
/// within one paragraph.
fn quoted_regions(text: &str) -> Vec<TextSpan> {
    let mut regions = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        match (c, open) {
            ('"', None) | ('\u{201C}', None) => open = Some((at + c.len_utf8(), c)),
            ('"', Some((start, '"'))) | ('\u{201D}', Some((start, '\u{201C}'))) => {
                if at - start <= MAX_QUOTE_BYTES {
                    regions.push(TextSpan::new(start..at));
                }
                open = None;
            }
            // A blank line ends any quotation left open.
            ('\n', Some(_))
                if bytes.get(at + 1) == Some(&b'\n') || text[at + 1..].starts_with("\r\n") =>
            {
                open = None;
            }
            _ => {}
        }
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_and_curly_quotes_pair_up() {
        let text = "He said \"no way\" and “not today”.";
        let regions: Vec<&str> = quoted_regions(text)
            .into_iter()
            .map(|r| &text[r.range()])
            .collect();
        assert_eq!(regions, ["no way", "not today"]);
    }

    #[test]
    fn an_unbalanced_quote_silences_nothing_past_its_paragraph() {
        let text = "A stray \" mark.\n\nThis is unacceptable.";
        assert!(quoted_regions(text).is_empty());
    }
}
