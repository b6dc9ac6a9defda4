//! Building a [`Linter`] once and checking many messages with it.

use std::collections::HashSet;
use std::sync::Arc;

use crate::category::{Category, Severity};
use crate::engine::model::{self, DEFAULT_MESSAGE_THRESHOLD, DEFAULT_THRESHOLD, ModelRule};
use crate::engine::{
    BuiltinEntries, Engine, Entries, EntrySelection, ModelLayer, PerRule, PerStrength,
    PhraseMatcher, Position, RuleIndex, Scratch, ShapeLayer, StrengthIndex, UserGrammar,
};
use crate::error::BuildError;
use crate::lexicon::Lexicon;
use crate::lexicon::spec::expand_phrase;
use crate::report::Report;
use crate::rule::{Rule, Strength};

/// Whether a [`LinterBuilder`] switches the tone model on unless told otherwise. On: with its
/// reading of the whole message it adds 14.5 points of harsh recall on the blind set (78.6 % to
/// 93.1 %) at no more clean drafts flagged (6.8 % both), past the 10 points at most 1 point more
/// false alarms that earn it a place in every check (see `tests/blind/README.md`).
pub const MODEL_ON_BY_DEFAULT: bool = true;

/// Chooses the lexicons and rules a [`Linter`] uses.
///
/// ```
/// use tonelint::{Category, Linter};
///
/// let linter = Linter::builder().disable(["vague"]).build()?;
/// let report = linter.check("We'll get back to you at some point.");
/// assert!(report.findings().iter().all(|f| f.category() != Category::Vague));
/// # Ok::<(), tonelint::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct LinterBuilder {
    builtin: bool,
    lexicons: Vec<Lexicon>,
    only: Vec<String>,
    enable: Vec<String>,
    disable: Vec<String>,
    severities: Vec<(String, Severity)>,
    allow: Vec<String>,
    model: bool,
    model_threshold: f32,
    model_message_threshold: f32,
}

impl Default for LinterBuilder {
    fn default() -> Self {
        LinterBuilder {
            builtin: true,
            lexicons: Vec::new(),
            only: Vec::new(),
            enable: Vec::new(),
            disable: Vec::new(),
            severities: Vec::new(),
            allow: Vec::new(),
            model: MODEL_ON_BY_DEFAULT,
            model_threshold: DEFAULT_THRESHOLD,
            model_message_threshold: DEFAULT_MESSAGE_THRESHOLD,
        }
    }
}

impl LinterBuilder {
    /// A builder with the built-in lexicons and every rule on.
    pub fn new() -> LinterBuilder {
        LinterBuilder::default()
    }

    /// Whether to include the built-in lexicons (on by default).
    pub fn builtin(mut self, yes: bool) -> LinterBuilder {
        self.builtin = yes;
        self
    }

    /// Adds a lexicon, such as one a user wrote (see [`Lexicon::parse`]).
    pub fn lexicon(mut self, lexicon: Lexicon) -> LinterBuilder {
        self.lexicons.push(lexicon);
        self
    }

