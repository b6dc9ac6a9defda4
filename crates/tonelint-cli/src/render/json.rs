//! `--format json`: one document for the whole run. The schema is documented in the README.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use tonelint::{Category, Severity};

use crate::checked::Checked;
use crate::render::lines::relocate;

/// The schema version; bumped when a field changes meaning or disappears.
const SCHEMA_VERSION: u32 = 1;

/// Collects the run's results and writes them as one JSON document at the end.
#[derive(Default)]
pub struct JsonRun {
    files: Vec<serde_json::Value>,
    errors: Vec<JsonError>,
    totals: Totals,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: &'a [serde_json::Value],
    errors: &'a [JsonError],
    summary: &'a Totals,
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

impl JsonRun {
    /// Adds one checked input; with `summary_only`, its findings and strengths are left out.
    pub fn add(&mut self, checked: &Checked, summary_only: bool) -> io::Result<()> {
        let summary = checked.report.summary();
        self.totals.files += 1;
        self.totals.findings += summary.findings;
        for (category, n) in &summary.by_category {
            *self.totals.by_category.entry(*category).or_default() += n;
        }
        for (severity, n) in &summary.by_severity {
            *self.totals.by_severity.entry(*severity).or_default() += n;
        }
        let mut file = serde_json::json!({ "path": checked.path });
        if let Some(label) = &checked.label {
            file["message_id"] = label.as_str().into();
        }
        if !summary_only {
            let mut findings = Vec::new();
            for (finding, place) in checked.located() {
                let mut value = serde_json::to_value(finding)?;
                relocate(&mut value, place);
                findings.push(value);
            }
            let mut strengths = Vec::new();
            for (strength, place) in checked
                .report
                .strengths()
                .iter()
                .zip(&checked.strength_places)
            {
                let mut value = serde_json::to_value(strength)?;
                relocate(&mut value, place);
                strengths.push(value);
            }
            file["findings"] = findings.into();
            file["strengths"] = strengths.into();
        }
        file["summary"] = serde_json::to_value(summary)?;
        self.files.push(file);
        Ok(())
    }

    pub fn add_error(&mut self, path: String, message: String) {
        self.totals.errors += 1;
        self.errors.push(JsonError { path, message });
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let document = Document {
            version: SCHEMA_VERSION,
            files: &self.files,
            errors: &self.errors,
            summary: &self.totals,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
