//! The phrase automaton (issue 12): the hand-written word-level Aho-Corasick automaton against
//! the `aho-corasick` crate, on the same phrases, the same tokens and the same inputs.
//!
//! What is timed is the automaton part of the phrase stage, chunk by chunk as a check runs it:
//! the engine's tokenizer (folding, apostrophe pieces, gaps), then every match of a built-in
//! phrase, exception or gapped-exception side, with its span, filed under its linter entry.
//! The trigger words the engine notes on the same pass for the lexicon regexes are left out on
//! both sides: either matcher would need the same vocabulary lookups for them.
//!
//! - **hand-written**: the engine's own code (`Tokenizer::run` and `scan::step_pieces`, through
//!   `tonelint::__bench`): one vocabulary lookup and one automaton step per word, over the
//!   tables embedded at build time.
//! - **aho-corasick, word ids**: the same tokenizer and the same vocabulary lookup; each word
//!   becomes a gap byte and its id in base 253, so the crate's automaton runs over exactly the
//!   words the hand-written one steps on, and only the automaton differs. A run of words in no
//!   phrase becomes one marker.
//! - **aho-corasick, folded text**: the same tokenizer, no lookup: the folded words are written
//!   out with a space or a newline for the gaps, and the crate matches the folded text of every
//!   phrase variant in it; a match counts where it starts and ends on the tokenizer's word edges.
//!
//! The crate's automata are built once, outside the timed loop, from the patterns the embedded
//! tables hold (`Tables::patterns`), in the crate's own choice of kind and as a DFA. At set-up
//! the bench asserts that the hand-written automaton and all four of the crate's find the same
//! matches (entry, role, span) on every input, and prints what it built and what it cost to
//! build. It then times every matcher, two floors (the tokenizer alone, and with the vocabulary
//! lookups) and `Linter::check` in turn, round after round (`PHRASE_BENCH_ROUNDS`, default 15), and
//! prints the medians, so that drift in the machine's load hits all alike and the stage's share
//! of a check is read off the same rounds; criterion then times each on its own, and the cost of
//! building each matcher. Results and what they mean: `benches/README.md`.

use std::hint::black_box;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tonelint::__bench::{Gap, PatternListing, PhraseStage, StageHit, StagePiece, Tables, Target};
use tonelint::Linter;

#[path = "corpus.rs"]
pub mod corpus;

/// Gap bytes of the word-id encoding; word-id digits are below them.
const ADJACENT: u8 = 0xFD;
const SPACE: u8 = 0xFE;
const PARAGRAPH: u8 = 0xFF;
const BASE: u32 = 0xFD;

/// A word of the input, for turning a match back into a span.
#[derive(Clone, Copy)]
struct Slot {
    start: usize,
    end: usize,
    starts_word: bool,
    ends_word: bool,
}

/// Whether a match from `first` to `last` may stand for `target` (see `Bounds`).
#[inline]
fn bounds_hold(target: &Target, first: &Slot, last: &Slot) -> bool {
    (!target.bounds.start || first.starts_word) && (!target.bounds.end || last.ends_word)
}

fn build(patterns: &[Vec<u8>], kind: Option<AhoCorasickKind>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(patterns)
        .expect("the crate builds the automaton")
}

/// The crate over word ids: each word is a gap byte and `width` digits, so a match of a pattern
/// (digits, then gap byte and digits per further word) can only start and end on whole words.
struct WordIds {
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
    width: usize,
    buf: Vec<u8>,
    slots: Vec<Slot>,
}

impl WordIds {
    fn new(patterns: &[PatternListing<'_>], kind: Option<AhoCorasickKind>) -> WordIds {
        let max_id = patterns
            .iter()
            .flat_map(|p| p.tokens.iter().map(|t| t.0.get()))
            .max()
            .unwrap_or(1);
        let mut width = 1;
        while (BASE as u64).pow(width as u32) <= u64::from(max_id) {
            width += 1;
        }
        let bytes: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| {
                let mut out = Vec::new();
                for (i, &(id, _, gap)) in p.tokens.iter().enumerate() {
                    if i > 0 {
                        out.push(gap_byte(gap));
                    }
                    push_digits(&mut out, id.get(), width);
                }
                out
            })
            .collect();
        WordIds {
            ac: build(&bytes, kind),
            targets: patterns.iter().map(|p| p.targets.clone()).collect(),
            width,
            buf: Vec::new(),
            slots: Vec::new(),
        }
    }

