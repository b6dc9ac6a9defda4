//! Blanks the attributes of every tag before the HTML tokenizer sees the document.
//!
//! html5gum 0.9 (the latest release) moves between its attribute states by direct calls, so a
//! tag with thousands of double-quoted attributes (`<p a="b" a="b" ...>`) nests one set of stack
//! frames per attribute and overflows the stack: the process aborts and every other file's
//! output is lost. tonelint never reads attributes, so the tokenizer is given a copy of the
//! document in which everything between a tag's name and its closing `>` is spaces. The copy
//! has the same length and the same bytes everywhere else, so the spans the tokenizer reports
//! are spans of the original; a tag of spaces goes through no attribute state at all.
//!
//! Finding the tags needs the tokenizer's own idea of where markup is: the states below follow
//! the WHATWG tokenizer for tags, comments, markup declarations and the elements whose content
//! is not markup (`<script>`, `<style>`, `<title>`, ...), with the same naive state switch that
//! html5gum's `naively_switch_states` makes. The scan is one pass with no recursion.

use std::ops::Range;

/// Elements after whose start tag the text up to the matching end tag is not markup (as in
/// html5gum's `naive_next_state`).
fn raw_content(name: &[u8]) -> Option<Raw> {
    match name {
        b"script" => Some(Raw::Script),
        b"textarea" | b"title" | b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframe"
        | b"noscript" => Some(Raw::UntilEndTag),
        b"plaintext" => Some(Raw::ToTheEnd),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// Text up to `</name` (RCDATA and RAWTEXT: they differ only in references, not in where
    /// they end).
    UntilEndTag,
    /// Script data, with its `<!--` escapes.
    Script,
    /// Everything to the end of the document.
    ToTheEnd,
}

/// Whether `b` ends a tag name (the tokenizer's white space, `/` and `>`).
fn ends_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
}

/// A copy of `source` with each tag's attributes replaced by spaces, or `None` when no tag has
/// any (nothing to blank).
pub(crate) fn blank_attributes(source: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let mut blanks: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr(b'<', bytes, at) {
        at = lt + 1;
        match bytes.get(at) {
            Some(b) if b.is_ascii_alphabetic() => {
                let tag = read_tag(bytes, at);
                if tag.attributes.start < tag.attributes.end {
                    blanks.push((tag.attributes.start, tag.attributes.end));
                }
                at = tag.end;
                let name = bytes[tag.name.clone()].to_ascii_lowercase();
                match raw_content(&name) {
                    Some(Raw::ToTheEnd) => break,
                    Some(raw) => at = skip_raw(bytes, at, &name, raw, &mut blanks),
                    None => {}
                }
            }
            Some(b'/') => match bytes.get(at + 1) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let tag = read_tag(bytes, at + 1);
                    if tag.attributes.start < tag.attributes.end {
                        blanks.push((tag.attributes.start, tag.attributes.end));
                    }
                    at = tag.end;
                }
                // `</>` is dropped, `</` at the end is text, anything else a bogus comment.
                Some(b'>') => at += 2,
                Some(_) => at = past(b'>', bytes, at),
                None => break,
            },
            Some(b'!') if bytes[at..].starts_with(b"!--") => at = skip_comment(bytes, at + 3),
            Some(b'!' | b'?') => at = past(b'>', bytes, at),
            _ => {}
        }
    }
    if blanks.is_empty() {
        return None;
    }
    let mut copy = bytes.to_vec();
    for (start, end) in blanks {
        copy[start..end].fill(b' ');
    }
    // Only whole runs of characters between ASCII delimiters were replaced, by ASCII.
    String::from_utf8(copy).ok()
}

/// One tag as the tokenizer reads it.
struct Tag {
    /// The name's bytes.
    name: Range<usize>,
    /// What follows the name up to (not including) the `>` that closes the tag.
    attributes: Range<usize>,
    /// Just past the closing `>` (or the end of the input, where the tokenizer drops the tag).
    end: usize,
}

/// The tokenizer's white space (a carriage return reads as a line feed).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Reads the tag whose name starts at `start`: the name, then attributes up to the `>` that is
/// not inside a quoted value. The states are the tokenizer's; a quote opens a value only after
/// `=`, elsewhere it is part of a name.
fn read_tag(bytes: &[u8], start: usize) -> Tag {
    #[derive(Clone, Copy)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted(u8),
        Unquoted,
        /// After `/`: `>` closes the tag, anything else is read again between attributes.
        SelfClosing,
    }
    let mut at = start;
    while at < bytes.len() && !ends_name(bytes[at]) {
        at += 1;
    }
    let name = start..at;
    let mut state = State::BeforeName;
    while at < bytes.len() {
        let b = bytes[at];
        state = match (state, b) {
            (State::Quoted(q), b) if b == q => State::BeforeName,
            (State::Quoted(q), _) => State::Quoted(q),
            (_, b'>') => {
                return Tag {
                    attributes: name.end..at,
                    name,
                    end: at + 1,
                };
            }
            (State::BeforeName | State::Name | State::AfterName, b'/') => State::SelfClosing,
            (State::BeforeName | State::SelfClosing, b) if is_space(b) => State::BeforeName,
            // `=` where a name should start is the first character of a name.
            (State::BeforeName | State::SelfClosing, _) => State::Name,
            (State::Name | State::AfterName, b'=') => State::BeforeValue,
            (State::Name | State::AfterName, b) if is_space(b) => State::AfterName,
            (State::Name | State::AfterName, _) => State::Name,
            (State::BeforeValue, b) if is_space(b) => State::BeforeValue,
            (State::BeforeValue, b'"' | b'\'') => State::Quoted(b),
            (State::BeforeValue | State::Unquoted, b) if !is_space(b) => State::Unquoted,
            (State::BeforeValue | State::Unquoted, _) => State::BeforeName,
        };
        at += 1;
    }
    Tag {
        attributes: name.end..bytes.len(),
        name,
        end: bytes.len(),
    }
}

