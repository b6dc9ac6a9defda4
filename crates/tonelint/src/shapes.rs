//! The tone grammar's place in a check: the grammar compiled from the built-in lexicons (by the
//! build script, loaded once per process), extended with what users' lexicons add, and the
//! joining of its matches and guards with the phrase matcher's findings.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use tonelint_grammar::{Effect, Grammar, Scan};
use tonelint_lexicon::grammar::GrammarSources;

use crate::category::Category;
use crate::error::{BuildError, LexiconError};
use crate::lexicon::GrammarParts;
use crate::matcher::RawMatch;
use crate::model::ModelCandidate;
use crate::rule::Rule;

static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_grammar.bin"));

/// The built-in lexicons' grammar, loaded on first use and shared by every linter.
fn builtin() -> Arc<Grammar> {
    static LOADED: OnceLock<Arc<Grammar>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            Arc::new(
                Grammar::from_bytes(BUILTIN)
                    .expect("the built-in grammar was compiled by this build's build script"),
            )
        })
        .clone()
}

/// A linter's grammar, and the categories each of its guards covers.
pub(crate) struct ShapeLayer {
    pub(crate) grammar: Arc<Grammar>,
    /// Per guard: what it covers, and whether it drops or softens it.
    guard_targets: Vec<Target>,
}

/// The findings one guard covers: whole categories, or single rules (by linter index).
struct Target {
    categories: Vec<Category>,
    rules: Vec<usize>,
    effect: Effect,
}

/// A user lexicon's part of the grammar: what it defines, and its rules with their linter indices.
pub(crate) struct UserGrammar<'a> {
    pub(crate) parts: &'a GrammarParts,
    pub(crate) rules: Vec<(u32, &'a Rule)>,
}

impl ShapeLayer {
    pub(crate) fn build(
        rules_by_id: &dyn Fn(&str) -> Option<usize>,
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
        let mut guard_targets = Vec::new();
        for (id, _, effect, names) in grammar.guards() {
            let mut target = Target {
                categories: Vec::new(),
                rules: Vec::new(),
                effect,
            };
            if names.is_empty() {
                target.categories = Category::ALL.to_vec();
            }
            for name in names {
                match (Category::from_name(name), rules_by_id(name)) {
                    (Some(category), _) => target.categories.push(category),
                    (None, Some(rule)) => target.rules.push(rule),
                    (None, None) => {
                        return Err(BuildError::Grammar(LexiconError {
                            origin: id.to_string(),
                            line: 0,
                            column: 0,
                            rule_id: Some(id.to_string()),
                            message: format!(
                                "the guard names `{name}`, which is neither a category nor a loaded rule"
                            ),
                        }));
                    }
                }
            }
            guard_targets.push(target);
        }
        Ok(ShapeLayer {
            grammar,
            guard_targets,
        })
    }

