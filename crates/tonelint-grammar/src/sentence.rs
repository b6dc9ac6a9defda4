//! Sentences: Unicode sentence boundaries (UAX #29, from `unicode-segmentation`), adjusted for
//! the way clinical and business mail is written.
//!
//! - A single line break inside a paragraph is hard wrapping, not the end of a sentence; a blank
//!   line is. A line that starts a list item (`-`, `*`, `•`, `1.`, `2)`) starts a sentence, and so
//!   does the line after one that ends with `:`.
//! - A full stop after a title or common abbreviation (Dr., Mr., Ms., e.g., approx., No.) does not
//!   end the sentence; after "a.m." or "p.m." it does only when a capital letter follows.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations whose full stop never ends a sentence (folded, without the final stop).
const ALWAYS_JOINED: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "st", "sr", "jr", "prof", "e.g", "i.e", "eg", "ie", "approx",
    "no", "nos", "vs", "v", "dept", "ext", "fig", "incl", "re", "attn", "cf", "ref", "pt", "pts",
    "hx", "dx", "tx", "rx", "sx",
];

/// Abbreviations whose full stop ends a sentence only before a capital letter.
const JOINED_BEFORE_LOWER: &[&str] = &[
    "a.m", "p.m", "am", "pm", "etc", "min", "hr", "hrs", "wk", "mo",
];

/// The capitalised words that go on a time rather than start a sentence: "by 3 p.m. Friday",
/// "at 9 a.m. ET".
const AFTER_A_TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "utc",
    "gmt",
];

/// Splits `text` into sentence byte ranges, using `scratch` for a copy of the text. Every byte of
/// `text` lies in exactly one range; ranges are in order.
pub fn split(text: &str, scratch: &mut String, out: &mut Vec<Range<usize>>) {
    out.clear();
    if text.is_empty() {
        return;
    }
    // The copy has the same byte offsets: wrapped line breaks become spaces; line breaks that do
    // end a sentence become a paragraph separator the segmenter always breaks after.
    scratch.clear();
    scratch.push_str(text);
    let bytes = text.as_bytes();
    let mut replaced: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let after = &text[i + 1..];
            let blank = after
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n')
                || text[..i]
                    .trim_end_matches([' ', '\t', '\r'])
                    .ends_with('\n')
                || i == 0;
            let before = text[..i].trim_end_matches([' ', '\t', '\r']);
            let list_item = starts_list_item(after.trim_start_matches([' ', '\t']));
            let ends_line = blank
                || list_item
                || before.ends_with(':')
                || before.ends_with(',') && is_short_line(before);
            if !ends_line {
                replaced.push((i, b' '));
                if i > 0 && bytes[i - 1] == b'\r' {
                    replaced.push((i - 1, b' '));
                }
            }
        }
        i += 1;
    }
    if !replaced.is_empty() {
        // Only ASCII bytes are swapped for ASCII bytes, so the copy stays valid UTF-8.
        let mut copy = std::mem::take(scratch).into_bytes();
        for (at, b) in replaced {
            copy[at] = b;
        }
        *scratch = String::from_utf8(copy).unwrap_or_else(|_| text.to_string());
    }
    let mut pending: Option<Range<usize>> = None;
    for_each_segment(scratch, |start, piece| {
        let range = start..start + piece.len();
        let merged = match pending.take() {
            // White space between sentences belongs to the one before.
            Some(prev) if piece.trim().is_empty() => prev.start..range.end,
            Some(prev) if joins_next(&scratch[prev.clone()], piece) => prev.start..range.end,
            Some(prev) => {
                out.push(prev);
                range
            }
            None => range,
        };
        pending = Some(merged);
    });
    if let Some(last) = pending {
        out.push(last);
    }
}

/// Calls `f` with each UAX #29 sentence of `text` (its byte offset and text), as
/// `unicode-segmentation` finds them, without running the segmenter over plain prose.
///
/// Why: the segmenter looks up every character's sentence-break category, which cost more than
/// all the grammar's matching on ordinary mail. In ASCII text, a stop (`.`, `!`, `?`) followed by
/// spaces and a capital letter always ends a sentence before the capital (rules SB8 to SB11 all
/// see the capital: SB8 needs a lower-case letter first, SB8a a continuation or a stop, SB7 no
/// space), a line feed always ends one (SB4), and no rule looks across such a break. So the text
/// is cut there first, and a piece that
/// holds no stop or line break before its own final stops and spaces is one sentence as it
/// stands; any other piece goes through the segmenter. `segments_agree_with_the_segmenter` checks
/// the two ways give the same sentences.
fn for_each_segment(text: &str, mut f: impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let mut piece_start = 0;
    let mut emit = |from: usize, to: usize| {
        let piece = &text[from..to];
        if is_one_sentence(piece.as_bytes()) {
            f(from, piece);
        } else {
            for (start, sentence) in piece.split_sentence_bound_indices() {
                f(from + start, sentence);
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // A line feed always ends a sentence (SB4).
            emit(piece_start, i + 1);
            piece_start = i + 1;
            i += 1;
        } else if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let stops_end = j;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j > stops_end && j < bytes.len() && bytes[j].is_ascii_uppercase() {
                emit(piece_start, j);
                piece_start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if piece_start < bytes.len() {
        emit(piece_start, bytes.len());
    }
}

/// Whether a piece of text is plain ASCII with no sentence stop or line break except a final run
/// of stops, spaces and one line break: one sentence for the segmenter.
fn is_one_sentence(piece: &[u8]) -> bool {
    let mut end = piece.len();
    if end > 0 && piece[end - 1] == b'\n' {
        end -= 1;
        if end > 0 && piece[end - 1] == b'\r' {
            end -= 1;
        }
    }
    while end > 0 && matches!(piece[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    while end > 0 && matches!(piece[end - 1], b'.' | b'!' | b'?') {
        end -= 1;
    }
    piece[..end].iter().all(|&b| {
        b.is_ascii() && !matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n' | 0x0b | 0x0c | 0x85)
    })
}

/// A greeting line such as "Hi Maria," ends its own sentence.
fn is_short_line(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.split_whitespace().count() <= 4
}

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '·') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with('.') || rest.starts_with(')'))
                && rest[1..].starts_with(char::is_whitespace)
        }
        _ => false,
    }
}

