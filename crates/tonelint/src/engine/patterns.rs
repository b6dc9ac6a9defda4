//! Lexicon `patterns`: regular expressions run on the original text, compiled on first use and
//! run only around their trigger words (see `tonelint_lexicon::trigger`).
//!
//! For each occurrence of a trigger word, two small DFAs (what the pattern can hold before the
//! word, read backwards, and what it can hold after it) tell how far a match around it can
//! reach, and whether one can exist at all. The regex then runs only in those windows. Every
//! match contains a trigger word and lies inside that word's window, and the search inside a
//! window sees the text around it for `\b`, `^` and `\A`, so it finds exactly the matches a
//! search of the whole chunk would.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::{Anchored, Input, MatchKind};
use tonelint_lexicon::pattern_dfa::SPAN_GROUP;

use super::ids::{EntryRef, IndexedVec, PatternIndex, SplitIndex};
use super::prebuilt::Prebuilt;
use super::scan::{ChunkHits, Hit};
use super::span::{Chunk, ChunkSpan};
use super::triggers::TriggerWord;
use crate::lexicon::spec::PATTERN_SIZE_LIMIT;

/// The most memory one window DFA may use for its states; when a scan needs more, its pattern
/// runs on the whole chunk instead.
const WINDOW_DFA_CACHE: usize = 1 << 20;

/// A window handles its first occurrences of a trigger word in chunks up to this size without
/// its DFAs: building them costs up to half a millisecond each, far more than running the regex
/// over a short paragraph, so a command checking one message builds none. A linter that keeps
/// meeting the word (an archive scan), or meets it in a long chunk, builds them once and from then
/// on skips most occurrences without running the regex.
const SMALL_CHUNK: usize = 4096;

/// How many occurrences in small chunks a window handles before it builds its DFAs.
const OCCURRENCES_BEFORE_DFAS: u32 = 32;

/// The most bytes one side's DFA reads from one occurrence. A side that is still alive there
/// reaches as far as it can match, or to the edge of the chunk, as when its DFA gives out. In
/// prose a side dies within a few words; without the limit a run such as `!!!!...` (where
/// `!{2,}` stays alive to the end) was read once per `!`, in time the square of its length.
const SCAN_LIMIT: usize = 256;

#[cfg(test)]
thread_local! {
    /// Bytes the window DFAs have read on this thread: the work that must grow linearly.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The pool of caches a lazy DFA builds its states in (one per thread at a time).
type Caches = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// A lazy DFA and its caches.
struct Lazy {
    dfa: DFA,
    caches: Caches,
}

impl Lazy {
    /// Builds the DFA of `source`, read backwards when `reverse`. Costs an NFA compile only: its
    /// states are built as scans reach them, so a pattern costs little until it is used.
    fn new(source: &str, reverse: bool) -> Option<Lazy> {
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    // Every way of matching, not just the preferred one: the window must reach
                    // as far as any match could.
                    .match_kind(MatchKind::All)
                    .cache_capacity(WINDOW_DFA_CACHE),
            )
            // Only how far a match reaches matters here, never its groups.
            .thompson(
                thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build(source)
            .ok()?;
        let for_cache = dfa.clone();
        let caches: Caches = Pool::new(Box::new(move || for_cache.create_cache()));
        Some(Lazy { dfa, caches })
    }

    /// Runs the DFA, anchored, over `bytes` until it dies. Returns how many bytes it read while
    /// alive, `Some(None)` when it never matched (nothing here can be part of a match), or
    /// `None` when its cache gave out or it read [`SCAN_LIMIT`] bytes still alive.
    fn scan<'a>(&self, bytes: impl Iterator<Item = &'a u8>) -> Option<Option<usize>> {
        let mut bytes = bytes.take(SCAN_LIMIT + 1);
        let mut cache = self.caches.get();
        let dfa = &self.dfa;
        let config = start::Config::new().anchored(Anchored::Yes);
        let mut state = dfa.start_state(&mut cache, &config).ok()?;
        let mut matched = false;
        let mut read = 0;
        for &b in bytes.by_ref() {
            #[cfg(test)]
            SCANNED.with(|n| n.set(n.get() + 1));
            if read == SCAN_LIMIT {
                return None;
            }
            state = dfa.next_state(&mut cache, state, b).ok()?;
            if state.is_tagged() {
                if state.is_dead() || state.is_quit() {
                    return Some(matched.then_some(read));
                }
                // Matches show one byte late: this one ended before `b`.
                matched |= state.is_match();
            }
            read += 1;
        }
        matched |= dfa.next_eoi_state(&mut cache, state).ok()?.is_match();
        Some(matched.then_some(read))
    }
}

