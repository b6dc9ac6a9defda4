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
        .case(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/cmd/*.toml"
        ));
}

/// `tonelint draft | head -c 10`: the reader leaves early; tonelint must neither panic nor
/// report an error.
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
    assert_eq!(output.status.code(), Some(0));
}
