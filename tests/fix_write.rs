//! `--fix`, `--diff` and `--write` never lose a user's text: files are only touched with
//! `--write`, then atomically, and a failed write leaves the original as it was.

use std::path::Path;
use std::process::{Command, Output};

const DRAFT: &str = "Any update on the authorization?? I need the orders today!!!\n";
const FIXED: &str = "Any update on the authorization? I need the orders today!\n";

fn tonelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .current_dir(dir)
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn fix_and_diff_print_but_do_not_touch_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let fixed = tonelint(dir.path(), &["--fix", "draft.txt"]);
    assert_eq!(String::from_utf8_lossy(&fixed.stdout), FIXED);
    let diff = tonelint(dir.path(), &["--diff", "draft.txt"]);
    let diff = String::from_utf8_lossy(&diff.stdout);
    assert!(
        diff.contains("--- a/draft.txt")
            && diff.contains("+Any update on the authorization? I need"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        DRAFT
    );
}

#[test]
fn write_replaces_the_file_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = tonelint(dir.path(), &["--write", "draft.txt"]);
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn write_through_a_symlink_changes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.txt"), DRAFT).unwrap();
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    tonelint(dir.path(), &["--write", "link.txt"]);
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real.txt")).unwrap(),
        FIXED
    );
}

#[test]
fn a_write_that_cannot_happen_leaves_the_file_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();
    // A symlink whose target's directory is gone cannot be written through.
    std::os::unix::fs::symlink(
        dir.path().join("gone/draft.txt"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    let run = tonelint(dir.path(), &["--write", "dangling.txt", "draft.txt"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("dangling.txt"), "{stderr}");
    // The other file was still fixed, and nothing else appeared.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn write_refuses_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["--no-config", "--write"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(DRAFT.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot --write standard input"));
}

/// A directory the user cannot write into: the temporary file cannot be created, so nothing
/// changes. Permissions do not bind root, so as root the check is skipped with a message (the
/// dangling-symlink and simulated-disk-error tests cover the same path as root).
#[test]
fn write_into_a_read_only_directory_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join(".probe");
    if std::fs::write(&probe, "").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipping: this user (root?) can write into a read-only directory");
        return;
    }
    let run = tonelint(dir.path(), &["--write", "draft.txt"]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("the file is unchanged"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DRAFT);
}

/// Issue 16, cases 6 and 13: the diff is built from the edits, with the file's own bytes. Where
/// `patch` is installed, each diff must turn the file into what `--fix` prints: 40,000 changed
/// lines (a Myers diff took 17 s), lines ending in CR alone (one line, no final line break: the
/// patch was malformed) and a latin-1 email (the diff showed U+FFFD and did not apply).
#[test]
fn diffs_apply_and_give_what_fix_prints() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..80_000)
        .map(|i| match i % 2 {
            1 => format!("Line {i}: any update on the authorization?? Thanks.\n"),
            _ => format!("Plain line {i}.\n"),
        })
        .collect();
    let cases: [(&str, &[u8]); 3] = [
        ("many.txt", many.as_bytes()),
        ("cr.txt", b"Any update??\rI need it today!!!\rThanks\r"),
        (
            "latin.eml",
            b"From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=iso-8859-1\n\
              Content-Transfer-Encoding: 8bit\n\nCaf\xe9 update?? Thanks!!\n",
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let fixed = tonelint(dir.path(), &["--fix", name]).stdout;
        assert_ne!(fixed, bytes, "{name}: nothing to fix");
        let diff = tonelint(dir.path(), &["--diff", name]).stdout;
        assert!(diff.starts_with(format!("--- a/{name}\n+++ b/{name}\n@@ -").as_bytes()));
        if name == "cr.txt" {
            assert_eq!(
                diff,
                b"--- a/cr.txt\n+++ b/cr.txt\n@@ -1 +1 @@\n-Any update??\rI need it today!!!\rThanks\r\n\
                  \\ No newline at end of file\n+Any update?\rI need it today!\rThanks\r\n\
                  \\ No newline at end of file\n"
            );
        }
        let Ok(mut patch) = Command::new("patch")
            .args(["-s", "-o", "-"])
            .arg(&path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
        else {
            eprintln!("skipping the patch check: no `patch` here");
            continue;
        };
        use std::io::Write as _;
        patch.stdin.take().unwrap().write_all(&diff).unwrap();
        let patched = patch.wait_with_output().unwrap();
        assert!(patched.status.success(), "{name}: patch failed");
        assert!(
            patched.stdout == fixed,
            "{name}: the patched file differs from --fix"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}

/// Issue 16, case 11: `--write` refuses what it cannot replace without loss (a read-only file,
/// a file with another hard link, a FIFO), says why, and leaves each as the user had it.
#[test]
fn write_refuses_read_only_files_hard_links_and_fifos() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let read_only = dir.path().join("read-only.txt");
    std::fs::write(&read_only, DRAFT).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let linked = dir.path().join("linked.txt");
    std::fs::write(&linked, DRAFT).unwrap();
    std::fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    for (name, reason) in [
        ("read-only.txt", "it is read-only"),
        (
            "linked.txt",
            "it has 2 hard links, which would keep the old text",
        ),
    ] {
        let run = tonelint(dir.path(), &["--write", name]);
        assert_eq!(run.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&run.stderr),
            format!(
                "tonelint: error: {name}: not writing the fixes: {reason}; the file is unchanged\n"
            )
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            DRAFT
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other-name.txt")).unwrap(),
        DRAFT
    );
    assert_eq!(
        std::fs::metadata(&read_only).unwrap().permissions().mode() & 0o777,
        0o444
    );

    let fifo = dir.path().join("pipe.txt");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, DRAFT))
        };
        let run = tonelint(dir.path(), &["--write", "pipe.txt"]);
        writer.join().unwrap().unwrap();
        assert_eq!(run.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&run.stderr)
                .contains("pipe.txt: not writing the fixes: it is not a regular file"),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tonelint-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
