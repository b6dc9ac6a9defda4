//! Which words a lexicon pattern cannot match without: its *triggers*.
//!
//! Most patterns need one word of a small set (`whatever`, `asap`, a weekday, `!`). When none of
//! those words occurs in a piece of text the pattern cannot match there, and the matcher does not
//! run the regex at all. The words are found by the tokenizer the phrase automaton already runs,
//! so spotting them costs a table lookup the matcher makes anyway.
//!
//! The analysis is conservative: it only names a word when every match of the pattern must
//! contain it as a whole token of the folded text (bounded by white space, punctuation, a word
//! boundary `\b`, or the start or end of the text). Anything it cannot prove gives `None`, and
//! the pattern is simply run everywhere.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::fold::{Folded, fold_char, is_word_char};

/// The most trigger words a pattern may have; a pattern needing more is run everywhere.
const MAX_WORDS: usize = 256;
/// Words so frequent in mail that a pattern triggered by one would run almost everywhere; a
/// pattern's rarer words are preferred.
const COMMON: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "get", "had", "has", "have", "he", "her",
    "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "let",
    "like", "me", "more", "my", "need", "new", "no", "not", "now", "of", "on", "one", "or", "our",
    "out", "please", "re", "she", "should", "so", "some", "than", "thanks", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "up", "us", "was", "we",
    "well", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// The most characters a class may hold for its edge characters to be worked out.
const MAX_CLASS_CHARS: usize = 512;

/// One way a pattern's match can contain a trigger word: the words, and what the match holds
/// before and after the word (as regexes without look-around, so matching more than the pattern
/// would: they bound where a match around the word can reach).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Folded tokens, any of which can stand here.
    pub words: Vec<String>,
    /// What comes before the word, up to the start of the match.
    pub prefix: String,
    /// What comes after the word, up to the end of the match.
    pub suffix: String,
    /// The most bytes `prefix` can match, when that is bounded.
    pub prefix_max: Option<usize>,
    /// The most bytes `suffix` can match, when that is bounded.
    pub suffix_max: Option<usize>,
}

/// A [`Split`] while it is worked out.
struct SplitHir {
    words: Vec<String>,
    prefix: Vec<Hir>,
    suffix: Vec<Hir>,
}

/// The splits of `pattern`: every match contains, as a whole token of the folded text, a word of
/// one of them. `None` when that cannot be proved.
pub fn splits(pattern: &str) -> Option<Vec<Split>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let found = required(
        &hir,
        Around {
            left: false,
            right: false,
            pre: &[],
            post: &[],
        },
    )?;
    let total: usize = found.iter().map(|s| s.words.len()).sum();
    if found.is_empty() || total > MAX_WORDS {
        return None;
    }
    Some(
        found
            .into_iter()
            .map(|s| {
                let prefix = Hir::concat(s.prefix);
                let suffix = Hir::concat(s.suffix);
                Split {
                    words: s.words,
                    prefix_max: prefix.properties().maximum_len(),
                    suffix_max: suffix.properties().maximum_len(),
                    prefix: strip_looks(&prefix).to_string(),
                    suffix: strip_looks(&suffix).to_string(),
                }
            })
            .collect(),
    )
}

/// The items of a concatenation from the end that touches the trigger word: backwards when
/// reading what comes before it.
fn reading_order(items: &[Hir], backwards: bool) -> Box<dyn Iterator<Item = &Hir> + '_> {
    if backwards {
        Box::new(items.iter().rev())
    } else {
        Box::new(items.iter())
    }
}

