//! Line-oriented formats: `short` for editors and grep, `jsonl` for log pipelines, and `github`
//! workflow commands that annotate a pull request.

use std::io::{self, Write};

use serde::Serialize;
use tonelint::Severity;

use crate::checked::Checked;
use crate::located::Located;

/// `path:line:column: severity[rule]: message`, one finding per line.
pub fn write_short(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for finding in checked.findings() {
        let start = finding.span().start();
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            super::printable(&checked.path),
            start.line(),
            start.column(),
            finding.severity(),
            finding.rule_id(),
            finding.message()
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonLine<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    #[serde(flatten)]
    finding: Located<'a>,
}

/// One JSON object per finding: the `--format json` finding with a `path` field first.
pub fn write_jsonl(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for finding in checked.findings() {
        let line = JsonLine {
            path: &checked.path,
            message_id: checked.label.as_deref(),
            finding,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// `::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`
pub fn write_github(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for finding in checked.findings() {
        let (start, end) = (finding.span().start(), finding.span().end());
        let command = match finding.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = finding.message().to_string();
        if let Some(rewrite) = finding.rewrites().first() {
            message.push_str("\ntry: ");
            message.push_str(&super::human::quoted(rewrite));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&checked.path),
            start.line(),
            start.column(),
            end.line(),
            end.column(),
            property(&format!("{}[{}]", finding.category(), finding.rule_id())),
            data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a workflow command's message, as the GitHub Actions toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value, as the GitHub Actions toolkit does.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_separators() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
