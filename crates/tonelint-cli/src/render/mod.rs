//! Turning reports into what the user reads. No tone logic here: everything shown comes from the
//! library's findings, rules and summaries.

pub mod human;
pub mod json;
pub mod lines;
pub mod rules;
pub mod sarif;
