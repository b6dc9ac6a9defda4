//! Reading one lexicon file: the TOML schema, its validation, and the expansion of phrases into
//! the folded variants the matcher looks for.
//!
//! The library reads users' lexicons with it at run time and its build script the built-in ones,
//! so both accept and reject exactly the same files.

use std::collections::HashSet;

use serde::Deserialize;

use crate::category::{Category, Severity};
use crate::fold::{fold_phrase, is_word_char};
use crate::register::EntryLists;

/// The gap marker in exceptions: `{I'll|we'll} ... asap` allows up to [`MAX_GAP_WORDS`] words
/// between the two sides, within one sentence.
pub const GAP: &str = " ... ";
/// How many words a ` ... ` gap may span.
pub const MAX_GAP_WORDS: usize = 4;

/// How many concrete variants one phrase may expand to (alternatives times contractions).
pub const MAX_VARIANTS_PER_PHRASE: usize = 4096;
/// The compiled-size limit for one pattern, so a runaway regex is refused instead of eating
/// memory.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// What a lexicon entry looks for; shared by rules and strengths.
#[derive(Clone, Debug, Default)]
pub struct MatchSpec {
    /// Phrases as the curator wrote them.
    pub phrases: Vec<String>,
    /// Every concrete folded form of `phrases`, deduplicated.
    pub phrase_variants: Vec<String>,
    pub patterns: Vec<String>,
    pub exceptions: Vec<String>,
    /// Every concrete folded form of the `exceptions` without a gap, deduplicated.
    pub exception_variants: Vec<String>,
    /// The `exceptions` with a ` ... ` gap: the folded forms of the words before the gap and of
    /// the words after it.
    pub exception_gaps: Vec<(Vec<String>, Vec<String>)>,
    /// Examples with their `[` `]` marks taken out; `example_pins` holds where the marks were.
    pub examples: Vec<String>,
    /// Per example, the byte range of the words the curator marked with `[` ... `]` (the words
    /// the entry must flag), if any were marked.
    pub example_pins: Vec<Option<(usize, usize)>>,
    pub counterexamples: Vec<String>,
    /// Sentence shapes in the tone grammar (rules only; see `lexicons/README.md`).
    pub shapes: Vec<String>,
    /// Grammar cues that silence a shape match in the same sentence.
    pub unless: Vec<String>,
    /// Grammar cues that make a shape match in the same sentence information only.
    pub soften: Vec<String>,
}

impl MatchSpec {
    /// The lists the word automaton is built from (see [`Registry::entry`]).
    ///
    /// [`Registry::entry`]: crate::register::Registry::entry
    pub fn lists(&self) -> EntryLists<'_, String, Vec<String>> {
        EntryLists {
            phrase_variants: &self.phrase_variants,
            exception_variants: &self.exception_variants,
            exception_gaps: &self.exception_gaps,
            patterns: &self.patterns,
        }
    }
}

/// A word class (`[[class]]`) as read from a lexicon file.
#[derive(Clone, Debug)]
pub struct ClassSpec {
    pub name: String,
    pub words: Vec<String>,
    /// 1-based line of the class's `name`.
    pub line: usize,
}

/// A context guard (`[[guard]]`) as read from a lexicon file.
#[derive(Clone, Debug)]
pub struct GuardSpec {
    pub id: String,
    pub shapes: Vec<String>,
    pub scope: tonelint_grammar::Scope,
    pub effect: tonelint_grammar::Effect,
    /// Category names or rule ids; empty for every category.
    pub categories: Vec<String>,
    pub line: usize,
}

/// One rule as read and checked from a lexicon file.
#[derive(Clone, Debug)]
pub struct RuleSpec {
    pub id: String,
    /// 1-based line of the rule's `id` in its file.
    pub line: usize,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub explanation: String,
    pub matching: MatchSpec,
    pub rewrites: Vec<RewriteSpec>,
    /// A replacement for the matched words that is safe in any sentence, for `--fix`.
    pub fix: Option<String>,
}

