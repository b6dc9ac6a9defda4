//! `--fix` and `--write`: the library decides what to replace (only rules whose lexicon entry
//! carries a safe `fix`) and `checked` maps its edits onto the input's bytes; this module gathers
//! one input's edits, applies them, and writes the result back without ever leaving a
//! half-written file. `diff` shows them.

use std::io::{self, Write};
use std::path::Path;

use crate::checked::Checked;
use crate::span::InputEdit;

/// The edits of all checked parts of one file, in order, without overlaps.
pub fn file_edits(parts: &[Checked]) -> Vec<InputEdit> {
    let mut edits: Vec<InputEdit> = parts.iter().flat_map(|c| c.edits.iter().cloned()).collect();
    edits.sort_by_key(|e| e.span.start);
    edits.dedup_by(|later, earlier| later.span.start < earlier.span.end);
    edits
}

/// `bytes` with `edits` applied.
pub fn apply(bytes: &[u8], edits: &[InputEdit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for edit in edits {
        out.extend_from_slice(&bytes[at..edit.span.start.0]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = edit.span.end.0;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Why `--write` left a file as it was.
#[derive(Debug)]
pub enum WriteError {
    /// Writing failed (a full disk, a missing directory).
    Io(io::Error),
    /// Writing would have lost something; the reason, in words.
    Refused(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(err) => f.write_str(&crate::input::io_reason(err)),
            WriteError::Refused(reason) => f.write_str(reason),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(err: io::Error) -> WriteError {
        WriteError::Io(err)
    }
}

/// Replaces the file at `path`, read as `original`, with `contents` atomically: the new text
/// goes to a temporary file in the same directory, takes the original's owner and permissions,
/// is flushed to disk and then renamed over the original. If anything fails, the original is
/// untouched and the temporary file is removed, also when a signal ends the run meanwhile. A
/// symbolic link is followed, so the link stays and its target changes.
///
/// Refused, leaving the file as it is: anything but a regular file (a FIFO would become a
/// file), a read-only or unwritable file, a file with other hard links (they would keep the old
/// text), a file whose owner the replacement could not keep, and a file that no longer holds
/// `original` (another program changed it since it was read: its change would be lost).
pub fn write_atomically(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, original, |file| file.write_all(contents))
}

/// [`write_atomically`] with the writing step given, so tests can make it fail or change the
/// file meanwhile.
pub fn write_atomically_with(
    path: &Path,
    original: &[u8],
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let meta = std::fs::metadata(&target)?;
    if !meta.file_type().is_file() {
        return Err(WriteError::Refused(
            "it is not a regular file, and replacing it with one would change what it is".into(),
        ));
    }
    if meta.permissions().readonly() {
        return Err(WriteError::Refused("it is read-only".into()));
    }
    // Permission bits do not bind root, and do not say whether this user may write it.
    if let Err(err) = std::fs::OpenOptions::new().write(true).open(&target) {
        return Err(WriteError::Refused(format!(
            "it is not writable ({})",
            crate::input::io_reason(&err)
        )));
    }
    if meta.nlink() > 1 {
        return Err(WriteError::Refused(format!(
            "it has {} hard links, which would keep the old text",
            meta.nlink()
        )));
    }
    signals::install();
    let mut temp = signals::Pending::new(
        tempfile::Builder::new()
            .prefix(".tonelint-")
            .tempfile_in(dir)?,
    );
    if std::os::unix::fs::fchown(temp.file(), Some(meta.uid()), Some(meta.gid())).is_err() {
        return Err(WriteError::Refused(format!(
            "it belongs to user {} and group {}, and its replacement could not",
            meta.uid(),
            meta.gid()
        )));
    }
    fill(temp.file_mut())?;
    temp.file().sync_all()?;
    temp.file().set_permissions(meta.permissions())?;
    // Last look before the rename: the file must still be the one read, with the same text.
    let now = std::fs::metadata(&target)?;
    let same_file = now.ino() == meta.ino() && now.dev() == meta.dev();
    if !same_file || std::fs::read(&target)? != original {
        return Err(WriteError::Refused(
            "it changed since tonelint read it; run tonelint again to fix the new text".into(),
        ));
    }
    temp.persist(&target)?;
    Ok(())
}

/// Removing the temporary file when a signal ends the run while it exists.
mod signals {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, Once};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};

    /// The temporary file being written, if any.
    static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

    /// Starts, once, a thread that on SIGINT, SIGTERM or SIGHUP removes the pending temporary
    /// file, then ends the process as the signal would have. SIGXFSZ (a file-size limit hit
    /// while writing) is caught and nothing more: the write then fails with "File too large",
    /// and that error removes the temporary file and leaves the original, instead of the signal
    /// killing the run with the temporary file left behind.
    pub(super) fn install() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let Ok(mut signals) =
                signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGXFSZ])
            else {
                return;
            };
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    if signal == SIGXFSZ {
                        continue;
                    }
                    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
                    if let Some(path) = pending {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        });
    }

    /// A temporary file that a signal removes, until it is persisted or dropped (which removes
    /// it too).
    pub(super) struct Pending(Option<tempfile::NamedTempFile>);

    impl Pending {
        pub(super) fn new(temp: tempfile::NamedTempFile) -> Pending {
            *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(temp.path().to_path_buf());
            Pending(Some(temp))
        }

        pub(super) fn file(&self) -> &std::fs::File {
            self.temp().as_file()
        }

        pub(super) fn file_mut(&mut self) -> &mut std::fs::File {
            self.0
                .as_mut()
                .map(tempfile::NamedTempFile::as_file_mut)
                .expect("a Pending holds its file until persisted or dropped")
        }

        fn temp(&self) -> &tempfile::NamedTempFile {
            self.0
                .as_ref()
                .expect("a Pending holds its file until persisted or dropped")
        }

        /// Renames the temporary file over `target`, holding the registry so that a signal
        /// handled meanwhile finds either the temporary file or nothing to remove.
        pub(super) fn persist(mut self, target: &Path) -> std::io::Result<()> {
            let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            let temp = self.0.take().expect("persisted once");
            let result = temp.persist(target).map(|_| ()).map_err(|err| err.error);
            *pending = None;
            result
        }
    }

    impl Drop for Pending {
        fn drop(&mut self) {
            let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            // Removed (by the temporary file's own drop) before it leaves the registry.
            drop(self.0.take());
            *pending = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "original text\n").unwrap();
        let err = write_atomically_with(&path, b"original text\n", |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full (simulated)"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full (simulated)");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original text\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file was not removed");
    }

    /// Issue 16, case 10: another program appends to the file while tonelint works on it. The
    /// write is refused, the append is kept, and no temporary file is left.
    #[test]
    fn a_file_changed_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "original text\n").unwrap();
        let err = write_atomically_with(&path, b"original text\n", |file| {
            file.write_all(b"fixed text\n")?;
            let mut other = std::fs::OpenOptions::new().append(true).open(&path)?;
            other.write_all(b"appended by someone else\n")
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Refused(_)), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "original text\nappended by someone else\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A file that no longer holds what was read is refused before anything is written.
        let err = write_atomically(&path, b"original text\n", b"fixed\n").unwrap_err();
        assert!(
            err.to_string().contains("changed since tonelint read it"),
            "{err}"
        );
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
        write_atomically(&link, b"old\n", b"new\n").unwrap();
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