/// `hir` with every look-around assertion replaced by nothing, captures opened, and every class
/// holding a non-ASCII character widened to all non-ASCII characters: it matches everything
/// `hir` matches, and makes a small DFA (a Unicode class such as `[^.!?]` repeated sixty times
/// would not).
fn strip_looks(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Class(Class::Unicode(class))
            if class.ranges().iter().any(|r| !r.end().is_ascii()) =>
        {
            let mut wide = class.clone();
            wide.union(&regex_syntax::hir::ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new('\u{80}', char::MAX),
            ]));
            Hir::class(Class::Unicode(wide))
        }
        HirKind::Literal(lit) if lit.0.iter().any(|b| !b.is_ascii()) => {
            // A non-ASCII character in a literal: any non-ASCII character will do.
            let text = String::from_utf8_lossy(&lit.0).into_owned();
            Hir::concat(
                text.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            Hir::literal(c.to_string().into_bytes())
                        } else {
                            Hir::class(Class::Unicode(regex_syntax::hir::ClassUnicode::new([
                                regex_syntax::hir::ClassUnicodeRange::new('\u{80}', char::MAX),
                            ])))
                        }
                    })
                    .collect(),
            )
        }
        HirKind::Capture(c) => strip_looks(&c.sub),
        HirKind::Concat(items) => Hir::concat(items.iter().map(strip_looks).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(strip_looks).collect()),
        HirKind::Repetition(rep) => Hir::repetition(regex_syntax::hir::Repetition {
            sub: Box::new(strip_looks(&rep.sub)),
            ..rep.clone()
        }),
        _ => hir.clone(),
    }
}

/// What stands around the part of a pattern being read for required words.
#[derive(Clone, Copy)]
struct Around<'a> {
    /// Whether the text just before the part is certain to separate tokens.
    left: bool,
    /// Whether the text just after it is.
    right: bool,
    /// What the pattern holds before the part.
    pre: &'a [Hir],
    /// What the pattern holds after it.
    post: &'a [Hir],
}

/// The splits of `hir`, given what stands around it.
fn required(hir: &Hir, around: Around<'_>) -> Option<Vec<SplitHir>> {
    let Around {
        left,
        right,
        pre,
        post,
    } = around;
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub, around),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b, around)?);
                if all.len() > MAX_WORDS {
                    return None;
                }
            }
            Some(all)
        }
        HirKind::Repetition(rep) if rep.min >= 1 => {
            if rep.max == Some(1) {
                required(&rep.sub, around)
            } else {
                // A later iteration's neighbour is the previous iteration; the others may stand
                // on either side.
                let l = left && edge_is_separator(&rep.sub, true);
                let r = right && edge_is_separator(&rep.sub, false);
                let others = Hir::repetition(regex_syntax::hir::Repetition {
                    min: 0,
                    max: rep.max.map(|m| m - 1),
                    greedy: rep.greedy,
                    sub: rep.sub.clone(),
                });
                let pre2: Vec<Hir> = pre.iter().cloned().chain([others.clone()]).collect();
                let post2: Vec<Hir> = std::iter::once(others)
                    .chain(post.iter().cloned())
                    .collect();
                required(
                    &rep.sub,
                    Around {
                        left: l,
                        right: r,
                        pre: &pre2,
                        post: &post2,
                    },
                )
            }
        }
        HirKind::Concat(_) | HirKind::Literal(_) | HirKind::Class(_) => {
            let mut items = Vec::new();
            flatten(hir, &mut items);
            unfactored(&items, around).or_else(|| concat_required(&items, around))
        }
        _ => None,
    }
}

/// The parser factors common prefixes out of alternations, cutting words: `asap|a\.s\.a\.p\.`
/// becomes `a(?:sap|\.s\.a\.p\.)`. When a concatenation has an alternation right after word
/// characters, each branch is read with the characters before it put back.
fn unfactored(items: &[Hir], around: Around<'_>) -> Option<Vec<SplitHir>> {
    let j = items
        .iter()
        .position(|i| matches!(i.kind(), HirKind::Alternation(_)))?;
    let HirKind::Alternation(branches) = items[j].kind() else {
        return None;
    };
    let run = items[..j]
        .iter()
        .rev()
        .take_while(|i| run_item(i).is_some())
        .count();
    if run == 0 || branches.len() > 32 {
        return None;
    }
    let mut all = Vec::new();
    for branch in branches {
        let mut each: Vec<Hir> = items[..j].to_vec();
        flatten(branch, &mut each);
        each.extend_from_slice(&items[j + 1..]);
        all.extend(concat_required(&each, around)?);
    }
    Some(all)
}