/// One strength (a move the seeds recommend) as read and checked from a lexicon file.
#[derive(Clone, Debug)]
pub struct StrengthSpec {
    pub id: String,
    /// 1-based line of the strength's `id` in its file.
    pub line: usize,
    pub message: String,
    pub explanation: String,
    pub matching: MatchSpec,
    /// The seed file the move comes from, or `project`.
    pub source: String,
}

/// Everything one lexicon file defines.
#[derive(Clone, Debug, Default)]
pub struct LexiconSpec {
    pub rules: Vec<RuleSpec>,
    pub strengths: Vec<StrengthSpec>,
    pub classes: Vec<ClassSpec>,
    pub guards: Vec<GuardSpec>,
    /// Irregular verbs: base form, then its other forms (`[irregular]`).
    pub irregular: Vec<(String, Vec<String>)>,
}

/// An assertive rewrite and where its wording comes from.
#[derive(Clone, Debug)]
pub struct RewriteSpec {
    pub text: String,
    pub source: String,
    /// What kind of message the wording was written for (`clinical`, `payer`, `family`,
    /// `workplace`, `general`); none means clinical care, as the seed articles are.
    pub context: Option<String>,
}

/// The names a rewrite's `context` may take.
pub const REWRITE_CONTEXTS: [&str; 5] = ["clinical", "payer", "family", "workplace", "general"];

/// What is wrong with a lexicon file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// 1-based line, 0 when the position is unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when the position is unknown.
    pub column: usize,
    /// The rule or strength the problem belongs to, when it could be told.
    pub rule_id: Option<String>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    rule: Vec<RawRule>,
    #[serde(default)]
    strength: Vec<RawStrength>,
    #[serde(default)]
    class: Vec<RawClass>,
    #[serde(default)]
    guard: Vec<RawGuard>,
    #[serde(default)]
    irregular: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    name: toml::Spanned<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuard {
    id: toml::Spanned<String>,
    shapes: Vec<String>,
    scope: String,
    #[serde(default)]
    categories: Vec<String>,
    /// `drop` (the default) or `soften`.
    effect: Option<String>,
    #[serde(default)]
    explanation: String,
}

/// The matching fields of a rule or strength. serde's `flatten` would lose the spans that give
/// error lines, so the fields are repeated in each entry type and gathered here.
struct RawMatch {
    phrases: Vec<String>,
    patterns: Vec<String>,
    exceptions: Vec<String>,
    examples: Vec<String>,
    counterexamples: Vec<String>,
    shapes: Vec<String>,
    unless: Vec<String>,
    soften: Vec<String>,
}

