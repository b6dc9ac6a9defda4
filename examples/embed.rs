//! Embedding tonelint in a program: build the linter once, check drafts as they come, and show
//! the first rewrite for each finding. Run it with
//!
//! ```sh
//! cargo run -p tonelint --example embed -- "This delay is unacceptable. I need you to sign now."
//! ```
//!
//! or pipe a draft into it.

use std::io::Read;

use tonelint::{Linter, Severity};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Built once; cheap to share across threads (`Linter` is `Send + Sync`).
    let linter = Linter::builder().disable(["vague.soon"]).build()?;

    let draft = match std::env::args().nth(1) {
        Some(text) => text,
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            text
        }
    };

    let report = linter.check(&draft);
    for finding in report.findings() {
        println!(
            "{}:{} {} [{}] {:?}: {}",
            finding.start().line,
            finding.start().column,
            finding.severity(),
            finding.rule_id(),
            finding.text(),
            finding.message()
        );
        if let Some(rewrite) = finding.rewrites().first() {
            println!("    try: {} ({})", rewrite.text(), rewrite.source());
        }
    }
    for strength in report.strengths() {
        println!("strength [{}] {:?}", strength.id(), strength.text());
    }
    let summary = report.summary();
    println!("score {}, verdict {}", summary.score, summary.verdict);
    // A send hook would refuse to send here.
    if report.has_findings_at_least(Severity::Warning) {
        std::process::exit(1);
    }
    Ok(())
}
