//! The tone model: a second opinion for harsh sentences no rule anticipates.
//!
//! A logistic regression per head (harsh, aggressive, demanding, accusatory) over the hashed
//! features of `tonelint_grammar::features`, trained by `tonelint-train` from the project's own
//! labelled corpus and compiled into the binary (`model/tone-model.bin`, read in place: no file
//! is opened and nothing is allocated to load it). It scores every sentence and the whole
//! message; where no rule found anything in a sentence and the model is confident, it reports a
//! `model.*` finding that points at the words that weighed most.

use std::borrow::Cow;
use std::ops::Range;

use tonelint_grammar::features::{self, BUCKETS, Feature};
use tonelint_grammar::token::{TokenKind, Tokens, is_function_word};

use super::Match;
use super::ids::RuleIndex;
use super::span::{Chunk, ChunkSpan, TextSpan};
use crate::category::{Category, Severity};
use crate::context::Context;
use crate::rule::{Matching, Rewrite, Rule};

static MODEL: &[u8] = include_bytes!("../../model/tone-model.bin");

/// The probability a sentence must reach before the model reports it, unless configured.
pub const DEFAULT_THRESHOLD: f32 = 0.85;

/// The probability the whole message must reach before the model reports it when no rule found
/// anything harsh, unless configured. Chosen on drafts the model had not been trained on
/// (`crates/tonelint-train/corpus/README.md`): the lowest point of that sweep that flags no
/// clean draft of the own corpus and no built-in rewrite.
pub const DEFAULT_MESSAGE_THRESHOLD: f32 = 0.68;

/// The probability from which a sentence with no finding of its own is pointed at, as
/// information, in a message already reported as harsh: the writer sees every sentence that
/// carries the tone, not only the one a rule or the model reported. Chosen on drafts that name
/// their key phrases (`crates/tonelint-train/corpus/README.md`).
pub const SUPPORT_THRESHOLD: f32 = 0.35;

/// The fewest tokens (words and punctuation) a sentence needs before it is pointed at on the
/// model's weaker reading.
const MIN_SUPPORT_TOKENS: usize = 4;

const HEADER: usize = 16;

const HEADS: usize = 4;

/// The model's reading of one sentence.
#[derive(Debug)]
pub(crate) struct SentenceScore {
    pub(crate) sentence: TextSpan,
    /// Probability that it reads as harsh.
    pub(crate) harsh: f32,
    /// The most likely harsh category.
    pub(crate) category: Category,
    /// The words that weigh most, heaviest first.
    pub(crate) heaviest: Vec<TextSpan>,
}

/// Reads the embedded weights. The build checks the header (see `tests`), so a bad file cannot
/// ship; at run time a damaged header only switches the model off.
fn scale() -> Option<f32> {
    let header = MODEL.get(..HEADER)?;
    if &header[..4] != b"TLM1"
        || u32::from_le_bytes(header[4..8].try_into().ok()?) != BUCKETS
        || u32::from_le_bytes(header[8..12].try_into().ok()?) != HEADS as u32
        || MODEL.len() != HEADER + BUCKETS as usize * HEADS * 2
    {
        return None;
    }
    Some(f32::from_le_bytes(header[12..16].try_into().ok()?))
}

fn weight(bucket: u32, head: usize) -> f32 {
    let at = HEADER + (bucket as usize * HEADS + head) * 2;
    f32::from(i16::from_le_bytes([MODEL[at], MODEL[at + 1]]))
}

