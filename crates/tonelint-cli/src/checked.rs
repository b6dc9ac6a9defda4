//! One checked input as the renderers see it: its summary, and its findings and strengths with
//! their places in the input.

use std::sync::Arc;

use tonelint::{Linter, Report, Summary};
use tonelint_document::{DocumentError, InputKind, Options, extract_with};

use crate::input::{InputError, Source};
use crate::located::{Located, LocatedStrength};
use crate::span::{FileMap, FileSpan, InputEdit, Shown, in_part, part_to_input};

/// The result of checking one input (a file, standard input, or one message of a mailbox).
pub struct Checked {
    /// What the user called it: the path or `<stdin>`, with the message for a mailbox message.
    pub name: String,
    /// The path alone, for locations.
    pub path: String,
    /// The message within a mailbox, when there is one.
    pub label: Option<String>,
    /// The input's text as the user sees it; the byte offsets of every [`FileSpan`] count in it.
    pub shown: Arc<str>,
    /// Private: its positions count in the checked part, not in the input.
    report: Report,
    /// Parallel to `report.findings()`.
    finding_spans: Vec<FileSpan>,
    /// Parallel to `report.strengths()`.
    strength_spans: Vec<FileSpan>,
    /// Parallel to `report.findings()`: what `--fix` replaces the finding's words with, for the
    /// findings one of `edits` changes (an empty string deletes them).
    fixes: Vec<Option<String>>,
    /// Problems the reader worked around (a lossy decode, say).
    pub warnings: Vec<String>,
    /// The safe replacements (`fix` in the lexicon) as edits of the input's bytes, kept only
    /// where the input holds exactly the flagged words (a decoded email body is never edited).
    pub edits: Vec<InputEdit>,
}

impl Checked {
    pub fn summary(&self) -> &Summary {
        self.report.summary()
    }

    /// The findings, in the library's order.
    pub fn findings(&self) -> impl Iterator<Item = Located<'_>> {
        self.report
            .findings()
            .iter()
            .zip(&self.finding_spans)
            .zip(&self.fixes)
            .map(|((finding, span), fix)| Located::new(finding, span, fix.as_deref()))
    }

    /// Every match of a strength, in the library's order.
    pub fn strengths(&self) -> impl Iterator<Item = LocatedStrength<'_>> {
        self.report
            .strengths()
            .iter()
            .zip(&self.strength_spans)
            .map(|(strength, span)| LocatedStrength::new(strength, span))
    }

    /// The strengths, one entry per distinct strength in order of first appearance: the first
    /// match, and the places of the others. The summary counts distinct strengths (each takes
    /// one point off the score however often it appears), so this is what the summary's count
    /// counts.
    pub fn distinct_strengths(&self) -> Vec<(LocatedStrength<'_>, Vec<&FileSpan>)> {
        let mut distinct: Vec<(LocatedStrength<'_>, Vec<&FileSpan>)> = Vec::new();
        for strength in self.strengths() {
            match distinct.iter_mut().find(|(s, _)| s.id() == strength.id()) {
                Some((_, more)) => more.push(strength.span()),
                None => distinct.push((strength, Vec::new())),
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
    let path = source.to_string();
    let mut file_map = FileMap::new(&shown);
    Ok(parts
        .into_iter()
        .map(|part| {
            let report = linter.check(&part.text);
            let finding_spans = report
                .findings()
                .iter()
                .map(|f| file_map.place(&part, in_part(f.span())))
                .collect();
            let strength_spans = report
                .strengths()
                .iter()
                .map(|s| file_map.place(&part, in_part(s.span())))
                .collect();
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
            let name = match &part.label {
                Some(label) => format!("{path} {label}"),
                None => path.clone(),
            };
            Checked {
                name,
                path: path.clone(),
                label: part.label,
                shown: shown.text().clone(),
                report,
                finding_spans,
                strength_spans,
                fixes,
                warnings: part.warnings,
                edits,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(checked.iter().all(|c| c.findings().count() == 1));
            crate::locate::WALKED.with(|n| n.get())
        };
        let (small, large) = (walked(250), walked(4000));
        // 16 times the messages: linear is 16 times the work, quadratic 256 times.
        assert!(large <= 3 * 16 * small.max(1), "{small} then {large}");
    }
}
