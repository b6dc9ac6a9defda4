//! Python bindings for tonelint: `tonelint.check(text)` and `tonelint.Linter`.
//!
//! This crate is a thin layer over the `tonelint` library. What it adds is the translation
//! Python needs:
//!
//! * **Offsets.** The library reports byte offsets into UTF-8 text; Python indexes a `str` by
//!   code point. Every offset of a report is converted in one pass over the text (see
//!   [`CodePoints`]), so that `text[finding.start:finding.end]` is the flagged text for any
//!   input, and the cost stays linear however many findings there are.
//! * **Errors.** Problems a caller can fix (an unknown rule name, a malformed lexicon) raise
//!   `tonelint.Error`, a subclass of `ValueError`, whose message names the rule or the file and
//!   position; a lexicon file that cannot be read raises the `OSError` subclass Python would
//!   raise for it (`FileNotFoundError`, `PermissionError`, ...), with its `filename` set.
//! * **Threads.** A check runs without the GIL, and `tonelint::Linter` is `Send + Sync`, so one
//!   `Linter` can serve many Python threads at once.
//!
//! Reports are copied into plain, immutable Python objects once, when a check returns, so that
//! reading them never calls back into Rust or holds on to the checked text.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

create_exception!(
    tonelint,
    Error,
    PyValueError,
    "A rule name, severity or lexicon that tonelint cannot use. The message says which, and \
     for a lexicon, the file and the line and column of the problem."
);

/// The command-line tool refuses lexicon files larger than this, and so does the package: a
/// path to something that never ends (`/dev/zero`) fails instead of filling memory.
const MAX_LEXICON_BYTES: u64 = 64 * 1024 * 1024;

/// An assertive way to say what a flagged phrase was trying to say.
#[pyclass(module = "tonelint", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Rewrite {
    /// The suggested wording.
    #[pyo3(get)]
    text: String,
    /// Where the wording comes from: a seed document's file name, or "project" for the
    /// project's own wording.
    #[pyo3(get)]
    source: String,
    /// The seed article's title, or None for the project's own wording.
    #[pyo3(get)]
    source_title: Option<&'static str>,
    /// The kind of message the wording was written for: "clinical", "payer", "family",
    /// "workplace" or "general".
    #[pyo3(get)]
    context: &'static str,
}

#[pymethods]
impl Rewrite {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Rewrite(text={}, source={}, context={})",
            repr(py, &self.text)?,
            repr(py, &self.source)?,
            repr(py, self.context)?
        ))
    }
}

/// One flagged phrase. `start` and `end` index the checked `str`, so
/// `text[finding.start:finding.end]` is the flagged text.
#[pyclass(module = "tonelint", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Finding {
    /// The id of the rule that matched, such as "aggressive.unacceptable".
    #[pyo3(get)]
    rule: String,
    /// The rule's category: "aggressive", "demanding", "accusatory", "vague" or "passive".
    #[pyo3(get)]
    category: String,
    /// "info", "warning" or "error": the rule's, unless the linter overrides it.
    #[pyo3(get)]
    severity: String,
    /// Where the flagged text starts, as an index into the checked str.
    #[pyo3(get)]
    start: usize,
    /// Where the flagged text ends (exclusive), as an index into the checked str.
    #[pyo3(get)]
    end: usize,
    /// The 1-based line where the flagged text starts.
    #[pyo3(get)]
    line: usize,
    /// The 1-based column where the flagged text starts, counted in terminal cells (a wide
    /// character takes two), as the command-line tool prints it.
    #[pyo3(get)]
    column: usize,
    /// The flagged text, exactly as it appears in the input.
    #[pyo3(get)]
    text: String,
    /// Why the phrasing lands badly, in one line.
    #[pyo3(get)]
    message: String,
    rewrites: Vec<Rewrite>,
}

#[pymethods]
impl Finding {
    /// Assertive ways to say it, best first (a new list on each access).
    #[getter]
    fn rewrites(&self) -> Vec<Rewrite> {
        self.rewrites.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Finding(rule={}, category={}, severity={}, start={}, end={}, text={})",
            repr(py, &self.rule)?,
            repr(py, &self.category)?,
            repr(py, &self.severity)?,
            self.start,
            self.end,
            repr(py, &self.text)?,
        ))
    }
}

