//! `--fix`, `--diff` and `--write`: the library decides what to replace (only rules whose lexicon
//! entry carries a safe `fix`); this module maps the edits onto the file's bytes, shows them and
//! writes them back without ever leaving a half-written file.

use std::io::{self, Write};
use std::path::Path;

use crate::checked::Checked;

/// One replacement in the file's bytes.
#[derive(Clone, Debug)]
pub struct ByteEdit {
    pub span: std::ops::Range<usize>,
    pub replacement: String,
}

/// The edits of all checked parts of one file, in order, without overlaps.
pub fn file_edits(parts: &[Checked]) -> Vec<ByteEdit> {
    let mut edits: Vec<ByteEdit> = parts.iter().flat_map(|c| c.edits.iter().cloned()).collect();
    edits.sort_by_key(|e| e.span.start);
    edits.dedup_by(|later, earlier| later.span.start < earlier.span.end);
    edits
}

/// `bytes` with `edits` applied.
pub fn apply(bytes: &[u8], edits: &[ByteEdit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for edit in edits {
        out.extend_from_slice(&bytes[at..edit.span.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = edit.span.end;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Replaces the file at `path` with `contents` atomically: the new text goes to a temporary file
/// in the same directory, takes the original's permissions, is flushed to disk and then renamed
/// over the original. If anything fails, the original is untouched and the temporary file is
/// removed. A symbolic link is followed, so the link stays and its target changes.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomically_with(path, |file| file.write_all(contents))
}

/// [`write_atomically`] with the writing step given, so tests can make it fail.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".tonelint-")
        .tempfile_in(dir)?;
    fill(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&target).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "original text\n").unwrap();
        let err = write_atomically_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full (simulated)"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full (simulated)");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original text\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file was not removed");
    }

    #[test]
    fn writing_keeps_permissions_and_follows_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomically(&link, b"new\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
