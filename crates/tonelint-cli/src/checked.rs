//! One checked input as the renderers see it: the report, and where each finding sits in the
//! file as the user sees it.

use std::ops::Range;

use tonelint::{Finding, LineColumn, Linter, Report, StrengthMatch};
use tonelint_document::{DocumentError, InputKind, Options, Part, extract_with};

use crate::input::{InputError, Source};
use crate::locate::Locator;
use crate::span::{InputEdit, in_part, part_to_input};

/// A finding's place in the input as the user sees it.
#[derive(Clone, Debug)]
pub struct Place {
    /// Byte offsets into [`Checked::shown`].
    pub span: Range<usize>,
    pub start: LineColumn,
    pub end: LineColumn,
    /// 1-based columns of the start and end in Unicode code points (SARIF's unit).
    pub start_code_point: usize,
    pub end_code_point: usize,
}

/// The result of checking one input (a file, standard input, or one message of a mailbox).
pub struct Checked {
    /// What the user called it: the path or `<stdin>`, with the message for a mailbox message.
    pub name: String,
    /// The path alone, for locations.
    pub path: String,
    /// The message within a mailbox, when there is one.
    pub label: Option<String>,
    /// The file's text as the user sees it (invalid UTF-8 shown as U+FFFD); places point into it.
    pub shown: std::sync::Arc<str>,
    pub report: Report,
    /// Parallel to `report.findings()`.
    pub places: Vec<Place>,
    /// Parallel to `report.strengths()`.
    pub strength_places: Vec<Place>,
    /// Problems the reader worked around (a lossy decode, say).
    pub warnings: Vec<String>,
    /// The safe replacements (`fix` in the lexicon) as edits of the file's bytes, kept only where
    /// the file holds exactly the flagged words (a decoded email body is never edited).
    pub edits: Vec<InputEdit>,
    /// Parallel to `report.findings()`: what `--fix` replaces the finding's words with, for the
    /// findings one of `edits` changes (an empty string deletes them).
    pub fixes: Vec<Option<String>>,
}

impl Checked {
    /// The findings with their places.
    pub fn located(&self) -> impl Iterator<Item = (&Finding, &Place)> {
        self.report.findings().iter().zip(&self.places)
    }

    /// The findings with their places and what `--fix` would replace them with.
    pub fn located_with_fixes(&self) -> impl Iterator<Item = (&Finding, &Place, Option<&str>)> {
        self.located()
            .zip(&self.fixes)
            .map(|((finding, place), fix)| (finding, place, fix.as_deref()))
    }

    /// The strengths, one entry per distinct strength in order of first appearance: the first
    /// match with its place, and the places of the others. The summary counts distinct
    /// strengths (each takes one point off the score however often it appears), so this is
    /// what the summary's count counts.
    pub fn distinct_strengths(&self) -> Vec<(&StrengthMatch, &Place, Vec<&Place>)> {
        let mut distinct: Vec<(&StrengthMatch, &Place, Vec<&Place>)> = Vec::new();
        for (strength, place) in self.report.strengths().iter().zip(&self.strength_places) {
            match distinct
                .iter_mut()
                .find(|(s, _, _)| s.id() == strength.id())
            {
                Some((_, _, more)) => more.push(place),
                None => distinct.push((strength, place, Vec::new())),
            }
        }
        distinct
    }
}

/// Reads `bytes` as `kind` (guessed when `Auto`) and checks each part it holds: one for most
/// inputs, one per message for a mailbox.
pub fn check_input(
    linter: &Linter,
    source: &Source,
    bytes: &[u8],
    kind: InputKind,
) -> Result<Vec<Checked>, InputError> {
    check_input_with(linter, source, bytes, kind, Options::default())
}

/// [`check_input`], reading the input with `options` (`--keep-quotes`).
pub fn check_input_with(
    linter: &Linter,
    source: &Source,
    bytes: &[u8],
    kind: InputKind,
    options: Options,
) -> Result<Vec<Checked>, InputError> {
    let kind = match (kind, source) {
        // A Maildir message's name has no extension and its headers may start with anything
        // a delivery agent adds; where it sits says what it is.
        (InputKind::Auto, Source::File(path)) if crate::input::is_maildir_message(path) => {
            InputKind::Email
        }
        (InputKind::Auto, _) => tonelint_document::detect(bytes, source.file_name()),
        (kind, _) => kind,
    };
    let parts = extract_with(bytes, kind, source.file_name(), options).map_err(|err| match err {
        DocumentError::InvalidUtf8 { offset, line, column, .. } => InputError {
            position: Some((line, column)),
            ..InputError::new(
                source,
                format!(
                    "invalid UTF-8 (byte 0x{:02x} at byte offset {offset}); save the draft as UTF-8, or name \
                     its kind with --input if it is an email",
                    bytes.get(offset).copied().unwrap_or(0)
                ),
            )
        },
        err => InputError::new(source, err.to_string()),
    })?;
    let shown = Shown::new(bytes);
    let text: std::sync::Arc<str> = shown.text.clone().into();
    let path = source.to_string();
    // One walk through the file for the starts of all parts' findings and one for their ends:
    // parts follow each other in the file, so neither goes back to its start for each part.
    let mut starts = Locator::new(&shown.text);
    let mut ends = Locator::new(&shown.text);
    Ok(parts
        .into_iter()
        .map(|part| {
            let report = linter.check(&part.text);
            let mut place = |span: Range<usize>| {
                let original = part_to_input(&part, in_part(span));
                let span = shown.map(original.start.0)..shown.map_end(original.end.0);
                let start = starts.locate(span.start);
                let end = ends.locate(span.end);
                Place {
                    span,
                    start: start.cells,
                    end: end.cells,
                    start_code_point: start.code_point_column,
                    end_code_point: end.code_point_column,
                }
            };
            let places = report.findings().iter().map(|f| place(f.span())).collect();
            let mut fixes = vec![None; report.findings().len()];
            let edits = report
                .fixes(&part.text)
                .into_iter()
                .filter_map(|edit| {
                    let span = part_to_input(&part, in_part(edit.span.clone()));
                    let exact = bytes.get(span.start.0..span.end.0)
                        == Some(part.text[edit.span.clone()].as_bytes());
                    if !exact {
                        return None;
                    }
                    // An edit starts where its finding does (it may take a following space).
                    if let Some(i) = report
                        .findings()
                        .iter()
                        .position(|f| f.span().start == edit.span.start)
                    {
                        fixes[i] = Some(edit.replacement.clone());
                    }
                    Some(InputEdit {
                        span,
                        replacement: edit.replacement,
                    })
                })
                .collect();
            let strength_places = report.strengths().iter().map(|s| place(s.span())).collect();
            let name = match &part.label {
                Some(label) => format!("{path} {label}"),
                None => path.clone(),
            };
            Checked {
                name,
                path: path.clone(),
                label: part.label.clone(),
                shown: text.clone(),
                report,
                places,
                strength_places,
                warnings: part_warnings(&part),
                edits,
                fixes,
            }
        })
        .collect())
}

