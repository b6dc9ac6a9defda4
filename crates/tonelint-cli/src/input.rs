//! Reading what the user asked to check: standard input, files, and directories walked the way
//! ripgrep walks them. Inputs that cannot be drafts are refused with a message that names the
//! file and the position.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where an input came from, as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The file name, for guessing the input kind from its extension.
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Source::Stdin => None,
            Source::File(path) => path.file_name().and_then(|n| n.to_str()),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("<stdin>"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Why an input was not checked. The `Display` form starts with the source name.
#[derive(Debug)]
pub struct InputError {
    pub source: Source,
    /// 1-based line and column of the offending byte, when there is one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl InputError {
    pub fn new(source: &Source, message: impl Into<String>) -> InputError {
        InputError {
            source: source.clone(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// File extensions read when a directory is walked: drafts, mail and documents. Files named on
/// the command line are read whatever their extension.
pub const WALKED_EXTENSIONS: [&str; 9] = [
    "txt", "text", "md", "markdown", "eml", "mbox", "html", "htm", "msg",
];

/// Expands the command line's paths into inputs: `-` is standard input, a directory is walked
/// (honouring `.gitignore` and hidden-file rules) for files with [`WALKED_EXTENSIONS`] or one of
/// `extra_extensions` (`--type`, `extensions` in tonelint.toml), and for the messages of Maildir
/// folders, in a stable order. A directory that holds nothing to check is an error that says
/// what was looked for, rather than a silent pass.
pub fn expand(
    args: &[PathBuf],
    extensions_for: impl Fn(&Path) -> Vec<String>,
) -> (Vec<Source>, Vec<InputError>) {
    if args.is_empty() {
        return (vec![Source::Stdin], Vec::new());
    }
    let wanted = |path: &Path, extra_extensions: &[String]| {
        path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            WALKED_EXTENSIONS.contains(&e.as_str())
                || extra_extensions
                    .iter()
                    .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(&e))
        }) || is_maildir_message(path)
    };
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == Path::new("-") {
            sources.push(Source::Stdin);
        } else if arg.is_dir() {
            let extra_extensions = extensions_for(arg);
            let mut found = Vec::new();
            let errors_before = errors.len();
            for entry in ignore::WalkBuilder::new(arg).build() {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        if wanted(entry.path(), &extra_extensions) {
                            found.push(entry.into_path());
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(walk_error(arg, &err)),
                }
            }
            if found.is_empty() && errors.len() == errors_before {
                errors.push(InputError::new(
                    &Source::File(arg.clone()),
                    nothing_found_message(&extra_extensions),
                ));
            }
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(arg.clone()));
        }
    }
    (sources, errors)
}

/// Why a walked directory gave nothing, and how to make it give something.
fn nothing_found_message(extra_extensions: &[String]) -> String {
    let mut looked_for: Vec<String> = WALKED_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    looked_for.extend(
        extra_extensions
            .iter()
            .map(|e| format!(".{}", e.trim_start_matches('.'))),
    );
    format!(
        "no file to check in this directory (looked for {} files and Maildir messages, \
         skipping hidden and .gitignore'd files); name other extensions with --type EXT or \
         `extensions` in tonelint.toml",
        looked_for.join(", ")
    )
}

/// Whether `path` is a message of a Maildir folder: a file in its `cur` or `new` directory,
/// beside which the other of the two exists. Maildir message names (`1718.M1P2.host:2,DS`) have
/// no extension a walk could go by. `tmp` holds messages still being delivered, so it is not
/// read, nor required: a Maildir kept in git (a test fixture, an archive) has no empty `tmp`.
pub fn is_maildir_message(path: &Path) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    let Some(folder) = dir.parent() else {
        return false;
    };
    let other = match dir.file_name().and_then(|n| n.to_str()) {
        Some("cur") => "new",
        Some("new") => "cur",
        _ => return false,
    };
    folder.join(other).is_dir()
}

