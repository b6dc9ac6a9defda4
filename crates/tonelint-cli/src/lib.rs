//! The pieces of the `tonelint` command, as a library so they can be tested and fuzzed on their
//! own: argument definitions, configuration files, reading inputs, applying fixes and rendering.
//! Nothing here knows about tone; that is the `tonelint` crate's job.

pub mod args;
pub mod checked;
pub mod config;
pub mod diff;
pub mod fix;
pub mod input;
pub mod locate;
pub mod located;
pub mod render;
pub mod schedule;
pub mod serve;
pub mod span;