macro_rules! raw_match {
    ($entry:expr, $shapes:expr, $unless:expr, $soften:expr) => {
        RawMatch {
            phrases: $entry.phrases,
            patterns: $entry.patterns,
            exceptions: $entry.exceptions,
            examples: $entry.examples,
            counterexamples: $entry.counterexamples,
            shapes: $shapes,
            unless: $unless,
            soften: $soften,
        }
    };
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: toml::Spanned<String>,
    category: Category,
    severity: Severity,
    message: String,
    explanation: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counterexamples: Vec<String>,
    #[serde(default)]
    shapes: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    soften: Vec<String>,
    #[serde(default)]
    rewrite: Vec<RawRewrite>,
    fix: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrength {
    id: toml::Spanned<String>,
    message: String,
    explanation: String,
    source: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counterexamples: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRewrite {
    text: String,
    source: String,
    #[serde(default)]
    context: Option<String>,
}

/// Parses and checks one lexicon file's text.
pub fn parse_lexicon(text: &str) -> Result<LexiconSpec, SpecError> {
    let raw: RawLexicon = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        SpecError {
            line,
            column,
            rule_id: None,
            message: err.message().trim().to_string(),
        }
    })?;
    let mut seen = HashSet::new();
    let mut lexicon = LexiconSpec::default();
    let lines = LineIndex::new(text);
    let mut locate = |id: &toml::Spanned<String>| {
        let (line, column) = lines.line_column(id.span().start);
        let name = id.get_ref().clone();
        let error = {
            let name = name.clone();
            move |message: String| SpecError {
                line,
                column,
                rule_id: Some(name.clone()),
                message,
            }
        };
        let duplicate = !seen.insert(name.clone());
        (name, line, error, duplicate)
    };
    for rule in raw.rule {
        let (id, line, fail, duplicate) = locate(&rule.id);
        check_entry_id(&id, duplicate).map_err(&fail)?;
        lexicon
            .rules
            .push(check_rule(rule, id, line).map_err(fail)?);
    }
    for strength in raw.strength {
        let (id, line, fail, duplicate) = locate(&strength.id);
        check_entry_id(&id, duplicate).map_err(&fail)?;
        lexicon
            .strengths
            .push(check_strength(strength, id, line).map_err(fail)?);
    }
    for class in raw.class {
        let (line, column) = lines.line_column(class.name.span().start);
        let name = class.name.into_inner();
        let fail = |message: String| SpecError {
            line,
            column,
            rule_id: None,
            message: format!("class `<{name}>`: {message}"),
        };
        tonelint_grammar::syntax::check_class_name(&name).map_err(fail)?;
        if class.words.is_empty() {
            return Err(fail("the class has no `words`".into()));
        }
        for entry in &class.words {
            tonelint_grammar::syntax::parse(entry)
                .map_err(|m| fail(format!("the entry `{entry}` {m}")))?;
        }
        lexicon.classes.push(ClassSpec {
            name,
            words: class.words,
            line,
        });
    }
    for guard in raw.guard {
        let (id, line, fail, duplicate) = locate(&guard.id);
        check_entry_id(&id, duplicate).map_err(&fail)?;
        let scope = tonelint_grammar::Scope::from_name(&guard.scope).ok_or_else(|| {
            fail(format!(
                "the scope `{}` is not one of `inside`, `after`, `sentence`",
                guard.scope
            ))
        })?;
        let effect = match guard.effect.as_deref() {
            None => tonelint_grammar::Effect::Drop,
            Some(name) => tonelint_grammar::Effect::from_name(name).ok_or_else(|| {
                fail(format!(
                    "the effect `{name}` is not one of `drop`, `soften`"
                ))
            })?,
        };
        for name in &guard.categories {
            if Category::from_name(name).is_none() && check_id(name).is_err() {
                return Err(fail(format!(
                    "`{name}` in `categories` is neither a category nor a rule id"
                )));
            }
        }
        if guard.shapes.is_empty() {
            return Err(fail("the guard has no `shapes`".into()));
        }
        for shape in &guard.shapes {
            tonelint_grammar::syntax::parse(shape)
                .map_err(|m| fail(format!("the shape `{shape}` {m}")))?;
        }
        let _ = guard.explanation;
        lexicon.guards.push(GuardSpec {
            id,
            shapes: guard.shapes,
            scope,
            effect,
            categories: guard.categories,
            line,
        });
    }
    for (verb, forms) in raw.irregular {
        if forms.is_empty() {
            return Err(SpecError {
                line: 0,
                column: 0,
                rule_id: None,
                message: format!("[irregular] `{verb}` lists no forms"),
            });
        }
        lexicon.irregular.push((verb, forms));
    }
    Ok(lexicon)
}

fn check_entry_id(id: &str, duplicate: bool) -> Result<(), String> {
    check_id(id)?;
    if duplicate {
        return Err(format!(
            "the id `{id}` is used by an earlier entry in this file"
        ));
    }
    Ok(())
}

fn check_text(message: &str, explanation: &str) -> Result<(), String> {
    if message.trim().is_empty() {
        return Err("`message` is empty".into());
    }
    if message.contains('\n') {
        return Err("`message` must be one line; put the longer text in `explanation`".into());
    }
    if explanation.trim().is_empty() {
        return Err("`explanation` is empty".into());
    }
    Ok(())
}

