//! `tonelint-gaps FILE...`: for curators, the drafts of a labelled file that the lexicons miss
//! or wrongly flag, with what was found. Reads the project's corpus TOML (`must` / `must_not`,
//! or `labels`) and the training corpus JSON Lines. Refuses the blind set, which is for
//! measuring only (tests/blind/README.md).
//!
//! Where a draft names its key phrases (the words that carry its labels), the phrases no finding
//! overlaps are listed too (`KEY`), with the share overlapped at the end: the development
//! counterpart of the blind set's key-phrase figure.
//!
//! `--only categories` lists the harsh drafts missing a warning in one of their own harsh
//! categories (`CMISS`), the development counterpart of the blind set's recall per category: an
//! accusatory draft caught only as aggressive counts there as missed for accusatory.
//!
//! ```sh
//! cargo run --release -p tonelint-eval --bin tonelint-gaps -- tests/heldout/*.toml
//! cargo run --release -p tonelint-eval --bin tonelint-gaps -- --only keys crates/tonelint-train/corpus/train13.jsonl
//! ```

use std::process::ExitCode;

use tonelint::{Linter, Severity};

struct Draft {
    id: String,
    text: String,
    labels: Vec<String>,
    key_phrases: Vec<String>,
}

fn load(path: &str) -> Result<Vec<Draft>, String> {
    if path.ends_with(".jsonl") {
        return Ok(tonelint_train::load_file(std::path::Path::new(path))?
            .into_iter()
            .map(|d| Draft {
                id: d.id,
                text: d.text,
                labels: d.labels,
                key_phrases: d.key_phrases,
            })
            .collect());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let value: toml::Value = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let drafts = value
        .get("draft")
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    Ok(drafts
        .iter()
        .map(|d| {
            let list = |k: &str| -> Vec<String> {
                d.get(k)
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|l| l.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let mut labels = list("labels");
            labels.extend(list("must"));
            Draft {
                id: d
                    .get("id")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                text: d
                    .get("text")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                labels,
                key_phrases: list("key_phrases"),
            }
        })
        .collect())
}

fn main() -> ExitCode {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let only: Option<String> = paths.iter().position(|p| p == "--only").map(|i| {
        let v = paths.get(i + 1).cloned().unwrap_or_default();
        paths.drain(i..(i + 2).min(paths.len()));
        v
    });
    if paths.is_empty() {
        eprintln!("usage: tonelint-gaps [--only misses|alarms|keys|categories] FILE...");
        return ExitCode::from(2);
    }
    let threshold: Option<f32> = std::env::var("TONELINT_MODEL_THRESHOLD")
        .ok()
        .and_then(|t| t.parse().ok());
    let mut builder = Linter::builder().enable(["passive"]);
    if let Some(t) = threshold {
        builder = builder.model_threshold(t);
    }
    // The model's second opinion, and (for choosing its message threshold on development data)
    // the share of harsh and clean drafts it would reach if it also reported the message as a
    // whole at each threshold.
    // The model follows the library's default (on); TONELINT_NO_MODEL=1 gives the rules alone.
    let sweep = std::env::var_os("TONELINT_SWEEP").is_some();
    if std::env::var_os("TONELINT_MODEL").is_some() || sweep {
        builder = builder.model(true);
    } else if std::env::var_os("TONELINT_NO_MODEL").is_some() {
        builder = builder.model(false);
    }
    let linter = match builder.build() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let harsh = ["aggressive", "demanding", "accusatory"];
    let (mut missed, mut alarms, mut harsh_n, mut clean_n) = (0, 0, 0, 0);
    let (mut keys_hit, mut keys_n) = (0, 0);
    // Per draft of interest: (harsh?, caught by a finding?, message score in thousandths).
    let mut scored: Vec<(bool, bool, u16)> = Vec::new();
    for path in &paths {
        if path.contains("tests/blind") {
            eprintln!("tonelint-gaps: {path}: the blind set is for measuring, not curating");
            return ExitCode::from(2);
        }
        let drafts = match load(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("tonelint-gaps: {e}");
                return ExitCode::FAILURE;
            }
        };
        for d in drafts {
            let report = linter.check(&d.text);
            let found: Vec<String> = report
                .findings()
                .iter()
                .filter(|f| f.severity() >= Severity::Warning)
                .map(|f| format!("{}:{:?}", f.rule_id(), f.text()))
                .collect();
            for phrase in &d.key_phrases {
                let Some(start) = d.text.find(phrase.as_str()) else {
                    continue;
                };
                let end = start + phrase.len();
                keys_n += 1;
                let overlapped = report
                    .findings()
                    .iter()
                    .any(|f| f.span().start < end && start < f.span().end);
                if overlapped {
                    keys_hit += 1;
                } else if only.as_deref() == Some("keys") {
                    // Whether the draft was flagged elsewhere tells a missing construct from
                    // a sentence the finding did not reach.
                    let elsewhere = if found.is_empty() {
                        ""
                    } else {
                        " (flagged elsewhere)"
                    };
                    println!("KEY {} {:?} {:?}{elsewhere}", d.id, d.labels, phrase);
                }
            }
            let is_harsh = d.labels.iter().any(|l| harsh.contains(&l.as_str()));
            let caught = report.findings().iter().any(|f| {
                f.severity() >= Severity::Warning && harsh.contains(&f.category().as_str())
            });
            if is_harsh || d.labels.is_empty() {
                let warned = report
                    .findings()
                    .iter()
                    .any(|f| f.severity() >= Severity::Warning);
                let hit = if is_harsh { caught } else { warned };
                scored.push((is_harsh, hit, report.summary().model.unwrap_or(0)));
            }
            if only.as_deref() == Some("categories") {
                let lacking: Vec<&str> = d
                    .labels
                    .iter()
                    .map(String::as_str)
                    .filter(|l| harsh.contains(l))
                    .filter(|l| {
                        !report.findings().iter().any(|f| {
                            f.severity() >= Severity::Warning && f.category().as_str() == *l
                        })
                    })
                    .collect();
                if !lacking.is_empty() {
                    println!(
                        "CMISS {} {:?} lacking {:?}\n     {}",
                        d.id,
                        d.labels,
                        lacking,
                        d.text.replace('\n', " ")
                    );
                }
            }
            if is_harsh {
                harsh_n += 1;
                if !caught {
                    missed += 1;
                    if only.is_none() || only.as_deref() == Some("misses") {
                        println!(
                            "MISS {} {:?}\n     {}",
                            d.id,
                            d.labels,
                            d.text.replace('\n', " ")
                        );
                    }
                }
            } else if d.labels.is_empty() {
                clean_n += 1;
                if !found.is_empty() {
                    alarms += 1;
                    if only.is_none() || only.as_deref() == Some("alarms") {
                        println!(
                            "ALARM {} {}\n     {}",
                            d.id,
                            found.join(", "),
                            d.text.replace('\n', " ")
                        );
                    }
                }
            }
        }
    }
    println!("harsh missed {missed} / {harsh_n}; clean with a warning {alarms} / {clean_n}");
    if sweep {
        let harsh_total = scored.iter().filter(|s| s.0).count().max(1);
        let clean_total = scored.iter().filter(|s| !s.0).count().max(1);
        for t in (20..=98).step_by(6) {
            let reached = |harsh: bool| {
                scored
                    .iter()
                    .filter(|s| s.0 == harsh && (s.1 || s.2 >= t * 10))
                    .count()
            };
            println!(
                "message threshold 0.{t:02}: harsh caught {:.1} %, clean with a warning {:.2} %",
                100.0 * reached(true) as f64 / harsh_total as f64,
                100.0 * reached(false) as f64 / clean_total as f64
            );
        }
    }
    if keys_n > 0 {
        println!(
            "key phrases a finding overlaps {keys_hit} / {keys_n} ({:.1} %)",
            100.0 * keys_hit as f64 / keys_n as f64
        );
    }
    ExitCode::SUCCESS
}
