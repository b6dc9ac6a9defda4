//! tonelint flags phrasing in a professional message that reads as **aggressive**,
//! **demanding** or **vague**, and for each phrase explains why it lands badly and offers an
//! **assertive rewrite**: clear, respectful, direct, grounded in facts, focused on a solution.
//!
//! The knowledge lives in curated lexicons (TOML files documented in `lexicons/README.md`). The
//! built-in ones are compiled into this crate, so building a [`Linter`] reads no file; users can
//! add lexicons of their own with [`Lexicon::parse`].
//!
//! # Checking a message
//!
//! ```
//! use tonelint::{Category, Linter, Verdict};
//!
//! let linter = Linter::new();
//! let draft = "You still haven't signed the discharge orders. \
//!              This delay is unacceptable. I need you to do this right now.";
//! let report = linter.check(draft);
//!
//! for finding in report.findings() {
//!     println!(
//!         "{}:{}: {}[{}] {:?}: {}",
//!         finding.start().line,
//!         finding.start().column,
//!         finding.category(),
//!         finding.rule_id(),
//!         finding.text(),
//!         finding.message(),
//!     );
//!     if let Some(rewrite) = finding.rewrites().first() {
//!         println!("    try: {} ({})", rewrite.text(), rewrite.source());
//!     }
//! }
//! assert!(report.summary().by_category[&Category::Aggressive] >= 1);
//! assert!(report.summary().by_category[&Category::Demanding] >= 1);
//! assert_ne!(report.summary().verdict, Verdict::Assertive);
//!
//! // The seed's own assertive version is clean, and its strengths take the score below zero.
//! let calm = linter.check(
//!     "I know you're juggling a lot today. What's the best way for us to get this completed today?",
//! );
//! assert!(calm.findings().is_empty());
//! assert_eq!(calm.summary().verdict, Verdict::Assertive);
//! assert_eq!(calm.summary().score, -2);
//! let ids: Vec<&str> = calm.strengths().iter().map(|s| s.id()).collect();
//! assert_eq!(ids, ["strength.acknowledge", "strength.collaborative-question"]);
//! ```
//!
//! # Choosing rules and adding a lexicon
//!
//! ```
//! use tonelint::{Lexicon, Linter};
//!
//! let ours = Lexicon::parse("team.toml", r#"
//! [[rule]]
//! id = "team.circle-back"
//! category = "vague"
//! severity = "warning"
//! message = "\"Circle back\" sets no time."
//! explanation = "Say when you will come back to it, so the reader can plan."
//! phrases = ["{circle|circling} back"]
//! [[rule.rewrite]]
//! text = "I will send you an update by Friday."
//! source = "project"
//! "#)?;
//! let linter = Linter::builder()
//!     .lexicon(ours)
//!     .disable(["demanding"])
//!     .build()?;
//! let report = linter.check("Let's circle back on this.");
//! assert_eq!(report.findings()[0].rule_id(), "team.circle-back");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What a match is
//!
//! Phrases match case-insensitively, only at word boundaries, across any run of white space or a
//! single line break (never across a blank line), with curly and straight apostrophes and quotes
//! alike, zero-width characters and soft hyphens ignored, and contractions written either way.
//! Spans are byte offsets into the text you passed, always on char boundaries; lines and columns
//! are 1-based, with columns counted in terminal cells.
//!
//! Words inside double quotation marks (`"..."`, `“...”`) are reported speech, not the writer's
//! own tone, and are never flagged; a message can also switch findings off with `tonelint:
//! ignore` and `tonelint-disable` comments (see the README).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod context;
mod engine;
mod error;
mod fix;
mod lexicon;
mod linter;
mod position;
mod report;
mod rule;

// The lexicon compiler's modules, under the names the engine has always used for them: the
// build script compiles the built-in lexicons with the same crate.
use tonelint_lexicon::{category, fold, phrase_table};

pub use context::Context;
pub use error::{BuildError, LexiconError};
pub use fix::{Edit, apply_edits};
pub use lexicon::Lexicon;
pub use linter::{Linter, LinterBuilder, MODEL_ON_BY_DEFAULT};
pub use position::{Cursor, LineColumn, display_width};
pub use report::{
    Finding, Report, STRENGTH_CREDIT, StrengthMatch, Summary, Verdict, severity_points,
};
pub use rule::{Rewrite, Rule, Strength};
pub use tonelint_lexicon::{Category, Severity};

/// The phrase stage's word automaton, for `benches/phrase_automaton.rs`, which compares it with
/// the `aho-corasick` crate (issue 12). Not part of the API: it may change or go at any time.
#[doc(hidden)]
pub mod __bench {
    pub use crate::engine::bench::*;
}

/// The README's Rust examples, compiled and run as doctests so the README cannot drift from the
/// API.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
