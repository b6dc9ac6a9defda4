//! The `tonelint` command: parses arguments, reads inputs, renders reports, sets the exit status.
//! Everything about tone lives in the `tonelint` library.

mod args;
mod input;
mod render;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tonelint::{Lexicon, Linter};

use crate::args::{Args, ColorWhen, Format};
use crate::input::{Source, io_reason, read_text};
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

fn run(args: &Args) -> Result<u8, Failure> {
    let linter = build_linter(args)?;
    let mut out = anstream::stdout().lock();

    if args.list_rules {
        render::rules::write_list(&mut out, &linter)?;
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        if let Some(strength) = linter.strength(id) {
            render::rules::write_strength(&mut out, strength)?;
            return Ok(0);
        }
        let rule = linter.rule(id).ok_or_else(|| {
            // Reuse the library's unknown-name error, with its suggestions.
            match Linter::builder().disable([id.as_str()]).build() {
                Err(err) => Failure::Usage(err.to_string()),
                Ok(_) => Failure::Usage(format!("`{id}` is a category; --explain takes a rule id")),
            }
        })?;
        render::rules::write_explanation(&mut out, rule)?;
        return Ok(0);
    }

    let sources: Vec<Source> = if args.files.is_empty() {
        vec![Source::Stdin]
    } else {
        args.files.iter().map(|f| Source::from_arg(f)).collect()
    };
    let threshold = args.fail_on.threshold();
    let mut status = 0;
    let mut json = JsonRun::default();
    for source in &sources {
        let name = source.to_string();
        let text = match read_text(source, args.max_size) {
            Ok(text) => text,
            Err(err) => {
                report_error(&err.to_string());
                json.add_error(name, err.message);
                status = EXIT_ERROR;
                continue;
            }
        };
        let report = linter.check(&text);
        if status == 0 && threshold.is_some_and(|t| report.has_findings_at_least(t)) {
            status = EXIT_FINDINGS;
        }
        match args.format {
            Format::Human => render::human::write_report(&mut out, &name, &text, &report)?,
            Format::Json => json.add_report(name, report),
        }
    }
    if args.format == Format::Json {
        json.write(&mut out)?;
    }
    out.flush()?;
    Ok(status)
}

fn build_linter(args: &Args) -> Result<Linter, Failure> {
    let mut builder = Linter::builder()
        .builtin(!args.no_builtin)
        .only(args.only.iter().cloned())
        .disable(args.disable.iter().cloned());
    for path in &args.lexicon {
        builder = builder.lexicon(load_lexicon(path)?);
    }
    builder
        .build()
        .map_err(|err| Failure::Usage(err.to_string()))
}

fn load_lexicon(path: &PathBuf) -> Result<Lexicon, Failure> {
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
