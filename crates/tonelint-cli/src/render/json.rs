//! `--format json`: one document for the whole run. The schema is documented in the README.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use tonelint::{Category, Severity};

use super::Render;
use crate::checked::Checked;
use crate::input::InputError;

/// The schema version; bumped when a field changes meaning or disappears.
const SCHEMA_VERSION: u32 = 1;

/// Writes the run's results as one JSON document, file by file as they are checked: each
/// finding is serialised and written on its own, so memory holds one finding's value, not the
/// run's (a 20 MB input once built a 4 GB tree before printing). Errors and the totals, which
/// come after the files in the document, are kept until [`finish`](Render::finish).
pub struct Json {
    /// `--summary`: each file's findings and strengths are left out.
    summary_only: bool,
    /// Whether the document's opening has been written.
    started: bool,
    files_written: usize,
    errors: Vec<JsonError>,
    totals: Totals,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct Totals {
    files: usize,
    errors: usize,
    findings: usize,
    by_category: BTreeMap<Category, usize>,
    by_severity: BTreeMap<Severity, usize>,
}

impl Default for Totals {
    fn default() -> Self {
        Totals {
            files: 0,
            errors: 0,
            findings: 0,
            by_category: Category::ALL.iter().map(|&c| (c, 0)).collect(),
            by_severity: Severity::ALL.iter().map(|&s| (s, 0)).collect(),
        }
    }
}

impl Json {
    pub fn new(summary_only: bool) -> Json {
        Json {
            summary_only,
            started: false,
            files_written: 0,
            errors: Vec::new(),
            totals: Totals::default(),
        }
    }

    /// Writes the document's opening, once.
    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(out, "{{\n  \"version\": {SCHEMA_VERSION},\n  \"files\": [")?;
        }
        Ok(())
    }
}

impl Render for Json {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        let summary = checked.summary();
        self.totals.files += 1;
        self.totals.findings += summary.findings;
        for (category, n) in &summary.by_category {
            *self.totals.by_category.entry(*category).or_default() += n;
        }
        for (severity, n) in &summary.by_severity {
            *self.totals.by_severity.entry(*severity).or_default() += n;
        }
        self.open(out)?;
        // The document's pretty layout, written by hand around each value: a file is an element
        // of `files` (indent 4), its fields at indent 6, findings at indent 8.
        out.write_all(if self.files_written == 0 {
            b"\n"
        } else {
            b",\n"
        })?;
        self.files_written += 1;
        write!(out, "    {{\n      \"path\": ")?;
        serde_json::to_writer(&mut *out, &checked.path)?;
        if let Some(label) = &checked.label {
            write!(out, ",\n      \"message_id\": ")?;
            serde_json::to_writer(&mut *out, label)?;
        }
        if !self.summary_only {
            write!(out, ",\n      \"findings\": ")?;
            write_array(out, checked.findings())?;
            write!(out, ",\n      \"strengths\": ")?;
            write_array(out, checked.strengths())?;
        }
        write!(out, ",\n      \"summary\": ")?;
        write_indented(out, summary, 6)?;
        write!(out, "\n    }}")
    }

    fn error(&mut self, _out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        self.totals.errors += 1;
        self.errors.push(JsonError {
            path: error.source.to_string(),
            message: error.message.clone(),
        });
        Ok(())
    }

    /// Closes the document: the list of files, then the errors and the totals.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.open(out)?;
        if self.files_written > 0 {
            write!(out, "\n  ]")?;
        } else {
            write!(out, "]")?;
        }
        write!(out, ",\n  \"errors\": ")?;
        write_indented(out, &self.errors, 2)?;
        write!(out, ",\n  \"summary\": ")?;
        write_indented(out, &self.totals, 2)?;
        writeln!(out, "\n}}")
    }
}

/// Writes the values as a pretty JSON array whose elements sit at indent 8 (findings and
/// strengths of a file), one value in memory at a time.
fn write_array(
    out: &mut dyn Write,
    values: impl Iterator<Item = impl Serialize>,
) -> io::Result<()> {
    let mut empty = true;
    for value in values {
        out.write_all(if empty {
            b"[\n        "
        } else {
            b",\n        "
        })?;
        empty = false;
        write_indented(out, &value, 8)?;
    }
    out.write_all(if empty { b"[]" } else { b"\n      ]" })
}

/// Writes `value` pretty-printed as if it stood at `indent` spaces inside a larger document
/// (serde_json's own layout: two spaces a level).
fn write_indented(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