fn part_warnings(part: &Part) -> Vec<String> {
    part.warnings.clone()
}

/// The input's bytes as text, with invalid UTF-8 sequences replaced by U+FFFD, and a map from
/// byte offsets in the input to byte offsets in that text.
struct Shown {
    text: String,
    /// (offset in the input, offset in the text, whether the run was valid UTF-8), in order.
    runs: Vec<(usize, usize, bool)>,
}

impl Shown {
    fn new(bytes: &[u8]) -> Shown {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Shown {
                text: text.to_string(),
                runs: vec![(0, 0, true)],
            };
        }
        let mut text = String::with_capacity(bytes.len());
        let mut runs = Vec::new();
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            runs.push((at, text.len(), true));
            text.push_str(chunk.valid());
            at += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                runs.push((at, text.len(), false));
                text.push(char::REPLACEMENT_CHARACTER);
                at += chunk.invalid().len();
            }
        }
        Shown { text, runs }
    }

    /// The text offset of input offset `at` (an offset inside an invalid run maps to its start).
    fn map(&self, at: usize) -> usize {
        let i = self
            .runs
            .partition_point(|run| run.0 <= at)
            .saturating_sub(1);
        let (input, text, valid) = self.runs[i];
        let mapped = if valid { text + (at - input) } else { text };
        mapped.min(self.text.len())
    }

    /// Like [`map`](Shown::map), for the end of a span: an end inside an invalid run takes the
    /// whole replacement character.
    fn map_end(&self, at: usize) -> usize {
        let i = self
            .runs
            .partition_point(|run| run.0 < at)
            .saturating_sub(1);
        let (input, text, valid) = self.runs[i];
        let mapped = if valid {
            text + (at - input)
        } else {
            text + char::REPLACEMENT_CHARACTER.len_utf8()
        };
        mapped.min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_map_to_one_replacement_character() {
        let shown = Shown::new(b"caf\xe9 ok");
        assert_eq!(shown.text, "caf\u{FFFD} ok");
        assert_eq!(shown.map(5), 3 + 3 + 1);
        assert_eq!(&shown.text[shown.map(5)..], "ok");
        assert_eq!(shown.map(3), 3);
        assert_eq!(shown.map_end(4), 6);
    }

    /// Issue 16, case 3: each message of a mailbox started its positions from the start of the
    /// file, so 40,000 messages took a minute. The bytes walked must grow with the mailbox.
    #[test]
    fn a_mailbox_is_located_in_linear_work() {
        let linter = Linter::new();
        let walked = |messages: usize| {
            let mbox: String = (0..messages)
                .map(|i| {
                    format!(
                        "From a@b Mon Jan  1 00:00:00 2001\nFrom: a@example.com\nSubject: m{i}\n\n\
                         This delay is unacceptable. Please advise.\n\n"
                    )
                })
                .collect();
            crate::locate::WALKED.with(|n| n.set(0));
            let source = Source::File("big.mbox".into());
            let checked = check_input(&linter, &source, mbox.as_bytes(), InputKind::Mbox).unwrap();
            assert_eq!(checked.len(), messages);
            assert!(checked.iter().all(|c| c.places.len() == 1));
            crate::locate::WALKED.with(|n| n.get())
        };
        let (small, large) = (walked(250), walked(4000));
        // 16 times the messages: linear is 16 times the work, quadratic 256 times.
        assert!(large <= 3 * 16 * small.max(1), "{small} then {large}");
    }

    #[test]
    fn positions_count_lines_and_cells() {
        let mut locator = Locator::new("ab\n\u{4F60}x");
        assert_eq!(locator.locate(1).cells, LineColumn { line: 1, column: 2 });
        assert_eq!(locator.locate(6).cells, LineColumn { line: 2, column: 3 });
        assert_eq!(locator.locate(0).cells, LineColumn { line: 1, column: 1 });
    }
}
