//! Diagnostics in the style of rustc and clippy: `category[rule-id]: message`, the source line
//! with the span underlined, the rewrite as `help:`, then a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use tonelint::{Category, Finding, Rewrite, Severity, Summary};

use crate::checked::{Checked, Place};

/// Writes every finding and strength of one input, then its summary line.
pub fn write_report(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    let renderer = Renderer::styled();
    for (finding, place) in checked.located() {
        let diagnostic = diagnostic(&checked.path, &checked.shown, finding, place);
        writeln!(out, "{}\n", renderer.render(&[diagnostic]))?;
    }
    for (strength, place) in checked
        .report
        .strengths()
        .iter()
        .zip(&checked.strength_places)
    {
        writeln!(
            out,
            "strength[{}]: {} --> {}:{}:{} {:?}",
            strength.id(),
            strength.message(),
            checked.path,
            place.start.line,
            place.start.column,
            strength.text()
        )?;
    }
    write_summary(out, checked)
}

/// Writes the summary line of one input.
pub fn write_summary(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        summary_line(&checked.name, checked.report.summary())
    )
}

fn diagnostic<'a>(
    name: &'a str,
    text: &'a str,
    finding: &'a Finding,
    place: &Place,
) -> annotate_snippets::Group<'a> {
    let span = place.span.clone();
    // Only the lines holding the span go to the renderer, so a long message costs little.
    let first = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let excerpt = text[first..last].trim_end_matches('\r');
    let local = span.start - first..(span.end - first).min(excerpt.len());
    let mut group = level(finding.severity())
        .with_name(finding.category().as_str())
        .primary_title(finding.message())
        .id(finding.rule_id())
        .element(
            Snippet::source(excerpt)
                .line_start(place.start.line)
                .path(name)
                .annotation(AnnotationKind::Primary.span(local)),
        );
    for rewrite in finding.rewrites() {
        group = group.element(Level::HELP.message(format!("try: {}", suggestion(rewrite))));
    }
    group
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// A rewrite in quotes with where it comes from.
pub fn suggestion(rewrite: &Rewrite) -> String {
    if rewrite.is_project_wording() {
        format!("\"{}\" (tonelint's own wording)", rewrite.text())
    } else {
        format!("\"{}\" (from seeds/{})", rewrite.text(), rewrite.source())
    }
}

/// `NAME: 3 findings (2 aggressive, 1 demanding), 1 strength, in 40 words; score 8, verdict:
/// aggressive`.
pub fn summary_line(name: &str, summary: &Summary) -> String {
    let counts: Vec<String> = Category::ALL
        .iter()
        .filter_map(|c| {
            summary
                .by_category
                .get(c)
                .filter(|&&n| n > 0)
                .map(|n| format!("{n} {c}"))
        })
        .collect();
    let findings = match summary.findings {
        0 => "no findings".to_string(),
        1 => format!("1 finding ({})", counts.join(", ")),
        n => format!("{n} findings ({})", counts.join(", ")),
    };
    let strengths = match summary.strengths {
        1 => "1 strength".to_string(),
        n => format!("{n} strengths"),
    };
    format!(
        "{name}: {findings}, {strengths}, in {} words; score {}, verdict: {}",
        summary.words, summary.score, summary.verdict
    )
}
