//! `--format sarif`: SARIF 2.1.0, the format code-scanning dashboards read. Every enabled rule is
//! listed in the tool's driver with its help text; each finding is a result with its region in
//! the file, and a `fixes` entry where the rule has a safe replacement.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};
use tonelint::{Linter, Severity};

use super::Render;
use super::human::suggestion;
use crate::checked::Checked;
use crate::input::InputError;

/// Collects results over the run and writes one SARIF log at the end.
pub struct Sarif {
    rules: RuleTable,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

/// The enabled rules as SARIF reporting descriptors, and each one's place in the list.
struct RuleTable {
    rules: Vec<Value>,
    index: HashMap<String, usize>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl RuleTable {
    fn new(linter: &Linter) -> RuleTable {
        let mut rules = Vec::new();
        let mut index = HashMap::new();
        for rule in linter.rules().filter(|r| linter.is_enabled(r.id())) {
            let help: Vec<String> = rule
                .rewrites()
                .iter()
                .map(|r| format!("try: {}", suggestion(r)))
                .collect();
            index.insert(rule.id().to_string(), rules.len());
            rules.push(json!({
                "id": rule.id(),
                "shortDescription": { "text": rule.message() },
                "fullDescription": { "text": rule.explanation() },
                "help": { "text": help.join("\n") },
                "defaultConfiguration": { "level": level(rule.severity()) },
                "properties": { "category": rule.category().as_str(), "tags": [rule.category().as_str()] },
            }));
        }
        RuleTable { rules, index }
    }
}

impl Sarif {
    pub fn new(linter: &Linter) -> Sarif {
        Sarif {
            rules: RuleTable::new(linter),
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

impl Render for Sarif {
    fn input(&mut self, _out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        for finding in checked.findings() {
            let (start, end) = (finding.span().start(), finding.span().end());
            // SARIF counts columns in code points; the other formats count terminal cells.
            let region = json!({
                "startLine": start.line(),
                "startColumn": start.code_point_column(),
                "endLine": end.line(),
                "endColumn": end.code_point_column(),
                "snippet": { "text": finding.text() },
            });
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&checked.path) },
                    "region": region,
                }
            });
            let mut result = json!({
                "ruleId": finding.rule_id(),
                "level": level(finding.severity()),
                "message": { "text": finding.message() },
                "locations": [location],
            });
            if let Some(&i) = self.rules.index.get(finding.rule_id()) {
                result["ruleIndex"] = i.into();
            }
            if let Some(replacement) = finding.rule_fix() {
                result["fixes"] = json!([{
                    "description": { "text": format!("Replace {:?} with {:?}", finding.text(), replacement) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&checked.path) },
                        "replacements": [{
                            "deletedRegion": {
                                "startLine": start.line(),
                                "startColumn": start.code_point_column(),
                                "endLine": end.line(),
                                "endColumn": end.code_point_column(),
                            },
                            "insertedContent": { "text": replacement },
                        }],
                    }],
                }]);
            }
            self.results.push(result);
        }
        Ok(())
    }

    /// Records the input as a tool execution notification.
    fn error(&mut self, _out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}: {}", error.source, error.message) },
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let rules = &self.rules.rules;
        let log = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{
                "tool": { "driver": {
                    "name": "tonelint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// A relative URI reference for a path (SARIF wants URIs, not OS paths).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
