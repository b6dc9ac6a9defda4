//! `--format sarif` output is valid SARIF 2.1.0: it is checked against the OASIS schema (the copy
//! the serde-sarif crate ships, found through `cargo metadata`).

use std::path::PathBuf;
use std::process::Command;

fn sarif_schema() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency");
    let dir = PathBuf::from(package["manifest_path"].as_str().unwrap());
    let schema = std::fs::read_to_string(dir.parent().unwrap().join("src/schema.json")).unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    // The published 2.1.0 schema's patterns for `language` properties have a stray `]`, which a
    // strict validator refuses as a regex. tonelint never writes `language`, so correcting those
    // patterns changes nothing the test checks.
    for definition in schema["definitions"].as_object_mut().unwrap().values_mut() {
        if let Some(language) = definition.pointer_mut("/properties/language/pattern")
            && language == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"
        {
            *language = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
        }
    }
    schema
}

#[test]
fn sarif_output_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("to payer.txt");
    std::fs::write(
        &draft,
        "You still haven't approved the visits!! This delay is unacceptable.\nI need you to do this right now.\n\u{4F60}\u{597D} Any update??\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["--format", "sarif", "--no-config"])
        .arg(&draft)
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "a missing file makes it exit 2"
    );
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let validator = jsonschema::validator_for(&sarif_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 4, "{results:#?}");
    assert!(results.iter().all(|r| r["ruleIndex"].is_u64()));
    // The repeated punctuation rule carries a safe fix, rendered as a SARIF replacement.
    let fixed = results
        .iter()
        .find(|r| r["fixes"].is_array())
        .expect("a result with a fix");
    assert_eq!(
        fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            .as_str()
            .map(|t| t.len()),
        Some(1)
    );
    // Columns are code points: the "??" after two wide characters starts at column 14 (a
    // terminal shows it at 16, which is what the other formats report).
    let wide = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3)
        .expect("a finding on line 3");
    assert_eq!(
        wide["locations"][0]["physicalLocation"]["region"]["startColumn"],
        14
    );
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}