/// The four heads' weights of `bucket`, read at once.
fn weights(bucket: u32) -> [f32; HEADS] {
    let at = HEADER + bucket as usize * HEADS * 2;
    let row: &[u8; HEADS * 2] = MODEL[at..at + HEADS * 2]
        .try_into()
        .expect("a bucket's row lies inside the model, whose length scale() checked");
    std::array::from_fn(|h| f32::from(i16::from_le_bytes([row[2 * h], row[2 * h + 1]])))
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Scores sentences and messages.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ToneModel {
    scale: f32,
}

/// A set of buckets that forgets its members in time proportional to their number: a bit per
/// bucket says whether it is in, and the list says which bits to clear. Adding and emptying cost
/// no sort, which is most of what the model's scoring would otherwise spend.
#[derive(Default)]
struct BucketSet {
    bits: Vec<u64>,
    members: Vec<u32>,
}

impl BucketSet {
    fn insert(&mut self, bucket: u32) {
        if self.bits.is_empty() {
            self.bits = vec![0; (BUCKETS as usize).div_ceil(64)];
        }
        let (word, bit) = (bucket as usize / 64, 1u64 << (bucket % 64));
        if self.bits[word] & bit == 0 {
            self.bits[word] |= bit;
            self.members.push(bucket);
        }
    }

    fn clear(&mut self) {
        for &b in &self.members {
            self.bits[b as usize / 64] = 0;
        }
        self.members.clear();
    }
}

/// Working memory reused across sentences.
#[derive(Default)]
pub(crate) struct ModelScratch {
    features: Vec<Feature>,
    /// The distinct buckets of the sentence being scored.
    seen: BucketSet,
    /// Every distinct bucket of the message so far, for the message's own score.
    message: BucketSet,
    /// The sentence of the message so far that reads as most harsh, and its probability: where
    /// a harsh message that no rule flagged is pointed at. Only its place is kept; its words are
    /// weighed again in the rare check that needs them.
    harshest: Option<(f32, TextSpan)>,
    /// The sentences that lean harsh without reaching the sentence threshold, and their
    /// probabilities: pointed at only if the message turns out harsh, so only their places
    /// are kept.
    leaning: Vec<(f32, TextSpan)>,
    /// How many sentences the message has had so far.
    sentences: usize,
}

impl ModelScratch {
    /// How many sentences lean harsh so far.
    pub(crate) fn leaning_count(&self) -> usize {
        self.leaning.len()
    }

    /// The sentences a later reading of the message may still point at: the harshest so far,
    /// and those that lean harsh, from the `from`-th on.
    pub(crate) fn places_to_report(&self, from: usize) -> impl Iterator<Item = TextSpan> + '_ {
        self.harshest
            .iter()
            .chain(&self.leaning[from..])
            .map(|&(_, place)| place)
    }

    /// Forgets the last check's message, keeping the memory.
    pub(crate) fn start_check(&mut self) {
        self.message.clear();
        self.harshest = None;
        self.leaning.clear();
        self.sentences = 0;
    }
}

/// The harsh category whose head is highest in `z` (harsh, aggressive, demanding, accusatory).
fn likeliest_category(z: &[f32; HEADS]) -> Category {
    [
        (Category::Aggressive, z[1]),
        (Category::Demanding, z[2]),
        (Category::Accusatory, z[3]),
    ]
    .into_iter()
    .fold((Category::Aggressive, f32::MIN), |best, c| {
        if c.1 > best.1 { c } else { best }
    })
    .0
}

/// Where a finding from `heaviest` (the heaviest words first) points: the two heaviest words
/// and what lies between them when that is short, else the heaviest alone.
fn finding_span(heaviest: &[TextSpan]) -> Option<TextSpan> {
    match heaviest {
        [] => None,
        [one] => Some(*one),
        [first, second, ..] => {
            let (start, end) = (first.start.min(second.start), first.end.max(second.end));
            Some(if end - start <= 80 {
                TextSpan { start, end }
            } else {
                *first
            })
        }
    }
}

impl ToneModel {
    /// The compiled-in model, or `None` if its header is not the one this build expects.
    pub(crate) fn builtin() -> Option<ToneModel> {
        scale().map(|scale| ToneModel { scale })
    }

    /// Logits of the four heads for a set of distinct buckets.
    fn logits(&self, buckets: &[u32]) -> [f32; HEADS] {
        // Every feature but the bias has the same value in one text: add up the weights first.
        let mut words = [0f32; HEADS];
        let mut bias = [0f32; HEADS];
        for &b in buckets {
            let row = weights(b);
            let sum = if b == features::BIAS {
                &mut bias
            } else {
                &mut words
            };
            for (zh, w) in sum.iter_mut().zip(row) {
                *zh += w;
            }
        }
        let x = features::word_value(buckets.len());
        std::array::from_fn(|h| (bias[h] + words[h] * x) * self.scale)
    }