    /// Keeps only the rules named here, by rule id or category name. Calling it more than once
    /// adds to the list.
    pub fn only<I, S>(mut self, names: I) -> LinterBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only.extend(names.into_iter().map(Into::into));
        self
    }

    /// Switches on rules that are off by default (the `passive` category), by rule id or
    /// category name, without switching the others off as [`only`](LinterBuilder::only) does.
    pub fn enable<I, S>(mut self, names: I) -> LinterBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.enable.extend(names.into_iter().map(Into::into));
        self
    }

    /// Switches off the rules named here, by rule id or category name. Applies after
    /// [`only`](LinterBuilder::only) and [`enable`](LinterBuilder::enable).
    pub fn disable<I, S>(mut self, names: I) -> LinterBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.disable.extend(names.into_iter().map(Into::into));
        self
    }

    /// Gives the rules named here (a rule id or a category) another severity. An override for a
    /// rule id wins over one for its category.
    ///
    /// ```
    /// use tonelint::{Linter, Severity};
    ///
    /// let linter = Linter::builder().severity("aggressive.unacceptable", Severity::Error).build()?;
    /// let report = linter.check("This delay is unacceptable.");
    /// assert_eq!(report.findings()[0].severity(), Severity::Error);
    /// # Ok::<(), tonelint::BuildError>(())
    /// ```
    pub fn severity(mut self, name: impl Into<String>, severity: Severity) -> LinterBuilder {
        self.severities.push((name.into(), severity));
        self
    }

    /// Phrases that are never flagged: any finding inside one of them is dropped. They use the
    /// lexicon phrase syntax (`{a|b}` alternatives, contractions both ways).
    ///
    /// ```
    /// let linter = tonelint::Linter::builder().allow(["unacceptable risk"]).build()?;
    /// assert!(linter.check("The plan carries an unacceptable risk.").findings().is_empty());
    /// # Ok::<(), tonelint::BuildError>(())
    /// ```
    pub fn allow<I, S>(mut self, phrases: I) -> LinterBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allow.extend(phrases.into_iter().map(Into::into));
        self
    }

    /// Whether the tone model gives its second opinion (`model.*` findings and the message's
    /// model score). See [`MODEL_ON_BY_DEFAULT`] for the default.
    pub fn model(mut self, yes: bool) -> LinterBuilder {
        self.model = yes;
        self
    }

    /// The probability (0 to 1) a sentence must reach before the tone model reports it; 0.85
    /// unless set. Higher is stricter.
    pub fn model_threshold(mut self, threshold: f32) -> LinterBuilder {
        self.model_threshold = threshold;
        self
    }

    /// The probability (0 to 1) the whole message must reach before the tone model reports it
    /// when no rule found anything harsh in it; 0.68 unless set. The finding points at the
    /// message's harshest sentence. 1.0 switches this reading off.
    pub fn model_message_threshold(mut self, threshold: f32) -> LinterBuilder {
        self.model_message_threshold = threshold;
        self
    }

    /// Builds the linter: checks that rule ids are unique and every name given to `only`,
    /// `disable` and `severity` exists, and compiles the matcher.
    pub fn build(self) -> Result<Linter, BuildError> {
        let mut rules: Vec<Arc<Rule>> = Vec::new();
        let mut strengths: Vec<Arc<Strength>> = Vec::new();
        let builtin = self.builtin.then(Lexicon::builtin);
        // The built-in entries come first, in built-in order: the embedded automaton names them
        // by that position.
        let builtin_rules = builtin.as_ref().map_or(0, |b| b.rules.len());
        let builtin_strength_ids: Option<Vec<Arc<Strength>>> =
            builtin.as_ref().map(|b| b.strengths.clone());
        let with_builtin = builtin.is_some();
        let mut user_parts = Vec::new();
        if let Some(lexicon) = builtin {
            rules.extend(lexicon.rules);
            strengths.extend(lexicon.strengths);
        }
        for lexicon in self.lexicons {
            let first = rules.len();
            rules.extend(lexicon.rules);
            strengths.extend(lexicon.strengths);
            user_parts.push((lexicon.grammar, first..rules.len()));
        }
        // The tone model's rules come last, so that the lexicons' indices stay as they were; they
        // are loaded even with the model off, so that naming them is never an error.
        let model_rules = rules.len()..rules.len() + 3;
        rules.extend(model::rules().into_iter().map(Arc::new));
        // Every entry's id, with where it was defined, to refuse duplicates across files. The place
        // is spelt out only for a duplicate: formatting it for each of hundreds of entries was a
        // tenth of a one-word run.
        let mut ids: std::collections::HashMap<&str, (&str, usize)> =
            std::collections::HashMap::new();
        let defined = rules
            .iter()
            .map(|r| (r.id(), (r.origin(), r.line())))
            .chain(strengths.iter().map(|s| (s.id(), (s.origin(), s.line()))));
        for (id, place) in defined {
            if let Some(first) = ids.insert(id, place) {
                let spell = |(origin, line): (&str, usize)| format!("{origin}:{line}");
                return Err(BuildError::DuplicateRuleId {
                    id: id.to_string(),
                    first: spell(first),
                    second: spell(place),
                });
            }
        }
        let overridden = self.severities.iter().map(|(name, _)| name);
        for name in self
            .only
            .iter()
            .chain(&self.enable)
            .chain(&self.disable)
            .chain(overridden)
        {
            if Category::from_name(name).is_none() && !ids.contains_key(name.as_str()) {
                return Err(unknown_name(name, ids.keys().copied()));
            }
        }
        let only: HashSet<&str> = self.only.iter().map(String::as_str).collect();
        let enable: HashSet<&str> = self.enable.iter().map(String::as_str).collect();
        let disable: HashSet<&str> = self.disable.iter().map(String::as_str).collect();
        let named = |set: &HashSet<&str>, rule: &Rule| {
            set.contains(rule.id()) || set.contains(rule.category().as_str())
        };
        let rules: PerRule<Arc<Rule>> = rules.into();
        let enabled: PerRule<bool> = rules
            .iter()
            .map(|rule| {
                let chosen = if only.is_empty() {
                    rule.category().on_by_default() || named(&enable, rule)
                } else {
                    named(&only, rule) || named(&enable, rule)
                };
                chosen && !named(&disable, rule)
            })
            .collect();
        // Category overrides first, so that a rule id's override wins.
        let mut by_category: Vec<&(String, Severity)> = self.severities.iter().collect();
        by_category.sort_by_key(|(name, _)| Category::from_name(name).is_none());
        let severities: PerRule<Severity> = rules
            .iter()
            .map(|rule| {
                by_category
                    .iter()
                    .rfind(|(name, _)| name == rule.id() || name == rule.category().as_str())
                    .map_or(rule.severity(), |(_, severity)| *severity)
            })
            .collect();
        let mut allowed = Vec::new();
        for phrase in &self.allow {
            let variants = expand_phrase(phrase).map_err(|message| BuildError::AllowedPhrase {
                phrase: phrase.clone(),
                message,
            })?;
            allowed.extend(variants);
        }
        // Strengths are not findings, so `only` leaves them on; `disable` can switch one off.
        strengths.retain(|s| !disable.contains(s.id()));
        let strengths: PerStrength<Arc<Strength>> = strengths.into();
        let builtin_strengths: Option<Vec<Option<StrengthIndex>>> =
            builtin_strength_ids.map(|list| {
                list.iter()
                    .map(|b| {
                        strengths
                            .iter_indexed()
                            .find(|(_, s)| Arc::ptr_eq(s, b))
                            .map(|(i, _)| i)
                    })
                    .collect()
            });
        let phrases = PhraseMatcher::new(&EntrySelection {
            rules: &rules,
            enabled: &enabled,
            strengths: &strengths,
            allowed: &allowed,
            builtin: builtin_strengths
                .as_deref()
                .map(|strengths| BuiltinEntries {
                    rules: builtin_rules,
                    strengths,
                }),
        })
        .map_err(BuildError::Matcher)?;
        let users: Vec<UserGrammar<'_>> = user_parts
            .iter()
            .map(|(parts, range)| UserGrammar {
                parts,
                rules: range
                    .clone()
                    .map(RuleIndex::at)
                    .map(|rule| (rule, rules[rule].as_ref()))
                    .collect(),
            })
            .collect();
        let index: std::collections::HashMap<&str, RuleIndex> =
            rules.iter_indexed().map(|(i, r)| (r.id(), i)).collect();
        let shapes = ShapeLayer::build(&|id| index.get(id).copied(), with_builtin, &users)?;
        drop(users);
        let model = if self.model {
            ModelLayer::new(
                self.model_threshold,
                self.model_message_threshold,
                model_rules
                    .map(RuleIndex::at)
                    .map(|rule| ModelRule {
                        category: rules[rule].category(),
                        rule,
                        enabled: enabled[rule],
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(Linter {
            entries: Entries {
                rules,
                enabled,
                severities,
                strengths,
            },
            by_id: std::sync::OnceLock::new(),
            engine: Engine {
                phrases,
                shapes,
                model,
            },
            spare: std::sync::Mutex::new(Vec::new()),
        })
    }
}

fn unknown_name<'a>(name: &str, ids: impl Iterator<Item = &'a str>) -> BuildError {
    let mut scored: Vec<(f64, String)> = Category::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(ids)
        .map(|known| (strsim::jaro_winkler(name, known), known.to_string()))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    BuildError::UnknownName {
        name: name.to_string(),
        suggestions: scored.into_iter().take(3).map(|(_, n)| n).collect(),
        categories: Category::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
    }
}

/// Checks messages against a fixed set of rules. Build it once, share it across threads
/// (`Linter` is `Send + Sync`), and call [`check`](Linter::check) for each message.
///
/// ```
/// let linter = tonelint::Linter::new();
/// let report = linter.check("Thanks for the update. I will call you on Friday.");
/// assert!(report.findings().is_empty());
/// assert!(report.summary().score < 0, "gratitude, a commitment and a date are strengths");
/// ```
pub struct Linter {
    entries: Entries,
    /// Each rule's index in `entries.rules`, so that asking about every rule by id stays linear
    /// in a lexicon of a hundred thousand entries. Made on the first such question: checking a
    /// message never needs it, so building a linter does not pay for it.
    by_id: std::sync::OnceLock<std::collections::HashMap<Box<str>, RuleIndex>>,
    engine: Engine,
    /// Working memory of finished checks, handed to the next: a check would otherwise allocate
    /// and zero the same tables for every message. One per thread that checks at once, at most.
    spare: std::sync::Mutex<Vec<Scratch>>,
}

/// Spare working memory kept for at most this many concurrent checks.
const MAX_SPARE: usize = 16;

/// Working memory that served a message longer than this is dropped rather than kept, so one
/// enormous input does not pin its tables for the life of the linter.
const MAX_KEPT_INPUT: usize = 1 << 20;

impl Default for Linter {
    fn default() -> Self {
        Linter::new()
    }
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("rules", &self.entries.rules.len())
            .field(
                "enabled",
                &self.entries.enabled.iter().filter(|&&e| e).count(),
            )
            .finish()
    }
}

impl Linter {
    /// A linter with the built-in lexicons and every rule on.
    pub fn new() -> Linter {
        // The built-in lexicons were validated when the library was compiled, and the build
        // script refuses duplicate ids, so this cannot fail; the test suite pins it.
        LinterBuilder::new()
            .build()
            .expect("the built-in lexicons were validated at build time")
    }

    /// A builder for choosing lexicons and rules.
    pub fn builder() -> LinterBuilder {
        LinterBuilder::new()
    }

    /// Every loaded rule, enabled or not, in load order (built-in first).
    pub fn rules(&self) -> impl ExactSizeIterator<Item = &Rule> {
        self.entries.rules.iter().map(|r| r.as_ref())
    }

    /// The loaded rule with this id, enabled or not.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.index_of(id).map(|i| self.entries.rules[i].as_ref())
    }

    /// Every enabled strength, in load order (built-in first).
    pub fn strengths(&self) -> impl ExactSizeIterator<Item = &Strength> {
        self.entries.strengths.iter().map(|s| s.as_ref())
    }

    /// The enabled strength with this id.
    pub fn strength(&self, id: &str) -> Option<&Strength> {
        self.strengths().find(|s| s.id() == id)
    }

    /// Whether the rule with this id is loaded and switched on.
    pub fn is_enabled(&self, id: &str) -> bool {
        self.index_of(id).is_some_and(|i| self.entries.enabled[i])
    }

    /// The phrase layer, for the engine's bench hooks (`tonelint::__bench`).
    pub(crate) fn phrase_matcher(&self) -> &PhraseMatcher {
        &self.engine.phrases
    }

    fn index_of(&self, id: &str) -> Option<RuleIndex> {
        let by_id = self.by_id.get_or_init(|| {
            self.entries
                .rules
                .iter_indexed()
                .map(|(i, r)| (Box::from(r.id()), i))
                .collect()
        });
        by_id.get(id).copied()
    }

    /// Checks one message.
    ///
    /// ```
    /// let linter = tonelint::Linter::new();
    /// let draft = "This delay is unacceptable.";
    /// let report = linter.check(draft);
    /// let finding = &report.findings()[0];
    /// assert_eq!(finding.rule_id(), "aggressive.unacceptable");
    /// assert_eq!(&draft[finding.span()], "unacceptable");
    /// assert_eq!((finding.start().line, finding.start().column), (1, 15));
    /// ```
    pub fn check(&self, text: &str) -> Report {
        let mut spare = self
            .spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default();
        let report = self.engine.check(text, &self.entries, &mut spare);
        if text.len() <= MAX_KEPT_INPUT
            && let Ok(mut kept) = self.spare.lock()
            && kept.len() < MAX_SPARE
        {
            kept.push(spare);
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linter_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Linter>();
    }
}
