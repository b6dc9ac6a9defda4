//! Lexicon entries as the linter holds them: [`Rule`]s, which flag phrasing, and [`Strength`]s,
//! which recognise the moves the seed documents recommend.

use std::borrow::Cow;

use crate::category::{Category, Severity};
use crate::context::Context;
use crate::lexicon::spec::{MatchSpec, RuleSpec, StrengthSpec};
use tonelint_lexicon::register::EntryLists;

type List = Cow<'static, [Cow<'static, str>]>;

/// What an entry looks for. Built-in entries are static data compiled into the binary (every
/// field borrows); entries from lexicon files loaded at run time own their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Matching {
    pub(crate) phrases: List,
    pub(crate) phrase_variants: List,
    pub(crate) patterns: List,
    pub(crate) exceptions: List,
    pub(crate) exception_variants: List,
    pub(crate) exception_gaps: Cow<'static, [(List, List)]>,
    pub(crate) examples: List,
    /// Per example, the byte range of the words its curator marked as the ones to flag.
    pub(crate) example_pins: Cow<'static, [Option<(u32, u32)>]>,
    pub(crate) counterexamples: List,
    pub(crate) shapes: List,
    pub(crate) unless: List,
    pub(crate) soften: List,
}

impl Matching {
    /// Looks for nothing: the tone model's rules, which report what the model finds.
    pub(crate) fn none() -> Matching {
        let empty = || Cow::Borrowed(&[][..]);
        Matching {
            phrases: empty(),
            phrase_variants: empty(),
            patterns: empty(),
            exceptions: empty(),
            exception_variants: empty(),
            exception_gaps: Cow::Borrowed(&[]),
            examples: empty(),
            example_pins: Cow::Borrowed(&[]),
            counterexamples: empty(),
            shapes: empty(),
            unless: empty(),
            soften: empty(),
        }
    }

    /// The lists the word automaton is built from. Empty for built-in entries: the build script
    /// registered theirs in the embedded automaton.
    pub(crate) fn lists(&self) -> EntryLists<'_, Cow<'static, str>, List> {
        EntryLists {
            phrase_variants: &self.phrase_variants,
            exception_variants: &self.exception_variants,
            exception_gaps: &self.exception_gaps,
            patterns: &self.patterns,
        }
    }

    fn from_spec(spec: MatchSpec) -> Matching {
        fn owned(list: Vec<String>) -> List {
            Cow::Owned(list.into_iter().map(Cow::Owned).collect())
        }
        Matching {
            phrases: owned(spec.phrases),
            phrase_variants: owned(spec.phrase_variants),
            patterns: owned(spec.patterns),
            exceptions: owned(spec.exceptions),
            exception_variants: owned(spec.exception_variants),
            exception_gaps: Cow::Owned(
                spec.exception_gaps
                    .into_iter()
                    .map(|(before, after)| (owned(before), owned(after)))
                    .collect(),
            ),
            examples: owned(spec.examples),
            example_pins: Cow::Owned(
                spec.example_pins
                    .into_iter()
                    .map(|pin| pin.map(|(start, end)| (start as u32, end as u32)))
                    .collect(),
            ),
            counterexamples: owned(spec.counterexamples),
            shapes: owned(spec.shapes),
            unless: owned(spec.unless),
            soften: owned(spec.soften),
        }
    }
}

fn strs(list: &List) -> impl ExactSizeIterator<Item = &str> {
    list.iter().map(|s| s.as_ref())
}

/// The accessors rules and strengths share.
macro_rules! matching_accessors {
    () => {
        /// The phrases as the lexicon wrote them (before alternatives and contractions expand).
        pub fn phrases(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.phrases)
        }

        /// The regular expressions matched besides the phrases.
        pub fn patterns(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.patterns)
        }

        /// Phrases that suppress a match when they cover it.
        pub fn exceptions(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.exceptions)
        }

        /// Sentence shapes in the tone grammar (see `lexicons/README.md`).
        pub fn shapes(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.shapes)
        }

        /// Sentences that must match (checked by the test suite).
        pub fn examples(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.examples)
        }

        /// Each example with the byte range of the words it must flag, where the lexicon marked
        /// them (`"This delay is [unacceptable]."`; the text has the marks taken out).
        pub fn pinned_examples(
            &self,
        ) -> impl ExactSizeIterator<Item = (&str, Option<std::ops::Range<usize>>)> {
            let pins = &self.matching.example_pins;
            strs(&self.matching.examples)
                .enumerate()
                .map(move |(i, text)| {
                    let pin = pins
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|(start, end)| start as usize..end as usize);
                    (text, pin)
                })
        }

        /// Sentences that must not match (checked by the test suite).
        pub fn counterexamples(&self) -> impl ExactSizeIterator<Item = &str> {
            strs(&self.matching.counterexamples)
        }

        /// The stable id.
        pub fn id(&self) -> &str {
            &self.id
        }

        /// Where the entry was defined: `lexicons/NAME.toml` for built-in entries, or the name a
        /// lexicon file was loaded under.
        pub fn origin(&self) -> &str {
            &self.origin
        }

        /// The 1-based line of the entry's `id` in the file it came from.
        pub fn line(&self) -> usize {
            self.line
        }

        /// One line: what the entry is about.
        pub fn message(&self) -> &str {
            &self.message
        }

        /// The longer explanation shown by `--explain`.
        pub fn explanation(&self) -> &str {
            &self.explanation
        }
    };
}

