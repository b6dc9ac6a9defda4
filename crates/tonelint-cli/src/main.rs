//! The `tonelint` command: parses arguments, reads inputs, renders reports, sets the exit status.
//! Everything about tone lives in the `tonelint` library.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use tonelint::{BuildError, Lexicon, Linter};

use tonelint_cli::args::{Args, ColorWhen, FailOn, Format};
use tonelint_cli::checked::{Checked, check_input_with};
use tonelint_cli::config::Config;
use tonelint_cli::input::{self, InputError, Source, io_reason, read_bytes};
use tonelint_cli::located::Located;
use tonelint_cli::render::{self, Render};
use tonelint_cli::{diff, fix, schedule};

/// Findings at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// A usage or input error.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // `serve` is a mode of its own with its own flags; every other run parses as before and
    // starts no runtime.
    let mut argv = std::env::args_os().skip(1);
    if argv.next().is_some_and(|first| first == "serve") {
        return ExitCode::from(tonelint_cli::serve::run(argv));
    }
    let args = Args::parse();
    match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        // A reader that went away (`tonelint draft | head`) is not our error. The run's writer
        // swallows a closed pipe and the run goes on to its status; this is only a write made
        // outside it.
        Err(Failure::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(err)) => {
            report_error(&format!("cannot write output: {}", io_reason(&err)));
            ExitCode::from(EXIT_ERROR)
        }
        Err(Failure::Usage(message)) => {
            report_error(&message);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `--format` values a mode cannot honour are refused, not ignored: `--fix` prints the fixed
/// text (or a diff), `--list-rules` a table or JSON, `--explain` prose.
fn refuse_ignored_format(args: &Args) -> Result<(), Failure> {
    let format = args.format;
    let name = |f: Format| {
        f.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    };
    let fixing = args.fix || args.diff || args.write;
    if fixing && format != Format::Human {
        return Err(Failure::Usage(format!(
            "--fix, --diff and --write print the fixed text or a diff, not --format {}; \
             to see which findings --fix changes in JSON, run --format json without them \
             (each finding has \"fixable\" and, when true, \"fix\")",
            name(format)
        )));
    }
    if args.list_rules && !matches!(format, Format::Human | Format::Short | Format::Json) {
        return Err(Failure::Usage(format!(
            "--list-rules prints a table or, with --format json, a JSON document; not --format {}",
            name(format)
        )));
    }
    if args.explain.is_some() && !matches!(format, Format::Human | Format::Short) {
        return Err(Failure::Usage(format!(
            "--explain prints prose for a person to read; --format {} is not available with it \
             (--list-rules --format json lists the rules as JSON)",
            name(format)
        )));
    }
    Ok(())
}

/// Standard output for the run: once the reader closes the pipe (`tonelint big.txt | head
/// -1`), further output is dropped instead of failing the run, so the run still ends with the
/// status its findings call for (1, not 0).
struct ClosedPipeGuard<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeGuard<W> {
    fn new(inner: W) -> Self {
        ClosedPipeGuard {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosedPipeGuard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard(result, ())
    }
}

enum Failure {
    Io(io::Error),
    Usage(String),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Failure {
        Failure::Io(err)
    }
}

fn report_error(message: &str) {
    let _ = writeln!(anstream::stderr(), "tonelint: error: {message}");
}

fn report_warning(message: &str) {
    let _ = writeln!(anstream::stderr(), "tonelint: warning: {message}");
}

/// What one config file decides for the inputs it covers.
struct Settings {
    linter: Linter,
    threshold: Option<tonelint::Severity>,
    options: tonelint_document::Options,
    extensions: Vec<String>,
}

/// The settings of each config file met so far, and which config file covers each directory:
/// inputs in different directories can have different `tonelint.toml` files (the nearest one
/// to the file wins, as in ruff, Vale and typos), and a run over a tree loads each file once.
struct SettingsCache<'a> {
    args: &'a Args,
    cwd: Option<std::path::PathBuf>,
    by_config: HashMap<Option<std::path::PathBuf>, Arc<Settings>>,
    by_dir: HashMap<std::path::PathBuf, Option<std::path::PathBuf>>,
}

impl<'a> SettingsCache<'a> {
    fn new(args: &'a Args) -> SettingsCache<'a> {
        SettingsCache {
            args,
            cwd: std::env::current_dir().ok(),
            by_config: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    /// The config file that covers the files of the directory `place` (`None`: the current
    /// directory, for standard input and the run-wide options).
    fn config_path(&mut self, place: Option<&Path>) -> Option<std::path::PathBuf> {
        match (&self.args.config, self.args.no_config) {
            (_, true) => return None,
            (Some(path), false) => return Some(path.clone()),
            (None, false) => {}
        }
        let cwd = self.cwd.clone()?;
        let Some(dir) = place else {
            return Config::discover(&cwd).map(|found| match found.strip_prefix(&cwd) {
                Ok(relative) => relative.to_path_buf(),
                Err(_) => found,
            });
        };
        // Every file of a directory has the same config: look once per directory.
        self.by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| Config::discover_for(dir, &cwd))
            .clone()
    }

    fn settings(&mut self, place: Option<&Path>) -> Result<Arc<Settings>, Failure> {
        let path = self.config_path(place);
        if let Some(settings) = self.by_config.get(&path) {
            return Ok(settings.clone());
        }
        let config = match &path {
            Some(path) => Config::load(path).map_err(Failure::Usage)?,
            None => Config::none(),
        };
        let args = self.args;
        // A config file found in a parent directory can turn every built-in check off; say so,
        // rather than report clean drafts that were never checked.
        if let Some(path) = config
            .path
            .as_ref()
            .filter(|_| !config.builtin && !args.no_builtin)
        {
            let lexicons = config.lexicons.len() + args.lexicon.len();
            report_warning(&format!(
                "{}: builtin = false turns the built-in lexicons off; {}",
                path.display(),
                match lexicons {
                    0 => "no lexicon is left, so nothing is checked".to_string(),
                    1 => "only 1 lexicon of your own is checked".to_string(),
                    n => format!("only {n} lexicons of your own are checked"),
                }
            ));
        }
        let settings = Arc::new(Settings {
            linter: build_linter(args, &config)?,
            threshold: args
                .fail_on
                .or(config.fail_on)
                .unwrap_or(FailOn::Warning)
                .threshold(),
            options: tonelint_document::Options::default()
                .keep_quotes(args.keep_quotes || config.keep_quotes),
            extensions: config
                .extensions
                .iter()
                .chain(&args.types)
                .cloned()
                .collect(),
        });
        self.by_config.insert(path, settings.clone());
        Ok(settings)
    }
}

fn run(args: &Args) -> Result<u8, Failure> {
    if let Some(hook) = args.print_hook {
        // Before any config is read: installing a hook must not depend on the directory's
        // tonelint.toml being valid.
        let mut out = anstream::stdout().lock();
        out.write_all(hook.script().as_bytes())?;
        out.flush()?;
        return Ok(0);
    }
    refuse_ignored_format(args)?;
    let mut cache = SettingsCache::new(args);
    let run_settings = cache.settings(None)?;
    let linter = &run_settings.linter;
    // Buffered, and flushed after each input: one write per file instead of one per line (130
    // for the sample draft), with each file's output still ahead of the next file's warnings.
    let stdout = io::stdout();
    let choice = anstream::AutoStream::choice(&stdout);
    let buffered: Box<dyn Write> = Box::new(io::BufWriter::new(stdout.lock()));
    let mut out = ClosedPipeGuard::new(anstream::AutoStream::new(buffered, choice));

    if args.list_rules {
        match args.format {
            Format::Json => render::rules::write_list_json(&mut out, linter)?,
            _ => render::rules::write_list(&mut out, linter)?,
        }
        out.flush()?;
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        let status = explain(&mut out, linter, id)?;
        out.flush()?;
        return Ok(status);
    }

    // The extensions a walked directory adds come from the config that covers it.
    let mut dir_extensions = HashMap::new();
    for arg in args.files.iter().filter(|f| f.is_dir()) {
        let settings = cache.settings(Some(arg))?;
        dir_extensions.insert(arg.clone(), settings.extensions.clone());
    }
    let (sources, walk_errors) = input::expand(&args.files, |dir| {
        dir_extensions.get(dir).cloned().unwrap_or_default()
    });
    let mut source_settings = Vec::with_capacity(sources.len());
    for source in &sources {
        source_settings.push(match source {
            Source::Stdin => run_settings.clone(),
            Source::File(path) => cache.settings(Some(path.parent().unwrap_or(Path::new(""))))?,
        });
    }
    let fixing = args.fix || args.diff || args.write;
    let mut render: Box<dyn Render> = if args.quiet || fixing {
        Box::new(render::Silent)
    } else {
        args.format.renderer(linter, args.summary)
    };
    let mut status = 0;
    for err in &walk_errors {
        input_failed(&mut *render, &mut out, err)?;
        status = EXIT_ERROR;
    }
    let workers = schedule::worker_count(args.threads, sources.len());
    // One file needs no pool: starting a thread and handing the work to it and back costs more
    // than checking a short message.
    let pool = if workers > 1 {
        Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(workers)
                .build()
                .map_err(|err| Failure::Usage(format!("cannot start {workers} threads: {err}")))?,
        )
    } else {
        None
    };
    let check_one = |source: &Source, settings: &Arc<Settings>| -> Result<Read, InputError> {
        // A bug that panics on one input must not end the run: the other files' results still
        // print, and this one is reported as an error.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let bytes = read_bytes(source, args.max_size)?;
            let parts = check_input_with(
                &settings.linter,
                source,
                &bytes,
                args.input,
                settings.options,
            )?;
            Ok((bytes, parts))
        }))
        .unwrap_or_else(|_| {
            Err(InputError::new(
                source,
                "tonelint failed on this input (an internal error, please report it)",
            ))
        })
    };
    // Files are read and checked in parallel a batch at a time; each batch's results come back
    // in input order and are printed before the next batch is read, so output is the same
    // whatever the thread count and memory holds one batch, not the whole run.
    let batch_size = workers * schedule::BATCH_PER_WORKER;
    for (batch, batch_settings) in sources
        .chunks(batch_size)
        .zip(source_settings.chunks(batch_size))
    {
        let results: Vec<Result<Read, InputError>> = match &pool {
            Some(pool) => pool.install(|| {
                batch
                    .par_iter()
                    .zip(batch_settings)
                    .map(|(source, settings)| check_one(source, settings))
                    .collect()
            }),
            None => batch
                .iter()
                .zip(batch_settings)
                .map(|(source, settings)| check_one(source, settings))
                .collect(),
        };
        for ((source, settings), result) in batch.iter().zip(batch_settings).zip(results) {
            out.flush()?;
            let threshold = settings.threshold;
            let (bytes, checked_parts) = match result {
                Ok(done) => done,
                Err(err) => {
                    input_failed(&mut *render, &mut out, &err)?;
                    status = EXIT_ERROR;
                    continue;
                }
            };
            for checked in &checked_parts {
                for warning in &checked.warnings {
                    report_warning(&format!("{}: {warning}", checked.name));
                }
                // When fixing, what counts is what the fixes leave behind.
                let fails = |f: Located| {
                    threshold.is_some_and(|t| f.severity() >= t)
                        && !(fixing && f.rule_fix().is_some())
                };
                if status == 0 && checked.findings().any(fails) {
                    status = EXIT_FINDINGS;
                }
            }
            if fixing {
                if let Err(message) = apply_fixes(
                    &mut out,
                    args,
                    source,
                    &bytes,
                    &checked_parts,
                    sources.len() > 1,
                )? {
                    report_error(&message);
                    status = EXIT_ERROR;
                }
            } else {
                for checked in &checked_parts {
                    render.input(&mut out, checked)?;
                }
            }
        }
        out.flush()?;
    }
    render.finish(&mut out)?;
    out.flush()?;
    Ok(status)
}

