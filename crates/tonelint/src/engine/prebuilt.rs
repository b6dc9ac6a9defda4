//! The built-in patterns' DFAs, compiled by the build script (`tonelint_lexicon::pattern_dfa`)
//! and read where the binary holds them: searching a built-in pattern compiles no regex. Where
//! the DFAs cannot answer exactly as the regex crate would, they say so and the pattern falls
//! back to a compiled regex (`patterns.rs`).

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::dfa::Automaton;
use regex_automata::dfa::dense::DFA;
use regex_automata::util::iter::Searcher;
use regex_automata::util::start;
use regex_automata::{Anchored, Input, Match, MatchError, PatternID};
use tonelint_lexicon::builtin::{DfaAt, DfaRow};
use tonelint_lexicon::pattern_dfa::MAX_ANCHORED_LEN;

/// Bytes placed where `dense::DFA::from_bytes` can read them: at an 8-byte boundary.
#[repr(C)]
pub(crate) struct Aligned<B: ?Sized> {
    pub(crate) _align: [u64; 0],
    pub(crate) bytes: B,
}

type Dense = DFA<&'static [u32]>;

/// One built-in pattern's DFAs. Each is checked (`from_bytes` reads it whole) only when a search
/// first needs it: the forward DFA for any search, the others once it has found a match.
pub(crate) struct Prebuilt {
    row: DfaRow,
    blob: &'static [u8],
    forward: OnceLock<Option<Dense>>,
    reverse: OnceLock<Option<Dense>>,
    /// Where `P` ends, where `P S` ends, where `S Q` starts and where `Q` starts, for a pattern
    /// `P (?P<span>S) Q`.
    span: OnceLock<Option<[Dense; 4]>>,
}

/// What a search returns when a DFA it needs will not load: the caller then leaves the window to
/// the regex crate.
fn unusable() -> MatchError {
    MatchError::quit(0, 0)
}

impl Prebuilt {
    pub(crate) fn new(row: DfaRow, blob: &'static [u8]) -> Prebuilt {
        Prebuilt {
            row,
            blob,
            forward: OnceLock::new(),
            reverse: OnceLock::new(),
            span: OnceLock::new(),
        }
    }

    /// Adds to `out` the flagged span of every match in `window` of `chunk`, in order: the `span`
    /// group's when the pattern has one and it is not empty, else the whole match. Returns
    /// `false`, with `out` as it was, where the DFAs cannot tell what the regex crate would: a
    /// non-ASCII word character near a pattern whose `\b` they read as ASCII, a match in which
    /// the group could stand in more than one place, or DFAs that do not load (another byte
    /// order).
    pub(crate) fn find(
        &self,
        chunk: &str,
        window: Range<usize>,
        out: &mut Vec<Range<usize>>,
    ) -> bool {
        if self.row.ascii_words && !ascii_words_agree(chunk, &window) {
            return false;
        }
        let kept = out.len();
        let haystack = chunk.as_bytes();
        let mut searcher = Searcher::new(Input::new(chunk).range(window));
        loop {
            let m = match searcher.try_advance(|input| self.next(input)) {
                Ok(Some(m)) => m,
                Ok(None) => return true,
                Err(_) => break,
            };
            if !self.row.span_group {
                out.push(m.range());
                continue;
            }
            let split = self.span.get_or_init(|| self.load_span());
            match split
                .as_ref()
                .and_then(|split| group(split, haystack, m.range()))
            {
                Some(group) if group.is_empty() => {}
                Some(group) => out.push(group),
                None => break,
            }
        }
        out.truncate(kept);
        false
    }

    /// The leftmost-first match in `input`, as `regex_automata::dfa::regex::Regex::try_search`
    /// finds it with an unanchored forward DFA and a reverse one, or by trying the anchored
    /// forward DFA at each position in turn.
    fn next(&self, input: &Input<'_>) -> Result<Option<Match>, MatchError> {
        let forward = self.forward.get_or_init(|| self.load(self.row.forward));
        let forward = forward.as_ref().ok_or_else(unusable)?;
        let Some(reverse_at) = self.row.reverse else {
            for start in input.start()..=input.end() {
                if let Some(end) = anchored_end(forward, input, start)? {
                    return Ok(Some(Match::new(PatternID::ZERO, start..end)));
                }
            }
            return Ok(None);
        };
        let Some(end) = forward.try_search_fwd(input)? else {
            return Ok(None);
        };
        if input.start() == end.offset() || forward.is_always_start_anchored() {
            return Ok(Some(Match::new(end.pattern(), input.start()..end.offset())));
        }
        let reverse = self.reverse.get_or_init(|| self.load(reverse_at));
        let reverse = reverse.as_ref().ok_or_else(unusable)?;
        let back = input
            .clone()
            .span(input.start()..end.offset())
            .anchored(Anchored::Yes)
            .earliest(false);
        let start = reverse.try_search_rev(&back)?.ok_or_else(unusable)?;
        Ok(Some(Match::new(
            end.pattern(),
            start.offset()..end.offset(),
        )))
    }