/// The items of a concatenation, with captures and nested concatenations opened and literals
/// split into single characters.
fn flatten(hir: &Hir, out: &mut Vec<Hir>) {
    match hir.kind() {
        HirKind::Concat(items) => items.iter().for_each(|i| flatten(i, out)),
        HirKind::Capture(c) if matches!(c.sub.kind(), HirKind::Concat(_) | HirKind::Literal(_)) => {
            flatten(&c.sub, out)
        }
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(text) => out.extend(
                text.chars()
                    .map(|c| Hir::literal(c.to_string().into_bytes())),
            ),
            Err(_) => out.push(hir.clone()),
        },
        _ => out.push(hir.clone()),
    }
}

fn min_len(hir: &Hir) -> usize {
    hir.properties().minimum_len().unwrap_or(1)
}

fn concat_required(items: &[Hir], around: Around<'_>) -> Option<Vec<SplitHir>> {
    let Around {
        left,
        right,
        pre,
        post,
    } = around;
    let left_ok = |k: usize| side_ok(items[..k].iter().rev(), left, true);
    let right_ok = |k: usize| side_ok(items[k..].iter(), right, false);
    let before = |k: usize| -> Vec<Hir> { pre.iter().chain(&items[..k]).cloned().collect() };
    let after = |k: usize| -> Vec<Hir> { items[k..].iter().chain(post).cloned().collect() };
    // Longer words are rarer; a side that is unbounded and holds a long counted repetition
    // would make a DFA too big to build, so such a split comes last.
    let score = |splits: &[SplitHir]| {
        let shortest = splits
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.chars().count()))
            .min()
            .unwrap_or(0);
        let awkward = splits
            .iter()
            .any(|s| awkward(&s.prefix) || awkward(&s.suffix));
        let common = splits.iter().any(|s| {
            s.words
                .iter()
                .any(|w| COMMON.contains(&w.as_str()) || w.len() == 1)
        });
        shortest + if common { 0 } else { 1000 } + if awkward { 0 } else { 100 }
    };
    let mut best: Option<(usize, Vec<SplitHir>)> = None;
    let mut consider = |found: Vec<SplitHir>| {
        let s = score(&found);
        if best.as_ref().is_none_or(|(b, _)| s >= *b) {
            best = Some((s, found));
        }
    };
    let mut k = 0;
    while k < items.len() {
        // A run of single characters spelling a word.
        let mut end = k;
        while end < items.len() && run_item(&items[end]).is_some() {
            end += 1;
        }
        if end > k {
            // An apostrophe at either end of the run is not part of the word (`['’]ll`).
            let apostrophe = |i: &Hir| run_item(i).is_some_and(|s| s.iter().all(|w| w == "'"));
            let (mut a, mut b) = (k, end);
            while a < b && apostrophe(&items[a]) {
                a += 1;
            }
            while b > a && apostrophe(&items[b - 1]) {
                b -= 1;
            }
            if let Some(words) = (a < b).then(|| run_words(&items[a..b])).flatten()
                && left_ok(a)
                && right_ok(b)
            {
                consider(vec![SplitHir {
                    words,
                    prefix: before(a),
                    suffix: after(b),
                }]);
            }
            k = end;
            continue;
        }
        let item = &items[k];
        if let Some((marks, rest)) = punctuation(item) {
            let mut suffix = after(k + 1);
            suffix.insert(0, rest);
            consider(vec![SplitHir {
                words: marks,
                prefix: before(k),
                suffix,
            }]);
        } else if min_len(item) >= 1
            && !matches!(item.kind(), HirKind::Literal(_) | HirKind::Class(_))
            && let Some(found) = required(
                item,
                Around {
                    left: left_ok(k),
                    right: right_ok(k + 1),
                    pre: &before(k),
                    post: &after(k + 1),
                },
            )
        {
            consider(found);
        }
        k += 1;
    }
    best.map(|(_, found)| found)
}