    fn scan(
        &mut self,
        stage: &mut PhraseStage<'_>,
        offset: usize,
        chunk: &str,
        out: &mut Vec<StageHit>,
    ) {
        let tables: &Tables = stage.tables();
        let (buf, slots, width) = (&mut self.buf, &mut self.slots, self.width);
        buf.clear();
        slots.clear();
        // A chunk starts as if after a word in no phrase: nothing before it can match.
        let mut unknown = true;
        stage.pieces(chunk, |p: &StagePiece| {
            let id = tables.lookup(p.text, p.hash).map_or(0, |w| w.get());
            if id == 0 {
                if unknown {
                    return;
                }
                unknown = true;
            } else {
                unknown = false;
            }
            buf.push(gap_byte(p.gap));
            push_digits(buf, id, width);
            slots.push(Slot {
                start: p.start,
                end: p.end,
                starts_word: p.starts_word,
                ends_word: p.ends_word,
            });
        });
        let step = width + 1;
        for m in self.ac.find_overlapping_iter(&self.buf[..]) {
            let first = &self.slots[m.start() / step];
            let last = &self.slots[m.end() / step - 1];
            for target in &self.targets[m.pattern().as_usize()] {
                if !bounds_hold(target, first, last) {
                    continue;
                }
                out.extend(stage.hit(*target, offset + first.start, offset + last.end));
            }
        }
    }
}

#[inline]
fn gap_byte(gap: Gap) -> u8 {
    match gap {
        Gap::Adjacent => ADJACENT,
        Gap::Space => SPACE,
        Gap::Paragraph => PARAGRAPH,
    }
}

#[inline]
fn push_digits(out: &mut Vec<u8>, mut id: u32, width: usize) {
    for _ in 0..width {
        out.push((id % BASE) as u8);
        id /= BASE;
    }
}

/// The crate over folded text: every phrase variant as the folded bytes of its words with a
/// space where it has one, and the input's folded words with a space for a gap of white space
/// and a newline for a blank line (no phrase holds one). A match counts where it starts at the
/// start of a word piece and ends at the end of one.
struct FoldedText {
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
    buf: Vec<u8>,
    /// Where each piece starts in `buf`, and the piece.
    starts: Vec<(usize, Slot)>,
    /// Where each piece ends in `buf`.
    ends: Vec<usize>,
}

/// Stands for a word too long to be folded (the tokenizer hands it over empty): in no phrase.
const TOO_LONG: u8 = 0x01;

impl FoldedText {
    fn new(patterns: &[PatternListing<'_>], kind: Option<AhoCorasickKind>) -> FoldedText {
        let bytes: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| {
                let mut out = Vec::new();
                for (i, &(_, text, gap)) in p.tokens.iter().enumerate() {
                    if i > 0 && gap == Gap::Space {
                        out.push(b' ');
                    }
                    out.extend_from_slice(text);
                }
                out
            })
            .collect();
        FoldedText {
            ac: build(&bytes, kind),
            targets: patterns.iter().map(|p| p.targets.clone()).collect(),
            buf: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
        }
    }