/// A recognised strength: a move that helps the reader (acknowledging them, gratitude, a
/// collaborative question, a concrete date). Strengths lower the score; they are not findings.
#[pyclass(module = "tonelint", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Strength {
    /// The strength's id, such as "strength.collaborative-question".
    #[pyo3(get)]
    id: String,
    /// Where the recognised text starts, as an index into the checked str.
    #[pyo3(get)]
    start: usize,
    /// Where the recognised text ends (exclusive), as an index into the checked str.
    #[pyo3(get)]
    end: usize,
    /// The 1-based line where the recognised text starts.
    #[pyo3(get)]
    line: usize,
    /// The 1-based column where the recognised text starts, in terminal cells.
    #[pyo3(get)]
    column: usize,
    /// The recognised text, exactly as it appears in the input.
    #[pyo3(get)]
    text: String,
    /// What the move does for the reader, in one line.
    #[pyo3(get)]
    message: String,
    /// The seed document the move comes from, or "project".
    #[pyo3(get)]
    source: String,
}

#[pymethods]
impl Strength {
    /// The same as `id`, so that code handling findings and strengths alike can read `.rule`.
    #[getter]
    fn rule(&self) -> &str {
        &self.id
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Strength(id={}, start={}, end={}, text={})",
            repr(py, &self.id)?,
            self.start,
            self.end,
            repr(py, &self.text)?,
        ))
    }
}

/// Everything one check found in one message.
#[pyclass(module = "tonelint", frozen)]
struct Report {
    findings: Vec<Py<Finding>>,
    strengths: Vec<Py<Strength>>,
    /// The harshness score: 2 for each warning, 5 for each error (info findings add nothing),
    /// minus 1 for each distinct strength. 0 or below reads as assertive.
    #[pyo3(get)]
    score: i32,
    /// "assertive" when nothing is at warning or above; otherwise the category whose findings
    /// weigh most ("aggressive", "demanding", "accusatory", "vague" or "passive").
    #[pyo3(get)]
    verdict: &'static str,
    /// Words in the message.
    #[pyo3(get)]
    words: usize,
}

#[pymethods]
impl Report {
    /// The findings, in text order (a new list on each access).
    #[getter]
    fn findings(&self, py: Python<'_>) -> Vec<Py<Finding>> {
        self.findings.iter().map(|f| f.clone_ref(py)).collect()
    }

    /// The strengths recognised, in text order (a new list on each access).
    #[getter]
    fn strengths(&self, py: Python<'_>) -> Vec<Py<Strength>> {
        self.strengths.iter().map(|s| s.clone_ref(py)).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "<tonelint.Report verdict='{}' score={} findings={} strengths={}>",
            self.verdict,
            self.score,
            self.findings.len(),
            self.strengths.len(),
        )
    }
}

