//! `--format json`: one document for the whole run. The schema is documented in the README.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use tonelint::{Category, Finding, Report, Severity, StrengthMatch, Summary};

/// The schema version; bumped when a field changes meaning or disappears.
const SCHEMA_VERSION: u32 = 1;

/// Collects the run's results and writes them as one JSON document at the end.
#[derive(Default)]
pub struct JsonRun {
    files: Vec<(String, Report)>,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: &'a [JsonError],
    summary: Totals,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    findings: &'a [Finding],
    strengths: &'a [StrengthMatch],
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Totals {
    files: usize,
    errors: usize,
    findings: usize,
    by_category: BTreeMap<Category, usize>,
    by_severity: BTreeMap<Severity, usize>,
}

impl JsonRun {
    pub fn add_report(&mut self, path: String, report: Report) {
        self.files.push((path, report));
    }

    pub fn add_error(&mut self, path: String, message: String) {
        self.errors.push(JsonError { path, message });
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut totals = Totals {
            files: self.files.len(),
            errors: self.errors.len(),
            findings: 0,
            by_category: Category::ALL.iter().map(|&c| (c, 0)).collect(),
            by_severity: Severity::ALL.iter().map(|&s| (s, 0)).collect(),
        };
        for (_, report) in &self.files {
            let summary = report.summary();
            totals.findings += summary.findings;
            for (category, n) in &summary.by_category {
                *totals.by_category.entry(*category).or_default() += n;
            }
            for (severity, n) in &summary.by_severity {
                *totals.by_severity.entry(*severity).or_default() += n;
            }
        }
        let document = Document {
            version: SCHEMA_VERSION,
            files: self
                .files
                .iter()
                .map(|(path, report)| JsonFile {
                    path,
                    findings: report.findings(),
                    strengths: report.strengths(),
                    summary: report.summary(),
                })
                .collect(),
            errors: &self.errors,
            summary: totals,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
