//! Whatever a user hands tonelint, it answers with a clear error or a result, never a panic, a hang
//! or unbounded memory: unreadable directories, inputs far over `--max-size`, very large user
//! lexicons, oversized user regexes, and `--write` interrupted part way.
//!
//! The CLI snapshot cases (`tests/cmd/`) pin the messages that can be reproduced from files kept
//! in git; the cases here need a file system state git cannot hold (permissions, sparse files,
//! resource limits).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use tonelint::{Lexicon, Linter};

fn tonelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .current_dir(dir)
        .arg("--no-config")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs tonelint as an unprivileged user, since permissions do not bind root: directly when this
/// process is not root, through `setpriv` as `nobody` when it is. `None` when neither can be done
/// here (no `setpriv`, or the binary is somewhere `nobody` cannot reach).
fn tonelint_unprivileged(dir: &Path, args: &[&str]) -> Option<Output> {
    let probe = dir.join(".root-probe");
    std::fs::write(&probe, "").ok()?;
    std::fs::set_permissions(&probe, std::os::unix::fs::PermissionsExt::from_mode(0o000)).ok()?;
    let root = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).ok()?;
    if !root {
        return Some(tonelint(dir, args));
    }
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_tonelint"))
        .arg("--no-config")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    // setpriv's own failure (cannot execute the binary) is not tonelint's answer.
    if stderr(&output).starts_with("setpriv:") {
        return None;
    }
    Some(output)
}

#[test]
fn an_unreadable_directory_is_named_and_the_rest_is_still_checked() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(drafts.join("secret")).unwrap();
    std::fs::write(drafts.join("ok.txt"), "This delay is unacceptable.\n").unwrap();
    std::fs::write(drafts.join("secret/hidden.txt"), "Also unacceptable.\n").unwrap();
    std::fs::create_dir(dir.join("locked")).unwrap();
    for locked in [drafts.join("secret"), dir.join("locked")] {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let run = tonelint_unprivileged(dir, &["--summary", "drafts", "locked"]);
    for locked in [drafts.join("secret"), dir.join("locked")] {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let Some(run) = run else {
        eprintln!("skipping: running as root without a way to drop privileges");
        return;
    };
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "tonelint: error: drafts/secret: cannot read: Permission denied\n\
         tonelint: error: locked: cannot read: Permission denied\n"
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("drafts/ok.txt: 1 finding"), "{stdout}");
}

/// A 1 GiB file is refused from its size, without reading it: a sparse file costs no disk and
/// would take seconds and a gigabyte to read.
#[test]
fn a_file_far_over_max_size_is_refused_without_reading_it() {
    let tmp = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(tmp.path().join("huge.txt")).unwrap();
    file.set_len(1 << 30).unwrap();
    let run = tonelint(tmp.path(), &["huge.txt"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        "tonelint: error: huge.txt: is larger than 67108864 bytes; raise --max-size to check it anyway\n"
    );
}

/// Standard input gives no size: the read stops one byte past `--max-size`.
#[test]
fn standard_input_far_over_max_size_is_cut_off_and_refused() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["--no-config", "--max-size", "1000000", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 8 MiB offered; tonelint stops reading after 1 MB and closes the pipe, so the writer sees
    // a broken pipe, not a hang.
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let line = "This delay is unacceptable. ".repeat(1000);
        for _ in 0..300 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "tonelint: error: <stdin>: is larger than 1000000 bytes; raise --max-size to check it anyway\n"
    );
}

/// The `j`th phrase of generated rule `i`: three words and a number, unique to the rule.
fn generated_phrase(i: usize, j: usize) -> String {
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    ];
    format!(
        "{} {} {}{i}x{j}",
        words[i % 9],
        words[(i / 9) % 9],
        words[j % 9]
    )
}

