//! Lines decoded text up with the bytes it was decoded from.
//!
//! Decoders (quoted-printable, charsets, HTML character references, CRLF normalisation) leave
//! most bytes alone and change a few here and there. Walking both sides in step and skipping
//! over each changed spot recovers exact positions for everything that was not changed, so a
//! finding in a quoted-printable email still points at its own line instead of at the start of
//! the body.

use crate::map::Segment;

/// How many bytes both sides must agree on after a changed spot before we trust that we are in
/// step again. Short, because HTML puts character references only a word apart (`Tom &amp;
/// Jerry&nbsp;&mdash;`); a chance agreement costs little, since exact segments only ever cover
/// bytes that really are equal.
const RESYNC_AGREEMENT: usize = 4;
/// The most input bytes one changed spot may span: a character reference such as
/// `&CounterClockwiseContourIntegral;` is 33, a soft line break plus escapes a few more.
const MAX_SOURCE_SKIP: usize = 64;
/// The most decoded bytes one changed spot may produce.
const MAX_DECODED_SKIP: usize = 16;

/// Segments from `decoded` to `source`, where `source` starts at byte `base` of the input.
///
/// The segments cover `decoded` without gaps. Where `decoded` repeats `source` byte for byte
/// they are exact; each changed spot becomes a decoded segment over the bytes it came from.
/// When the two cannot be brought back in step (base64, a multi-byte charset), the rest of
/// `decoded` becomes one decoded segment over the rest of `source`.
pub(crate) fn align(decoded: &str, source: &[u8], base: usize) -> Vec<Segment> {
    let text = decoded.as_bytes();
    let mut segments = Vec::new();
    if text == source {
        if !text.is_empty() {
            segments.push(Segment {
                text: 0..text.len(),
                original: base..base + source.len(),
                exact: true,
            });
        }
        return segments;
    }
    let (mut i, mut j) = (0, 0);
    while j < text.len() {
        let (run_i, run_j) = (i, j);
        while i < source.len() && j < text.len() && source[i] == text[j] {
            i += 1;
            j += 1;
        }
        // Agreement can end inside a character whose first bytes match; that character was
        // changed, so it belongs to the decoded spot.
        while !decoded.is_char_boundary(j) {
            i -= 1;
            j -= 1;
        }
        if j > run_j {
            push(&mut segments, run_j..j, base + run_i..base + i, true);
        }
        if j == text.len() {
            break;
        }
        match resync(source, i, text, decoded, j) {
            Some((next_i, next_j)) => {
                push(&mut segments, j..next_j, base + i..base + next_i, false);
                i = next_i;
                j = next_j;
            }
            None => {
                push(
                    &mut segments,
                    j..text.len(),
                    base + i..base + source.len(),
                    false,
                );
                break;
            }
        }
    }
    segments
}

fn push(
    segments: &mut Vec<Segment>,
    text: std::ops::Range<usize>,
    original: std::ops::Range<usize>,
    exact: bool,
) {
    // A skipped spot that produced no text (a soft line break) needs no segment.
    if !text.is_empty() {
        segments.push(Segment {
            text,
            original,
            exact,
        });
    }
}

/// The nearest pair of positions past a changed spot from which `source` and `text` agree
/// again, trying small skips first.
fn resync(source: &[u8], i: usize, text: &[u8], decoded: &str, j: usize) -> Option<(usize, usize)> {
    let source_left = source.len() - i;
    let text_left = text.len() - j;
    for total in 1..=MAX_SOURCE_SKIP + MAX_DECODED_SKIP {
        let skip_text_max = total.min(MAX_DECODED_SKIP).min(text_left);
        for skip_text in 0..=skip_text_max {
            let skip_source = total - skip_text;
            if skip_source > MAX_SOURCE_SKIP || skip_source > source_left {
                continue;
            }
            let (si, tj) = (i + skip_source, j + skip_text);
            if !decoded.is_char_boundary(tj) {
                continue;
            }
            let (s, t) = (&source[si..], &text[tj..]);
            if t.is_empty() {
                // The decoded text is used up: whatever source is left was the changed spot.
                return Some((source.len(), tj));
            }
            let want = RESYNC_AGREEMENT.min(t.len());
            let agrees = s.len() >= want && s[..want] == t[..want];
            // Near the end of the text fewer bytes are left to agree on; accept that only when
            // the source ends at the same point, so a short tail cannot match by chance.
            let enough = want == RESYNC_AGREEMENT || s.len() == t.len();
            if agrees && enough {
                return Some((si, tj));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: std::ops::Range<usize>, original: std::ops::Range<usize>, exact: bool) -> Segment {
        Segment {
            text,
            original,
            exact,
        }
    }

    /// Every exact segment must repeat the source byte for byte.
    fn check(decoded: &str, source: &[u8], base: usize) -> Vec<Segment> {
        let segments = align(decoded, source, base);
        let mut cursor = 0;
        for s in &segments {
            assert_eq!(s.text.start, cursor, "segments cover the text without gaps");
            cursor = s.text.end;
            if s.exact {
                assert_eq!(
                    &decoded.as_bytes()[s.text.clone()],
                    &source[s.original.start - base..s.original.end - base]
                );
            }
        }
        assert_eq!(cursor, decoded.len());
        segments
    }

    #[test]
    fn identical_text_is_one_exact_segment() {
        assert_eq!(check("abc", b"abc", 5), vec![seg(0..3, 5..8, true)]);
        assert!(check("", b"", 0).is_empty());
    }

    #[test]
    fn quoted_printable_keeps_unchanged_stretches_exact() {
        let source =
            b"Please send the r=\r\neport by Friday, caf=C3=A9 time is over now.\r\nThanks";
        let decoded = "Please send the report by Friday, caf\u{e9} time is over now.\r\nThanks";
        let segments = check(decoded, source, 100);
        assert_eq!(segments[0], seg(0..17, 100..117, true));
        // "caf" is exact, "é" decoded from "=C3=A9", the rest exact again.
        let e = decoded.find('\u{e9}').unwrap();
        let at = segments.iter().find(|s| s.text.contains(&e)).unwrap();
        assert!(!at.exact);
        assert_eq!(at.text, e..e + 2);
        let now = decoded.find("now").unwrap();
        let at = segments.iter().find(|s| s.text.contains(&now)).unwrap();
        assert!(at.exact);
    }

    #[test]
    fn latin1_and_entities() {
        let segments = check(
            "na\u{ef}ve approach here, fine",
            b"na\xefve approach here, fine",
            0,
        );
        assert_eq!(segments[1], seg(2..4, 2..3, false));
        let segments = check(
            "Tom & Jerry < Spike and friends",
            b"Tom &amp; Jerry &lt; Spike and friends",
            0,
        );
        assert!(segments.iter().filter(|s| s.exact).count() >= 2);
    }

    #[test]
    fn unrelated_bytes_become_one_decoded_segment() {
        let segments = check(
            "Hello there, how are you?",
            b"SGVsbG8gdGhlcmUsIGhvdyBhcmUgeW91Pw==",
            7,
        );
        assert_eq!(segments, vec![seg(0..25, 7..43, false)]);
    }

    #[test]
    fn crlf_normalised_to_lf() {
        let segments = check(
            "one line\ntwo lines here\n",
            b"one line\r\ntwo lines here\r\n",
            0,
        );
        assert!(segments[0].exact);
        assert_eq!(segments[0].text, 0..8);
        assert!(segments.iter().any(|s| s.exact && s.text.contains(&9)));
    }
}
