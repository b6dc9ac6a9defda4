//! Whole runs of the `tonelint` command, pinned as snapshots.
//!
//! Each `tests/cmd/NAME.toml` gives the arguments and standard input of one run, with its expected
//! exit status; `NAME.stdout` and `NAME.stderr` hold the expected output, and `NAME.in/` the files
//! the run sees as its working directory. After an intended change to output, regenerate them
//! with `TRYCMD=overwrite cargo test --workspace --test cli_snapshots` and review the diff.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

#[test]
fn cli_runs_match_their_snapshots() {
    trycmd::TestCases::new()
        .default_bin_name("tonelint")
        .env("NO_COLOR", "1")
        // Rewrites wrap to the terminal's width, or COLUMNS: the same for every run.
        .env("COLUMNS", "100")
        .case(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/cmd/*.toml"
        ));
}

/// `tonelint draft | head -c 10`: the reader leaves early; tonelint must neither panic nor
/// report an error, and (issue 15, item 12) still exits 1, since the draft has findings.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let draft = "This delay is unacceptable. I need you to do this right now.\n".repeat(2000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(draft.as_bytes()));
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // Dropping the read end closes the pipe while tonelint still has output to write.
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "unexpected error output: {stderr}");
    assert_eq!(output.status.code(), Some(1));
}

/// `tonelint clean.txt big.txt | head -1` (issue 15, item 12): the reader is gone after the
/// first line, long before the findings of the second file are written; the run still checks
/// it and exits 1. A clean draft behind a closed pipe exits 0.
#[test]
fn a_closed_pipe_keeps_the_status_of_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    let big = dir.path().join("big.txt");
    std::fs::write(
        &clean,
        "Thank you for the update. Could we talk on Friday?\n".repeat(3000),
    )
    .unwrap();
    std::fs::write(
        &big,
        "This delay is unacceptable. I need you to do this right now.\n".repeat(3000),
    )
    .unwrap();
    let run = |files: &[&std::path::Path]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
            .args(files)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        child.wait_with_output().unwrap()
    };
    let output = run(&[&clean, &big]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = run(&[&clean]);
    assert_eq!(output.status.code(), Some(0));
}

/// Issue 15, item 11: `--list-rules --format json` is JSON, with every rule the table lists.
#[test]
fn list_rules_as_json() {
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_tonelint"))
            .args(args)
            .arg("--no-config")
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let json: serde_json::Value =
        serde_json::from_str(&run(&["--list-rules", "--format", "json"])).unwrap();
    let rules = json["rules"].as_array().unwrap();
    let strengths = json["strengths"].as_array().unwrap();
    let table = run(&["--list-rules"]);
    let last = table.lines().last().unwrap();
    assert_eq!(
        last,
        format!("{} rules, {} strengths", rules.len(), strengths.len())
    );
    let rule = rules
        .iter()
        .find(|r| r["id"] == "aggressive.unacceptable")
        .unwrap();
    assert_eq!(rule["category"], "aggressive");
    assert_eq!(rule["enabled"], true);
}