    fn scan(
        &mut self,
        stage: &mut PhraseStage<'_>,
        offset: usize,
        chunk: &str,
        out: &mut Vec<StageHit>,
    ) {
        let (buf, starts, ends) = (&mut self.buf, &mut self.starts, &mut self.ends);
        buf.clear();
        starts.clear();
        ends.clear();
        stage.pieces(chunk, |p: &StagePiece| {
            match p.gap {
                Gap::Adjacent => {}
                Gap::Space => buf.push(b' '),
                Gap::Paragraph => buf.push(b'\n'),
            }
            starts.push((
                buf.len(),
                Slot {
                    start: p.start,
                    end: p.end,
                    starts_word: p.starts_word,
                    ends_word: p.ends_word,
                },
            ));
            if p.text.is_empty() {
                buf.push(TOO_LONG);
            } else {
                buf.extend_from_slice(p.text);
            }
            ends.push(buf.len());
        });
        for m in self.ac.find_overlapping_iter(&self.buf[..]) {
            let Ok(first) = self.starts.binary_search_by_key(&m.start(), |s| s.0) else {
                continue;
            };
            let Ok(last) = self.ends.binary_search(&m.end()) else {
                continue;
            };
            let (first, last) = (&self.starts[first].1, &self.starts[last].1);
            for target in &self.targets[m.pattern().as_usize()] {
                if !bounds_hold(target, first, last) {
                    continue;
                }
                out.extend(stage.hit(*target, offset + first.start, offset + last.end));
            }
        }
    }
}

/// The ways of doing the stage, over a whole text, chunk by chunk, and the floors under them.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Way {
    HandWritten,
    WordIds,
    FoldedText,
    /// The tokenizer alone: the floor under all three.
    Tokens,
    /// The tokenizer and one vocabulary lookup per piece: the floor under the hand-written
    /// automaton and the crate over word ids.
    Lookups,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::HandWritten => "hand-written",
            Way::WordIds => "aho-corasick, word ids",
            Way::FoldedText => "aho-corasick, folded text",
            Way::Tokens => "tokenizer alone",
            Way::Lookups => "tokenizer + vocabulary lookups",
        }
    }
}

struct Matchers<'l> {
    stage: PhraseStage<'l>,
    word_ids: WordIds,
    folded: FoldedText,
    out: Vec<StageHit>,
}

impl Matchers<'_> {
    /// Runs `way` over `text`; returns the number of matches (of pieces, or of pieces found in
    /// the vocabulary, for the floors).
    fn run(&mut self, way: Way, text: &str) -> usize {
        let mut n = 0;
        let tables = self.stage.tables();
        for (offset, chunk) in PhraseStage::chunks(text) {
            self.out.clear();
            n += match way {
                Way::HandWritten => self.stage.hand_written(chunk),
                Way::WordIds => {
                    self.word_ids
                        .scan(&mut self.stage, offset, chunk, &mut self.out);
                    self.out.len()
                }
                Way::FoldedText => {
                    self.folded
                        .scan(&mut self.stage, offset, chunk, &mut self.out);
                    self.out.len()
                }
                Way::Tokens => {
                    let mut pieces = 0;
                    self.stage.pieces(chunk, |_| pieces += 1);
                    pieces
                }
                Way::Lookups => {
                    let mut known = 0;
                    self.stage.pieces(chunk, |p| {
                        known += usize::from(tables.lookup(p.text, p.hash).is_some())
                    });
                    known
                }
            };
        }
        n
    }

    /// Every match `way` finds in `text`, sorted.
    fn hits(&mut self, way: Way, text: &str) -> Vec<StageHit> {
        let mut all = Vec::new();
        for (offset, chunk) in PhraseStage::chunks(text) {
            self.out.clear();
            match way {
                Way::HandWritten => {
                    self.stage.hand_written(chunk);
                    self.stage.hand_written_hits(offset, &mut self.out);
                }
                Way::WordIds => self
                    .word_ids
                    .scan(&mut self.stage, offset, chunk, &mut self.out),
                Way::FoldedText => self
                    .folded
                    .scan(&mut self.stage, offset, chunk, &mut self.out),
                Way::Tokens | Way::Lookups => unreachable!("the floors find no match"),
            }
            all.append(&mut self.out);
        }
        all.sort_unstable();
        all
    }
}