/// Whether a sentence ending in `prev` really goes on into `next` (the stop was an abbreviation's).
fn joins_next(prev: &str, next: &str) -> bool {
    let trimmed = prev.trim_end();
    if prev[trimmed.len()..].contains('\n') {
        // A line break left in the copy is a real one (see `split`).
        return false;
    }
    let Some(body) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word: String = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if last_word.chars().count() == 1 && last_word.chars().all(char::is_alphabetic) {
        // An initial: "J. Smith".
        return next.trim_start().starts_with(char::is_uppercase);
    }
    if ALWAYS_JOINED.contains(&last_word.as_str()) {
        return true;
    }
    if JOINED_BEFORE_LOWER.contains(&last_word.as_str()) {
        let next = next.trim_start();
        // "am" and "pm" are times only after a number ("I am. Monday works." is two sentences).
        let after_number = || {
            body[..body.len() - last_word.len().min(body.len())]
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
        };
        let is_time = match last_word.as_str() {
            "a.m" | "p.m" => true,
            "am" | "pm" => after_number(),
            _ => false,
        };
        if is_time {
            let word: String = next
                .chars()
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            if AFTER_A_TIME.contains(&word.as_str()) {
                return true;
            }
        }
        return !next.starts_with(char::is_uppercase);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn segments_agree_with_the_segmenter(
            text in proptest::collection::vec(
                prop_oneof![
                    Just("."), Just("!"), Just("?"), Just(" "), Just("  "), Just("\n"), Just("\r\n"),
                    Just("A"), Just("Dr"), Just("b"), Just("word"), Just("7"), Just(","), Just(":"),
                    Just("\""), Just(")"), Just("é"), Just("É"), Just("…"), Just("。"), Just("\u{2029}"),
                    Just("\t"), Just("\u{301}"), Just("-"), Just("'"), Just("U.S."),
                ],
                0..40,
            ).prop_map(|parts| parts.concat())
        ) {
            let mut ours = Vec::new();
            for_each_segment(&text, |start, piece| ours.push((start, piece.to_string())));
            let theirs: Vec<(usize, String)> = text
                .split_sentence_bound_indices()
                .map(|(start, piece)| (start, piece.to_string()))
                .collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let mut scratch = String::new();
        let mut out = Vec::new();
        split(text, &mut scratch, &mut out);
        let total: usize = out.iter().map(|r| r.len()).sum();
        assert_eq!(total, text.len(), "sentences cover the text");
        out.into_iter().map(|r| text[r].trim()).collect()
    }

    #[test]
    fn titles_and_abbreviations_do_not_end_a_sentence() {
        assert_eq!(
            sentences(
                "Dr. Hale, the orders e.g. the PT eval are due. Call Ms. Ruiz at 5 p.m. today. Thanks."
            ),
            [
                "Dr. Hale, the orders e.g. the PT eval are due.",
                "Call Ms. Ruiz at 5 p.m. today.",
                "Thanks."
            ]
        );
        assert_eq!(
            sentences("We meet at 9 a.m. Bring the chart."),
            ["We meet at 9 a.m.", "Bring the chart."]
        );
        assert_eq!(
            sentences("Complete it by 3 p.m. Friday so the team can start. Call at 9 a.m. ET."),
            [
                "Complete it by 3 p.m. Friday so the team can start.",
                "Call at 9 a.m. ET."
            ]
        );
        assert_eq!(
            sentences("Yes, I am. Monday works. Sign by 5 pm. Thanks."),
            ["Yes, I am.", "Monday works.", "Sign by 5 pm.", "Thanks."]
        );
    }

    #[test]
    fn wrapped_lines_join_and_blank_lines_and_list_items_split() {
        assert_eq!(
            sentences("This delay is\nunacceptable. I need\r\nyou now\n\nSecond paragraph"),
            [
                "This delay is\nunacceptable.",
                "I need\r\nyou now",
                "Second paragraph"
            ]
        );
        assert_eq!(
            sentences("Before noon:\n- sign the orders\n- send the records\n2) call me"),
            [
                "Before noon:",
                "- sign the orders",
                "- send the records",
                "2) call me"
            ]
        );
        assert_eq!(
            sentences("Hi Maria,\nsend it today"),
            ["Hi Maria,", "send it today"]
        );
    }
}
