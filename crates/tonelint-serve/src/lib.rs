//! The HTTP side of `tonelint serve`: a local check page and a JSON API.
//!
//! This crate knows HTTP and nothing about tone. What a check answers comes from a
//! [`Backend`], which the `tonelint` command implements with the very code that prints
//! `--format json`, so the API's document and the command's are one and the same. Keeping the
//! stack here keeps tokio and axum out of the core library and out of a normal `tonelint` run:
//! no runtime starts unless the user asks to serve.
//!
//! Routes:
//! - `POST /api/check` with `{"text": "...", "enable": [...], "disable": [...], "input": "..."}`
//!   (all but `text` optional) answers the backend's document; a malformed body, a missing
//!   `text`, a rule the backend refuses or a body over [`Options::max_size`] answer 400 with
//!   `{"error": "..."}`.
//! - `GET /api/rules`: the backend's rule list.
//! - `GET /`: one self-contained page (no external fonts, scripts or styles).
//!
//! # Example
//!
//! ```no_run
//! use tonelint_serve::{Backend, CheckRequest, Options, serve};
//!
//! struct Echo;
//! impl Backend for Echo {
//!     fn check(&self, request: &CheckRequest) -> Result<Vec<u8>, String> {
//!         Ok(serde_json::to_vec(&serde_json::json!({ "length": request.text.len() })).unwrap())
//!     }
//!     fn rules(&self) -> Vec<u8> {
//!         b"{\"rules\": []}".to_vec()
//!     }
//! }
//!
//! let options = Options::new("127.0.0.1:0".parse().unwrap());
//! serve(options, Echo, |addr| println!("listening on http://{addr}/")).unwrap();
//! ```

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

/// The page served at `/`: HTML, style and script in one file, so it works offline.
const PAGE: &str = include_str!("page.html");

/// What a `POST /api/check` body holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub text: String,
    #[serde(default)]
    pub enable: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    /// `text`, `email`, `markdown` or `html`; guessed when absent.
    #[serde(default)]
    pub input: Option<String>,
}

/// What answers the API: the `tonelint` command implements it.
pub trait Backend: Send + Sync + 'static {
    /// The JSON document for one checked text, or why the request cannot be checked (an
    /// unknown rule name, say), which the client is told with a 400.
    fn check(&self, request: &CheckRequest) -> Result<Vec<u8>, String>;
    /// The JSON rule list.
    fn rules(&self) -> Vec<u8>;
}

/// Where and how to serve.
#[derive(Clone, Debug)]
pub struct Options {
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    pub max_size: usize,
}

impl Options {
    /// Serves on `addr` with a 1 MiB body limit.
    pub fn new(addr: SocketAddr) -> Options {
        Options {
            addr,
            max_size: 1 << 20,
        }
    }
}

struct Shared<B> {
    backend: B,
    max_size: usize,
}

/// The routes, for a caller that runs its own server.
pub fn router<B: Backend>(backend: B, max_size: usize) -> Router {
    let shared = Arc::new(Shared { backend, max_size });
    Router::new()
        .route("/", get(page))
        .route("/api/check", post(check::<B>))
        .route("/api/rules", get(rules::<B>))
        .with_state(shared)
}

/// Binds `options.addr`, calls `ready` with the bound address (the port, when 0 was asked
/// for), and serves until the process is interrupted. Starts its own tokio runtime.
pub fn serve<B: Backend>(
    options: Options,
    backend: B,
    ready: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|err| {
                io::Error::new(
                    err.kind(),
                    format!("cannot listen on {}: {err}", options.addr),
                )
            })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(backend, options.max_size))
            .with_graceful_shutdown(async {
                // An error here means no signal handler could be set; then serve until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error(message: String) -> Response {
    let body = serde_json::to_vec(&serde_json::json!({ "error": message }))
        .unwrap_or_else(|_| b"{\"error\": \"bad request\"}".to_vec());
    json(StatusCode::BAD_REQUEST, body)
}

async fn rules<B: Backend>(State(shared): State<Arc<Shared<B>>>) -> Response {
    json(StatusCode::OK, shared.backend.rules())
}

async fn check<B: Backend>(State(shared): State<Arc<Shared<B>>>, request: Request) -> Response {
    let limit = shared.max_size;
    // Read at most the limit: a larger body is refused without being held in memory whole.
    let bytes = match to_bytes(request.into_body(), limit).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return error(format!(
                "the request body is over the limit of {limit} bytes (--max-size), or could not be read"
            ));
        }
    };
    let parsed: CheckRequest = match serde_json::from_slice(&bytes) {
        Ok(parsed) => parsed,
        Err(err) => {
            return error(format!(
                "the request body is not a valid check request: {err}"
            ));
        }
    };
    // Checking is CPU work: off the async workers, so one long draft does not stall the rest.
    let answer = tokio::task::spawn_blocking(move || shared.backend.check(&parsed)).await;
    match answer {
        Ok(Ok(document)) => json(StatusCode::OK, document),
        Ok(Err(message)) => error(message),
        Err(_) => {
            let body = br#"{"error": "the check failed inside the server"}"#.to_vec();
            json(StatusCode::INTERNAL_SERVER_ERROR, body)
        }
    }
}