    fn load(&self, (start, len): DfaAt) -> Option<Dense> {
        let bytes = self.blob.get(start as usize..(start + len) as usize)?;
        DFA::from_bytes(bytes).ok().map(|(dfa, _)| dfa)
    }

    fn load_span(&self) -> Option<[Dense; 4]> {
        let [p, ps, sq, q] = self.row.span?;
        Some([self.load(p)?, self.load(ps)?, self.load(sq)?, self.load(q)?])
    }
}

/// Where the leftmost-first match of the anchored DFA `dfa` that starts at `start` ends, reading
/// no further than `input` ends, as `Automaton::try_search_fwd` finds it; an error when the DFA
/// is still alive [`MAX_ANCHORED_LEN`] bytes on, so that no try reads further than that.
fn anchored_end(dfa: &Dense, input: &Input<'_>, start: usize) -> Result<Option<usize>, MatchError> {
    let haystack = input.haystack();
    let config = start::Config::new()
        .anchored(Anchored::Yes)
        .look_behind(start.checked_sub(1).map(|at| haystack[at]));
    let mut state = dfa.start_state(&config).map_err(|_| unusable())?;
    let mut end = None;
    // Matches show one byte late: the state after byte `at` says whether a match ended at `at`.
    for (at, &byte) in haystack[..input.end()].iter().enumerate().skip(start) {
        if at - start > MAX_ANCHORED_LEN {
            return Err(unusable());
        }
        state = dfa.next_state(state, byte);
        if dfa.is_special_state(state) {
            if dfa.is_match_state(state) {
                end = Some(at);
            } else if dfa.is_dead_state(state) {
                return Ok(end);
            } else if dfa.is_quit_state(state) {
                return Err(unusable());
            }
        }
    }
    state = match haystack.get(input.end()) {
        Some(&b) => dfa.next_state(state, b),
        None => dfa.next_eoi_state(state),
    };
    if dfa.is_match_state(state) {
        end = Some(input.end());
    }
    Ok(end)
}

/// Whether a Unicode `\b` and an ASCII one agree everywhere a search of `window` looks: every
/// non-ASCII character from the one before the window to the one after it is not a word
/// character, so both kinds of boundary see the same word edges.
fn ascii_words_agree(chunk: &str, window: &Range<usize>) -> bool {
    let before = chunk
        .get(..window.start)
        .and_then(|b| b.char_indices().next_back())
        .map_or(window.start, |(at, _)| at);
    let after = chunk
        .get(window.end..)
        .and_then(|a| a.chars().next())
        .map_or(window.end, |c| window.end + c.len_utf8());
    chunk.get(before..after).is_some_and(|seen| {
        seen.is_ascii()
            || seen
                .chars()
                .all(|c| c.is_ascii() || !regex_syntax::try_is_word_character(c).unwrap_or(true))
    })
}

/// The `span` group of the match `m`: the one place where `P` can end and `S Q` start, to the
/// one place where `P S` can end and `Q` start. Any engine reports that group, since the match
/// parses no other way; `None` when there is more than one such place.
fn group(split: &[Dense; 4], haystack: &[u8], m: Range<usize>) -> Option<Range<usize>> {
    let [p, ps, sq, q] = split;
    let start = only_common(&ends(p, haystack, &m)?, &starts(sq, haystack, &m)?)?;
    let end = only_common(&ends(ps, haystack, &m)?, &starts(q, haystack, &m)?)?;
    (start <= end).then_some(start..end)
}

/// The one position in both lists (ascending and descending), or `None` when there is not
/// exactly one.
fn only_common(ascending: &[usize], descending: &[usize]) -> Option<usize> {
    let mut common = ascending
        .iter()
        .filter(|&&at| descending.binary_search_by(|d| at.cmp(d)).is_ok());
    let first = *common.next()?;
    common.next().is_none().then_some(first)
}

/// Every position in `m` where a match of the anchored forward DFA `dfa` started at `m.start`
/// can end, ascending; `None` if the DFA gives up.
fn ends(dfa: &Dense, haystack: &[u8], m: &Range<usize>) -> Option<Vec<usize>> {
    let look_behind = m.start.checked_sub(1).map(|at| haystack[at]);
    // Matches show one byte late: the state after byte `at` says whether a match ended at `at`.
    walk(dfa, look_behind, m.start..=m.end, |at| {
        haystack.get(at).copied()
    })
}

/// Every position in `m` where a match of the anchored reverse DFA `dfa` read back from `m.end`
/// can start, descending; `None` if the DFA gives up.
fn starts(dfa: &Dense, haystack: &[u8], m: &Range<usize>) -> Option<Vec<usize>> {
    let look_behind = haystack.get(m.end).copied();
    walk(dfa, look_behind, (m.start..=m.end).rev(), |at| {
        at.checked_sub(1).map(|before| haystack[before])
    })
}

