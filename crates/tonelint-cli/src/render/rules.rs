//! `--list-rules` and `--explain`.

use std::io::{self, Write};

use tonelint::{Linter, Rule, Strength};

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
    for strength in linter.strengths() {
        writeln!(
            out,
            "{:width$}  {:10}  {:7}  {:3}  {}",
            strength.id(),
            "strength",
            "-",
            "on",
            strength.message(),
        )?;
    }
    writeln!(
        out,
        "{} rules, {} strengths",
        linter.rules().len(),
        linter.strengths().len()
    )
}

/// `--list-rules --format json`: `{"version": 1, "rules": [...], "strengths": [...]}`.
pub fn write_list_json(out: &mut impl Write, linter: &Linter) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = linter
        .rules()
        .map(|rule| {
            serde_json::json!({
                "id": rule.id(),
                "category": rule.category().as_str(),
                "severity": rule.severity().as_str(),
                "enabled": linter.is_enabled(rule.id()),
                "message": rule.message(),
                "fix": rule.fix(),
            })
        })
        .collect();
    let strengths: Vec<serde_json::Value> = linter
        .strengths()
        .map(|s| serde_json::json!({ "id": s.id(), "message": s.message() }))
        .collect();
    let document = serde_json::json!({ "version": 1, "rules": rules, "strengths": strengths });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// The whole story of one strength.
pub fn write_strength(out: &mut impl Write, strength: &Strength) -> io::Result<()> {
    writeln!(out, "strength[{}]", strength.id())?;
    writeln!(
        out,
        "defined in {} line {}",
        strength.origin(),
        strength.line()
    )?;
    writeln!(out)?;
    writeln!(out, "{}", strength.message())?;
    writeln!(out)?;
    writeln!(out, "{}", strength.explanation())?;
    write_matching(
        out,
        strength.phrases(),
        strength.patterns(),
        strength.exceptions(),
        strength.examples(),
        strength.counterexamples(),
    )?;
    let source = match strength.source_title() {
        _ if strength.source() == "project" => "tonelint's own".to_string(),
        Some(title) => format!("the article \"{title}\""),
        None => strength.source().to_string(),
    };
    writeln!(out, "\nSource: {source}")
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
    if rule.line() == 0 {
        // The tone model's rules are not written in a file.
        writeln!(out, "reported by {}", rule.origin())?;
    } else {
        writeln!(out, "defined in {} line {}", rule.origin(), rule.line())?;
    }
    writeln!(out)?;
    writeln!(out, "{}", rule.message())?;
    writeln!(out)?;
    writeln!(out, "{}", rule.explanation())?;
    write_matching(
        out,
        rule.phrases(),
        rule.patterns(),
        rule.exceptions(),
        rule.examples(),
        rule.counterexamples(),
    )?;
    writeln!(out, "\nAssertive rewrites:")?;
    for rewrite in rule.rewrites() {
        writeln!(
            out,
            "  - for {} messages: {}",
            rewrite.context().as_str(),
            suggestion(rewrite)
        )?;
    }
    Ok(())
}

fn write_matching<'a>(
    out: &mut impl Write,
    phrases: impl Iterator<Item = &'a str>,
    patterns: impl Iterator<Item = &'a str>,
    exceptions: impl Iterator<Item = &'a str>,
    examples: impl Iterator<Item = &'a str>,
    counterexamples: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    let sections: [(&str, Vec<&str>); 5] = [
        ("Phrases", phrases.collect()),
        ("Patterns", patterns.collect()),
        ("Not matched inside", exceptions.collect()),
        ("Matched, for example", examples.collect()),
        ("Not matched, for example", counterexamples.collect()),
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
    Ok(())
}