fn check_matching(raw: RawMatch) -> Result<MatchSpec, String> {
    if raw.phrases.is_empty() && raw.patterns.is_empty() && raw.shapes.is_empty() {
        return Err(
            "the entry has no `phrases`, `patterns` or `shapes`, so it can never match".into(),
        );
    }
    if raw.shapes.is_empty() && !(raw.unless.is_empty() && raw.soften.is_empty()) {
        return Err("`unless` and `soften` qualify `shapes`; the entry has none".into());
    }
    for (what, list) in [
        ("shape", &raw.shapes),
        ("`unless` shape", &raw.unless),
        ("`soften` shape", &raw.soften),
    ] {
        for shape in list {
            tonelint_grammar::syntax::parse(shape)
                .map_err(|m| format!("the {what} `{shape}` {m}"))?;
        }
    }
    for pattern in &raw.patterns {
        check_pattern(pattern)?;
    }
    if let Some(phrase) = raw.phrases.iter().find(|p| p.contains(GAP)) {
        return Err(format!(
            "the phrase `{phrase}` has a ` ... ` gap; gaps are only for exceptions"
        ));
    }
    let (gapped, plain): (Vec<String>, Vec<String>) = raw
        .exceptions
        .iter()
        .cloned()
        .partition(|e| e.contains(GAP));
    let mut exception_gaps = Vec::new();
    for exception in &gapped {
        let parts: Vec<&str> = exception.split(GAP).collect();
        // `a ... ... b` or `a ... b ...` split into two sides, one still holding `...` (which
        // would then be matched as a word): that is a second gap too.
        if parts.len() != 2 || parts.iter().any(|p| p.contains("...")) {
            return Err(format!(
                "the exception `{exception}` has more than one ` ... ` gap"
            ));
        }
        let side = |part: &str| -> Result<Vec<String>, String> {
            expand_phrase(part.trim()).map_err(|err| format!("the exception `{exception}` {err}"))
        };
        exception_gaps.push((side(parts[0])?, side(parts[1])?));
    }
    let mut examples = Vec::with_capacity(raw.examples.len());
    let mut example_pins = Vec::with_capacity(raw.examples.len());
    for written in &raw.examples {
        let (text, pin) = unpin_example(written)?;
        examples.push(text);
        example_pins.push(pin);
    }
    if let Some(counter) = raw.counterexamples.iter().find(|c| c.contains(['[', ']'])) {
        return Err(format!(
            "the counterexample `{counter}` has a `[` or `]`; only examples mark the flagged words"
        ));
    }
    Ok(MatchSpec {
        phrase_variants: expand_all(&raw.phrases, "phrase")?,
        exception_variants: expand_all(&plain, "exception")?,
        exception_gaps,
        phrases: raw.phrases,
        patterns: raw.patterns,
        exceptions: raw.exceptions,
        examples,
        example_pins,
        counterexamples: raw.counterexamples,
        shapes: raw.shapes,
        unless: raw.unless,
        soften: raw.soften,
    })
}

fn check_source(source: &str) -> Result<(), String> {
    if source.trim().is_empty() {
        return Err("a `source` is empty; name the seed file or write \"project\"".into());
    }
    Ok(())
}

fn check_rule(rule: RawRule, id: String, line: usize) -> Result<RuleSpec, String> {
    check_text(&rule.message, &rule.explanation)?;
    if rule.rewrite.is_empty() {
        return Err(
            "the rule has no `[[rule.rewrite]]`; every rule offers an assertive rewrite".into(),
        );
    }
    for rewrite in &rule.rewrite {
        if rewrite.text.trim().is_empty() {
            return Err("a rewrite has an empty `text`".into());
        }
        check_source(&rewrite.source)?;
        if let Some(context) = &rewrite.context
            && !REWRITE_CONTEXTS.contains(&context.as_str())
        {
            return Err(format!(
                "a rewrite's `context` is \"{context}\"; it is one of {}",
                REWRITE_CONTEXTS.join(", ")
            ));
        }
    }
    Ok(RuleSpec {
        id,
        line,
        category: rule.category,
        severity: rule.severity,
        message: rule.message.trim().to_string(),
        explanation: rule.explanation.trim().to_string(),
        matching: check_matching(raw_match!(rule, rule.shapes, rule.unless, rule.soften))?,
        fix: rule.fix,
        rewrites: rule
            .rewrite
            .into_iter()
            .map(|r| RewriteSpec {
                text: r.text.trim().to_string(),
                source: r.source.trim().to_string(),
                context: r.context,
            })
            .collect(),
    })
}