/// Whether a side of a split is unbounded and holds a counted repetition (`[^.!?]{0,60}`): its
/// DFA could grow too big, while a bounded side needs no DFA at all.
fn awkward(items: &[Hir]) -> bool {
    fn counted(hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Repetition(rep) => rep.max.is_some_and(|m| m >= 8) || counted(&rep.sub),
            HirKind::Capture(c) => counted(&c.sub),
            HirKind::Concat(items) | HirKind::Alternation(items) => items.iter().any(counted),
            _ => false,
        }
    }
    let all = Hir::concat(items.to_vec());
    all.properties().maximum_len().is_none() && counted(&all)
}

/// Whether the text beside an item is certain to separate tokens, walking `items` away from it.
fn side_ok<'a>(items: impl Iterator<Item = &'a Hir>, outer: bool, before: bool) -> bool {
    for item in items {
        match side(item, before) {
            Side::Boundary => return true,
            Side::Fail => return false,
            Side::Transparent => {}
        }
    }
    outer
}

/// What an item beside a word says about the word's edge on that side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Whatever it matches separates tokens.
    Boundary,
    /// It may match nothing, and otherwise separates tokens: look further.
    Transparent,
    /// It may glue onto the word.
    Fail,
}

/// The [`Side`] of `hir` when it stands before (`before`) or after a word.
fn side(hir: &Hir, before: bool) -> Side {
    match hir.kind() {
        HirKind::Empty => Side::Transparent,
        HirKind::Look(look) => {
            let bounds = if before {
                matches!(
                    look,
                    Look::Start
                        | Look::StartLF
                        | Look::StartCRLF
                        | Look::WordUnicode
                        | Look::WordStartUnicode
                        | Look::WordStartHalfUnicode
                )
            } else {
                matches!(
                    look,
                    Look::End
                        | Look::EndLF
                        | Look::EndCRLF
                        | Look::WordUnicode
                        | Look::WordEndUnicode
                        | Look::WordEndHalfUnicode
                )
            };
            if bounds {
                Side::Boundary
            } else {
                Side::Transparent
            }
        }
        HirKind::Literal(_) | HirKind::Class(_) => {
            let mut chars = Vec::new();
            if !edge_chars(hir, before, &mut chars) {
                return Side::Fail;
            }
            if chars.into_iter().all(is_separator) {
                Side::Boundary
            } else {
                Side::Fail
            }
        }
        HirKind::Capture(c) => side(&c.sub, before),
        HirKind::Repetition(rep) => {
            if rep.max == Some(0) {
                return Side::Transparent;
            }
            match (side(&rep.sub, before), rep.min) {
                (Side::Fail, _) => Side::Fail,
                (s, m) if m >= 1 => s,
                _ => Side::Transparent,
            }
        }
        HirKind::Alternation(branches) => {
            let sides: Vec<Side> = branches.iter().map(|b| side(b, before)).collect();
            if sides.contains(&Side::Fail) {
                Side::Fail
            } else if sides.iter().all(|&s| s == Side::Boundary) {
                Side::Boundary
            } else {
                Side::Transparent
            }
        }
        HirKind::Concat(items) => {
            for item in reading_order(items, before) {
                match side(item, before) {
                    Side::Transparent => {}
                    s => return s,
                }
            }
            Side::Transparent
        }
    }
}

/// Whether every character `hir` can end with (`last`) or start with separates tokens.
fn edge_is_separator(hir: &Hir, last: bool) -> bool {
    let mut chars = Vec::new();
    edge_chars(hir, last, &mut chars) && chars.into_iter().all(is_separator)
}