/// Runs the anchored `dfa` over `positions`, feeding it `byte_at(position)` (the end of input
/// where that is `None`), and collects the positions after which it is in a match state, until
/// it dies; `None` if it quits.
fn walk(
    dfa: &Dense,
    look_behind: Option<u8>,
    positions: impl Iterator<Item = usize>,
    byte_at: impl Fn(usize) -> Option<u8>,
) -> Option<Vec<usize>> {
    let config = start::Config::new()
        .anchored(Anchored::Yes)
        .look_behind(look_behind);
    let mut state = dfa.start_state(&config).ok()?;
    let mut out = Vec::new();
    for at in positions {
        state = match byte_at(at) {
            Some(b) => dfa.next_state(state, b),
            None => dfa.next_eoi_state(state),
        };
        if dfa.is_match_state(state) {
            out.push(at);
        } else if dfa.is_dead_state(state) {
            break;
        } else if dfa.is_quit_state(state) {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonelint_lexicon::builtin::place_dfas;
    use tonelint_lexicon::pattern_dfa;

    /// What the regex crate flags for `pattern` in `text`: the `span` group or the match.
    fn by_regex(pattern: &str, text: &str) -> Vec<Range<usize>> {
        let regex = regex_automata::meta::Regex::new(pattern).unwrap();
        let span = regex
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, "span")
            .is_some();
        regex
            .captures_iter(text)
            .filter_map(|caps| {
                if span {
                    caps.get_group_by_name("span")
                        .map(|m| m.range())
                        .filter(|r| !r.is_empty())
                } else {
                    caps.get_match().map(|m| m.range())
                }
            })
            .collect()
    }

    fn prebuilt(pattern: &str) -> Prebuilt {
        let dfas = pattern_dfa::compile(pattern).unwrap();
        let mut blob = Vec::new();
        let row = place_dfas(&mut blob, &dfas);
        // The blob must start aligned, as the embedded one does.
        let room: &'static mut [u8] = Box::leak(vec![0u8; blob.len() + 8].into_boxed_slice());
        let offset = room.as_ptr().align_offset(8);
        let aligned = &mut room[offset..offset + blob.len()];
        aligned.copy_from_slice(&blob);
        let blob: &'static [u8] = aligned;
        Prebuilt::new(row, blob)
    }

    fn by_dfas(p: &Prebuilt, text: &str) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        p.find(text, 0..text.len(), &mut out).then_some(out)
    }

    #[test]
    fn dfas_find_what_the_regex_crate_finds() {
        let cases = [
            (
                r"(?i)\b(?P<span>whatever you say)[ \t]*[.!]",
                "Fine, WHATEVER you say! whatever you say.",
            ),
            (
                r"(?i)[.!,;][ \t]+(?P<span>period)[ \t]*[.!]",
                "No. Period. That is it; period!",
            ),
            (r"!{2,}", "a!! b!!!! c!"),
            (r"(?im)\A\s*(?:hi|hello)\b", "  hello there, hi"),
            (
                r"(?i)(?:\A|[.!?:]\s+)(?P<span>whatever)[ \t]*[.!]",
                "whatever. ok! whatever! no whatever.",
            ),
            (
                r"(?i)\bby (?:tomorrow|tonight|noon)\b",
                "Send it by noon, or by tonight’s call.",
            ),
            (
                r"(?i)\bwill (?:reduce|cut)\b[^.!?\n]{0,60}?\bby\b",
                "It will cut costs by half. We will reduce it by 5 by Friday. Will cut nothing.",
            ),
        ];
        for (pattern, text) in cases {
            let p = prebuilt(pattern);
            assert_eq!(
                by_dfas(&p, text),
                Some(by_regex(pattern, text)),
                "{pattern} on {text}"
            );
        }
    }

    /// A non-ASCII letter beside a `\b` is left to the regex crate; curly quotes are not.
    #[test]
    fn non_ascii_word_characters_fall_back() {
        let p = prebuilt(r"(?i)\bby (?:tomorrow|noon)\b");
        let by_noon: Range<usize> = 0..7;
        assert_eq!(by_dfas(&p, "by noon’s end"), Some(vec![by_noon]));
        assert_eq!(by_dfas(&p, "by nooné"), None);
    }

    /// An anchored try that would read past `MAX_ANCHORED_LEN` leaves the window to the regex
    /// crate, so no window costs more than that per byte.
    #[test]
    fn long_anchored_tries_fall_back() {
        let pattern =
            r"(?i)(?:\A\s*|\n[ \t]*\n\s*)(?P<span>(?:call|send)\b[^.!?0-9]{0,50}?\bright now\b)";
        let p = prebuilt(pattern);
        assert!(p.row.reverse.is_none());
        let short = "Hi.\n\n  Call him right now.";
        assert_eq!(by_dfas(&p, short), Some(by_regex(pattern, short)));
        assert_eq!(by_regex(pattern, short).len(), 1);
        let long = format!(
            "Hi.\n\n{}Call him right now.",
            " ".repeat(2 * MAX_ANCHORED_LEN)
        );
        assert_eq!(by_dfas(&p, &long), None);
    }

    /// A group that could start in two places in one match is left to the regex crate.
    #[test]
    fn ambiguous_groups_fall_back() {
        let pattern = r"a*(?P<span>a*)b";
        let p = prebuilt(pattern);
        assert_eq!(by_dfas(&p, "aab"), None);
        assert_eq!(by_dfas(&p, "b"), Some(by_regex(pattern, "b")));
    }
}