    /// Scores one sentence of `chunk`: tokens `range` of `tokens`, at `sentence` in the chunk.
    /// Returns its probability of reading as harsh, and, only when that reaches `threshold`, its
    /// category and the words that weighed.
    pub(crate) fn sentence(
        &self,
        tokens: &Tokens,
        range: Range<usize>,
        sentence: ChunkSpan,
        chunk: &Chunk<'_>,
        threshold: f32,
        scratch: &mut ModelScratch,
    ) -> (f32, Option<SentenceScore>) {
        scratch.features.clear();
        features::sentence_features(tokens, range, &mut scratch.features);
        scratch.seen.clear();
        scratch.seen.insert(features::BIAS);
        for f in &scratch.features {
            scratch.seen.insert(f.bucket);
            scratch.message.insert(f.bucket);
        }
        let z = self.logits(&scratch.seen.members);
        let harsh = sigmoid(z[0]);
        if harsh < threshold {
            return (harsh, None);
        }
        let category = likeliest_category(&z);
        // The content words that push hardest towards harsh, each feature counted once.
        let mut weighed: Vec<(f32, TextSpan)> = Vec::new();
        let mut counted: Vec<u32> = Vec::with_capacity(scratch.features.len());
        for f in &scratch.features {
            let at = counted.partition_point(|&b| b < f.bucket);
            if counted.get(at) == Some(&f.bucket) {
                continue;
            }
            counted.insert(at, f.bucket);
            let w = weight(f.bucket, 0) * self.scale;
            if w <= 0.0 {
                continue;
            }
            let words = f.tokens.clone();
            let telling = words.clone().any(|i| {
                tokens.list[i].kind != TokenKind::Punct && !is_function_word(tokens.text(i))
            });
            let punctuated = words.len() > 1
                && words.clone().any(|i| {
                    tokens.list[i].kind == TokenKind::Punct && !matches!(tokens.text(i), "?" | "!")
                });
            if telling && !punctuated {
                let first = tokens.list[words.start].span.start;
                let last = tokens.list[words.end - 1].span.end;
                weighed.push((w, chunk.text_span(ChunkSpan::new(first..last))));
            }
        }
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        // The same words can stand behind two features (a word and the sentence's first word).
        let mut heaviest: Vec<TextSpan> = Vec::new();
        for (_, span) in weighed {
            if !heaviest.iter().any(|s| s.overlaps(span)) {
                heaviest.push(span);
                if heaviest.len() == 3 {
                    break;
                }
            }
        }
        (
            harsh,
            Some(SentenceScore {
                sentence: chunk.text_span(sentence),
                harsh,
                category,
                heaviest,
            }),
        )
    }

    /// The four heads' logits for the message as a whole, from every sentence scored since the
    /// check started.
    fn message_logits(&self, scratch: &mut ModelScratch) -> [f32; HEADS] {
        scratch.message.insert(features::BIAS);
        self.logits(&scratch.message.members)
    }

    /// The probability that the message as a whole reads as harsh, from every sentence scored
    /// since the check started.
    pub(crate) fn message(&self, scratch: &mut ModelScratch) -> f32 {
        sigmoid(self.message_logits(scratch)[0])
    }
}

/// The three rules the model reports under, so that they can be listed, explained, switched off
/// and given a severity like any other.
pub(crate) fn rules() -> Vec<Rule> {
    let make = |category: Category,
                id: &'static str,
                message: &'static str,
                rewrite: &'static str,
                source: &'static str,
                general: &'static str| Rule {
        id: Cow::Borrowed(id),
        origin: Cow::Borrowed("the tone model"),
        line: 0,
        category,
        severity: Severity::Warning,
        message: Cow::Borrowed(message),
        explanation: Cow::Borrowed(EXPLANATION),
        matching: Matching::none(),
        rewrites: Cow::Owned(vec![
            Rewrite {
                text: Cow::Borrowed(rewrite),
                source: Cow::Borrowed(source),
                context: Context::Clinical,
            },
            Rewrite {
                text: Cow::Borrowed(general),
                source: Cow::Borrowed("project"),
                context: Context::General,
            },
        ]),
        fix: None,
    };
    vec![
        make(
            Category::Aggressive,
            "model.aggressive",
            "The tone model reads this sentence as aggressive.",
            "I hear your frustration, and I want to make sure we get this resolved as quickly as possible. Let's review where things stand and what steps we can take next.",
            "003_ff0f8f350e242962.txt",
            "Say what went wrong and what it costs, then ask for the next step: \"The import failed twice this week and the team lost a day each time. Can we look at the logs together this afternoon?\"",
        ),
        make(
            Category::Demanding,
            "model.demanding",
            "The tone model reads this sentence as demanding.",
            "I want to make sure this patient gets home safely, and the home health agency can't start services until the discharge orders are signed. What's the best way for us to get this completed today?",
            "000_f142cf3f49fb3e6e.txt",
            "Give the reason the timing matters and ask what is feasible: \"The client signs off on Thursday, so I'd like the figures by Wednesday noon. Does that work for you?\"",
        ),
        make(
            Category::Accusatory,
            "model.accusatory",
            "The tone model reads this sentence as accusatory.",
            "I noticed that you've missed your last three physical therapy appointments. Can you help me understand what's preventing you from attending?",
            "003_ff0f8f350e242962.txt",
            "State what you saw and ask what happened: \"I noticed the last two orders arrived short. Can you help me understand what happened on your side?\"",
        ),
    ]
}