/// A lexicon entry that flags phrasing: what it looks for, why it matters and how to say it
/// better.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub(crate) id: Cow<'static, str>,
    pub(crate) origin: Cow<'static, str>,
    pub(crate) line: usize,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) message: Cow<'static, str>,
    pub(crate) explanation: Cow<'static, str>,
    pub(crate) matching: Matching,
    pub(crate) rewrites: Cow<'static, [Rewrite]>,
    pub(crate) fix: Option<Cow<'static, str>>,
}

/// An assertive way to say what a flagged phrase was trying to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    pub(crate) text: Cow<'static, str>,
    pub(crate) source: Cow<'static, str>,
    pub(crate) context: Context,
}

impl serde::Serialize for Rewrite {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Rewrite", 4)?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("source", self.source())?;
        s.serialize_field("source_title", &self.source_title())?;
        s.serialize_field("context", &self.context)?;
        s.end()
    }
}

impl Rewrite {
    /// The suggested wording.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the wording comes from: a seed file name such as `000_f142cf3f49fb3e6e.txt`, or
    /// `project` for the project's own wording.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the wording is the project's own rather than taken from a seed document.
    pub fn is_project_wording(&self) -> bool {
        self.source == "project"
    }

    /// The title of the seed article the wording comes from; none for the project's own.
    pub fn source_title(&self) -> Option<&'static str> {
        crate::context::seed_title(&self.source)
    }

    /// What kind of message the wording was written for.
    pub fn context(&self) -> Context {
        self.context
    }
}

impl Rule {
    matching_accessors!();

    /// The kind of tone problem.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The severity the lexicon gives the rule.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The assertive rewrites, best first.
    pub fn rewrites(&self) -> &[Rewrite] {
        &self.rewrites
    }

    /// A replacement for the matched words that the lexicon marks safe in any sentence (`fix`
    /// field): what `--fix` writes. An empty replacement deletes the words.
    pub fn fix(&self) -> Option<&str> {
        self.fix.as_deref()
    }

    pub(crate) fn from_spec(spec: RuleSpec, origin: &str) -> Rule {
        Rule {
            id: Cow::Owned(spec.id),
            origin: Cow::Owned(origin.to_string()),
            line: spec.line,
            category: spec.category,
            severity: spec.severity,
            message: Cow::Owned(spec.message),
            explanation: Cow::Owned(spec.explanation),
            matching: Matching::from_spec(spec.matching),
            fix: spec.fix.map(Cow::Owned),
            rewrites: Cow::Owned(
                spec.rewrites
                    .into_iter()
                    .map(|r| Rewrite {
                        text: Cow::Owned(r.text),
                        source: Cow::Owned(r.source),
                        context: r
                            .context
                            .as_deref()
                            .and_then(Context::from_name)
                            .unwrap_or(Context::Clinical),
                    })
                    .collect(),
            ),
        }
    }
}

/// A lexicon entry that recognises a move the seed documents recommend (acknowledging the
/// reader, a collaborative question, a concrete date, gratitude). Strengths are reported beside
/// findings and lower the harshness score; they never fail a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strength {
    pub(crate) id: Cow<'static, str>,
    pub(crate) origin: Cow<'static, str>,
    pub(crate) line: usize,
    pub(crate) message: Cow<'static, str>,
    pub(crate) explanation: Cow<'static, str>,
    pub(crate) matching: Matching,
    pub(crate) source: Cow<'static, str>,
}

impl Strength {
    /// The title of the seed article the strength comes from; none for the project's own.
    pub fn source_title(&self) -> Option<&'static str> {
        crate::context::seed_title(self.source())
    }

    matching_accessors!();

    /// The seed file the move comes from, or `project`.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub(crate) fn from_spec(spec: StrengthSpec, origin: &str) -> Strength {
        Strength {
            id: Cow::Owned(spec.id),
            origin: Cow::Owned(origin.to_string()),
            line: spec.line,
            message: Cow::Owned(spec.message),
            explanation: Cow::Owned(spec.explanation),
            matching: Matching::from_spec(spec.matching),
            source: Cow::Owned(spec.source),
        }
    }
}
