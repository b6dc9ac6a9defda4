//! `--format short`: `path:line:column: severity[rule]: message`, one finding a line, for editors
//! and grep.

use std::io::{self, Write};

use super::{Render, printable};
use crate::checked::Checked;

pub struct Short;

impl Render for Short {
    fn input(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        for finding in checked.findings() {
            let start = finding.span().start();
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                printable(&checked.path),
                start.line(),
                start.column(),
                finding.severity(),
                finding.rule_id(),
                finding.message()
            )?;
        }
        Ok(())
    }
}
