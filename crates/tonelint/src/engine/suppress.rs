//! Inline suppression: comments in a message that switch findings off where the writer means a
//! phrase as written.
//!
//! - `tonelint: ignore` anywhere on a line drops the findings that start on that line;
//!   `tonelint: ignore vague.soon, demanding` only those of the named rules or categories.
//! - `tonelint-disable` starts a region without findings (or only without the named rules or
//!   categories: `<!-- tonelint-disable aggressive -->`), `tonelint-enable` ends it. A region left
//!   open runs to the end of the message. In Markdown and HTML the markers sit in `<!-- -->`
//!   comments; in plain text and email they can stand on a line of their own.

use std::sync::Arc;

use super::ids::PerRule;
use super::merge::Joined;
use super::span::{TextOffset, TextSpan};
use crate::category::Category;
use crate::rule::Rule;

const MARKER: &str = "tonelint";

/// Drops the findings of `text` its own comments switch off.
pub(super) fn drop_suppressed(text: &str, rules: &PerRule<Arc<Rule>>, joined: &mut Vec<Joined>) {
    let suppressions = Suppressions::scan(text);
    if suppressions.is_empty() {
        return;
    }
    joined.retain(|j| {
        let rule = &rules[j.found.entry];
        !suppressions.covers(j.found.span.start, rule.id(), rule.category())
    });
}

/// The regions of one message in which (some) findings are suppressed.
#[derive(Debug, Default)]
struct Suppressions {
    regions: Vec<(TextSpan, Vec<String>)>,
}

impl Suppressions {
    /// Finds the directives in `text`. Costs one substring search when there are none.
    fn scan(text: &str) -> Suppressions {
        let mut regions = Vec::new();
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        for (at, _) in text.match_indices(MARKER) {
            let rest = &text[at + MARKER.len()..];
            let line_end = rest
                .find('\n')
                .map_or(text.len(), |i| at + MARKER.len() + i);
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if let Some(args) = rest.strip_prefix(": ignore") {
                regions.push((TextSpan::new(line_start..line_end), names(args)));
            } else if let Some(args) = rest.strip_prefix("-disable") {
                open.push((line_end, names(args)));
            } else if let Some(args) = rest.strip_prefix("-enable") {
                let closing = names(args);
                let (closed, still_open): (Vec<_>, Vec<_>) =
                    open.drain(..).partition(|(_, opened)| {
                        closing.is_empty() || opened.iter().any(|n| closing.contains(n))
                    });
                open = still_open;
                regions.extend(
                    closed
                        .into_iter()
                        .map(|(start, names)| (TextSpan::new(start..line_start), names)),
                );
            }
        }
        regions.extend(
            open.into_iter()
                .map(|(start, names)| (TextSpan::new(start..text.len()), names)),
        );
        Suppressions { regions }
    }

    /// Whether a finding of `rule_id` in `category` starting at `offset` is suppressed.
    fn covers(&self, offset: TextOffset, rule_id: &str, category: Category) -> bool {
        self.regions.iter().any(|(region, names)| {
            region.start <= offset
                && offset < region.end
                && (names.is_empty()
                    || names.iter().any(|n| n == rule_id || n == category.as_str()))
        })
    }

    fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
}

/// The rule ids or categories after a directive, up to the end of the line or of an HTML
/// comment.
fn names(args: &str) -> Vec<String> {
    let args = args.split('\n').next().unwrap_or("");
    let args = args.split("-->").next().unwrap_or("");
    args.split([' ', ',', '\t', '\r'])
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_covers_its_line_only() {
        let text = "first line\nsecond tonelint: ignore\nthird";
        let s = Suppressions::scan(text);
        assert!(s.covers(
            TextOffset::new(text.find("second").unwrap()),
            "a.b",
            Category::Vague
        ));
        assert!(!s.covers(TextOffset::new(0), "a.b", Category::Vague));
        assert!(!s.covers(
            TextOffset::new(text.find("third").unwrap()),
            "a.b",
            Category::Vague
        ));
    }

    #[test]
    fn regions_name_rules_or_categories() {
        let text = "a\n<!-- tonelint-disable vague -->\nb\n<!-- tonelint-enable -->\nc";
        let s = Suppressions::scan(text);
        let b = text.find("b\n").unwrap();
        assert!(s.covers(TextOffset::new(b), "vague.soon", Category::Vague));
        assert!(!s.covers(TextOffset::new(b), "aggressive.x", Category::Aggressive));
        assert!(!s.covers(
            TextOffset::new(text.rfind('c').unwrap()),
            "vague.soon",
            Category::Vague
        ));
    }

    #[test]
    fn an_open_region_runs_to_the_end() {
        let text = "tonelint-disable\nall of this";
        let s = Suppressions::scan(text);
        assert!(s.covers(TextOffset::new(text.len() - 1), "x", Category::Demanding));
    }
}