impl Report {
    /// Copies a core report into Python objects, with code-point offsets.
    fn new(py: Python<'_>, report: &tonelint::Report, at: &CodePoints) -> PyResult<Report> {
        let findings = report
            .findings()
            .iter()
            .map(|f| {
                let span = f.span();
                let finding = Finding {
                    rule: f.rule_id().to_string(),
                    category: f.category().as_str().to_string(),
                    severity: f.severity().as_str().to_string(),
                    start: at.get(span.start),
                    end: at.get(span.end),
                    line: f.start().line,
                    column: f.start().column,
                    text: f.text().to_string(),
                    message: f.message().to_string(),
                    rewrites: f
                        .rewrites()
                        .iter()
                        .map(|r| Rewrite {
                            text: r.text().to_string(),
                            source: r.source().to_string(),
                            source_title: r.source_title(),
                            context: r.context().as_str(),
                        })
                        .collect(),
                };
                Py::new(py, finding)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let strengths = report
            .strengths()
            .iter()
            .map(|s| {
                let span = s.span();
                let strength = Strength {
                    id: s.id().to_string(),
                    start: at.get(span.start),
                    end: at.get(span.end),
                    line: s.start().line,
                    column: s.start().column,
                    text: s.text().to_string(),
                    message: s.message().to_string(),
                    source: s.strength().source().to_string(),
                };
                Py::new(py, strength)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let summary = report.summary();
        Ok(Report {
            findings,
            strengths,
            score: summary.score,
            verdict: summary.verdict.as_str(),
            words: summary.words,
        })
    }
}

/// Byte offsets of one text, mapped to code-point offsets.
///
/// Made from every offset a report holds, sorted, in one walk over the text: converting each
/// offset on its own would cost a scan from the start of the text per finding.
struct CodePoints {
    /// The byte offsets, sorted and without duplicates; empty when the text is ASCII, where a
    /// byte offset is already a code-point offset.
    bytes: Vec<usize>,
    /// `chars[i]` is the code-point offset of `bytes[i]`.
    chars: Vec<usize>,
}

impl CodePoints {
    fn of(text: &str, report: &tonelint::Report) -> CodePoints {
        if text.is_ascii() {
            return CodePoints {
                bytes: Vec::new(),
                chars: Vec::new(),
            };
        }
        let mut bytes: Vec<usize> = report
            .findings()
            .iter()
            .map(|f| f.span())
            .chain(report.strengths().iter().map(|s| s.span()))
            .flat_map(|span| [span.start, span.end])
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        let utf8 = text.as_bytes();
        let mut chars = Vec::with_capacity(bytes.len());
        let (mut at, mut count) = (0, 0);
        for &offset in &bytes {
            // Each code point has exactly one byte that is not a continuation byte
            // (0b10xx_xxxx). Counting bytes rather than slicing the str cannot panic, even on an
            // offset that is not a char boundary (the library promises it never gives one).
            let end = offset.min(utf8.len());
            count += utf8[at.min(end)..end]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            at = end;
            chars.push(count);
        }
        CodePoints { bytes, chars }
    }

    /// The code-point offset of a byte offset given to [`CodePoints::of`].
    fn get(&self, byte: usize) -> usize {
        if self.bytes.is_empty() {
            return byte;
        }
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            // Every offset of the report was collected, so this is unreachable; the nearest
            // offset below is still a sensible answer.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.chars[i]),
        }
    }
}

/// Checks messages against a fixed set of rules. Build it once and reuse it: it is safe to
/// share across threads, and a check releases the GIL while it runs.
///
/// Every option is keyword-only. Names are rule ids ("aggressive.unacceptable") or categories
/// ("passive"):
///
/// * `enable`: switch on rules that are off by default (the "passive" category);
/// * `disable`: switch rules off (applies last);
/// * `only`: keep only these rules;
/// * `allow`: phrases never flagged (lexicon phrase syntax);
/// * `severity`: a dict of name to "info", "warning" or "error";
/// * `lexicons`: paths of extra lexicon files (see lexicons/README.md for the schema).
///
/// Raises tonelint.Error (a ValueError) for an unknown name or a malformed lexicon, and OSError
/// for a lexicon file that cannot be read.
#[pyclass(module = "tonelint", frozen)]
struct Linter {
    inner: tonelint::Linter,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (*, enable=None, disable=None, only=None, allow=None, severity=None, lexicons=None))]
    fn new(
        py: Python<'_>,
        enable: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
        only: Option<&Bound<'_, PyAny>>,
        allow: Option<&Bound<'_, PyAny>>,
        severity: Option<&Bound<'_, PyAny>>,
        lexicons: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Linter> {
        let options = Options::extract(enable, disable, only, allow, severity, lexicons)?;
        let inner = build(py, options)?;
        Ok(Linter { inner })
    }

    /// Checks one message.
    fn check(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Report> {
        check_with(py, &self.inner, text)
    }

    /// Every loaded rule id, enabled or not, built-in rules first.
    fn rules(&self) -> Vec<String> {
        self.inner.rules().map(|r| r.id().to_string()).collect()
    }

    /// Whether the rule with this id is loaded and switched on.
    fn is_enabled(&self, rule: &str) -> bool {
        self.inner.is_enabled(rule)
    }

    fn __repr__(&self) -> String {
        let enabled = self
            .inner
            .rules()
            .filter(|r| self.inner.is_enabled(r.id()))
            .count();
        format!(
            "<tonelint.Linter rules={} enabled={}>",
            self.inner.rules().len(),
            enabled
        )
    }
}

/// Checks one message. Without options it uses a default linter built once per process; with
/// options it builds one for this call, so build a `Linter` to check many messages that way.
/// The options are those of `Linter`.
#[pyfunction]
// Each option is a keyword argument in Python, where they read well; a struct would not.
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (text, *, enable=None, disable=None, only=None, allow=None, severity=None, lexicons=None))]
fn check(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    enable: Option<&Bound<'_, PyAny>>,
    disable: Option<&Bound<'_, PyAny>>,
    only: Option<&Bound<'_, PyAny>>,
    allow: Option<&Bound<'_, PyAny>>,
    severity: Option<&Bound<'_, PyAny>>,
    lexicons: Option<&Bound<'_, PyAny>>,
) -> PyResult<Report> {
    let options = Options::extract(enable, disable, only, allow, severity, lexicons)?;
    if options.is_default() {
        static DEFAULT: OnceLock<tonelint::Linter> = OnceLock::new();
        // Built without the GIL: a thread that waits here while another builds it must not
        // hold the GIL that the builder might need back (it does not today, but the cost of
        // making sure is nothing).
        let linter = py.detach(|| DEFAULT.get_or_init(tonelint::Linter::new));
        return check_with(py, linter, text);
    }
    let linter = build(py, options)?;
    check_with(py, &linter, text)
}

fn check_with(
    py: Python<'_>,
    linter: &tonelint::Linter,
    text: &Bound<'_, PyString>,
) -> PyResult<Report> {
    // A copy, because the abi3 API before Python 3.10 cannot lend a str's UTF-8 bytes; the
    // copy costs little next to the check. Text with lone surrogates cannot be encoded and
    // raises UnicodeEncodeError here, as it would on `text.encode()`.
    let text: String = text.extract()?;
    let (report, at) = py.detach(|| {
        let report = linter.check(&text);
        let at = CodePoints::of(&text, &report);
        (report, at)
    });
    Report::new(py, &report, &at)
}

/// The options of `Linter` and `check`, read from their Python arguments.
#[derive(Default)]
struct Options {
    enable: Vec<String>,
    disable: Vec<String>,
    only: Vec<String>,
    allow: Vec<String>,
    severity: Vec<(String, String)>,
    lexicons: Vec<PathBuf>,
}

impl Options {
    fn extract(
        enable: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
        only: Option<&Bound<'_, PyAny>>,
        allow: Option<&Bound<'_, PyAny>>,
        severity: Option<&Bound<'_, PyAny>>,
        lexicons: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Options> {
        let mut severities = Vec::new();
        if let Some(mapping) = severity {
            // Any mapping will do (a dict, a MappingProxy, ...): all that is needed is items().
            if !mapping.hasattr("items")? {
                return Err(PyTypeError::new_err(
                    "severity takes a dict of rule or category name to severity",
                ));
            }
            for item in mapping.call_method0("items")?.try_iter()? {
                severities.push(item?.extract::<(String, String)>()?);
            }
        }
        Ok(Options {
            enable: list("enable", enable)?,
            disable: list("disable", disable)?,
            only: list("only", only)?,
            allow: list("allow", allow)?,
            severity: severities,
            lexicons: list("lexicons", lexicons)?,
        })
    }

    fn is_default(&self) -> bool {
        self.enable.is_empty()
            && self.disable.is_empty()
            && self.only.is_empty()
            && self.allow.is_empty()
            && self.severity.is_empty()
            && self.lexicons.is_empty()
    }
}

/// Reads any iterable (a list, a tuple, a set, ...) of names or paths. A lone str is refused:
/// it is itself an iterable of strs, and `enable="passive"` would otherwise name rules "p", "a",
/// "s", ... (and fail with a confusing message).
fn list<T>(arg: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<T>>
where
    T: for<'a, 'py> FromPyObject<'a, 'py, Error = PyErr>,
{
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    if value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{arg} takes a list, not a str: write {arg}=[{}]",
            value.repr()?
        )));
    }
    value.try_iter()?.map(|item| item?.extract()).collect()
}