/// One pattern of one lexicon entry.
pub(crate) struct Pattern {
    source: Cow<'static, str>,
    /// Where trigger words stand in the pattern; empty when the pattern has none, and then it
    /// runs on every chunk.
    splits: IndexedVec<SplitIndex, Window>,
    /// The DFAs the build script compiled, for a built-in pattern: searched first, so the
    /// regex is compiled only where they cannot answer.
    prebuilt: Option<Prebuilt>,
    compiled: OnceLock<Option<(meta::Regex, bool)>>,
}

/// What the pattern holds around one trigger word, as regex source, and the DFAs built from it.
pub(crate) struct Window {
    prefix: Cow<'static, str>,
    suffix: Cow<'static, str>,
    /// The most bytes each side can match, when bounded: how far it reaches when its DFA gives
    /// out.
    prefix_max: Option<usize>,
    suffix_max: Option<usize>,
    /// The DFAs of the two sides; `None` for one that could not be built, and then that side
    /// reaches as far as it can match, or to the edge of the chunk.
    dfas: OnceLock<(Option<Lazy>, Option<Lazy>)>,
    /// Occurrences handled without the DFAs, counted up to [`OCCURRENCES_BEFORE_DFAS`].
    seen: AtomicU32,
}

impl Window {
    /// A window from the regex sources of what comes before and after the word, and the most
    /// bytes each can match when that is bounded.
    pub(crate) fn new(
        prefix: Cow<'static, str>,
        suffix: Cow<'static, str>,
        prefix_max: Option<usize>,
        suffix_max: Option<usize>,
    ) -> Window {
        Window {
            prefix,
            suffix,
            prefix_max,
            suffix_max,
            dfas: OnceLock::new(),
            seen: AtomicU32::new(0),
        }
    }

    /// The span a match around the word at `word` can cover, or `None` when no match can
    /// contain it. Without the DFAs (not built yet, see [`SMALL_CHUNK`], or not buildable) each
    /// side reaches as far as it can match, or to the edge of the chunk. `covered` is the last
    /// window so far: a side that cannot widen it is not scanned.
    fn reach(
        &self,
        chunk: &[u8],
        word: Range<usize>,
        covered: Option<&Range<usize>>,
    ) -> Option<Range<usize>> {
        // Both sides get a DFA, even a bounded one: it also tells when no match can be here,
        // which spares running the regex around every occurrence of a common word.
        let dfas = match self.dfas.get() {
            Some(dfas) => Some(dfas),
            None if chunk.len() <= SMALL_CHUNK
                && self.seen.fetch_add(1, Ordering::Relaxed) < OCCURRENCES_BEFORE_DFAS =>
            {
                None
            }
            None => Some(self.dfas.get_or_init(|| {
                (
                    Lazy::new(&self.prefix, true),
                    Lazy::new(&self.suffix, false),
                )
            })),
        };
        let (before, after) = dfas.map_or((None, None), |(b, a)| (b.as_ref(), a.as_ref()));
        let whole = |max: Option<usize>, room: usize| max.unwrap_or(usize::MAX).min(room);
        // Once the last window reaches the end of the chunk, every later window merges into it
        // and none reaches further; once it also starts the chunk, a word inside it cannot widen
        // it either. A run of occurrences then costs one scan, not one per occurrence.
        let scan_after = covered.is_none_or(|c| c.end < chunk.len());
        let scan_before = covered.is_none_or(|c| c.start > 0 || word.start > c.end);
        let start = match before
            .filter(|_| scan_before)
            .map(|d| d.scan(chunk[..word.start].iter().rev()))
        {
            Some(Some(reach)) => reach?,
            _ => whole(self.prefix_max, word.start),
        };
        let end = match after
            .filter(|_| scan_after)
            .map(|d| d.scan(chunk[word.end..].iter()))
        {
            Some(Some(reach)) => reach?,
            _ => whole(self.suffix_max, chunk.len() - word.end),
        };
        // A bounded side may end inside a character: widen to whole characters.
        let mut from = word.start - start;
        while from > 0 && (chunk[from] & 0xC0) == 0x80 {
            from -= 1;
        }
        let mut to = word.end + end;
        while to < chunk.len() && (chunk[to] & 0xC0) == 0x80 {
            to += 1;
        }
        Some(from..to)
    }
}

impl Pattern {
    /// A pattern compiled when first needed, if its `prebuilt` DFAs cannot answer. Only for
    /// patterns known to compile (the built-in ones, checked by the build script).
    pub(crate) fn lazy(
        source: Cow<'static, str>,
        splits: Vec<Window>,
        prebuilt: Option<Prebuilt>,
    ) -> Pattern {
        Pattern {
            source,
            splits: splits.into(),
            prebuilt,
            compiled: OnceLock::new(),
        }
    }

