//! Shapes: the tone grammar's place in a check. The grammar compiled from the built-in lexicons
//! (by the build script, loaded once per process), extended with what users' lexicons add; the
//! `tonelint-grammar` crate splits each chunk into sentences, finds word classes and matches
//! shapes and guards in them.

use std::sync::{Arc, OnceLock};

use tonelint_grammar::Grammar;
use tonelint_lexicon::grammar::GrammarSources;

use super::guards::GuardTargets;
use super::ids::RuleIndex;
use crate::error::{BuildError, LexiconError};
use crate::lexicon::GrammarParts;
use crate::rule::Rule;

include!(concat!(env!("OUT_DIR"), "/builtin_grammar.rs"));

/// The built-in lexicons' grammar, read where the binary holds it and shared by every linter.
fn builtin() -> Arc<Grammar> {
    static LOADED: OnceLock<Arc<Grammar>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            Arc::new(
                Grammar::from_static(&GRAMMAR_TABLES, GRAMMAR_TEXT)
                    .expect("the built-in grammar was compiled by this build's build script"),
            )
        })
        .clone()
}

/// A linter's grammar, and what each of its guards covers.
pub(crate) struct ShapeLayer {
    pub(crate) grammar: Arc<Grammar>,
    pub(crate) guards: GuardTargets,
}

/// A user lexicon's part of the grammar: what it defines, and its rules with their linter indices.
pub(crate) struct UserGrammar<'a> {
    pub(crate) parts: &'a GrammarParts,
    pub(crate) rules: Vec<(RuleIndex, &'a Rule)>,
}

impl ShapeLayer {
    pub(crate) fn build(
        rules_by_id: &dyn Fn(&str) -> Option<RuleIndex>,
        with_builtin: bool,
        users: &[UserGrammar<'_>],
    ) -> Result<ShapeLayer, BuildError> {
        let base = with_builtin.then(builtin);
        let adds = users.iter().any(|u| {
            !u.parts.classes.is_empty()
                || !u.parts.guards.is_empty()
                || u.rules.iter().any(|(_, r)| r.shapes().len() > 0)
        });
        let grammar = if !adds {
            base.unwrap_or_default()
        } else {
            let mut sources = GrammarSources::default();
            for user in users {
                let origin = &user.parts.origin;
                for class in &user.parts.classes {
                    sources.class(origin, class);
                }
                for guard in &user.parts.guards {
                    sources.guard(origin, guard);
                }
                sources.irregular(&user.parts.irregular);
                for &(index, rule) in &user.rules {
                    let m = &rule.matching;
                    let place = (origin.as_str(), rule.line(), rule.id());
                    sources.rule(place, index, &m.shapes, &m.unless, &m.soften);
                }
            }
            let compiled = sources.compile(base.as_deref()).map_err(|err| {
                BuildError::Grammar(LexiconError {
                    origin: err.place.origin,
                    line: err.place.line,
                    column: 1,
                    rule_id: err.place.id,
                    message: err.message,
                })
            })?;
            Arc::new(compiled)
        };
        let guards = GuardTargets::new(&grammar, rules_by_id)?;
        Ok(ShapeLayer { grammar, guards })
    }
}
