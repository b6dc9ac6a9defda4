//! Guards: the stretches of a sentence the tone grammar says are not the writer's own tone
//! (reported speech, a care instruction), and which findings inside them are dropped or softened.

use std::collections::HashMap;

use tonelint_grammar::{Effect, Grammar, Scan};

use super::ids::RuleIndex;
use super::span::{TextOffset, TextSpan};
use crate::category::Category;
use crate::error::{BuildError, LexiconError};

/// What each guard of a linter's grammar covers, in the grammar's guard order.
pub(crate) struct GuardTargets(Vec<Target>);

/// The findings one guard covers: whole categories, or single rules.
struct Target {
    categories: Vec<Category>,
    rules: Vec<RuleIndex>,
    effect: Effect,
}

impl GuardTargets {
    /// Reads what each guard of `grammar` names: categories, or rules by id.
    pub(super) fn new(
        grammar: &Grammar,
        rules_by_id: &dyn Fn(&str) -> Option<RuleIndex>,
    ) -> Result<GuardTargets, BuildError> {
        let mut targets = Vec::new();
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
            targets.push(target);
        }
        Ok(GuardTargets(targets))
    }
}

/// The guarded regions per category and per single rule, sorted, with the furthest end reached
/// so far, so that whether a region covers a finding is a binary search.
pub(super) struct Cover {
    by_category: Vec<Vec<(TextOffset, TextOffset)>>,
    by_rule: HashMap<RuleIndex, Vec<(TextOffset, TextOffset)>>,
}

impl Cover {
    pub(super) fn empty() -> Cover {
        Cover {
            by_category: vec![Vec::new(); Category::ALL.len()],
            by_rule: HashMap::new(),
        }
    }

    pub(super) fn new(scan: &Scan, targets: &GuardTargets, effect: Effect) -> Cover {
        let mut by_category: Vec<Vec<(TextOffset, TextOffset)>> =
            vec![Vec::new(); Category::ALL.len()];
        let mut by_rule: HashMap<RuleIndex, Vec<(TextOffset, TextOffset)>> = HashMap::new();
        for g in &scan.guarded {
            // The grammar adds each chunk's start to what it reports: its regions are in the text.
            let region = TextSpan::new(g.region.clone());
            let Some(target) = targets.0.get(g.guard.index()) else {
                continue;
            };
            if target.effect != effect {
                continue;
            }
            for c in &target.categories {
                by_category[c.index()].push((region.start, region.end));
            }
            for &rule in &target.rules {
                by_rule
                    .entry(rule)
                    .or_default()
                    .push((region.start, region.end));
            }
        }
        for list in by_category.iter_mut().chain(by_rule.values_mut()) {
            list.sort_unstable();
            let mut reach = TextOffset::new(0);
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

    pub(super) fn covers(&self, category: Category, rule: RuleIndex, span: TextSpan) -> bool {
        let within = |list: &[(TextOffset, TextOffset)]| {
            let at = list.partition_point(|&(start, _)| start <= span.start);
            at > 0 && list[at - 1].1 >= span.end
        };
        within(&self.by_category[category.index()])
            || self.by_rule.get(&rule).is_some_and(|list| within(list))
    }
}
