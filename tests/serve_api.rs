//! `tonelint serve` over real TCP: the binary is started on an ephemeral loopback port and
//! spoken to with plain HTTP/1.1, so what is tested is what a browser or script gets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running server, killed when the test ends (also when it fails).
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start tonelint serve");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the listening line");
    let addr = line
        .trim()
        .strip_prefix("tonelint serve: listening on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// Sends one request and returns the status code and the body.
fn request(server: &Server, method: &str, path: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.addr,
        body.len()
    )
    .expect("write head");
    stream.write_all(body).expect("write body");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, body.to_string())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("not JSON ({err}): {body}"))
}

const HARSH: &str = "This delay is unacceptable. I need you to do this right now.";

#[test]
fn check_answers_the_json_format_document() {
    let server = start(&[]);
    let body = serde_json::json!({ "text": HARSH }).to_string();
    let (status, answer) = request(&server, "POST", "/api/check", body.as_bytes());
    assert_eq!(status, 200, "{answer}");

    // The same document `--format json` prints for the same input on standard input.
    let mut cli = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run tonelint");
    cli.stdin
        .take()
        .expect("stdin")
        .write_all(HARSH.as_bytes())
        .expect("write stdin");
    let printed = cli.wait_with_output().expect("tonelint output");
    assert_eq!(
        json(&answer),
        json(&String::from_utf8_lossy(&printed.stdout))
    );

    let document = json(&answer);
    let rules: Vec<&str> = document["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert!(rules.contains(&"aggressive.unacceptable"), "{rules:?}");
}

#[test]
fn enable_and_disable_change_what_is_flagged() {
    let server = start(&[]);
    let body = serde_json::json!({ "text": HARSH, "disable": ["aggressive"] }).to_string();
    let (status, answer) = request(&server, "POST", "/api/check", body.as_bytes());
    assert_eq!(status, 200, "{answer}");
    let document = json(&answer);
    let findings = document["files"][0]["findings"]
        .as_array()
        .expect("findings");
    assert!(!findings.is_empty(), "the demanding finding stays");
    assert!(
        findings.iter().all(|f| f["category"] != "aggressive"),
        "{answer}"
    );
}

#[test]
fn bad_requests_answer_400_with_an_error() {
    let server = start(&["--max-size", "200"]);
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "malformed JSON",
            b"{\"text\": ".to_vec(),
            "not a valid check request",
        ),
        (
            "missing text",
            b"{\"enable\": []}".to_vec(),
            "missing field `text`",
        ),
        (
            "unknown rule",
            br#"{"text": "hi", "enable": ["no.such-rule"]}"#.to_vec(),
            "no.such-rule",
        ),
        (
            "unknown input kind",
            br#"{"text": "hi", "input": "pdf"}"#.to_vec(),
            "pdf",
        ),
        (
            "over --max-size",
            serde_json::json!({ "text": "a".repeat(500) })
                .to_string()
                .into_bytes(),
            "200 bytes",
        ),
    ];
    for (what, body, needle) in cases {
        let (status, answer) = request(&server, "POST", "/api/check", &body);
        assert_eq!(status, 400, "{what}: {answer}");
        let error = json(&answer)["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            error.contains(needle),
            "{what}: {error:?} should name {needle:?}"
        );
    }
    // And the server is still there afterwards.
    let (status, _) = request(&server, "GET", "/api/rules", b"");
    assert_eq!(status, 200);
}

#[test]
fn rules_and_page() {
    let server = start(&[]);
    let (status, answer) = request(&server, "GET", "/api/rules", b"");
    assert_eq!(status, 200);
    let rules = json(&answer)["rules"].as_array().expect("rules").len();
    assert!(rules > 10, "{rules} rules");

    let (status, page) = request(&server, "GET", "/", b"");
    assert_eq!(status, 200);
    assert!(
        page.contains("<label for=\"text\">"),
        "the draft box is labelled"
    );
    // Self-contained: nothing is fetched from another host.
    for external in ["http://", "https://", "//fonts", "<link"] {
        assert!(!page.contains(external), "the page refers to {external}");
    }
}

#[test]
fn a_non_loopback_address_needs_public() {
    let output = Command::new(env!("CARGO_BIN_EXE_tonelint"))
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .expect("run tonelint serve");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--public"), "{stderr}");
}