/// A character beside which a word is looked up on its own: anything but a word character.
/// White space and punctuation end a token; an apostrophe, an invisible character or an odd
/// numeral inside a word is where the matcher also looks up the word's parts.
fn is_separator(c: char) -> bool {
    !matches!(fold_char(c), Folded::Char(f) if is_word_char(f))
}

/// Collects the characters `hir` can start or end with; false when there are too many to list.
fn edge_chars(hir: &Hir, last: bool, out: &mut Vec<char>) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(text) => {
                let c = if last {
                    text.chars().next_back()
                } else {
                    text.chars().next()
                };
                out.extend(c);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(class)) => {
            let mut count = 0;
            for range in class.ranges() {
                count += range.end() as usize - range.start() as usize + 1;
                if count > MAX_CLASS_CHARS {
                    return false;
                }
                out.extend(range.start()..=range.end());
            }
            true
        }
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Capture(c) => edge_chars(&c.sub, last, out),
        HirKind::Repetition(rep) => rep.max == Some(0) || edge_chars(&rep.sub, last, out),
        HirKind::Alternation(branches) => branches.iter().all(|b| edge_chars(b, last, out)),
        HirKind::Concat(items) => {
            for item in reading_order(items, last) {
                if !edge_chars(item, last, out) {
                    return false;
                }
                if min_len(item) >= 1 {
                    break;
                }
            }
            true
        }
    }
}

/// For an item of a word run: the folded strings it can match, all made of word characters and
/// apostrophes (the empty string when it may match nothing). Alternations count, since the
/// regex parser factors `hi|hello` into `h(?:i|ello)`.
fn run_item(hir: &Hir) -> Option<Vec<String>> {
    let strings = match hir.kind() {
        HirKind::Empty => vec![String::new()],
        HirKind::Literal(_) | HirKind::Class(_) => {
            let mut out: Vec<String> = Vec::new();
            for c in char_set(hir)? {
                match fold_char(c) {
                    Folded::Char(f) if is_word_char(f) || f == '\'' => out.push(f.to_string()),
                    _ => return None,
                }
            }
            out
        }
        HirKind::Capture(c) => run_item(&c.sub)?,
        HirKind::Concat(items) => {
            let mut out = vec![String::new()];
            for item in items {
                out = product(&out, &run_item(item)?)?;
            }
            out
        }
        HirKind::Alternation(branches) => {
            let mut out = Vec::new();
            for b in branches {
                out.extend(run_item(b)?);
            }
            out
        }
        HirKind::Repetition(rep) if rep.max.is_some_and(|m| m <= 3) => {
            let one = run_item(&rep.sub)?;
            let mut out = Vec::new();
            let mut power = vec![String::new()];
            for k in 0..=rep.max.unwrap_or(0) {
                if k >= rep.min {
                    out.extend(power.iter().cloned());
                }
                power = product(&power, &one)?;
            }
            out
        }
        _ => return None,
    };
    let mut strings = strings;
    strings.sort();
    strings.dedup();
    (strings.len() <= MAX_WORDS).then_some(strings)
}

/// Every string of `a` followed by every string of `b`, unless there are too many.
fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_WORDS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

/// The characters of a one-character literal or a small class.
fn char_set(hir: &Hir) -> Option<Vec<char>> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let mut chars = text.chars();
            let c = chars.next()?;
            chars.next().is_none().then(|| vec![c])
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut out = Vec::new();
            for range in class.ranges() {
                out.extend(range.start()..=range.end());
                if out.len() > 16 {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Capture(c) => char_set(&c.sub),
        _ => None,
    }
}

/// The words a run of items spells, if each is one whole token.
fn run_words(items: &[Hir]) -> Option<Vec<String>> {
    let mut words = vec![String::new()];
    for item in items {
        words = product(&words, &run_item(item)?)?;
        words.sort();
        words.dedup();
    }
    let whole = words.iter().all(|w| {
        let mut chars = w.chars();
        let edges =
            chars.next().is_some_and(is_word_char) && chars.next_back().is_none_or(is_word_char);
        edges && !w.contains("''")
    });
    whole.then_some(words)
}

