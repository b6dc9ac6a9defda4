//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Flags phrasing in a draft message that reads as aggressive, demanding or vague, and suggests
/// an assertive rewrite for each.
///
/// Reads each FILE, or standard input when no FILE is given or FILE is `-`. A directory is walked
/// (honouring .gitignore) for .txt, .md, .eml, .mbox and .html files (more with --type) and
/// Maildir messages. Quoted replies and signatures are not judged (--keep-quotes to judge them).
///
/// `tonelint serve` starts a local check page and JSON API instead (`tonelint serve --help`).
///
/// Exit status: 0 when nothing at or above --fail-on was found, 1 when something was, 2 on a usage
/// or input error (missing or unreadable file, invalid UTF-8, binary input, bad lexicon,
/// unknown rule name).
#[derive(Debug, Parser)]
#[command(name = "tonelint", version, max_term_width = 100)]
pub struct Args {
    /// Files or directories to check; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// How to read the inputs: `auto` guesses from the name and the first bytes (email, mbox,
    /// Markdown, HTML), anything unrecognised is plain text.
    #[arg(long, default_value = "auto", value_name = "KIND", value_parser = parse_input_kind)]
    pub input: tonelint_document::InputKind,

    /// Check quoted lines (`> ...`), "On Mon, X wrote:" lines, forwarded messages and
    /// signatures too. By default plain text, standard input and email are read for the
    /// author's own words only, as a reply's quoted message is not the author's tone.
    #[arg(long)]
    pub keep_quotes: bool,

    /// Also walk directories for files with this extension (comma-separated, repeatable), such
    /// as `--type j2,tmpl`; added to the `extensions` of tonelint.toml.
    #[arg(long = "type", value_delimiter = ',', value_name = "EXT")]
    pub types: Vec<String>,

    /// Accepted for hooks written for earlier versions; an empty or blank input always passes.
    #[arg(long, hide = true)]
    pub allow_empty: bool,

    /// How many files to check at once (default: one per core; never more than there are files,
    /// nor more than 256).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour human output. NO_COLOR in the environment also turns colour off.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Exit with status 1 when a finding at this severity or above is found [default: warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Read settings from this file instead of the tonelint.toml or .tonelint.toml nearest to
    /// each checked file (looked for from the file's directory upward, then from the current
    /// directory upward).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any tonelint.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Print nothing; only the exit status tells.
    #[arg(short, long, conflicts_with = "summary")]
    pub quiet: bool,

    /// Print only the summary (counts, score and verdict) of each input.
    #[arg(long)]
    pub summary: bool,

    /// Never flag this phrase (repeatable); lexicon phrase syntax.
    #[arg(long, value_name = "PHRASE")]
    pub allow: Vec<String>,

    /// Check only these categories or rule ids (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub only: Vec<String>,

    /// Switch on rules that are off by default, such as the `passive` category (comma-separated,
    /// repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub enable: Vec<String>,

    /// Switch off these categories or rule ids (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub disable: Vec<String>,

    /// Load an extra lexicon file (repeatable); same schema as the built-in lexicons.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,

    /// Leave out the built-in lexicons (use only --lexicon files).
    #[arg(long)]
    pub no_builtin: bool,

    /// Ask the tone model for a second opinion: `model.*` findings where no rule fired, and the
    /// message's model score (on by default; `model = false` in tonelint.toml switches it off).
    #[arg(long, conflicts_with = "no_model")]
    pub model: bool,

    /// Switch the tone model off even if tonelint.toml switches it on.
    #[arg(long)]
    pub no_model: bool,

    /// The probability (0 to 1) a sentence must reach before the tone model reports it
    /// (default 0.85; higher is stricter).
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub model_threshold: Option<f32>,

    /// The probability (0 to 1) the whole message must reach before the tone model reports it
    /// when no rule found anything harsh (default 0.68; 1 switches this reading off).
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub model_message_threshold: Option<f32>,

    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    pub max_size: u64,

    /// Print the text with every safe fix applied (rules whose lexicon entry has a `fix`) instead
    /// of the findings. Nothing is written unless --write is given too.
    #[arg(long)]
    pub fix: bool,

    /// Show the safe fixes as a unified diff instead of the findings.
    #[arg(long)]
    pub diff: bool,

    /// Apply the safe fixes to the files themselves, atomically (a temporary file renamed over
    /// the original, permissions kept). Prints nothing unless --diff is given too.
    #[arg(long)]
    pub write: bool,

    /// List every rule (id, category, severity, on/off, message) and exit.
    #[arg(long, conflicts_with = "explain")]
    pub list_rules: bool,

    /// Explain a rule at length, with its phrases, examples and rewrites, and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,

    /// Print a hook script that runs tonelint, to install it in any repository, and exit:
    /// `tonelint --print-hook sendemail-validate > "$(git rev-parse --git-path
    /// hooks)/sendemail-validate"`, then make it executable.
    #[arg(long, value_enum, value_name = "HOOK", conflicts_with_all = ["list_rules", "explain"])]
    pub print_hook: Option<Hook>,
}

/// The hook scripts tonelint carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Hook {
    /// git send-email's validation hook: checks the subject, commit message and cover letter of
    /// each patch email (not the diff) and refuses to send a harsh one.
    SendemailValidate,
}

impl Hook {
    /// The script's text. The file lives in the crate so that the binary can carry it;
    /// `examples/hooks/` links to it.
    pub fn script(self) -> &'static str {
        match self {
            Hook::SendemailValidate => include_str!("../hooks/sendemail-validate"),
        }
    }
}

fn parse_input_kind(value: &str) -> Result<tonelint_document::InputKind, String> {
    value
        .parse()
        .map_err(|err: tonelint_document::ParseInputKindError| err.to_string())
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics in the style of rustc: the line, the span underlined, the rewrite under it.
    Human,
    /// One line per finding: `file:line:column: severity[rule]: message`, for editors and grep.
    Short,
    /// One JSON document for the whole run (schema in the README).
    Json,
    /// One JSON object per finding, one per line.
    Jsonl,
    /// GitHub Actions workflow commands (`::warning file=...::`), which annotate pull requests.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// The severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding fails the run.
    Info,
    /// Warnings and errors fail the run.
    Warning,
    /// Only errors fail the run.
    Error,
    /// Findings never fail the run (input errors still exit 2).
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any.
    pub fn threshold(self) -> Option<tonelint::Severity> {
        match self {
            FailOn::Info => Some(tonelint::Severity::Info),
            FailOn::Warning => Some(tonelint::Severity::Warning),
            FailOn::Error => Some(tonelint::Severity::Error),
            FailOn::Never => None,
        }
    }
}

/// A probability from 0 to 1, as `--model-threshold` takes it.
fn parse_probability(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "`{text}` is not a probability from 0 to 1, such as 0.9"
        )),
    }
}
