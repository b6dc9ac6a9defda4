//! `--format github`: GitHub Actions workflow commands, which annotate a pull request's lines:
//! `::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`.

use std::io::{self, Write};

use tonelint::Severity;

use super::Render;
use super::human::quoted;
use crate::checked::Checked;

pub struct Github;

impl Render for Github {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
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
                message.push_str(&quoted(rewrite));
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
