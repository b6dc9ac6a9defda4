//! A finding or a strength with its place in the input: all a renderer sees of it.
//!
//! The library's `Finding` and `StrengthMatch` count positions in the checked part (an email's
//! body, say), and their JSON carries them. These views hold the library's value but offer only
//! its words and rule, and a [`FileSpan`]: a renderer has no way to print a part-relative
//! position. Their JSON is the command's own (`--format json`, `jsonl`, `tonelint serve`), field
//! for field the library's with file positions, and a test holds the two in step.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use tonelint::{Category, Finding, Rewrite, Severity, StrengthMatch};

use crate::span::FileSpan;

/// A finding, where it is in the input, and what `--fix` does to it there.
#[derive(Clone, Copy)]
pub struct Located<'a> {
    finding: &'a Finding,
    span: &'a FileSpan,
    fix: Option<&'a str>,
}

impl<'a> Located<'a> {
    pub(crate) fn new(finding: &'a Finding, span: &'a FileSpan, fix: Option<&'a str>) -> Self {
        Located { finding, span, fix }
    }

    pub fn span(&self) -> &'a FileSpan {
        self.span
    }

    pub fn rule_id(&self) -> &'a str {
        self.finding.rule_id()
    }

    pub fn category(&self) -> Category {
        self.finding.category()
    }

    pub fn severity(&self) -> Severity {
        self.finding.severity()
    }

    /// The flagged words, as checked (decoded, for an encoded email body).
    pub fn text(&self) -> &'a str {
        self.finding.text()
    }

    pub fn message(&self) -> &'a str {
        self.finding.message()
    }

    pub fn rewrites(&self) -> Vec<&'a Rewrite> {
        self.finding.rewrites()
    }

    pub fn best_rewrites(&self) -> Vec<&'a Rewrite> {
        self.finding.best_rewrites()
    }

    /// What `--fix` replaces the words with in this input (an empty string deletes them); `None`
    /// where it leaves them: the rule has no safe fix, the input does not hold the words as
    /// checked (a decoded email body), or an earlier fix overlaps them.
    pub fn fix(&self) -> Option<&'a str> {
        self.fix
    }

    /// The rule's safe replacement for these words, whether or not `--fix` can make it in this
    /// input.
    pub fn rule_fix(&self) -> Option<String> {
        self.finding.fix()
    }
}

/// The finding as `--format json` and `jsonl` write it: the library's fields with file positions,
/// then `fixable` and, when true, `fix`.
impl Serialize for Located<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 13)?;
        s.serialize_field("rule", self.rule_id())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("severity", &self.severity())?;
        serialize_span(&mut s, self.span)?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("rewrites", &self.rewrites())?;
        s.serialize_field("fixable", &self.fix.is_some())?;
        match self.fix {
            Some(fix) => s.serialize_field("fix", fix)?,
            None => s.skip_field("fix")?,
        }
        s.end()
    }
}

/// A recognised strength and where it is in the input.
#[derive(Clone, Copy)]
pub struct LocatedStrength<'a> {
    strength: &'a StrengthMatch,
    span: &'a FileSpan,
}

impl<'a> LocatedStrength<'a> {
    pub(crate) fn new(strength: &'a StrengthMatch, span: &'a FileSpan) -> Self {
        LocatedStrength { strength, span }
    }

    pub fn span(&self) -> &'a FileSpan {
        self.span
    }

    pub fn id(&self) -> &'a str {
        self.strength.id()
    }

    pub fn text(&self) -> &'a str {
        self.strength.text()
    }

    pub fn message(&self) -> &'a str {
        self.strength.message()
    }
}

impl Serialize for LocatedStrength<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("StrengthMatch", 9)?;
        s.serialize_field("strength", self.id())?;
        serialize_span(&mut s, self.span)?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("source", self.strength.strength().source())?;
        s.end()
    }
}

/// `span` (byte offsets), `line`, `column`, `end_line`, `end_column`: the fields the library
/// writes for a part-relative place, here for the place in the input.
fn serialize_span<S: SerializeStruct>(s: &mut S, span: &FileSpan) -> Result<(), S::Error> {
    #[derive(serde::Serialize)]
    struct Bytes {
        start: usize,
        end: usize,
    }
    let bytes = span.bytes();
    s.serialize_field(
        "span",
        &Bytes {
            start: bytes.start,
            end: bytes.end,
        },
    )?;
    s.serialize_field("line", &span.start().line())?;
    s.serialize_field("column", &span.start().column())?;
    s.serialize_field("end_line", &span.end().line())?;
    s.serialize_field("end_column", &span.end().column())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};
    use tonelint::Linter;
    use tonelint_document::InputKind;

    use crate::checked::check_input;
    use crate::input::Source;

    /// For a plain text input the part is the whole file, so the command's JSON of a finding
    /// and a strength must be the library's, plus `fixable` and `fix`. A field the library adds
    /// or renames fails this test: decide whether it is a position to map before adding it here.
    #[test]
    fn json_is_the_librarys_with_file_positions() {
        let text = "I know you're juggling a lot today. This delay is unacceptable!!!\n\
                    What's the best way for us to get this completed today?";
        let linter = Linter::new();
        let checked = check_input(&linter, &Source::Stdin, text.as_bytes(), InputKind::Text)
            .unwrap()
            .remove(0);
        let report = linter.check(text);
        assert!(checked.findings().any(|f| f.fix().is_some()));
        assert!(checked.findings().any(|f| f.fix().is_none()));
        assert!(checked.strengths().next().is_some());
        for (located, finding) in checked.findings().zip(report.findings()) {
            let mut library = serde_json::to_value(finding).unwrap();
            library["fixable"] = located.fix().is_some().into();
            if let Some(fix) = located.fix() {
                library["fix"] = fix.into();
            }
            assert_eq!(serde_json::to_value(located).unwrap(), library);
        }
        for (located, strength) in checked.strengths().zip(report.strengths()) {
            assert_eq!(
                serde_json::to_value(located).unwrap(),
                serde_json::to_value(strength).unwrap()
            );
        }
    }

    /// An email's body starts after its headers: the JSON counts from the start of the file.
    #[test]
    fn json_positions_count_in_the_file() {
        let mail = "From: a@example.com\nSubject: late\n\nHi,\nthis is unacceptable.\n";
        let checked = check_input(
            &Linter::new(),
            &Source::Stdin,
            mail.as_bytes(),
            InputKind::Email,
        )
        .unwrap()
        .remove(0);
        let finding = checked.findings().next().unwrap();
        let value: Value = serde_json::to_value(finding).unwrap();
        let at = mail.find("unacceptable").unwrap();
        assert_eq!(value["span"], json!({ "start": at, "end": at + 12 }));
        assert_eq!([&value["line"], &value["column"]], [&json!(5), &json!(9)]);
    }
}
