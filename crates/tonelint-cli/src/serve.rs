//! `tonelint serve`: the command's side of the local page and JSON API. The HTTP stack lives in
//! the `tonelint-serve` crate; this module answers its requests with the code that prints
//! `--format json`, so the API's document is the command's, field for field.

use std::net::SocketAddr;

use clap::Parser;
use tonelint::Linter;
use tonelint_document::InputKind;
use tonelint_serve::{Backend, CheckRequest};

use crate::checked::check_input;
use crate::input::Source;
use crate::render::Render;
use crate::render::json::Json;
use crate::render::rules::write_list_json;

/// `tonelint serve`: a local check page at `/` and a JSON API at `/api/check` and `/api/rules`.
#[derive(Debug, Parser)]
#[command(name = "tonelint serve")]
pub struct ServeArgs {
    /// Where to listen. Only a loopback address is accepted unless --public is given too.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// Listen on a non-loopback address: anyone who can reach it can use the server.
    #[arg(long)]
    pub public: bool,
    /// The largest request body accepted, in bytes; a larger one is answered with a 400.
    #[arg(long, default_value_t = 1 << 20)]
    pub max_size: usize,
}

impl ServeArgs {
    /// Refuses a non-loopback address that was not asked for with `--public`.
    pub fn check_addr(&self) -> Result<(), String> {
        if self.addr.ip().is_loopback() || self.public {
            Ok(())
        } else {
            Err(format!(
                "--addr {} is not a loopback address; add --public to serve other machines",
                self.addr
            ))
        }
    }
}

/// Answers the API with the built-in linter; a request that enables or disables rules gets a
/// linter built for it (compiling one is fast next to a request's round trip).
pub struct LinterBackend {
    linter: Linter,
}

impl LinterBackend {
    pub fn new(linter: Linter) -> LinterBackend {
        LinterBackend { linter }
    }
}

impl Backend for LinterBackend {
    fn check(&self, request: &CheckRequest) -> Result<Vec<u8>, String> {
        let kind = match request.input.as_deref() {
            None => InputKind::Auto,
            Some(name) => match name.parse::<InputKind>() {
                Ok(
                    kind @ (InputKind::Text
                    | InputKind::Email
                    | InputKind::Markdown
                    | InputKind::Html),
                ) => kind,
                Ok(_) | Err(_) => {
                    return Err(format!(
                        "\"input\": unknown input kind {name:?}; use text, email, markdown or html"
                    ));
                }
            },
        };
        let custom;
        let linter = if request.enable.is_empty() && request.disable.is_empty() {
            &self.linter
        } else {
            custom = Linter::builder()
                .enable(request.enable.iter().cloned())
                .disable(request.disable.iter().cloned())
                .build()
                .map_err(|err| err.to_string())?;
            &custom
        };
        let checked = check_input(linter, &Source::Stdin, request.text.as_bytes(), kind)
            .map_err(|err| err.to_string())?;
        let mut out = Vec::new();
        let mut json = Json::new(false);
        for part in &checked {
            json.input(&mut out, part).map_err(|err| err.to_string())?;
        }
        json.finish(&mut out).map_err(|err| err.to_string())?;
        Ok(out)
    }

    fn rules(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = write_list_json(&mut out, &self.linter);
        out
    }
}

/// Runs `tonelint serve` with `argv` (the words after `serve`); returns the exit status.
pub fn run(argv: impl IntoIterator<Item = std::ffi::OsString>) -> u8 {
    let args = match ServeArgs::try_parse_from(std::iter::once("tonelint serve".into()).chain(argv))
    {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    if let Err(message) = args.check_addr() {
        eprintln!("error: {message}");
        return 2;
    }
    let linter = match Linter::builder().build() {
        Ok(linter) => linter,
        Err(err) => {
            eprintln!("error: cannot build the linter: {err}");
            return 2;
        }
    };
    let options = tonelint_serve::Options {
        addr: args.addr,
        max_size: args.max_size,
    };
    let served = tonelint_serve::serve(options, LinterBackend::new(linter), |addr| {
        // Tests and scripts read the port from this line when they asked for port 0.
        println!("tonelint serve: listening on http://{addr}/");
    });
    match served {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("error: {err}");
            2
        }
    }
}