    /// A pattern compiled now, so that an error surfaces when the linter is built.
    pub(crate) fn eager(source: Cow<'static, str>, splits: Vec<Window>) -> Result<Pattern, String> {
        let compiled = compile(&source, !splits.is_empty())?;
        Ok(Pattern {
            source,
            splits: splits.into(),
            prebuilt: None,
            compiled: OnceLock::from(Some(compiled)),
        })
    }

    /// Whether the pattern runs only around trigger words.
    pub(crate) fn gated(&self) -> bool {
        !self.splits.is_empty()
    }

    /// Calls `found` with the span of every match in `chunk` (the `span` group's, when the
    /// pattern has one), left to right. `words` are the trigger words seen in the chunk: the
    /// split each belongs to and its span, in order of position.
    pub(crate) fn find(
        &self,
        chunk: &str,
        words: &[(SplitIndex, ChunkSpan)],
        windows: &mut Vec<Range<usize>>,
        mut found: impl FnMut(ChunkSpan),
    ) {
        windows.clear();
        if self.gated() {
            for (split, word) in words {
                if let Some(reach) = self
                    .splits
                    .get(*split)
                    .and_then(|w| w.reach(chunk.as_bytes(), word.range(), windows.last()))
                {
                    match windows.last_mut() {
                        Some(last) if reach.start <= last.end => {
                            last.start = last.start.min(reach.start);
                            last.end = last.end.max(reach.end);
                        }
                        _ => windows.push(reach),
                    }
                }
            }
            if windows.is_empty() {
                return;
            }
            // Windows come in word order, but one may reach further back than the one before.
            windows.sort_by_key(|w| w.start);
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
            for w in windows.drain(..) {
                match merged.last_mut() {
                    Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                    _ => merged.push(w),
                }
            }
            *windows = merged;
        } else {
            windows.push(0..chunk.len());
        }
        let small = self.gated();
        let mut spans = Vec::new();
        for window in windows.iter() {
            if let Some(prebuilt) = &self.prebuilt
                && prebuilt.find(chunk, window.clone(), &mut spans)
            {
                for span in spans.drain(..) {
                    found(ChunkSpan::new(span));
                }
                continue;
            }
            let compiled = self
                .compiled
                .get_or_init(|| compile(&self.source, small).ok());
            let Some((regex, has_span)) = compiled else {
                continue;
            };
            let input = Input::new(chunk).range(window.clone());
            // A pattern may hold a group named `span`: the context around it must match, but
            // only the group is flagged (the regex crate has no look-behind).
            if *has_span {
                for caps in regex.captures_iter(input) {
                    if let Some(m) = caps.get_group_by_name(SPAN_GROUP).filter(|m| !m.is_empty()) {
                        found(ChunkSpan::new(m.start..m.end));
                    }
                }
            } else {
                for m in regex.find_iter(input) {
                    found(ChunkSpan::new(m.range()));
                }
            }
        }
    }
}

/// A lexicon pattern the phrase layer runs, and the entry it belongs to.
pub(super) struct EntryPattern {
    pub(super) entry: EntryRef,
    pub(super) pattern: Pattern,
}

/// Every pattern the phrase layer runs.
pub(super) type EntryPatterns = IndexedVec<PatternIndex, EntryPattern>;

/// One split of one pattern: what a trigger word stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PatternSplit {
    pub(super) pattern: PatternIndex,
    pub(super) split: SplitIndex,
}

/// Working memory for running the patterns over one chunk.
#[derive(Default)]
pub(super) struct PatternScratch {
    /// One pattern's trigger words: the split each stands in, and its span.
    words: Vec<(SplitIndex, ChunkSpan)>,
    /// Byte ranges of the chunk, as the regex crate takes them.
    windows: Vec<Range<usize>>,
}

/// Runs every pattern that can match in `chunk`, adding its matches to `hits`: a pattern with
/// trigger words only around those in `words` (sorted here), any other everywhere.
pub(super) fn run_patterns(
    patterns: &EntryPatterns,
    chunk: &Chunk<'_>,
    words: &mut [TriggerWord],
    scratch: &mut PatternScratch,
    hits: &mut ChunkHits,
) {
    words.sort_unstable_by_key(|w| (w.at.pattern, w.span.start));
    let mut rest = &words[..];
    for (index, EntryPattern { entry, pattern }) in patterns.iter_indexed() {
        let n = rest.iter().take_while(|w| w.at.pattern == index).count();
        let (mine, others) = rest.split_at(n);
        rest = others;
        if pattern.gated() && mine.is_empty() {
            continue;
        }
        scratch.words.clear();
        scratch
            .words
            .extend(mine.iter().map(|w| (w.at.split, w.span)));
        pattern.find(chunk.text, &scratch.words, &mut scratch.windows, |span| {
            hits.found.push(Hit {
                entry: *entry,
                span,
                from_pattern: true,
            })
        });
    }
}

