//! Turning reports into what the user reads. No tone logic here: everything shown comes from the
//! library's findings, rules and summaries.
//!
//! Each `--format` is one [`Render`] in a module of its own; [`Format::renderer`] picks it, and
//! the run drives it the same way whatever the format.

use std::io::{self, Write};

use tonelint::Linter;

use crate::args::Format;
use crate::checked::Checked;
use crate::input::InputError;

pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod rules;
pub mod sarif;
pub mod short;

/// One output format over a run: told of each checked input and each input that failed, in
/// input order, then that the run is over.
///
/// A format that writes one document for the run (JSON, SARIF) keeps what it needs across calls
/// and closes the document in [`finish`](Render::finish); the others write as inputs come.
pub trait Render {
    /// One checked input: a file, standard input, or one message of a mailbox.
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()>;

    /// An input that could not be read or checked. The run has said so on standard error
    /// already; a format that lists errors in its document records it.
    fn error(&mut self, _out: &mut dyn Write, _error: &InputError) -> io::Result<()> {
        Ok(())
    }

    /// The run is over.
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

impl Format {
    /// The renderer for this format. `summary` (`--summary`) leaves out the findings where the
    /// format has a summary to show instead (human and JSON). A boxed trait object rather than
    /// an enum: each format's state stays in its module, and a new format is a module and one
    /// arm here, where an enum would need an arm in each of its methods too.
    pub fn renderer(self, linter: &Linter, summary: bool) -> Box<dyn Render> {
        match self {
            Format::Human if summary => Box::new(human::HumanSummary),
            Format::Human => Box::new(human::Human::new(human::output_width())),
            Format::Short => Box::new(short::Short),
            Format::Json => Box::new(json::Json::new(summary)),
            Format::Jsonl => Box::new(jsonl::Jsonl),
            Format::Github => Box::new(github::Github),
            Format::Sarif => Box::new(sarif::Sarif::new(linter)),
        }
    }
}

/// Writes nothing: for `--quiet`, and for `--fix`, `--diff` and `--write`, which print the fixed
/// text or a diff instead of reports.
pub struct Silent;

impl Render for Silent {
    fn input(&mut self, _out: &mut dyn Write, _checked: &Checked) -> io::Result<()> {
        Ok(())
    }
}

/// A file name as line-oriented output can hold it: control characters (a line break in a name
/// would split `path:line:column: ...` over two lines) are written as escapes such as `\n`.
pub fn printable(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(name);
    }
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    /// Issue 16, case 13: a line break in a file name broke `--format short`.
    #[test]
    fn control_characters_in_names_are_escaped() {
        assert_eq!(super::printable("a\nb\tc.txt"), "a\\nb\\tc.txt");
        assert_eq!(super::printable("plain/名前.txt"), "plain/名前.txt");
    }
}
