//! The cross-crate tests live in the repository's top-level `tests/` folder, where Cargo does not
//! look: each runs only if a crate lists it in a `[[test]]` section. A file added there and never
//! registered would silently never run; this test fails instead.

use std::fs;
use std::path::PathBuf;

#[test]
fn every_file_in_the_top_level_tests_folder_is_registered_by_a_crate() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut manifests = String::new();
    for entry in fs::read_dir(root.join("crates")).expect("crates/ reads") {
        let manifest = entry.expect("a crates/ entry").path().join("Cargo.toml");
        if let Ok(text) = fs::read_to_string(&manifest) {
            manifests.push_str(&text);
        }
    }
    let mut unregistered = Vec::new();
    let mut seen = 0;
    for entry in fs::read_dir(root.join("tests")).expect("tests/ reads") {
        let path = entry.expect("a tests/ entry").path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            seen += 1;
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if !manifests.contains(&format!("path = \"../../tests/{name}\"")) {
                unregistered.push(name.to_string());
            }
        }
    }
    assert!(seen >= 10, "only {seen} test files found under tests/");
    assert!(
        unregistered.is_empty(),
        "tests/ files no crate registers in a [[test]] section: {unregistered:?}"
    );
}
