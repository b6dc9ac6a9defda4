//! The integration recipes in the README work as written: git send-email's validation hook
//! refuses an aggressive patch email and lets a calm one through.

use std::path::{Path, PathBuf};
use std::process::Command;

fn hook() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/hooks/sendemail-validate")
}

fn run_hook(dir: &Path, email: &str) -> std::process::ExitStatus {
    let path = dir.join("0001-cover-letter.patch");
    std::fs::write(&path, email).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tonelint"));
    let path_var = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg(hook())
        .arg(&path)
        .env("PATH", path_var)
        .current_dir(dir)
        .status()
        .unwrap()
}

const HEADERS: &str = "From: Lee Tran <lee@example.com>\nTo: team@example.com\nSubject: [PATCH 0/2] Discharge checklist\nContent-Type: text/plain; charset=UTF-8\n\n";

#[test]
fn sendemail_validate_refuses_an_aggressive_patch_email() {
    let dir = tempfile::tempdir().unwrap();
    let email =
        format!("{HEADERS}You still haven't reviewed the checklist. This delay is unacceptable.\n");
    assert_eq!(run_hook(dir.path(), &email).code(), Some(1));
}

#[test]
fn sendemail_validate_lets_a_calm_patch_email_through() {
    let dir = tempfile::tempdir().unwrap();
    let email = format!(
        "{HEADERS}This series adds the discharge checklist we discussed. Could you review it by Friday?\n"
    );
    assert_eq!(run_hook(dir.path(), &email).code(), Some(0));
}
