//! Reading what the user asked to check, refusing what cannot be a draft with a message that
//! names the file and the position.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where a text came from, as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn from_arg(arg: &Path) -> Source {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
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

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How many leading bytes are inspected for NUL bytes, as git and ripgrep do to spot binaries.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Reads a whole input as UTF-8 text, at most `max_size` bytes.
pub fn read_text(source: &Source, max_size: u64) -> Result<String, InputError> {
    let fail = |message: String| InputError {
        source: source.clone(),
        position: None,
        message,
    };
    let fail_at = |(line, column): (usize, usize), message: String| InputError {
        source: source.clone(),
        position: Some((line, column)),
        message,
    };
    let mut bytes = Vec::new();
    let read = match source {
        Source::Stdin => io::stdin()
            .lock()
            .take(max_size + 1)
            .read_to_end(&mut bytes),
        Source::File(path) => {
            if path.is_dir() {
                return Err(fail("is a directory; name the files to check".into()));
            }
            std::fs::File::open(path)
                .and_then(|file| file.take(max_size + 1).read_to_end(&mut bytes))
        }
    };
    read.map_err(|err| fail(format!("cannot read: {}", io_reason(&err))))?;
    if bytes.len() as u64 > max_size {
        return Err(fail(format!(
            "is larger than {max_size} bytes; raise --max-size to check it anyway"
        )));
    }
    if let Some(at) = bytes.iter().take(BINARY_SNIFF_BYTES).position(|&b| b == 0) {
        return Err(fail_at(
            line_column(&bytes, at),
            format!(
                "looks like a binary file (NUL byte at byte offset {at}); tonelint checks text"
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        fail_at(
            line_column(bytes, at),
            format!(
                "invalid UTF-8 (byte 0x{:02x} at byte offset {at}); save the draft as UTF-8",
                bytes[at]
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(fail(if text.is_empty() {
            "is empty; there is nothing to check".into()
        } else {
            "holds only white space; there is nothing to check".into()
        }));
    }
    Ok(text)
}

/// The system's reason without Rust's "(os error N)" suffix.
pub fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
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