/// The median of `times`.
fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The crate's automata of one kind over the tables' patterns, printing what they are and what
/// building them took.
fn matchers<'l>(
    linter: &'l Linter,
    patterns: &[PatternListing<'_>],
    name: &str,
    kind: Option<AhoCorasickKind>,
) -> Matchers<'l> {
    let t = Instant::now();
    let word_ids = WordIds::new(patterns, kind);
    let word_ids_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let folded = FoldedText::new(patterns, kind);
    let folded_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!(
        "  aho-corasick ({name}), word ids: {:?}, {} digit(s) a word, {:.1} MB, built in {word_ids_ms:.0} ms",
        word_ids.ac.kind(),
        word_ids.width,
        word_ids.ac.memory_usage() as f64 / (1 << 20) as f64
    );
    eprintln!(
        "  aho-corasick ({name}), folded text: {:?}, {:.1} MB, built in {folded_ms:.0} ms",
        folded.ac.kind(),
        folded.ac.memory_usage() as f64 / (1 << 20) as f64
    );
    Matchers {
        stage: PhraseStage::new(linter),
        word_ids,
        folded,
        out: Vec::new(),
    }
}

/// The inputs: the 2 KB draft of `linter.rs` and the Enron bodies of `throughput.rs`.
fn inputs() -> Vec<(String, String)> {
    let mut inputs = vec![("2 KB draft".to_string(), corpus::draft_2k())];
    match corpus::enron() {
        Some(text) => inputs.push((format!("Enron bodies ({} bytes)", text.len()), text)),
        None => eprintln!("skipping the Enron inputs: ../shared/data/enron/*.eml not found"),
    }
    inputs
}