const EXPLANATION: &str = "\
No rule matched this sentence, but tonelint's tone model, a small statistical model trained on \
thousands of labelled professional drafts, reads it as harsh with high confidence; or no rule \
found anything harsh in the message, and the model reads the message as a whole as harsh, \
pointing at its harshest sentence. In a message already reported as harsh, it also points, as \
information, at the other sentences it reads as leaning harsh, so the rewrite can cover them \
too; those add nothing to the score. The finding names the words that weighed most; the model can \
be wrong, so read it as a second opinion. It runs offline, inside tonelint, and learns nothing \
from your text. It is on by default: `--no-model` or `model = false` in tonelint.toml switches \
it off, and `model-threshold` (default 0.85) makes it stricter about single sentences. The rewrite follows the seed articles: state the facts and their \
effect on the patient, and invite the reader into the solution.";

/// The message a finding on the whole message shows: the model's reading of the message, and
/// the words of its harshest sentence that weighed most.
pub(crate) fn message_finding_message(category: Category, harsh: f32, words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    let weighed = if quoted.is_empty() {
        String::from("this sentence weighs most")
    } else {
        format!("this sentence weighs most, on {}", quoted.join(" and "))
    };
    format!(
        "The tone model reads this message as {category} ({:.0} %); {weighed}.",
        harsh * 100.0
    )
}

/// The message a supporting finding shows: the sentence leans harsh in a message reported as
/// harsh.
pub(crate) fn supporting_message(category: Category, harsh: f32, words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    let weighed = if quoted.is_empty() {
        String::new()
    } else {
        format!("; it weighs most on {}", quoted.join(" and "))
    };
    format!(
        "In a message that reads as harsh, the tone model reads this sentence as leaning \
         {category} too ({:.0} %){weighed}.",
        harsh * 100.0
    )
}

/// The message a model finding shows: its reading, its confidence and the words that weighed.
pub(crate) fn finding_message(category: Category, harsh: f32, words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    format!(
        "The tone model reads this sentence as {category} ({:.0} %); it weighs most on {}.",
        harsh * 100.0,
        quoted.join(" and ")
    )
}

/// A sentence the model would report, before it is joined with the rules' findings.
pub(crate) struct ModelCandidate {
    pub(crate) sentence: TextSpan,
    pub(crate) found: Match<RuleIndex>,
    pub(crate) note: String,
}

/// A sentence weighed again on its own: where it is, its likeliest category, where a finding on
/// it points and its two heaviest words.
struct WeighedAgain<'t> {
    sentence: TextSpan,
    category: Category,
    span: TextSpan,
    words: Vec<&'t str>,
}

/// One rule the model reports under, as a linter holds it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ModelRule {
    pub(crate) category: Category,
    pub(crate) rule: RuleIndex,
    pub(crate) enabled: bool,
}

/// The model as a linter holds it: its thresholds and the rules it reports under.
pub(crate) struct ModelLayer {
    model: ToneModel,
    /// What a sentence must reach to be reported on its own.
    threshold: f32,
    /// What the whole message must reach to be reported when no rule found it harsh.
    message_threshold: f32,
    rules: Vec<ModelRule>,
}

impl ModelLayer {
    pub(crate) fn new(
        threshold: f32,
        message_threshold: f32,
        rules: Vec<ModelRule>,
    ) -> Option<ModelLayer> {
        Some(ModelLayer {
            model: ToneModel::builtin()?,
            threshold,
            message_threshold,
            rules,
        })
    }

    /// The rule the model reports `category` under, if it is switched on.
    fn rule_for(&self, category: Category) -> Option<RuleIndex> {
        self.rules
            .iter()
            .find(|r| r.category == category && r.enabled)
            .map(|r| r.rule)
    }

    /// Scores every sentence of the chunk the grammar just scanned; the confident ones whose
    /// category's rule is on become candidates.
    pub(crate) fn score_chunk(
        &self,
        grammar: &tonelint_grammar::Scratch,
        chunk: &Chunk<'_>,
        text: &str,
        scratch: &mut ModelScratch,
        out: &mut Vec<ModelCandidate>,
    ) {
        for (tokens, bytes) in grammar.sentences() {
            if tokens.is_empty() {
                continue;
            }
            let sentence = ChunkSpan::new(bytes);
            // A line of one or two words (a subject, "Thanks!") gives the model too little to
            // lean on.
            let long_enough = tokens.len() >= MIN_SUPPORT_TOKENS;
            let (harsh, score) = self.model.sentence(
                grammar.tokens(),
                tokens,
                sentence,
                chunk,
                self.threshold,
                scratch,
            );
            scratch.sentences += 1;
            if scratch.harshest.is_none_or(|(most, _)| harsh > most) {
                scratch.harshest = Some((harsh, chunk.text_span(sentence)));
            }
            if long_enough && (SUPPORT_THRESHOLD..self.threshold).contains(&harsh) {
                scratch.leaning.push((harsh, chunk.text_span(sentence)));
            }
            let Some(score) = score else {
                continue;
            };
            let category = score.category;
            let Some(rule) = self.rule_for(category) else {
                continue;
            };
            let Some(span) = finding_span(&score.heaviest) else {
                continue;
            };
            let words: Vec<&str> = score
                .heaviest
                .iter()
                .take(2)
                .map(|s| &text[s.range()])
                .collect();
            out.push(ModelCandidate {
                sentence: score.sentence,
                note: finding_message(category, score.harsh, &words),
                found: Match { entry: rule, span },
            });
        }
    }