/// A generated lexicon of `rules` rules with `phrases` phrases each.
fn generated_lexicon(rules: usize, phrases: usize) -> String {
    let mut text = String::with_capacity(rules * (200 + phrases * 30));
    for i in 0..rules {
        let list: Vec<String> = (0..phrases)
            .map(|j| format!("\"{}\"", generated_phrase(i, j)))
            .collect();
        text.push_str(&format!(
            "[[rule]]\nid = \"gen.r{i}\"\ncategory = \"vague\"\nseverity = \"info\"\n\
             message = \"Generated rule {i}.\"\nexplanation = \"Generated.\"\n\
             phrases = [{}]\n[[rule.rewrite]]\ntext = \"Say it plainly.\"\nsource = \"project\"\n\n",
            list.join(", ")
        ));
    }
    text
}

/// A user lexicon with 20,000 phrases (2,000 rules of ten) parses, builds together with the
/// built-in lexicons, and matches. The time it takes is measured in `fuzz/README.md` (a 100,000
/// rule lexicon too), not asserted here.
#[test]
fn a_lexicon_of_twenty_thousand_entries_builds_and_matches() {
    let lexicon = Lexicon::parse("big.toml", &generated_lexicon(2_000, 10)).unwrap();
    assert_eq!(lexicon.len(), 2_000);
    let linter = Linter::builder().lexicon(lexicon).build().unwrap();
    let text = format!(
        "We saw {} today; this is unacceptable. And {}.",
        generated_phrase(1_999, 9),
        generated_phrase(7, 0)
    );
    let report = linter.check(&text);
    let ids: Vec<&str> = report.findings().iter().map(|f| f.rule_id()).collect();
    assert_eq!(
        ids,
        ["gen.r1999", "aggressive.unacceptable", "gen.r7"],
        "{text}"
    );
}

/// A user pattern whose compiled program is over the size limit is refused when the lexicon is
/// read, naming the file, the line of the rule and the rule.
#[test]
fn a_regex_that_is_too_big_is_refused_with_file_line_and_rule() {
    let text = "\n[[rule]]\nid = \"team.huge\"\ncategory = \"vague\"\nseverity = \"info\"\n\
                message = \"m\"\nexplanation = \"e\"\npatterns = ['(?:\\w+\\s+){300}\\w{300}']\n\
                [[rule.rewrite]]\ntext = \"t\"\nsource = \"project\"\n";
    let err = Lexicon::parse("team/huge.toml", text).unwrap_err();
    assert_eq!(err.origin(), "team/huge.toml");
    assert_eq!(err.rule_id(), Some("team.huge"));
    assert!(err.line() > 0, "{err}");
    assert!(
        err.message().contains("exceeds size limit"),
        "{}",
        err.message()
    );
    assert!(
        err.to_string().starts_with("team/huge.toml:"),
        "the message starts with the file: {err}"
    );
}

const DRAFT: &str = "Any update on the authorization?? I need the orders today!!!\n";

/// A file large enough that writing its fixed copy needs more than the `ulimit -f` allows.
fn large_draft() -> String {
    DRAFT.repeat(200)
}

/// Runs `tonelint --write` on a copy of [`large_draft`] under `ulimit -f 4` (at most 4 blocks, 2
/// or 4 KiB, per file written: far less than the draft), after the shell commands in `setup`.
/// Returns the run and the draft's path, inside `dir`.
fn write_under_file_size_limit(dir: &Path, setup: &str) -> (Output, std::path::PathBuf) {
    let path = dir.join("draft.txt");
    std::fs::write(&path, large_draft()).unwrap();
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{setup}ulimit -f 4 && exec '{}' --no-config --write draft.txt",
            env!("CARGO_BIN_EXE_tonelint")
        ))
        .current_dir(dir)
        .output()
        .unwrap();
    (run, path)
}

/// `--write` stopped part way (here by the file-size limit, SIGXFSZ, while the fixed text is being
/// written): the original is intact, because the new text goes to a temporary file that only
/// replaces the original once it is complete. SIGXFSZ once killed the run and left that file
/// behind; it is now caught, so the write fails with an error that removes it.
#[test]
fn write_killed_part_way_leaves_the_original_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (run, path) = write_under_file_size_limit(tmp.path(), "");
    assert_ne!(
        run.status.code(),
        Some(0),
        "the write cannot have succeeded"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), large_draft());
    // Issue 16, case 11: a signal in the write window left the temporary file behind.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["draft.txt"], "no temporary file is left");
}

