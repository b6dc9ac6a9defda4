//! tonelint's tone grammar: the second layer of judgement after phrase lists.
//!
//! Curators write, in the lexicon files, **word classes** (`<deadline>`, `<reader>`), **shapes**
//! over words and classes within one sentence (`^ [~sign] ... <deadline>`), and **guards**
//! (reported speech, clinical instructions). This crate compiles them into a [`Grammar`] and
//! matches it against text, sentence by sentence:
//!
//! tokens (`token`) → sentences (`sentence`) → classes and shapes (`compile`, `scan`) → matches.
//!
//! ```
//! use tonelint_grammar::{compile, ClassSource, RuleIndex, RuleSource, Scan, Scratch, Sources};
//!
//! let sources = Sources {
//!     classes: vec![ClassSource {
//!         name: "deadline".into(),
//!         words: vec!["today".into(), "by {noon|<NUMBER>}".into()],
//!     }],
//!     rules: vec![RuleSource {
//!         rule: RuleIndex(7),
//!         shapes: vec!["^ [~sign] ... <deadline>".into()],
//!         unless: vec!["because".into()],
//!         soften: vec![],
//!     }],
//!     ..Sources::default()
//! };
//! let grammar = compile(&sources, None).expect("valid sources");
//! let mut scan = Scan::default();
//! let text = "Dr. Hale, sign them by 5. Sign them by 5 because transport is booked.";
//! grammar.scan(text, 0, &|_| true, &mut Scratch::default(), &mut scan);
//! assert_eq!(scan.matches.len(), 1);
//! assert_eq!(scan.matches[0].rule, RuleIndex(7));
//! assert_eq!(&text[scan.matches[0].span.clone()], "sign");
//! assert_eq!(scan.sentences.len(), 2);
//! ```
#![forbid(unsafe_code)]

mod compile;
mod families;
pub mod features;
mod flat;
mod grammar;
mod inflect;
mod scan;
pub mod sentence;
pub mod syntax;
pub mod token;

pub use flat::Grammar;
pub use scan::{Guarded, Scan, Scratch, ShapeMatch};

use serde::{Deserialize, Serialize};

/// The caller's index of a rule: the grammar is given it with the rule's sources and reports it
/// with each match, so that the caller can name its rules as it likes.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct RuleIndex(pub u32);

/// A guard's position among a grammar's guards, in the order [`Grammar::guards`] lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GuardIndex(pub(crate) u32);

impl GuardIndex {
    /// The guard's position, as an index into what [`Grammar::guards`] lists.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A word class as a curator wrote it.
#[derive(Clone, Debug, Default)]
pub struct ClassSource {
    pub name: String,
    /// Entries in the shape language without gaps or marks: words, `{a|b}`, `<class>`, `~verb`.
    pub words: Vec<String>,
}

/// The grammar of one rule: its shapes and the cues that silence or soften it.
#[derive(Clone, Debug, Default)]
pub struct RuleSource {
    /// The caller's index for the rule; matches report it.
    pub rule: RuleIndex,
    pub shapes: Vec<String>,
    /// A match of any of these in the same sentence drops the finding.
    pub unless: Vec<String>,
    /// A match of any of these in the same sentence makes the finding information only.
    pub soften: Vec<String>,
}

/// What part of a sentence a guard covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// The guard's own match (or its marked words): text in single quotes, say.
    Inside,
    /// From the guard's match to the end of the sentence: what follows "she said".
    After,
    /// The whole sentence: a care instruction with a dose.
    Sentence,
    /// The sentence before the guard's, in the same paragraph: a reason given after the request
    /// ("We need the signed plan of care by 5/20. Medicare requires the signature before we can
    /// bill.").
    Previous,
    /// The sentence after the guard's, in the same paragraph: what follows a dated request ("Please
    /// have a supervisor call me by April 8. If not, I'll file a complaint with the state.").
    Next,
}

impl Scope {
    /// Reads `inside`, `after`, `sentence`, `previous` or `next`.
    pub fn from_name(name: &str) -> Option<Scope> {
        match name {
            "inside" => Some(Scope::Inside),
            "after" => Some(Scope::After),
            "sentence" => Some(Scope::Sentence),
            "previous" => Some(Scope::Previous),
            "next" => Some(Scope::Next),
            _ => None,
        }
    }
}

/// What a guard does to the findings in its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// The finding goes: the words are not the writer's tone (reported speech, a care plan).
    Drop,
    /// The finding stays as information only: an order that gives its reason.
    Soften,
}

impl Effect {
    /// Reads `drop` or `soften`.
    pub fn from_name(name: &str) -> Option<Effect> {
        match name {
            "drop" => Some(Effect::Drop),
            "soften" => Some(Effect::Soften),
            _ => None,
        }
    }
}

/// A guard as a curator wrote it: findings of `categories` (all when empty) in its scope are
/// dropped or softened, whichever layer made them.
#[derive(Clone, Debug)]
pub struct GuardSource {
    pub id: String,
    pub shapes: Vec<String>,
    pub scope: Scope,
    pub categories: Vec<String>,
    pub effect: Effect,
}

/// Everything to compile.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub classes: Vec<ClassSource>,
    /// Irregular verbs: the base form and its other forms.
    pub irregular: Vec<(String, Vec<String>)>,
    pub rules: Vec<RuleSource>,
    pub guards: Vec<GuardSource>,
}

/// Which source a compile error belongs to, by its index in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Class(usize),
    Rule(usize),
    Guard(usize),
}

/// Why sources did not compile, and which one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub place: Place,
    pub message: String,
}

impl CompileError {
    pub(crate) fn at(place: Place, message: String) -> CompileError {
        CompileError { place, message }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

/// Compiles `sources` on top of `base` (whose classes they may use), or alone.
pub fn compile(sources: &Sources, base: Option<&Grammar>) -> Result<Grammar, CompileError> {
    compile::compile(sources, base)
}