/// For an item matching one punctuation mark (or a run of them): the folded marks, and what the
/// item matches after its first mark.
fn punctuation(hir: &Hir) -> Option<(Vec<String>, Hir)> {
    let (set, rest) = match hir.kind() {
        HirKind::Repetition(rep) if rep.min >= 1 => (
            char_set(&rep.sub)?,
            Hir::repetition(regex_syntax::hir::Repetition {
                min: rep.min - 1,
                max: rep.max.map(|m| m - 1),
                greedy: rep.greedy,
                sub: rep.sub.clone(),
            }),
        ),
        _ => (char_set(hir)?, Hir::empty()),
    };
    let mut marks: Vec<String> = Vec::new();
    for c in set {
        match fold_char(c) {
            Folded::Char(f) if !is_word_char(f) && f != '\'' => {
                let s = f.to_string();
                if !marks.contains(&s) {
                    marks.push(s);
                }
            }
            _ => return None,
        }
    }
    Some((marks, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folded tokens one of which every match of `pattern` contains, or `None` when that
    /// cannot be proved.
    fn req(pattern: &str) -> Option<Vec<String>> {
        let mut words: Vec<String> = splits(pattern)?.into_iter().flat_map(|s| s.words).collect();
        words.sort();
        words.dedup();
        Some(words)
    }

    #[test]
    fn words_bounded_by_separators_are_required() {
        assert_eq!(
            req(r"(?i)(?:\A|[.!?:]\s+)(?P<span>whatever)[ \t]*[.!]").unwrap(),
            ["whatever"]
        );
        assert_eq!(
            req(r"(?i)\bthanks?(?: you)? for").unwrap(),
            ["thank", "thanks", "thankſ"]
        );
        assert_eq!(req(r"!{2,}").unwrap(), ["!"]);
        assert_eq!(req(r"\?+!+[?!]*|!+\?+[?!]*").unwrap(), ["!", "?"]);
    }

    #[test]
    fn words_that_may_be_part_of_a_longer_word_are_not() {
        assert_eq!(req(r"(?i)thanks for"), None);
        assert_eq!(req(r"[A-Z]{5,}"), None);
        assert_eq!(req(r"a|b*"), None);
    }

    #[test]
    fn splits_say_what_stands_around_the_word() {
        let s = splits(r"(?i)\b(?:by|on) (?:monday|friday)\b").unwrap();
        let mut words: Vec<&str> = s
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.as_str()))
            .collect();
        words.sort();
        assert_eq!(words, ["friday", "monday"]);
        assert!(
            regex::Regex::new(&format!("^(?:{})$", s[0].prefix))
                .unwrap()
                .is_match("on ")
        );
        assert!(
            regex::Regex::new(&format!("^(?:{})$", s[0].suffix))
                .unwrap()
                .is_match("")
        );
        let s = splits(r"!{2,}").unwrap();
        assert!(
            regex::Regex::new(&format!("^(?:{})$", s[0].suffix))
                .unwrap()
                .is_match("!!")
        );
    }

    #[test]
    fn factored_alternatives_still_spell_words() {
        let mut words = req(r"(?im)\A\s*(?:hi|hello)\b").unwrap();
        words.sort();
        assert_eq!(words, ["hello", "hi"]);
    }

    #[test]
    fn alternations_the_parser_factored_are_words_again() {
        let mut words = req(r"(?i)\b(?P<span>asap|a\.s\.a\.p\.)\b").unwrap();
        words.sort();
        assert_eq!(words, [".", "asap", "aſap"]);
    }

    #[test]
    fn case_variants_fold_like_the_input() {
        let words = req(r"(?i)\basap\b").unwrap();
        assert!(words.contains(&"asap".to_string()));
        assert!(words.contains(&"aſap".to_string()), "{words:?}");
    }
}