fn check_strength(strength: RawStrength, id: String, line: usize) -> Result<StrengthSpec, String> {
    check_text(&strength.message, &strength.explanation)?;
    check_source(&strength.source)?;
    Ok(StrengthSpec {
        id,
        line,
        message: strength.message.trim().to_string(),
        explanation: strength.explanation.trim().to_string(),
        matching: check_matching(raw_match!(strength, Vec::new(), Vec::new(), Vec::new()))?,
        source: strength.source.trim().to_string(),
    })
}

/// Rule ids are used on command lines and in config files, so they stay plain.
fn check_id(id: &str) -> Result<(), String> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        && id.starts_with(|c: char| c.is_ascii_lowercase());
    if valid {
        Ok(())
    } else {
        Err(format!(
            "the id `{id}` must start with a lower-case letter and hold only lower-case letters, digits, `.`, `-` and `_`"
        ))
    }
}

/// Compiles a pattern once to reject it early, with the same limits the matcher uses.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern.is_empty() {
        return Err("a pattern is empty".into());
    }
    let regex = regex::RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|err| {
            format!("the pattern `{pattern}` is not a valid regular expression: {err}")
        })?;
    if regex.is_match("") {
        return Err(format!(
            "the pattern `{pattern}` matches empty text, so it would flag everything"
        ));
    }
    Ok(())
}

fn expand_all(phrases: &[String], what: &str) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for phrase in phrases {
        for variant in
            expand_phrase(phrase).map_err(|err| format!("the {what} `{phrase}` {err}"))?
        {
            if seen.insert(variant.clone()) {
                out.push(variant);
            }
        }
    }
    Ok(out)
}