/// A problem met while walking the directory `arg`, named by the path it happened at (a
/// subdirectory that cannot be read, say) in the same words as an unreadable file.
fn walk_error(arg: &Path, err: &ignore::Error) -> InputError {
    /// The innermost path the walker attached to the error.
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, err } => path_of(err).or(Some(path)),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let path = path_of(err).unwrap_or(arg).to_path_buf();
    let message = match err {
        ignore::Error::Loop { child, .. } => format!(
            "symbolic link loop at {}; the directory was not walked further",
            child.display()
        ),
        err => match err.io_error() {
            Some(io) => {
                // The walker wraps the system's error in its own, which repeats the path: keep
                // only the innermost reason ("Permission denied").
                let mut reason: &dyn std::error::Error = io;
                while let Some(inner) = reason.source() {
                    reason = inner;
                }
                format!("cannot read: {}", without_os_error(reason.to_string()))
            }
            None => err.to_string(),
        },
    };
    InputError::new(&Source::File(path), message)
}

/// How many leading bytes are inspected for NUL bytes, as git and ripgrep do to spot binaries.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Reads a whole input, at most `max_size` bytes, refusing binary ones.
pub fn read_bytes(source: &Source, max_size: u64) -> Result<Vec<u8>, InputError> {
    let fail = |message: String| InputError::new(source, message);
    let cannot_read = |err: io::Error| fail(format!("cannot read: {}", io_reason(&err)));
    let too_large = || {
        fail(format!(
            "is larger than {max_size} bytes; raise --max-size to check it anyway"
        ))
    };
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            io::stdin()
                .lock()
                .take(max_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(cannot_read)?;
        }
        Source::File(path) => {
            if path.is_dir() {
                return Err(fail("is a directory".into()));
            }
            let file = std::fs::File::open(path).map_err(cannot_read)?;
            // A regular file's size is known: refuse a large one without reading any of it.
            // Pipes and devices report no useful size; for them the bounded read decides.
            if let Ok(meta) = file.metadata()
                && meta.is_file()
                && meta.len() > max_size
            {
                return Err(too_large());
            }
            file.take(max_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(cannot_read)?;
        }
    }
    if bytes.len() as u64 > max_size {
        return Err(too_large());
    }
    if let Some(at) = bytes.iter().take(BINARY_SNIFF_BYTES).position(|&b| b == 0) {
        return Err(InputError {
            position: Some(line_column(&bytes, at)),
            ..fail(format!(
                "looks like a binary file (NUL byte at byte offset {at}); tonelint checks text"
            ))
        });
    }
    // An empty or blank draft is not bad input: it has nothing to flag, and a mail with an empty
    // body must not block a pre-send hook.
    Ok(bytes)
}

/// The most bytes a config file may hold (1 MiB): a real one is a few hundred bytes, and a
/// path such as `/dev/zero` must not be read until memory runs out.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The most bytes a lexicon file may hold (64 MiB): 100,000 rules take 30 MB.
pub const MAX_LEXICON_BYTES: u64 = 64 * 1024 * 1024;

/// Why a settings file (config or lexicon) was not read.
#[derive(Debug)]
pub enum SettingsReadError {
    Io(io::Error),
    /// Holds more than the limit, in bytes.
    TooLarge(u64),
}

impl fmt::Display for SettingsReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsReadError::Io(err) => f.write_str(&io_reason(err)),
            SettingsReadError::TooLarge(limit) => write!(f, "it is larger than {limit} bytes"),
        }
    }
}

/// Reads a whole settings file, refusing one over `limit` bytes without reading past it
/// (devices and pipes report no size, so the read itself is bounded).
pub fn read_settings(path: &Path, limit: u64) -> Result<Vec<u8>, SettingsReadError> {
    let file = std::fs::File::open(path).map_err(SettingsReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(SettingsReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(SettingsReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The system's reason without Rust's "(os error N)" suffix.
pub fn io_reason(err: &io::Error) -> String {
    without_os_error(err.to_string())
}

fn without_os_error(mut reason: String) -> String {
    if let Some(i) = reason.find(" (os error") {
        reason.truncate(i);
    }
    reason
}

/// 1-based line and column (in characters of the valid prefix) of a byte offset.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
