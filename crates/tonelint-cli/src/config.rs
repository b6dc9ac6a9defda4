//! `tonelint.toml`: a project's or user's settings, found from each checked file's directory
//! upward (as ruff, Vale and typos do), and for standard input from the current directory.
//!
//! ```toml
//! fail-on = "warning"             # info | warning | error | never
//! only = ["aggressive", "demanding"]
//! enable = ["passive"]              # categories that are off by default
//! disable = ["vague.soon"]
//! lexicons = ["team-phrases.toml"]  # relative to this file
//! allow = ["as soon as possible"]   # phrases never flagged
//! builtin = true                    # false: only the lexicons listed here
//! model = true                      # ask the tone model too (on by default)
//! model-threshold = 0.85            # how sure the tone model must be of a sentence (0 to 1)
//! model-message-threshold = 0.68    # ... of a whole message no rule found harsh (0 to 1)
//! keep-quotes = false               # true: check quoted replies and signatures too
//! extensions = ["j2"]               # more extensions to read when a directory is walked
//!
//! [severity]
//! vague = "warning"
//! "aggressive.unacceptable" = "error"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::args::FailOn;

/// The names a config file may have, in the order they are looked for in each directory.
pub const FILE_NAMES: [&str; 2] = ["tonelint.toml", ".tonelint.toml"];

/// A parsed config file, with where each name came from for error messages.
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub only: Vec<Spanned<String>>,
    pub enable: Vec<Spanned<String>>,
    pub disable: Vec<Spanned<String>>,
    pub lexicons: Vec<PathBuf>,
    pub allow: Vec<String>,
    pub builtin: bool,
    pub model: bool,
    pub model_threshold: Option<f32>,
    pub model_message_threshold: Option<f32>,
    pub severity: Vec<(Spanned<String>, tonelint::Severity)>,
    pub keep_quotes: bool,
    pub extensions: Vec<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<RawFailOn>,
    #[serde(default)]
    only: Vec<Spanned<String>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    lexicons: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    builtin: Option<bool>,
    model: Option<bool>,
    model_threshold: Option<Spanned<f32>>,
    model_message_threshold: Option<Spanned<f32>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, tonelint::Severity>,
    keep_quotes: Option<bool>,
    #[serde(default)]
    extensions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawFailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl Config {
    /// No file: built-in lexicons, nothing overridden.
    pub fn none() -> Config {
        Config {
            builtin: true,
            model: tonelint::MODEL_ON_BY_DEFAULT,
            ..Config::default()
        }
    }

    /// Looks for a config file in `dir` (the directory of a checked file, relative to `cwd` or
    /// absolute) and each one above it, then (for a file outside any configured tree) in `cwd`
    /// and each one above it. A path under `cwd` is given relative to it, as the user would
    /// write it.
    pub fn discover_for(dir: &Path, cwd: &Path) -> Option<PathBuf> {
        let dir = if dir.as_os_str().is_empty() {
            cwd.to_path_buf()
        } else {
            // `..` must go up before the walk does: ancestors are taken from the path's text.
            let joined = cwd.join(dir);
            joined.canonicalize().unwrap_or(joined)
        };
        let found = Config::discover(&dir).or_else(|| Config::discover(cwd))?;
        Some(match found.strip_prefix(cwd) {
            Ok(relative) => relative.to_path_buf(),
            Err(_) => found,
        })
    }

    /// Looks for a config file in `start` and each directory above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .flat_map(|dir| FILE_NAMES.iter().map(move |name| dir.join(name)))
            .find(|path| path.is_file())
    }

    /// Reads and checks a config file. Errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Config, String> {
        let name = path.display();
        let bytes = crate::input::read_settings(path, crate::input::MAX_CONFIG_BYTES)
            .map_err(|err| format!("{name}: cannot read config: {err}"))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            format!(
                "{name}: config is not valid UTF-8 (byte offset {})",
                err.utf8_error().valid_up_to()
            )
        })?;
        Config::parse(path, &text)
    }

    /// Checks the text of a config file read from `path`, which names it in errors and is what
    /// its `lexicons` are relative to. Reads no file, so it can be tested and fuzzed on its own.
    pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
        let name = path.display();
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let place = err
                .span()
                .map(|span| position(text, span.start))
                .unwrap_or_default();
            format!("{name}{place}: {}", err.message().trim())
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        for (key, threshold) in [
            ("model-threshold", &raw.model_threshold),
            ("model-message-threshold", &raw.model_message_threshold),
        ] {
            if let Some(threshold) = threshold
                && !(0.0..=1.0).contains(threshold.get_ref())
            {
                let place = position(text, threshold.span().start);
                return Err(format!(
                    "{name}{place}: `{key}` is a probability from 0 to 1, such as 0.9"
                ));
            }
        }
        Ok(Config {
            model: raw.model.unwrap_or(tonelint::MODEL_ON_BY_DEFAULT),
            model_threshold: raw.model_threshold.map(|t| *t.get_ref()),
            model_message_threshold: raw.model_message_threshold.map(|t| *t.get_ref()),
            path: Some(path.to_path_buf()),
            fail_on: raw.fail_on.map(|f| match f {
                RawFailOn::Info => FailOn::Info,
                RawFailOn::Warning => FailOn::Warning,
                RawFailOn::Error => FailOn::Error,
                RawFailOn::Never => FailOn::Never,
            }),
            only: raw.only,
            enable: raw.enable,
            disable: raw.disable,
            lexicons: raw.lexicons.iter().map(|l| base.join(l)).collect(),
            allow: raw.allow,
            builtin: raw.builtin.unwrap_or(true),
            severity: raw.severity.into_iter().collect(),
            keep_quotes: raw.keep_quotes.unwrap_or(false),
            extensions: raw.extensions,
            text: text.to_string(),
        })
    }

    /// `FILE:LINE:COLUMN` of the config entry that named `name`, when one did.
    pub fn locate(&self, name: &str) -> Option<String> {
        let path = self.path.as_ref()?;
        let span = self
            .only
            .iter()
            .chain(&self.enable)
            .chain(&self.disable)
            .chain(self.severity.iter().map(|(n, _)| n))
            .find(|n| n.get_ref() == name)?
            .span();
        Some(format!(
            "{}{}",
            path.display(),
            position(&self.text, span.start)
        ))
    }
}

/// `:LINE:COLUMN` of a byte offset, 1-based.
fn position(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(":{line}:{column}")
}