/// Compiles a pattern as the `regex` crate does, with the lexicon size limit. A pattern that only
/// runs in small windows (`small`) skips the DFAs and prefilters that make long searches fast:
/// they cost more to build than they save on a few dozen bytes, and a command checking one
/// message builds each pattern it needs once.
fn compile(source: &str, small: bool) -> Result<(meta::Regex, bool), String> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(PATTERN_SIZE_LIMIT))
        .onepass_size_limit(Some(PATTERN_SIZE_LIMIT));
    let config = if small {
        config
            .hybrid(false)
            .dfa(false)
            .onepass(false)
            .auto_prefilter(false)
    } else {
        config
    };
    let regex = meta::Regex::builder()
        .configure(config)
        .build(source)
        .map_err(|err| err.to_string())?;
    let has_span = regex
        .group_info()
        .to_index(regex_automata::PatternID::ZERO, SPAN_GROUP)
        .is_some();
    Ok((regex, has_span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ids::Position;

    fn run(pattern: &str, text: &str) -> Vec<String> {
        let splits: Vec<Window> = tonelint_lexicon::trigger::splits(pattern)
            .unwrap()
            .into_iter()
            .map(|s| {
                Window::new(
                    Cow::Owned(s.prefix),
                    Cow::Owned(s.suffix),
                    s.prefix_max,
                    s.suffix_max,
                )
            })
            .collect();
        let p = Pattern::lazy(Cow::Owned(pattern.to_string()), splits, None);
        let words: Vec<(SplitIndex, ChunkSpan)> = tonelint_lexicon::trigger::splits(pattern)
            .unwrap()
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.words
                    .iter()
                    .flat_map(|w| {
                        let lower = text.to_ascii_lowercase();
                        lower
                            .match_indices(w.as_str())
                            .map(|(at, m)| (SplitIndex::at(i), ChunkSpan::new(at..at + m.len())))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut words = words;
        words.sort_by_key(|(_, w)| w.start);
        let mut out = Vec::new();
        p.find(text, &words, &mut Vec::new(), |s| {
            out.push(text[s.range()].to_string())
        });
        out
    }

    #[test]
    fn windows_find_what_the_whole_text_would() {
        let p = r"(?i)(?:\A|[.!?:]\s+)(?P<span>whatever)[ \t]*[.!]";
        assert_eq!(
            run(p, "whatever. ok! whatever! no whatever."),
            ["whatever", "whatever"]
        );
        assert_eq!(run(p, "Fine.\n\n  whatever."), ["whatever"]);
        assert_eq!(run(r"!{2,}", "a!! b!!!! c!"), ["!!", "!!!!"]);
    }

    #[test]
    fn shouting_is_found_around_its_full_stop() {
        let p = r#"(?:\A|[.!?]["”]?\s+|\n[ \t]*\n\s*|[,;:][ \t]+)(?P<span>(?:(?:YOU|HERE|IS)(?:[ \t]+[A-Z0-9][A-Z0-9'’/&-]*){2,}))[.!?]+["”]?(?:\s*\z|\s+[A-Z][a-z])"#;
        assert_eq!(
            run(p, "x.\n\nHERE IS THE MOST RECENT STATEMENT.\n\nThanks"),
            ["HERE IS THE MOST RECENT STATEMENT"]
        );
    }

    /// Issue 16, case 2: the window DFAs read a run of `!` or `?!` once per occurrence, in time
    /// the square of the run. The bytes they read must grow with the run, not its square.
    #[test]
    fn runs_of_punctuation_are_scanned_in_linear_work() {
        let scanned = |pattern: &str, text: &str| {
            SCANNED.with(|n| n.set(0));
            let found = run(pattern, text);
            assert_eq!(found.len(), 1, "{pattern}");
            assert!(found[0].len() * 2 > text.len(), "{pattern}");
            SCANNED.with(|n| n.get())
        };
        for (pattern, head, unit) in [
            (r"!{2,}", "Stop", "!"),
            (r"\?+!+[?!]*|!+\?+[?!]*", "Why", "?!"),
        ] {
            let small = format!("{head}{}", unit.repeat(64 * 1024 / unit.len()));
            let large = format!("{head}{}", unit.repeat(1024 * 1024 / unit.len()));
            let (small, large) = (scanned(pattern, &small), scanned(pattern, &large));
            // 16 times the input: linear is 16 times the work, quadratic 256 times.
            assert!(
                large <= 3 * 16 * small.max(1),
                "{pattern}: {small} then {large}"
            );
        }
    }

    #[test]
    fn text_anchors_see_the_whole_chunk() {
        let p = r"(?im)\A\s*(?:hi|hello)\b";
        assert_eq!(run(p, "  hello there, hi"), ["  hello"]);
        assert!(run(p, "well hello").is_empty());
    }
}