/// Why a linter could not be built, kept as Rust values until the GIL is held again.
enum BuildFailure {
    Io { path: PathBuf, err: std::io::Error },
    TooLarge { path: PathBuf },
    NotUtf8 { path: PathBuf, offset: usize },
    Lexicon(tonelint::LexiconError),
    Severity { name: String, level: String },
    Build(tonelint::BuildError),
}

impl From<BuildFailure> for PyErr {
    fn from(failure: BuildFailure) -> PyErr {
        match failure {
            BuildFailure::Io { path, err } => match err.raw_os_error() {
                // Python's OSError(errno, strerror, filename) picks the subclass for the errno
                // (FileNotFoundError for ENOENT, ...) and sets `filename`, as `open` would: to a
                // str (a PathBuf would become a pathlib.Path), decoded as os.fsdecode does.
                Some(errno) => PyOSError::new_err((errno, io_reason(&err), path.into_os_string())),
                None => PyOSError::new_err(format!(
                    "{}: cannot read lexicon: {}",
                    path.display(),
                    io_reason(&err)
                )),
            },
            BuildFailure::TooLarge { path } => Error::new_err(format!(
                "{}: lexicon is larger than {} MiB",
                path.display(),
                MAX_LEXICON_BYTES >> 20
            )),
            BuildFailure::NotUtf8 { path, offset } => Error::new_err(format!(
                "{}: lexicon is not valid UTF-8 (byte offset {offset})",
                path.display()
            )),
            BuildFailure::Lexicon(err) => Error::new_err(err.to_string()),
            BuildFailure::Severity { name, level } => Error::new_err(format!(
                "unknown severity `{level}` for `{name}`; severities are info, warning, error"
            )),
            BuildFailure::Build(err) => Error::new_err(build_message(&err)),
        }
    }
}