/// An input that could not be read or checked: said on standard error whatever the format, and
/// recorded by the formats whose document lists errors.
fn input_failed(render: &mut dyn Render, out: &mut dyn Write, err: &InputError) -> io::Result<()> {
    report_error(&err.to_string());
    render.error(out, err)
}

/// One input as read (its bytes) and checked (one result per part: a mailbox has several).
type Read = (Vec<u8>, Vec<Checked>);

/// `--fix`, `--diff`, `--write` for one input. The outer error is an output failure; the inner
/// one a file that could not be written (and was left as it was).
fn apply_fixes(
    out: &mut impl Write,
    args: &Args,
    source: &Source,
    bytes: &[u8],
    parts: &[Checked],
    several: bool,
) -> io::Result<Result<(), String>> {
    let edits = fix::file_edits(parts);
    let fixed = fix::apply(bytes, &edits);
    let name = source.to_string();
    // --quiet prints nothing, a diff included: only the exit status tells.
    if args.diff && !args.quiet {
        diff::write_diff(out, &name, bytes, &edits)?;
    }
    if !args.write {
        if !args.diff && !args.quiet {
            if several {
                writeln!(out, "==> {name} <==")?;
            }
            out.write_all(&fixed)?;
        }
        return Ok(Ok(()));
    }
    let Source::File(path) = source else {
        return Ok(Err(
            "cannot --write standard input; use --fix to print the fixed text".into(),
        ));
    };
    if edits.is_empty() {
        return Ok(Ok(()));
    }
    Ok(
        fix::write_atomically(path, bytes, &fixed).map_err(|err| match err {
            fix::WriteError::Refused(reason) => {
                format!("{name}: not writing the fixes: {reason}; the file is unchanged")
            }
            err => format!("{name}: cannot write the fixes: {err}; the file is unchanged"),
        }),
    )
}