/// Expands `{a|b}` alternatives and contractions, and folds every result.
pub fn expand_phrase(phrase: &str) -> Result<Vec<String>, String> {
    let mut variants = vec![String::new()];
    let mut rest = phrase;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(i) if rest[i..].starts_with('}') => return Err("has a `}` without a `{`".into()),
            Some(open) => {
                let literal = &rest[..open];
                let close = rest[open..]
                    .find('}')
                    .map(|c| open + c)
                    .ok_or_else(|| "has a `{` without a closing `}`".to_string())?;
                let group = &rest[open + 1..close];
                if group.contains('{') {
                    return Err("nests `{` inside `{...}`, which is not supported".into());
                }
                let alternatives: Vec<&str> = group.split('|').collect();
                if alternatives.len() < 2 {
                    return Err(
                        "has a `{...}` group without `|`; write alternatives as `{a|b}`".into(),
                    );
                }
                let mut next = Vec::with_capacity(variants.len() * alternatives.len());
                for v in &variants {
                    for alt in &alternatives {
                        next.push(format!("{v}{literal}{alt}"));
                    }
                }
                variants = next;
                if variants.len() > MAX_VARIANTS_PER_PHRASE {
                    return Err(format!(
                        "expands to more than {MAX_VARIANTS_PER_PHRASE} variants"
                    ));
                }
                rest = &rest[close + 1..];
            }
            None => {
                for v in &mut variants {
                    v.push_str(rest);
                }
                rest = "";
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for v in variants {
        let folded = fold_phrase(&v);
        if folded.is_empty() {
            return Err("has an alternative that leaves no words at all".into());
        }
        for c in contraction_variants(&folded) {
            if seen.insert(c.clone()) {
                out.push(c);
            }
        }
        if out.len() > MAX_VARIANTS_PER_PHRASE {
            return Err(format!(
                "expands to more than {MAX_VARIANTS_PER_PHRASE} variants"
            ));
        }
    }
    if out.iter().any(|v| !v.chars().any(is_word_char)) {
        return Err("holds no letter or digit; use `patterns` for punctuation shapes".into());
    }
    Ok(out)
}

/// Contractions and their spelled-out forms, folded (straight apostrophe, lower case). The first
/// form is the contraction; any later forms are equivalents a writer may use instead.
const CONTRACTIONS: &[&[&str]] = &[
    &["can't", "cannot", "can not"],
    &["won't", "will not"],
    &["don't", "do not"],
    &["doesn't", "does not"],
    &["didn't", "did not"],
    &["isn't", "is not"],
    &["aren't", "are not"],
    &["wasn't", "was not"],
    &["weren't", "were not"],
    &["hasn't", "has not"],
    &["haven't", "have not"],
    &["hadn't", "had not"],
    &["shouldn't", "should not"],
    &["wouldn't", "would not"],
    &["couldn't", "could not"],
    &["mustn't", "must not"],
    &["needn't", "need not"],
    &["shan't", "shall not"],
    &["i'm", "i am"],
    &["i'll", "i will"],
    &["i've", "i have"],
    &["i'd", "i would"],
    &["you're", "you are"],
    &["you'll", "you will"],
    &["you've", "you have"],
    &["you'd", "you would"],
    &["we're", "we are"],
    &["we'll", "we will"],
    &["we've", "we have"],
    &["we'd", "we would"],
    &["they're", "they are"],
    &["they'll", "they will"],
    &["they've", "they have"],
    &["they'd", "they would"],
    &["he's", "he is"],
    &["he'll", "he will"],
    &["she's", "she is"],
    &["she'll", "she will"],
    &["it's", "it is"],
    &["it'll", "it will"],
    &["that's", "that is"],
    &["that'll", "that will"],
    &["there's", "there is"],
    &["what's", "what is"],
    &["who's", "who is"],
    &["let's", "let us"],
];

/// Every way of writing a folded phrase with its contractions contracted or spelled out.
fn contraction_variants(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded.split(' ').collect();
    // Each slot is the list of interchangeable spellings for one run of words.
    let mut slots: Vec<Vec<&str>> = Vec::new();
    let mut i = 0;
    'words: while i < words.len() {
        for forms in CONTRACTIONS {
            for form in forms.iter() {
                let form_words: Vec<&str> = form.split(' ').collect();
                if words.len() - i >= form_words.len()
                    && words[i..i + form_words.len()] == form_words[..]
                {
                    slots.push(forms.to_vec());
                    i += form_words.len();
                    continue 'words;
                }
            }
        }
        slots.push(vec![words[i]]);
        i += 1;
    }
    let mut out = vec![String::new()];
    for slot in slots {
        let mut next = Vec::with_capacity(out.len() * slot.len());
        for prefix in &out {
            for form in &slot {
                if prefix.is_empty() {
                    next.push((*form).to_string());
                } else {
                    next.push(format!("{prefix} {form}"));
                }
            }
        }
        out = next;
    }
    out
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(offset)
}