/// Issue 16, case 11: SIGTERM while `--write`'s temporary file exists (an 18 MB one was left
/// behind) removes it, and the file is either the old text or the new, whole.
#[test]
fn write_ended_by_sigterm_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("draft.txt");
    // Large enough that the run spends a while checking and writing.
    let draft = large_draft().repeat(200);
    std::fs::write(&path, &draft).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .current_dir(dir)
        .args(["--no-config", "--write", "draft.txt"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the temporary file to appear, then end the run with SIGTERM.
    let started = std::time::Instant::now();
    let mut seen = false;
    while child.try_wait().unwrap().is_none() && started.elapsed().as_secs() < 60 {
        let temp = std::fs::read_dir(dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".tonelint-")
        });
        if temp {
            seen = true;
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            break;
        }
    }
    let status = child.wait().unwrap();
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["draft.txt"],
        "no temporary file is left ({status:?})"
    );
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(
        now == draft || !now.contains("??"),
        "the file is whole, old or new"
    );
    if !seen {
        eprintln!("the run ended before its temporary file was seen; nothing was signalled");
    }
}

/// Issue 16, case 11: a file owned by another user, in a directory anyone may write to, is not
/// replaced by one owned by the caller.
#[test]
fn write_keeps_the_owner_or_refuses() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let owner = std::fs::metadata(&path).unwrap().uid();
    let Some(run) = tonelint_unprivileged(dir, &["--write", "draft.txt"]) else {
        eprintln!("skipping: running as root without a way to drop privileges");
        return;
    };
    let after = std::fs::metadata(&path).unwrap();
    if after.uid() == owner && std::fs::read_to_string(&path).unwrap() != DRAFT {
        // Not root: the caller owns the file, and it was fixed in place of itself.
        return;
    }
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("draft.txt: not writing the fixes: it belongs to user"),
        "{}",
        stderr(&run)
    );
    assert_eq!(after.uid(), owner);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DRAFT);
}

/// The same limit with SIGXFSZ ignored makes the write fail with an error (EFBIG) instead: the
/// original is intact, the temporary file is removed, and the message says so.
#[test]
fn write_that_fails_part_way_reports_it_and_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let (run, path) = write_under_file_size_limit(tmp.path(), "trap '' XFSZ && ");
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "tonelint: error: draft.txt: cannot write the fixes: File too large; the file is unchanged\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), large_draft());
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["draft.txt"], "no temporary file is left");
}

