//! `--list-rules` and `--explain`.

use std::io::{self, Write};

use tonelint::{Linter, Rule};

use super::human::suggestion;

/// One line per rule: id, category, severity, on/off, message.
pub fn write_list(out: &mut impl Write, linter: &Linter) -> io::Result<()> {
    let width = linter.rules().map(|r| r.id().len()).max().unwrap_or(0);
    for rule in linter.rules() {
        let state = if linter.is_enabled(rule.id()) {
            "on"
        } else {
            "off"
        };
        writeln!(
            out,
            "{:width$}  {:10}  {:7}  {:3}  {}",
            rule.id(),
            rule.category().as_str(),
            rule.severity().as_str(),
            state,
            rule.message(),
        )?;
    }
    writeln!(out, "{} rules", linter.rules().len())
}

/// The whole story of one rule.
pub fn write_explanation(out: &mut impl Write, rule: &Rule) -> io::Result<()> {
    writeln!(
        out,
        "{}[{}] ({})",
        rule.category(),
        rule.id(),
        rule.severity()
    )?;
    writeln!(out, "defined in {} line {}", rule.origin(), rule.line())?;
    writeln!(out)?;
    writeln!(out, "{}", rule.message())?;
    writeln!(out)?;
    writeln!(out, "{}", rule.explanation())?;
    let sections: [(&str, Vec<&str>); 5] = [
        ("Phrases", rule.phrases().collect()),
        ("Patterns", rule.patterns().collect()),
        ("Not flagged inside", rule.exceptions().collect()),
        ("Flagged, for example", rule.examples().collect()),
        ("Not flagged, for example", rule.counterexamples().collect()),
    ];
    for (heading, items) in sections {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading}:")?;
        for item in items {
            writeln!(out, "  - {item}")?;
        }
    }
    writeln!(out, "\nAssertive rewrites:")?;
    for rewrite in rule.rewrites() {
        writeln!(out, "  - {}", suggestion(rewrite))?;
    }
    Ok(())
}
