//! A rule as the linter holds it: one entry of a lexicon, ready to report.

use std::borrow::Cow;

use crate::category::{Category, Severity};

/// One lexicon entry: what it looks for, why it matters and how to say it better.
///
/// Built-in rules are static data compiled into the binary (every field borrows), rules from
/// lexicon files loaded at run time own their text. Either way the type is the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub(crate) id: Cow<'static, str>,
    pub(crate) origin: Cow<'static, str>,
    pub(crate) line: usize,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) message: Cow<'static, str>,
    pub(crate) explanation: Cow<'static, str>,
    pub(crate) phrases: Cow<'static, [Cow<'static, str>]>,
    pub(crate) phrase_variants: Cow<'static, [Cow<'static, str>]>,
    pub(crate) patterns: Cow<'static, [Cow<'static, str>]>,
    pub(crate) exceptions: Cow<'static, [Cow<'static, str>]>,
    pub(crate) exception_variants: Cow<'static, [Cow<'static, str>]>,
    pub(crate) examples: Cow<'static, [Cow<'static, str>]>,
    pub(crate) counterexamples: Cow<'static, [Cow<'static, str>]>,
    pub(crate) rewrites: Cow<'static, [Rewrite]>,
}

/// An assertive way to say what a flagged phrase was trying to say.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rewrite {
    pub(crate) text: Cow<'static, str>,
    pub(crate) source: Cow<'static, str>,
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
}

impl Rule {
    /// The stable id, such as `aggressive.unacceptable`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where the rule was defined: `built-in:aggressive.toml` for built-in rules, or the name a
    /// lexicon file was loaded under.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The 1-based line of the rule's `id` in the file it came from.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The kind of tone problem.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The severity the lexicon gives the rule.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// One line: why the phrasing lands badly.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The longer explanation shown by `--explain`.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }

    /// The phrases as the lexicon wrote them (before alternatives and contractions expand).
    pub fn phrases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.phrases.iter().map(|p| p.as_ref())
    }

    /// The regular expressions the rule matches besides its phrases.
    pub fn patterns(&self) -> impl ExactSizeIterator<Item = &str> {
        self.patterns.iter().map(|p| p.as_ref())
    }

    /// Phrases that suppress a finding when they cover it.
    pub fn exceptions(&self) -> impl ExactSizeIterator<Item = &str> {
        self.exceptions.iter().map(|p| p.as_ref())
    }

    /// Sentences the rule must flag (checked by the test suite).
    pub fn examples(&self) -> impl ExactSizeIterator<Item = &str> {
        self.examples.iter().map(|p| p.as_ref())
    }

    /// Sentences the rule must not flag (checked by the test suite).
    pub fn counterexamples(&self) -> impl ExactSizeIterator<Item = &str> {
        self.counterexamples.iter().map(|p| p.as_ref())
    }

    /// The assertive rewrites, best first.
    pub fn rewrites(&self) -> &[Rewrite] {
        &self.rewrites
    }

    pub(crate) fn from_spec(spec: crate::lexicon::spec::RuleSpec, origin: &str) -> Rule {
        fn owned(list: Vec<String>) -> Cow<'static, [Cow<'static, str>]> {
            Cow::Owned(list.into_iter().map(Cow::Owned).collect())
        }
        Rule {
            id: Cow::Owned(spec.id),
            origin: Cow::Owned(origin.to_string()),
            line: spec.line,
            category: spec.category,
            severity: spec.severity,
            message: Cow::Owned(spec.message),
            explanation: Cow::Owned(spec.explanation),
            phrases: owned(spec.phrases),
            phrase_variants: owned(spec.phrase_variants),
            patterns: owned(spec.patterns),
            exceptions: owned(spec.exceptions),
            exception_variants: owned(spec.exception_variants),
            examples: owned(spec.examples),
            counterexamples: owned(spec.counterexamples),
            rewrites: Cow::Owned(
                spec.rewrites
                    .into_iter()
                    .map(|r| Rewrite {
                        text: Cow::Owned(r.text),
                        source: Cow::Owned(r.source),
                    })
                    .collect(),
            ),
        }
    }
}