/// The library's message, less the command-line tool's advice to run `--list-rules`, which a
/// Python caller cannot follow (`Linter().rules()` is the equivalent).
fn build_message(err: &tonelint::BuildError) -> String {
    let message = err.to_string();
    match message.strip_suffix(" (`--list-rules` lists every rule id)") {
        Some(kept) => format!("{kept} (tonelint.Linter().rules() lists every rule id)"),
        None => message,
    }
}

/// The system's reason without Rust's " (os error N)" suffix: Python shows the errno itself.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Builds a linter without the GIL: reading and compiling lexicons can take a while.
fn build(py: Python<'_>, options: Options) -> PyResult<tonelint::Linter> {
    py.detach(|| build_detached(options)).map_err(PyErr::from)
}

fn build_detached(options: Options) -> Result<tonelint::Linter, BuildFailure> {
    let mut builder = tonelint::Linter::builder()
        .only(options.only)
        .enable(options.enable)
        .disable(options.disable)
        .allow(options.allow);
    for (name, level) in options.severity {
        let Some(severity) = tonelint::Severity::from_name(&level) else {
            return Err(BuildFailure::Severity { name, level });
        };
        builder = builder.severity(name, severity);
    }
    for path in &options.lexicons {
        builder = builder.lexicon(load_lexicon(path)?);
    }
    builder.build().map_err(BuildFailure::Build)
}

/// Reads a lexicon file the way the command-line tool does (`--lexicon`): named by its path in
/// errors, at most [`MAX_LEXICON_BYTES`], UTF-8.
fn load_lexicon(path: &Path) -> Result<tonelint::Lexicon, BuildFailure> {
    let io = |err| BuildFailure::Io {
        path: path.to_path_buf(),
        err,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_LEXICON_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_LEXICON_BYTES {
        return Err(BuildFailure::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|err| BuildFailure::NotUtf8 {
        path: path.to_path_buf(),
        offset: err.utf8_error().valid_up_to(),
    })?;
    tonelint::Lexicon::parse(&path.display().to_string(), &text).map_err(BuildFailure::Lexicon)
}

/// Python's `repr` of a string, so that reprs quote and escape exactly as Python does.
fn repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

#[pymodule]
fn _tonelint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_class::<Linter>()?;
    m.add_class::<Report>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Rewrite>()?;
    m.add_class::<Strength>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    Ok(())
}