/// Where each line of a text starts, so that locating every entry of a large lexicon costs a
/// binary search each rather than a count from the start of the file.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and character column of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_and_optional_words_expand() {
        let mut v = expand_phrase("I {really |}need you to").unwrap();
        v.sort();
        assert_eq!(v, vec!["i need you to", "i really need you to"]);
    }

    #[test]
    fn contractions_expand_both_ways() {
        let mut v = expand_phrase("you still haven't").unwrap();
        v.sort();
        assert_eq!(v, vec!["you still have not", "you still haven't"]);
        let mut v = expand_phrase("I will call").unwrap();
        v.sort();
        assert_eq!(v, vec!["i will call", "i'll call"]);
        let v = expand_phrase("can’t").unwrap();
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn unbalanced_braces_are_errors() {
        assert!(expand_phrase("{a|b").is_err());
        assert!(expand_phrase("a}b").is_err());
        assert!(expand_phrase("{a}").is_err());
        assert!(expand_phrase("{a|{b|c}}").is_err());
    }

    #[test]
    fn errors_name_line_and_rule() {
        let text = "[[rule]]\nid = \"x.y\"\ncategory = \"vague\"\nseverity = \"info\"\nmessage = \"m\"\nexplanation = \"e\"\nphrases = [\"{a|b\"]\n[[rule.rewrite]]\ntext = \"t\"\nsource = \"project\"\n";
        let err = parse_lexicon(text).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.rule_id.as_deref(), Some("x.y"));
        assert!(err.message.contains("without a closing"), "{}", err.message);
    }

    /// Issue 16, case 13: `a ... ... b` split into `a` and `... b`, so an exception with two
    /// gaps was accepted.
    #[test]
    fn an_exception_with_two_gaps_is_an_error() {
        for exception in [
            "I'll ... ... asap",
            "I'll ... asap ... today",
            "I'll ... asap ...",
        ] {
            let text = format!(
                "[[rule]]\nid = \"x.y\"\ncategory = \"vague\"\nseverity = \"info\"\nmessage = \"m\"\nexplanation = \"e\"\nphrases = [\"asap\"]\nexceptions = [\"{exception}\"]\n[[rule.rewrite]]\ntext = \"t\"\nsource = \"project\"\n"
            );
            let err = parse_lexicon(&text).unwrap_err();
            assert!(
                err.message.contains("more than one ` ... ` gap"),
                "{exception}: {}",
                err.message
            );
        }
    }

    #[test]
    fn unknown_fields_and_categories_are_errors() {
        let err = parse_lexicon("[[rule]]\nid = \"x\"\ncategory = \"rude\"\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("rude"), "{}", err.message);
        let err = parse_lexicon("[[rule]]\nidd = \"x\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn patterns_that_match_nothing_or_everything_are_errors() {
        assert!(check_pattern("(").is_err());
        assert!(check_pattern("a*").is_err());
        assert!(check_pattern("!{2,}").is_ok());
    }
}

/// Splits an example as written (`"This delay is [unacceptable]."`) into its text and the byte
/// range of the marked words. An example without marks only has to be flagged somewhere.
pub fn unpin_example(written: &str) -> Result<(String, Option<(usize, usize)>), String> {
    let open = written.matches('[').count();
    let close = written.matches(']').count();
    match (open, close) {
        (0, 0) => Ok((written.to_string(), None)),
        (1, 1) => {
            let start = written.find('[').unwrap_or_default();
            let end = written.find(']').unwrap_or_default();
            if end <= start + 1 {
                return Err(format!(
                    "the example `{written}` marks nothing: write the flagged words between `[` and `]`"
                ));
            }
            let text = format!(
                "{}{}{}",
                &written[..start],
                &written[start + 1..end],
                &written[end + 1..]
            );
            Ok((text, Some((start, end - 1))))
        }
        _ => Err(format!(
            "the example `{written}` must mark the flagged words with one `[` and one `]`"
        )),
    }
}

#[cfg(test)]
mod pin_tests {
    use super::unpin_example;

    #[test]
    fn marks_come_out_and_say_where_the_words_are() {
        let (text, pin) = unpin_example("This delay is [unacceptable].").unwrap();
        assert_eq!(text, "This delay is unacceptable.");
        let (start, end) = pin.unwrap();
        assert_eq!(&text[start..end], "unacceptable");
        assert_eq!(
            unpin_example("Plain.").unwrap(),
            ("Plain.".to_string(), None)
        );
        assert!(unpin_example("Two [marks] and [more].").is_err());
        assert!(unpin_example("Empty [] mark.").is_err());
        assert!(unpin_example("Backwards ]mark[.").is_err());
    }
}
