//! `--format human`: diagnostics in the style of rustc and clippy, `category[rule-id]: message`,
//! the source line with the span underlined, the rewrite as `help:`, then a summary line; with
//! `--summary`, the summary line alone.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use tonelint::{Category, Rewrite, Severity, Summary};

use super::{Render, printable};
use crate::checked::Checked;
use crate::located::Located;

/// Every finding and strength of each input, then its summary line.
pub struct Human {
    /// The terminal's width in columns: long rewrites are wrapped to it under the `= help:`
    /// gutter.
    width: usize,
}

impl Human {
    pub fn new(width: usize) -> Human {
        Human { width }
    }
}

impl Render for Human {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        write_report(out, checked, self.width)
    }
}

/// `--summary`: the summary line of each input alone.
pub struct HumanSummary;

impl Render for HumanSummary {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        write_summary(out, checked)
    }
}

fn write_report(out: &mut dyn Write, checked: &Checked, width: usize) -> io::Result<()> {
    let renderer = Renderer::styled();
    let path = printable(&checked.path);
    for finding in checked.findings() {
        let start = finding.span().start();
        let (excerpt, local) = excerpt(&checked.shown, finding.span().bytes());
        let diagnostic = diagnostic(&path, &excerpt, local.clone(), &finding, width);
        let rendered = renderer.render(&[diagnostic]);
        // The renderer counts the column in characters of the excerpt; every other format
        // counts terminal cells from the start of the line (a tab, a wide character, a cut line).
        let counted = excerpt[..local.start].chars().count() + 1;
        let wrong = format!("{path}:{}:{counted}", start.line());
        let right = format!("{path}:{}:{}", start.line(), start.column());
        let title_end = rendered.find('\n').map_or(rendered.len(), |i| i + 1);
        let (title, rest) = rendered.split_at(title_end);
        writeln!(out, "{title}{}\n", rest.replacen(&wrong, &right, 1))?;
    }
    // One line per distinct strength, as the summary counts them; the text on one line (a
    // strength that runs over a line break is shown with a space, not a `\n` escape).
    for (strength, more) in checked.distinct_strengths() {
        let start = strength.span().start();
        let text: Vec<&str> = strength.text().split_whitespace().collect();
        write!(
            out,
            "strength[{}]: {} --> {}:{}:{} \"{}\"",
            strength.id(),
            strength.message(),
            path,
            start.line(),
            start.column(),
            text.join(" ")
        )?;
        if !more.is_empty() {
            let places: Vec<String> = more
                .iter()
                .map(|span| format!("{}:{}", span.start().line(), span.start().column()))
                .collect();
            write!(out, " (also at {})", places.join(", "))?;
        }
        writeln!(out)?;
    }
    write_summary(out, checked)
}

fn write_summary(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        summary_line(&printable(&checked.name), checked.summary())
    )
}

/// How much of the line around a finding is shown, before and after it, in bytes: enough to
/// read it in context, and bounded so that a finding on a megabyte-long line (minified HTML, a
/// decoded email body) costs as little to show as one on a short line.
const CONTEXT: usize = 120;

/// How much of a long finding is shown; the rest is cut with `...`.
const SPAN_SHOWN: usize = 240;

/// Marks text left out of an excerpt.
const CUT: &str = "...";

/// The width used when the output is not a terminal (a pipe, a file, a test): clap's help uses
/// the same.
const DEFAULT_WIDTH: usize = 100;

/// The narrowest text column a wrapped rewrite gets, however narrow the terminal.
const MIN_WRAP: usize = 30;

/// What stands before a help message on its line: `  = help: `.
const HELP_GUTTER: usize = 10;

/// The width to wrap human output to: the terminal's when standard output is one, else
/// `COLUMNS` when set, else [`DEFAULT_WIDTH`].
pub fn output_width() -> usize {
    use std::io::IsTerminal;
    let stdout = io::stdout();
    if stdout.is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout)
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// `text` broken at spaces into lines of at most `width` cells (a longer word stands alone).
/// The renderer indents continuation lines of a help message under its first line.
fn wrap(text: &str, width: usize) -> String {
    let width = width.max(MIN_WRAP);
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let cells = unicode_width::UnicodeWidthStr::width(word);
        if line > 0 && line + 1 + cells > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += cells;
    }
    out
}

