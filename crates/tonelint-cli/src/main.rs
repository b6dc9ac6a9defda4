//! The `tonelint` command: parses arguments, reads inputs, renders reports, sets the exit status.
//! Everything about tone lives in the `tonelint` library.

mod args;
mod checked;
mod config;
mod input;
mod render;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use tonelint::{BuildError, Lexicon, Linter};

use crate::args::{Args, ColorWhen, FailOn, Format};
use crate::checked::Checked;
use crate::checked::check_input;
use crate::config::Config;
use crate::input::{InputError, io_reason, read_bytes};
use crate::render::json::JsonRun;

/// Findings at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// A usage or input error.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        // A reader that went away (`tonelint draft | head`) is not our error.
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

fn run(args: &Args) -> Result<u8, Failure> {
    let config = load_config(args)?;
    let linter = build_linter(args, &config)?;
    let mut out = anstream::stdout().lock();

    if args.list_rules {
        render::rules::write_list(&mut out, &linter)?;
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        return explain(&mut out, &linter, id);
    }

    let threshold = args
        .fail_on
        .or(config.fail_on)
        .unwrap_or(FailOn::Warning)
        .threshold();
    let (sources, walk_errors) = input::expand(&args.files);
    let mut status = 0;
    let mut json = JsonRun::default();
    for err in walk_errors {
        report_error(&err.to_string());
        json.add_error(err.source.to_string(), err.message);
        status = EXIT_ERROR;
    }
    if let Some(threads) = args.threads {
        // Only fails if a pool was already built, which nothing here does.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    // Files are read and checked in parallel; results come back in input order, so output is
    // the same whatever the thread count.
    let results: Vec<Result<Vec<Checked>, InputError>> = sources
        .par_iter()
        .map(|source| {
            let bytes = read_bytes(source, args.max_size)?;
            check_input(&linter, source, &bytes, args.input)
        })
        .collect();
    for result in results {
        let checked_parts = match result {
            Ok(parts) => parts,
            Err(err) => {
                report_error(&err.to_string());
                json.add_error(err.source.to_string(), err.message);
                status = EXIT_ERROR;
                continue;
            }
        };
        for checked in checked_parts {
            for warning in &checked.warnings {
                report_warning(&format!("{}: {warning}", checked.name));
            }
            if status == 0 && threshold.is_some_and(|t| checked.report.has_findings_at_least(t)) {
                status = EXIT_FINDINGS;
            }
            if args.quiet {
                continue;
            }
            match args.format {
                Format::Human if args.summary => render::human::write_summary(&mut out, &checked)?,
                Format::Human => render::human::write_report(&mut out, &checked)?,
                Format::Short => render::lines::write_short(&mut out, &checked)?,
                Format::Jsonl => render::lines::write_jsonl(&mut out, &checked)?,
                Format::Github => render::lines::write_github(&mut out, &checked)?,
                Format::Json => json.add(&checked, args.summary)?,
            }
        }
    }
    if args.format == Format::Json && !args.quiet {
        json.write(&mut out)?;
    }
    out.flush()?;
    Ok(status)
}

fn explain(out: &mut impl Write, linter: &Linter, id: &str) -> Result<u8, Failure> {
    if let Some(strength) = linter.strength(id) {
        render::rules::write_strength(out, strength)?;
    } else if let Some(rule) = linter.rule(id) {
        render::rules::write_explanation(out, rule)?;
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

fn load_config(args: &Args) -> Result<Config, Failure> {
    let path = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|dir| Config::discover(&dir)),
    };
    match path {
        Some(path) => Config::load(&path).map_err(Failure::Usage),
        None => Ok(Config::none()),
    }
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
        .only(only)
        .enable(enable)
        .disable(disable)
        .allow(config.allow.iter().chain(&args.allow).cloned());
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
    let text = std::fs::read(path).map_err(|err| {
        Failure::Usage(format!("{name}: cannot read lexicon: {}", io_reason(&err)))
    })?;
    let text = String::from_utf8(text).map_err(|err| {
        Failure::Usage(format!(
            "{name}: lexicon is not valid UTF-8 (byte offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    Lexicon::parse(&name, &text).map_err(|err| Failure::Usage(err.to_string()))
}
