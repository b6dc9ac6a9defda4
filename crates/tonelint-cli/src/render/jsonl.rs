//! `--format jsonl`: one JSON object per finding and line, for log pipelines: the `--format json`
//! finding with its `path` (and mailbox `message_id`) first.

use std::io::{self, Write};

use serde::Serialize;

use super::Render;
use crate::checked::Checked;
use crate::located::Located;

pub struct Jsonl;

#[derive(Serialize)]
struct JsonLine<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    #[serde(flatten)]
    finding: Located<'a>,
}

impl Render for Jsonl {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        for finding in checked.findings() {
            let line = JsonLine {
                path: &checked.path,
                message_id: checked.label.as_deref(),
                finding,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