    /// Joins the grammar's matches and the tone model's candidates to the phrase matcher's
    /// findings:
    /// - a shape match that overlaps a phrase finding adds nothing (one span, one message; the
    ///   phrase's is the more specific) and is dropped;
    /// - a finding a guard covers is dropped, or softened to information;
    /// - a model candidate stands only in a sentence where no rule found anything.
    ///
    /// Returns the findings in input order.
    pub(crate) fn join(
        &self,
        phrases: Vec<RawMatch>,
        model: Vec<ModelCandidate>,
        scan: &Scan,
        category: impl Fn(usize) -> Category,
    ) -> Vec<Joined> {
        let mut all: Vec<Joined> = Vec::with_capacity(phrases.len() + scan.matches.len());
        for m in &scan.matches {
            let at = phrases.partition_point(|p| p.span.start < m.span.end);
            let overlaps = phrases[..at]
                .iter()
                .rev()
                .take_while(|p| p.span.start + MAX_LOOKBACK > m.span.start)
                .any(|p| p.span.end > m.span.start);
            if !overlaps {
                all.push(Joined::new(
                    RawMatch {
                        index: m.rule as usize,
                        span: m.span.clone(),
                    },
                    m.softened,
                ));
            }
        }
        let shapes_added = !all.is_empty();
        all.extend(phrases.into_iter().map(|m| Joined::new(m, false)));
        if shapes_added {
            all.sort_by_key(|j| {
                (
                    j.found.span.start,
                    std::cmp::Reverse(j.found.span.end),
                    j.found.index,
                )
            });
        }
        let guarded = !scan.guarded.is_empty();
        let (dropped, softened) = if guarded {
            (
                Cover::new(scan, &self.guard_targets, Effect::Drop),
                Cover::new(scan, &self.guard_targets, Effect::Soften),
            )
        } else {
            (Cover::empty(), Cover::empty())
        };
        let keep = |list: &mut Vec<Joined>| {
            if guarded {
                list.retain(|j| {
                    !dropped.covers(category(j.found.index), j.found.index, &j.found.span)
                });
                for j in list.iter_mut() {
                    j.softened |=
                        softened.covers(category(j.found.index), j.found.index, &j.found.span);
                }
            }
        };
        keep(&mut all);
        if model.is_empty() {
            return all;
        }
        let mut added = Vec::new();
        for candidate in model {
            let at = all.partition_point(|j| j.found.span.start < candidate.sentence.end);
            let ruled = all[..at]
                .iter()
                .rev()
                .take_while(|j| j.found.span.start + MAX_LOOKBACK > candidate.sentence.start)
                .any(|j| j.found.span.end > candidate.sentence.start);
            if !ruled {
                let mut joined = Joined::new(candidate.found, false);
                joined.note = Some(candidate.note);
                added.push(joined);
            }
        }
        keep(&mut added);
        if !added.is_empty() {
            all.extend(added);
            all.sort_by_key(|j| {
                (
                    j.found.span.start,
                    std::cmp::Reverse(j.found.span.end),
                    j.found.index,
                )
            });
        }
        all
    }
}

/// A finding on its way into a report: the match, whether a guard or cue softened it, and its
/// own message if it has one.
pub(crate) struct Joined {
    pub(crate) found: RawMatch,
    pub(crate) softened: bool,
    pub(crate) note: Option<String>,
}

impl Joined {
    fn new(found: RawMatch, softened: bool) -> Joined {
        Joined {
            found,
            softened,
            note: None,
        }
    }
}

/// How far back a phrase finding may start and still overlap a shape match, as in the matcher.
const MAX_LOOKBACK: usize = 4096;

/// The guarded regions per category and per single rule, sorted, with the furthest end reached
/// so far, so that whether a region covers a finding is a binary search.
struct Cover {
    by_category: Vec<Vec<(usize, usize)>>,
    by_rule: std::collections::HashMap<usize, Vec<(usize, usize)>>,
}

impl Cover {
    fn empty() -> Cover {
        Cover {
            by_category: vec![Vec::new(); Category::ALL.len()],
            by_rule: std::collections::HashMap::new(),
        }
    }

    fn new(scan: &Scan, targets: &[Target], effect: Effect) -> Cover {
        let mut by_category: Vec<Vec<(usize, usize)>> = vec![Vec::new(); Category::ALL.len()];
        let mut by_rule: std::collections::HashMap<usize, Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        for g in &scan.guarded {
            let Some(target) = targets.get(g.guard as usize) else {
                continue;
            };
            if target.effect != effect {
                continue;
            }
            for c in &target.categories {
                by_category[c.index()].push((g.region.start, g.region.end));
            }
            for &rule in &target.rules {
                by_rule
                    .entry(rule)
                    .or_default()
                    .push((g.region.start, g.region.end));
            }
        }
        for list in by_category.iter_mut().chain(by_rule.values_mut()) {
            list.sort_unstable();
            let mut reach = 0;
            for entry in list.iter_mut() {
                reach = reach.max(entry.1);
                entry.1 = reach;
            }
        }
        Cover {
            by_category,
            by_rule,
        }
    }

    fn covers(&self, category: Category, rule: usize, span: &Range<usize>) -> bool {
        let within = |list: &[(usize, usize)]| {
            let at = list.partition_point(|&(start, _)| start <= span.start);
            at > 0 && list[at - 1].1 >= span.end
        };
        within(&self.by_category[category.index()])
            || self.by_rule.get(&rule).is_some_and(|list| within(list))
    }
}