/// The first `byte` at or after `from`.
fn memchr(byte: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|i| from + i)
}

/// Just past the first `byte` at or after `from`, or the end of the input.
fn past(byte: u8, bytes: &[u8], from: usize) -> usize {
    memchr(byte, bytes, from).map_or(bytes.len(), |i| i + 1)
}

/// Just past the comment whose text starts at `from` (after `<!--`): `-->` or `--!>` ends it,
/// and so do `>` and `->` right at its start.
fn skip_comment(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while let Some(dash) = memchr(b'-', bytes, at) {
        let after = &bytes[dash..];
        if after.starts_with(b"-->") {
            return dash + 3;
        }
        if after.starts_with(b"--!>") {
            return dash + 4;
        }
        at = dash + 1;
    }
    bytes.len()
}

/// Whether `bytes[at..]` starts `</name` followed by what ends a tag name (case-insensitive):
/// the end tag that closes a raw-content element.
fn is_end_tag(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(rest) = bytes.get(at..) else {
        return false;
    };
    rest.len() > 2 + name.len()
        && rest.starts_with(b"</")
        && rest[2..2 + name.len()].eq_ignore_ascii_case(name)
        && ends_name(rest[2 + name.len()])
}

/// Skips the content of a raw-content element opened just before `from`, and reads its end
/// tag. Returns where markup starts again.
fn skip_raw(
    bytes: &[u8],
    from: usize,
    name: &[u8],
    raw: Raw,
    blanks: &mut Vec<(usize, usize)>,
) -> usize {
    // Script data: `<!--` escapes it, and inside the escape `<script` starts a part where even
    // `</script` does not end the element, until the next `</script`; `-->` ends the escape.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Escape {
        None,
        Escaped,
        Double,
    }
    let mut escape = Escape::None;
    let mut at = from;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if raw == Raw::Script {
            if escape == Escape::None && rest.starts_with(b"<!--") {
                escape = Escape::Escaped;
                // `<!--` and `<!-->` open and close an escape at once; the dashes of the
                // opener also count as the closer's.
                at += 2;
                continue;
            }
            if escape != Escape::None && rest.starts_with(b"-->") {
                escape = Escape::None;
                at += 3;
                continue;
            }
            if escape == Escape::Escaped
                && rest.len() > 7
                && rest.starts_with(b"<")
                && rest[1..7].eq_ignore_ascii_case(b"script")
                && ends_name(rest[7])
            {
                escape = Escape::Double;
                at += 7;
                continue;
            }
            if escape == Escape::Double && is_end_tag(bytes, at, name) {
                escape = Escape::Escaped;
                at += 2 + name.len();
                continue;
            }
        }
        if escape != Escape::Double && is_end_tag(bytes, at, name) {
            let tag = read_tag(bytes, at + 2);
            if tag.attributes.start < tag.attributes.end {
                blanks.push((tag.attributes.start, tag.attributes.end));
            }
            return tag.end;
        }
        at += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(html: &str) -> String {
        blank_attributes(html).unwrap_or_else(|| html.to_string())
    }

    #[test]
    fn attributes_become_spaces_of_the_same_length() {
        let html = "<p class=\"a > b\" id=x title='it''s'>Hi</p >";
        let out = blank(html);
        let blanked = html.len() - "<p>Hi</p >".len();
        assert_eq!(out, format!("<p{}>Hi</p >", " ".repeat(blanked)));
    }

    #[test]
    fn quotes_open_values_only_after_equals() {
        // `"` in a name is part of it, so the first `>` closes the tag.
        assert_eq!(blank("<a \"x>y\">"), "<a   >y\">");
        assert_eq!(blank("<a b = \"x>y\">z"), "<a          >z");
        // After `/`, `=` starts a name, and the quote is part of it.
        assert_eq!(blank("<a /=\"x>y"), "<a     >y");
    }

    #[test]
    fn comments_and_declarations_are_left_alone() {
        let html = "<!-- <a title=\" --> text <b x=\"y\"> <!DOCTYPE html> <?php x ?> <!-->z";
        assert_eq!(
            blank(html),
            "<!-- <a title=\" --> text <b      > <!DOCTYPE html> <?php x ?> <!-->z"
        );
    }

    #[test]
    fn raw_content_is_not_markup() {
        let html = "<script>if (a<b && c>d) x(\"<p a='b'>\")</SCRIPT x=1><p c=d>t</p>";
        assert_eq!(
            blank(html),
            "<script>if (a<b && c>d) x(\"<p a='b'>\")</SCRIPT    ><p    >t</p>"
        );
        let html = "<script><!--<script>a</script>b--></script><i x>y</i>";
        assert_eq!(
            blank(html),
            "<script><!--<script>a</script>b--></script><i  >y</i>"
        );
        assert_eq!(blank("<title><b x>t</title>"), "<title><b x>t</title>");
        assert_eq!(blank("<plaintext><b x>"), "<plaintext><b x>");
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_blanked_to_the_end() {
        assert_eq!(blank("ok <p a=\"b"), "ok <p     ");
        assert_eq!(blank_attributes("plain text, no tags < here"), None);
    }
}