/// Rounds of the interleaved timing (`PHRASE_BENCH_ROUNDS`, default 15; 0 leaves it out).
fn rounds() -> usize {
    std::env::var("PHRASE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15)
}

/// Every way, and `check`, timed in turn (A B C ... A B C ...), so that drift in the machine's
/// load hits all of them alike; prints the median of each and its ratio to the hand-written
/// automaton.
fn interleaved(
    auto: &mut Matchers<'_>,
    dfa: &mut Matchers<'_>,
    checks: [&Linter; 2],
    input: &str,
    text: &str,
) {
    let rounds = rounds();
    if rounds == 0 {
        return;
    }
    // Runs per sample: about 10 ms of work on the draft, one run on the corpus.
    let reps = (2_000_000 / text.len()).max(1);
    let names = [
        "hand-written",
        "aho-corasick, word ids (auto)",
        "aho-corasick, word ids (DFA)",
        "aho-corasick, folded text (auto)",
        "aho-corasick, folded text (DFA)",
        "tokenizer alone",
        "tokenizer + vocabulary lookups",
        "check, rules",
        "check, tone model on",
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for _ in 0..rounds {
        for (i, sample) in times.iter_mut().enumerate() {
            let t = Instant::now();
            for _ in 0..reps {
                match i {
                    0 => {
                        black_box(auto.run(Way::HandWritten, black_box(text)));
                    }
                    1 => {
                        black_box(auto.run(Way::WordIds, black_box(text)));
                    }
                    2 => {
                        black_box(dfa.run(Way::WordIds, black_box(text)));
                    }
                    3 => {
                        black_box(auto.run(Way::FoldedText, black_box(text)));
                    }
                    4 => {
                        black_box(dfa.run(Way::FoldedText, black_box(text)));
                    }
                    5 => {
                        black_box(auto.run(Way::Tokens, black_box(text)));
                    }
                    6 => {
                        black_box(auto.run(Way::Lookups, black_box(text)));
                    }
                    7 => {
                        black_box(checks[0].check(black_box(text)));
                    }
                    _ => {
                        black_box(checks[1].check(black_box(text)));
                    }
                }
            }
            sample.push(t.elapsed().as_secs_f64() * 1e6 / reps as f64);
        }
    }
    let medians: Vec<f64> = times.into_iter().map(median).collect();
    eprintln!("interleaved, {input}: {rounds} rounds of {reps} run(s) each, median per run");
    for (name, us) in names.iter().zip(&medians) {
        eprintln!(
            "  {name:<34} {:>12.1} µs  {:>5.2}x hand-written  {:>5.1} % of check, rules",
            us,
            us / medians[0],
            100.0 * us / medians[7]
        );
    }
}

fn phrase_stage(c: &mut Criterion) {
    let linter = Linter::builder()
        .model(false)
        .build()
        .expect("the built-in lexicons build");
    let default = Linter::new();
    let stage = PhraseStage::new(&linter);
    let tables = stage.tables();
    let patterns = tables.patterns();
    let listed: usize = patterns.iter().map(|p| p.targets.len()).sum();
    assert_eq!(
        listed,
        tables.target_count(),
        "every target of the tables is listed once"
    );
    eprintln!(
        "phrase automaton: {} patterns ({} targets, {} tokens, at most {} tokens in one), {} bytes as folded text",
        patterns.len(),
        listed,
        patterns.iter().map(|p| p.tokens.len()).sum::<usize>(),
        tables.max_len,
        patterns
            .iter()
            .flat_map(|p| p.tokens.iter().map(|t| t.1.len() + 1))
            .sum::<usize>()
    );
    let mut auto = matchers(&linter, &patterns, "auto", None);
    let mut dfa = matchers(&linter, &patterns, "DFA", Some(AhoCorasickKind::DFA));
    let inputs = inputs();
    for (input, text) in &inputs {
        let expected = auto.hits(Way::HandWritten, text);
        for (name, m) in [("auto", &mut auto), ("DFA", &mut dfa)] {
            for way in [Way::WordIds, Way::FoldedText] {
                let got = m.hits(way, text);
                assert!(
                    got == expected,
                    "{} ({name}) finds other matches than the hand-written automaton in {input}: {} against {}",
                    way.name(),
                    got.len(),
                    expected.len()
                );
            }
        }
        eprintln!(
            "same matches from all five, {input}: {} ({} phrases, {} exceptions, {} gapped-exception sides)",
            expected.len(),
            expected.iter().filter(|h| h.role == 0).count(),
            expected.iter().filter(|h| h.role == 1).count(),
            expected.iter().filter(|h| h.role >= 2).count(),
        );
    }
    for (input, text) in &inputs {
        interleaved(&mut auto, &mut dfa, [&linter, &default], input, text);
    }
    for (input, text) in &inputs {
        let mut group = c.benchmark_group(format!("phrase stage/{input}"));
        if text.len() > 1 << 20 {
            group.sample_size(10);
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        for (kind, m) in [("", &mut auto), (" (DFA)", &mut dfa)] {
            for way in [Way::HandWritten, Way::WordIds, Way::FoldedText] {
                if way == Way::HandWritten && !kind.is_empty() {
                    continue;
                }
                let name = if way == Way::HandWritten {
                    way.name().to_string()
                } else if kind.is_empty() {
                    format!("{} (auto)", way.name())
                } else {
                    format!("{}{kind}", way.name())
                };
                group.bench_function(name, |b| b.iter(|| m.run(way, black_box(text))));
            }
        }
        for way in [Way::Tokens, Way::Lookups] {
            group.bench_function(way.name(), |b| b.iter(|| auto.run(way, black_box(text))));
        }
        group.bench_function("check, rules", |b| b.iter(|| linter.check(black_box(text))));
        group.bench_function("check, tone model on", |b| {
            b.iter(|| default.check(black_box(text)))
        });
        group.finish();
    }
}

/// What each matcher costs to have: the hand-written automaton is embedded at build time, so
/// building a linter only maps its entries; the crate's automaton is built from the patterns in
/// every process that checks (aho-corasick 1.x cannot load a built automaton from bytes).
fn build_cost(c: &mut Criterion) {
    let linter = Linter::builder()
        .model(false)
        .build()
        .expect("the built-in lexicons build");
    let stage = PhraseStage::new(&linter);
    let patterns = stage.tables().patterns();
    let mut group = c.benchmark_group("phrase stage/build");
    group.sample_size(10);
    group.bench_function("Linter::new (hand-written automaton embedded)", |b| {
        b.iter(Linter::new)
    });
    group.bench_function("aho-corasick, word ids (auto)", |b| {
        b.iter(|| WordIds::new(black_box(&patterns), None))
    });
    group.bench_function("aho-corasick, folded text (auto)", |b| {
        b.iter(|| FoldedText::new(black_box(&patterns), None))
    });
    group.finish();
}

criterion_group!(benches, phrase_stage, build_cost);
criterion_main!(benches);