    /// The model's reading of the whole message, for a check in which no rule reported anything
    /// harsh: when the message reaches the message threshold, a finding on its harshest
    /// sentence, under the message's likeliest category.
    pub(crate) fn message_reading(
        &self,
        text: &str,
        scratch: &mut ModelScratch,
    ) -> Option<ModelCandidate> {
        let (_, place) = scratch.harshest?;
        let sentence_text = &text[place.range()];
        // A one-sentence question ("Do you need more time?") is where the model is least sure:
        // it was read already at the sentence threshold, and the whole adds nothing.
        if scratch.sentences < 2 && sentence_text.trim_end().ends_with('?') {
            return None;
        }
        let z = self.model.message_logits(scratch);
        let harsh = sigmoid(z[0]);
        if harsh < self.message_threshold {
            return None;
        }
        let category = likeliest_category(&z);
        let rule = self.rule_for(category)?;
        let again = self.weigh_again(text, place, scratch)?;
        Some(ModelCandidate {
            sentence: again.sentence,
            note: message_finding_message(category, harsh, &again.words),
            found: Match {
                entry: rule,
                span: again.span,
            },
        })
    }

    /// The sentences of a message already reported as harsh that lean harsh on their own and
    /// that nothing else points at, as candidates under their own likeliest category; the
    /// engine reports them as information.
    pub(crate) fn supporting(
        &self,
        text: &str,
        taken: impl Fn(TextSpan) -> bool,
        scratch: &mut ModelScratch,
    ) -> Vec<ModelCandidate> {
        let leaning = std::mem::take(&mut scratch.leaning);
        let mut out = Vec::new();
        for &(harsh, place) in &leaning {
            if taken(place) {
                continue;
            }
            let Some(again) = self.weigh_again(text, place, scratch) else {
                continue;
            };
            let Some(rule) = self.rule_for(again.category) else {
                continue;
            };
            out.push(ModelCandidate {
                sentence: again.sentence,
                note: supporting_message(again.category, harsh, &again.words),
                found: Match {
                    entry: rule,
                    span: again.span,
                },
            });
        }
        scratch.leaning = leaning;
        out
    }

    /// Weighs the words of the sentence at `place` again, alone: its tokens from the check are
    /// gone by now, and a sentence is read the same alone.
    fn weigh_again<'t>(
        &self,
        text: &'t str,
        place: TextSpan,
        scratch: &mut ModelScratch,
    ) -> Option<WeighedAgain<'t>> {
        let sentence_text = &text[place.range()];
        let mut tokens = Tokens::default();
        tokens.fill(sentence_text);
        let chunk = Chunk {
            text: sentence_text,
            start: place.start,
        };
        let (_, sentence) = self.model.sentence(
            &tokens,
            0..tokens.len(),
            ChunkSpan::new(0..sentence_text.len()),
            &chunk,
            0.0,
            scratch,
        );
        let sentence = sentence?;
        let span = finding_span(&sentence.heaviest).unwrap_or(sentence.sentence);
        let words: Vec<&str> = sentence
            .heaviest
            .iter()
            .take(2)
            .map(|s| &text[s.range()])
            .collect();
        Some(WeighedAgain {
            sentence: sentence.sentence,
            category: sentence.category,
            span,
            words,
        })
    }

    /// The message's probability of reading as harsh, in thousandths.
    pub(crate) fn message_score(&self, scratch: &mut ModelScratch) -> u16 {
        (self.model.message(scratch) * 1000.0)
            .round()
            .clamp(0.0, 1000.0) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_fits_the_size_budget() {
        assert!(
            ToneModel::builtin().is_some(),
            "the model header matches this build"
        );
        assert!(
            MODEL.len() <= 2 * 1024 * 1024,
            "the model adds at most 2 MB"
        );
    }
}