/// `--write` on a draft that is fine leaves the file alone (not even rewritten with the same
/// bytes, so its modification time and inode stay).
#[test]
fn write_with_nothing_to_fix_does_not_touch_the_file() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("draft.txt");
    std::fs::write(&path, "Thank you for the update.\n").unwrap();
    let before = std::fs::metadata(&path).unwrap();
    let run = tonelint(tmp.path(), &["--write", "draft.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(before.ino(), after.ino());
    assert_eq!(before.mtime_nsec(), after.mtime_nsec());
}

/// Regression: positions were worked out from the start of the line for every finding
/// (`position.rs`, `Cursor::advance_to`), so a long line dense with findings cost time in the
/// square of its length (a 800 KB line took 89 s in a release build). The cursor now carries the
/// column forward. The bound is loose on purpose: it separates linear from quadratic, it is not a
/// benchmark.
#[test]
fn a_long_line_dense_with_findings_is_checked_in_linear_time() {
    let line = "This delay is unacceptable. I need you to sign it right now. ".repeat(60_000);
    let started = std::time::Instant::now();
    let report = Linter::new().check(&line);
    assert!(report.findings().len() >= 60_000);
    // 3.6 MB: well under a second in linear time, even unoptimised; hours when quadratic.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

/// Regression: reading a lexicon worked out each rule's line by counting line breaks from the
/// start of the file (`lexicon/spec.rs`), so parsing cost time in the square of the file's size
/// (100,000 rules, 29.6 MB, took 878 s in a release build). Lines are now indexed once.
#[test]
fn a_lexicon_of_a_hundred_thousand_rules_parses_in_linear_time() {
    let text = generated_lexicon(100_000, 1);
    let started = std::time::Instant::now();
    let lexicon = Lexicon::parse("huge.toml", &text).unwrap();
    assert_eq!(lexicon.len(), 100_000);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

/// Issue 16, case 1: a tag with thousands of double-quoted attributes overflowed the HTML
/// tokenizer's stack and aborted the run (exit 134), losing every other file's output; also in
/// an email's HTML part and in end tags. Now each is read like any other, and the other file is
/// reported.
#[test]
fn a_tag_with_thousands_of_attributes_does_not_end_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let attributes = "a=\"b\" ".repeat(50_000);
    std::fs::write(
        dir.join("evil.html"),
        format!("<p {attributes}>This is unacceptable</p {attributes}>\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("evil.eml"),
        format!(
            "From: a@example.com\nSubject: hi\nContent-Type: text/html\n\n<div {attributes}>This is unacceptable.</div>\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("other.txt"), "This delay is unacceptable.\n").unwrap();
    let run = tonelint(
        dir,
        &["--format", "short", "evil.html", "evil.eml", "other.txt"],
    );
    assert!(
        run.status.code().is_some_and(|c| c <= 2),
        "{:?}",
        run.status
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    for file in ["evil.html:1:", "evil.eml:5:", "other.txt:1:"] {
        assert!(stdout.contains(file), "{file} not reported:\n{stdout}");
    }
}

/// Issue 16, cases 4 and 5: human output showed the whole line (or the whole decoded block of a
/// base64 body, which every finding in it spans) for each finding, so a dense 400 KB line took
/// 240 s and a 1 MB base64 body 59 s. Each finding now shows a bounded excerpt. Output bytes
/// must grow with the input, for every format, on a long line, a base64 body and a one-line
/// HTML email.
#[test]
fn output_grows_linearly_on_long_lines_and_encoded_bodies() {
    use std::fmt::Write as _;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let sentence = "This delay is unacceptable. I need you to sign it right now. ";
    let text = |size: usize| sentence.repeat(size / sentence.len());
    let base64 = |bytes: &[u8]| {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for (i, chunk) in bytes.chunks(3).enumerate() {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (j, &b)| n | u32::from(b) << (16 - 8 * j));
            for k in 0..4 {
                let sextet = (n >> (18 - 6 * k)) & 63;
                out.push(if k <= chunk.len() {
                    ALPHABET[sextet as usize] as char
                } else {
                    '='
                });
            }
            if i % 19 == 18 {
                out.push('\n');
            }
        }
        out
    };
    let inputs = |size: usize| {
        let mut html = String::new();
        for _ in 0..size / (sentence.len() + 20) {
            write!(html, "<p class=\"c\">{sentence}</p>").unwrap();
        }
        [
            ("line.txt", format!("{}\n", text(size))),
            (
                "base64.eml",
                format!(
                    "From: a@example.com\nSubject: x\nContent-Type: text/plain\n\
                     Content-Transfer-Encoding: base64\n\n{}\n",
                    base64(text(size).as_bytes())
                ),
            ),
            (
                "minified.eml",
                format!("From: a@example.com\nSubject: x\nContent-Type: text/html\n\n{html}\n"),
            ),
        ]
    };
    // 16 KB and 256 KB: the ratio is what tells linear from quadratic, and the test build is
    // unoptimised.
    let small_inputs = inputs(16 * 1024);
    let large_inputs = inputs(256 * 1024);
    for (small, large) in small_inputs.iter().zip(&large_inputs) {
        for format in ["human", "short", "json", "sarif"] {
            let bytes = |(name, content): &(&str, String)| {
                std::fs::write(dir.join(name), content).unwrap();
                let run = tonelint(dir, &["--format", format, name]);
                assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
                run.stdout.len()
            };
            let (small_out, large_out) = (bytes(small), bytes(large));
            assert!(small_out > 2_000, "{} {format}: {small_out}", small.0);
            // 16 times the input: linear is 16 times the output, quadratic 256 times.
            assert!(
                large_out <= 3 * 16 * small_out,
                "{} {format}: {small_out} then {large_out} bytes",
                small.0
            );
        }
    }
}
