//! Lexicons: the curated rule lists, built in or loaded from files a user writes.
//!
//! The schema is documented for curators in `lexicons/README.md` at the repository root.

pub(crate) use tonelint_lexicon::spec;

use std::sync::Arc;

use crate::error::LexiconError;
use crate::rule::{Rule, Strength};

mod builtin {
    use std::borrow::Cow;

    use crate::category::{Category, Severity};
    use crate::rule::{Matching, Rewrite, Rule, Strength};

    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A set of rules read from one lexicon, ready to hand to a
/// [`LinterBuilder`](crate::LinterBuilder).
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub(crate) rules: Vec<Arc<Rule>>,
    pub(crate) strengths: Vec<Arc<Strength>>,
    /// The tone grammar's classes, guards and irregular verbs this file defines (its rules'
    /// shapes travel with the rules). Empty for the built-in lexicons, whose grammar is compiled
    /// at build time.
    pub(crate) grammar: GrammarParts,
}

/// What a lexicon file adds to the tone grammar besides its rules' shapes.
#[derive(Clone, Debug, Default)]
pub(crate) struct GrammarParts {
    pub(crate) origin: String,
    pub(crate) classes: Vec<spec::ClassSpec>,
    pub(crate) guards: Vec<spec::GuardSpec>,
    pub(crate) irregular: Vec<(String, Vec<String>)>,
}

impl Lexicon {
    /// The lexicons compiled into this library from `lexicons/*.toml`. Costs no parsing: the
    /// rules are static data.
    pub fn builtin() -> Lexicon {
        Lexicon {
            rules: builtin::BUILTIN_RULES
                .iter()
                .cloned()
                .map(Arc::new)
                .collect(),
            strengths: builtin::BUILTIN_STRENGTHS
                .iter()
                .cloned()
                .map(Arc::new)
                .collect(),
            grammar: GrammarParts::default(),
        }
    }

    /// Reads a lexicon from TOML text. `origin` names it in errors and in
    /// [`Rule::origin`]; pass the file's path.
    ///
    /// ```
    /// let text = r#"
    /// [[rule]]
    /// id = "acme.circle-back"
    /// category = "vague"
    /// severity = "info"
    /// message = "\"Circle back\" sets no time."
    /// explanation = "Say when you will come back to it."
    /// phrases = ["circle back"]
    /// [[rule.rewrite]]
    /// text = "I will send you an update by Friday."
    /// source = "project"
    /// "#;
    /// let lexicon = tonelint::Lexicon::parse("acme.toml", text)?;
    /// assert_eq!(lexicon.rules().next().unwrap().id(), "acme.circle-back");
    /// # Ok::<(), tonelint::LexiconError>(())
    /// ```
    pub fn parse(origin: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let spec = spec::parse_lexicon(text).map_err(|err| LexiconError {
            origin: origin.to_string(),
            line: err.line,
            column: err.column,
            rule_id: err.rule_id,
            message: err.message,
        })?;
        let grammar = GrammarParts {
            origin: origin.to_string(),
            classes: spec.classes,
            guards: spec.guards,
            irregular: spec.irregular,
        };
        Ok(Lexicon {
            grammar,
            rules: spec
                .rules
                .into_iter()
                .map(|s| Arc::new(Rule::from_spec(s, origin)))
                .collect(),
            strengths: spec
                .strengths
                .into_iter()
                .map(|s| Arc::new(Strength::from_spec(s, origin)))
                .collect(),
        })
    }

    /// The rules, in file order.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = &Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    /// The strengths, in file order.
    pub fn strengths(&self) -> impl ExactSizeIterator<Item = &Strength> {
        self.strengths.iter().map(|s| s.as_ref())
    }

    /// The number of rules and strengths.
    pub fn len(&self) -> usize {
        self.rules.len() + self.strengths.len()
    }

    /// Whether the lexicon holds neither rule nor strength.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