fn diagnostic<'a>(
    name: &'a str,
    excerpt: &'a str,
    local: Range<usize>,
    finding: &Located<'a>,
    width: usize,
) -> annotate_snippets::Group<'a> {
    let mut group = level(finding.severity())
        .with_name(finding.category().as_str())
        .primary_title(finding.message())
        .id(finding.rule_id())
        .element(
            Snippet::source(excerpt)
                .line_start(finding.span().start().line())
                .path(name)
                .annotation(AnnotationKind::Primary.span(local)),
        );
    let text_width = width.saturating_sub(HELP_GUTTER);
    if let Some(fix) = finding.fix() {
        let what = if fix.is_empty() {
            format!("--fix deletes {:?}", finding.text())
        } else {
            format!("--fix replaces {:?} with {fix:?}", finding.text())
        };
        group = group.element(Level::NOTE.message(wrap(&what, text_width)));
    }
    for rewrite in finding.best_rewrites() {
        let help = format!("try: {}", suggestion(rewrite));
        group = group.element(Level::HELP.message(wrap(&help, text_width)));
    }
    group
}

/// The lines holding `span` (ended by `\n`, `\r\n` or a `\r` alone), cut to [`CONTEXT`] bytes on
/// each side and the span to [`SPAN_SHOWN`], and the span's place in that excerpt.
fn excerpt(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let shown_end = floor(span.end.min(span.start + SPAN_SHOWN));
    let reach_back = floor(span.start.saturating_sub(CONTEXT));
    let first = text[reach_back..span.start]
        .rfind(['\n', '\r'])
        .map_or(reach_back, |i| reach_back + i + 1);
    let reach_on = floor((shown_end + CONTEXT).min(text.len()));
    let last = if shown_end < span.end {
        shown_end
    } else {
        text[shown_end..reach_on]
            .find(['\n', '\r'])
            .map_or(reach_on, |i| shown_end + i)
    };
    let mut excerpt = String::new();
    let line_start = first == 0 || matches!(text.as_bytes()[first - 1], b'\n' | b'\r');
    if !line_start {
        excerpt.push_str(CUT);
    }
    let start = excerpt.len() + span.start - first;
    excerpt.push_str(&text[first..last]);
    let end = (excerpt.len()).min(start + (shown_end - span.start));
    let line_end = last == text.len() || matches!(text.as_bytes()[last], b'\n' | b'\r');
    if !line_end {
        excerpt.push_str(CUT);
    }
    (excerpt, start.min(end)..end)
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
    let text = quoted(rewrite);
    if rewrite.is_project_wording() {
        format!("{text} (tonelint's own wording)")
    } else {
        match rewrite.source_title() {
            Some(title) => format!("{text} (from the article \"{title}\")"),
            None => format!("{text} (from {})", rewrite.source()),
        }
    }
}

/// The rewrite's words in quotes. A general rewrite is a pattern with its example already in
/// quotes ("Name the cost, then ask: \"...\""); quoting it again would print two quote marks in
/// a row, so it is shown as it is.
pub fn quoted(rewrite: &Rewrite) -> String {
    if rewrite.text().contains('"') {
        rewrite.text().to_string()
    } else {
        format!("\"{}\"", rewrite.text())
    }
}

/// `NAME: 3 findings (2 aggressive, 1 demanding), 1 strength, in 40 words; score 8, verdict:
/// aggressive`.
fn summary_line(name: &str, summary: &Summary) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15, item 11: a 250-character rewrite was printed on one line.
    #[test]
    fn rewrites_wrap_under_the_help_gutter() {
        let text = "try: \"The home health agency can't start services until the orders are signed. What's the best way for us to get this completed today?\" (tonelint's own wording)";
        let wrapped = wrap(text, 40);
        assert!(wrapped.lines().count() >= 4, "{wrapped}");
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 40),
            "{wrapped}"
        );
        assert_eq!(wrapped.replace('\n', " "), text);
        assert_eq!(wrap("short", 40), "short");
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "First line.\nThis is unacceptable.\r\nLast.";
        let at = text.find("unacceptable").unwrap();
        let (shown, local) = excerpt(text, at..at + 12);
        assert_eq!(shown, "This is unacceptable.");
        assert_eq!(&shown[local], "unacceptable");
    }

    /// Issue 16, cases 4 and 5: a finding on a long line, or spanning a long decoded block,
    /// shows a bounded excerpt, cut with `...`.
    #[test]
    fn a_long_line_and_a_long_span_are_cut() {
        let text = format!(
            "{}This is unacceptable.{}",
            "a ".repeat(5000),
            " b".repeat(5000)
        );
        let at = text.find("unacceptable").unwrap();
        let (shown, local) = excerpt(&text, at..at + 12);
        assert!(shown.starts_with(CUT) && shown.ends_with(CUT), "{shown}");
        assert!(shown.len() <= 2 * CONTEXT + 12 + 2 * CUT.len());
        assert_eq!(&shown[local], "unacceptable");

        let (shown, local) = excerpt(&text, 0..text.len());
        assert_eq!(local, 0..SPAN_SHOWN);
        assert_eq!(shown.len(), SPAN_SHOWN + CUT.len());
    }
}
