//! Line-oriented formats: `short` for editors and grep, `jsonl` for log pipelines, and `github`
//! workflow commands that annotate a pull request.

use std::io::{self, Write};

use serde::Serialize;
use tonelint::{Finding, Severity};

use crate::checked::{Checked, Place};

/// `path:line:column: severity[rule]: message`, one finding per line.
pub fn write_short(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for (finding, place) in checked.located() {
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            super::printable(&checked.path),
            place.start.line,
            place.start.column,
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
    finding: &'a Finding,
}

/// One JSON object per finding: the `--format json` finding with a `path` field first. The
/// `span`, `line` and `column` fields point into the input as the user sees it.
pub fn write_jsonl(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for (finding, place, fix) in checked.located_with_fixes() {
        let mut value = serde_json::to_value(JsonLine {
            path: &checked.path,
            message_id: checked.label.as_deref(),
            finding,
        })?;
        relocate(&mut value, place);
        mark_fix(&mut value, fix);
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Says in a serialised finding whether `--fix` changes it (`"fixable"`), and to what (`"fix"`).
pub fn mark_fix(value: &mut serde_json::Value, fix: Option<&str>) {
    value["fixable"] = fix.is_some().into();
    if let Some(fix) = fix {
        value["fix"] = fix.into();
    }
}

/// Points a serialised finding's position fields at its place in the shown text.
pub fn relocate(value: &mut serde_json::Value, place: &Place) {
    value["span"] = serde_json::json!({ "start": place.span.start, "end": place.span.end });
    value["line"] = place.start.line.into();
    value["column"] = place.start.column.into();
    value["end_line"] = place.end.line.into();
    value["end_column"] = place.end.column.into();
}

/// `::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`
pub fn write_github(out: &mut impl Write, checked: &Checked) -> io::Result<()> {
    for (finding, place) in checked.located() {
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
            place.start.line,
            place.start.column,
            place.end.line,
            place.end.column,
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