/// Rule and strength ids whose name (the part after the category) is `name` or contains it, as
/// `` `a`, `b` or `c` ``; `None` when there are none (or too many to be a suggestion).
fn rule_ids_named(linter: &Linter, name: &str) -> Option<String> {
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let ids = linter
        .rules()
        .map(|r| r.id().to_string())
        .chain(linter.strengths().map(|s| s.id().to_string()));
    let tail = |id: &str| id.split_once('.').map_or(id, |(_, t)| t).to_string();
    let all: Vec<String> = ids.collect();
    let exact: Vec<&String> = all.iter().filter(|id| tail(id) == name).collect();
    let close: Vec<&String> = if exact.is_empty() {
        all.iter().filter(|id| tail(id).contains(&name)).collect()
    } else {
        exact
    };
    if close.is_empty() || close.len() > 5 {
        return None;
    }
    let quoted: Vec<String> = close.iter().map(|id| format!("`{id}`")).collect();
    Some(match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => return None,
    })
}

fn explain(out: &mut impl Write, linter: &Linter, id: &str) -> Result<u8, Failure> {
    if let Some(strength) = linter.strength(id) {
        render::rules::write_strength(out, strength)?;
    } else if let Some(rule) = linter.rule(id) {
        render::rules::write_explanation(out, rule)?;
    } else if let Some(suggestion) = rule_ids_named(linter, id) {
        // `--explain unacceptable`: the user gave the part after the category.
        return Err(Failure::Usage(format!(
            "unknown rule `{id}`; did you mean {suggestion}?"
        )));
    } else {
        // Reuse the library's unknown-name error, with its suggestions.
        return Err(Failure::Usage(
            match Linter::builder().disable([id]).build() {
                Err(err) => err.to_string(),
                Ok(_) => format!("`{id}` is a category; --explain takes a rule id"),
            },
        ));
    }
    Ok(0)
}

