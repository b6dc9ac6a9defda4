//! tonelint's lexicon compiler: what the library and its build script both need to turn lexicon
//! files into matcher tables.
//!
//! The build script compiles the built-in lexicons (`lexicons/*.toml`) into static data with it;
//! the library compiles the lexicons users load at run time with it. One crate for both means a
//! built-in entry is read, checked and registered exactly as a user's:
//!
//! lexicon text → [`spec::parse_lexicon`] (schema, validation, phrase expansion into folded
//! variants) → [`register::Registry::entry`] (variants into the word automaton of
//! [`phrase_table`], regex trigger words from [`trigger`]) → [`phrase_table::Tables`].
//!
//! ```
//! use tonelint_lexicon::register::{Entry, EntryIndex, Kind, Registry};
//!
//! let lexicon = tonelint_lexicon::spec::parse_lexicon(r#"
//! [[rule]]
//! id = "team.circle-back"
//! category = "vague"
//! severity = "info"
//! message = "\"Circle back\" sets no time."
//! explanation = "Say when you will come back to it."
//! phrases = ["{circle|circling} back"]
//! [[rule.rewrite]]
//! text = "I will send you an update by Friday."
//! source = "project"
//! "#).expect("a valid lexicon");
//! let mut registry = Registry::new();
//! for (i, rule) in lexicon.rules.iter().enumerate() {
//!     registry
//!         .entry(Kind::Rule, Entry::One(EntryIndex(i as u32)), rule.matching.lists(), |_, _| {
//!             Ok::<(), ()>(())
//!         })
//!         .unwrap();
//! }
//! let tables = registry.finish();
//! assert_eq!(tables.max_len, 2);
//! ```
#![forbid(unsafe_code)]

pub mod builtin;
pub mod category;
pub mod fold;
pub mod grammar;
pub mod pattern_dfa;
pub mod phrase_table;
pub mod register;
pub mod spec;
pub mod trigger;

pub use category::{Category, Severity};