/// Settings from the command line win over the config file: `--only` replaces the file's list,
/// `--enable`, `--disable`, `--allow` and `--lexicon` add to it.
fn build_linter(args: &Args, config: &Config) -> Result<Linter, Failure> {
    let only: Vec<String> = if args.only.is_empty() {
        config.only.iter().map(|n| n.get_ref().clone()).collect()
    } else {
        args.only.clone()
    };
    let disable = config
        .disable
        .iter()
        .map(|n| n.get_ref().clone())
        .chain(args.disable.iter().cloned());
    let enable = config
        .enable
        .iter()
        .map(|n| n.get_ref().clone())
        .chain(args.enable.iter().cloned());
    let mut builder = Linter::builder()
        .builtin(config.builtin && !args.no_builtin)
        .model((config.model || args.model) && !args.no_model)
        .only(only)
        .enable(enable)
        .disable(disable)
        .allow(config.allow.iter().chain(&args.allow).cloned());
    if let Some(threshold) = args
        .model_message_threshold
        .or(config.model_message_threshold)
    {
        builder = builder.model_message_threshold(threshold);
    }
    if let Some(threshold) = args.model_threshold.or(config.model_threshold) {
        builder = builder.model_threshold(threshold);
    }
    for (name, severity) in &config.severity {
        builder = builder.severity(name.get_ref().clone(), *severity);
    }
    for path in config.lexicons.iter().chain(&args.lexicon) {
        builder = builder.lexicon(load_lexicon(path)?);
    }
    builder.build().map_err(|err| {
        let place = match &err {
            BuildError::UnknownName { name, .. } => config.locate(name),
            _ => None,
        };
        Failure::Usage(match place {
            Some(place) => format!("{place}: {err}"),
            None => err.to_string(),
        })
    })
}

fn load_lexicon(path: &Path) -> Result<Lexicon, Failure> {
    let name = path.display().to_string();
    let text = input::read_settings(path, input::MAX_LEXICON_BYTES)
        .map_err(|err| Failure::Usage(format!("{name}: cannot read lexicon: {err}")))?;
    let text = String::from_utf8(text).map_err(|err| {
        Failure::Usage(format!(
            "{name}: lexicon is not valid UTF-8 (byte offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    Lexicon::parse(&name, &text).map_err(|err| Failure::Usage(err.to_string()))
}
