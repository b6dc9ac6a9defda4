//! Errors that say what went wrong and where.

use std::fmt;

/// A lexicon file that could not be read as a lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    pub(crate) origin: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) rule_id: Option<String>,
    pub(crate) message: String,
}

impl LexiconError {
    /// The name the lexicon was loaded under (usually its path).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The 1-based line of the problem, or 0 when it has no single position.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the problem, or 0 when it has no single position.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The id of the rule the problem belongs to, when known.
    pub fn rule_id(&self) -> Option<&str> {
        self.rule_id.as_deref()
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        if let Some(id) = &self.rule_id {
            write!(f, ": rule `{id}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Why a [`Linter`](crate::Linter) could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// Two loaded rules share an id.
    DuplicateRuleId {
        /// The shared id.
        id: String,
        /// `origin:line` of the rule loaded first.
        first: String,
        /// `origin:line` of the rule loaded second.
        second: String,
    },
    /// A category or rule id given to [`only`](crate::LinterBuilder::only) or
    /// [`disable`](crate::LinterBuilder::disable) names nothing that is loaded.
    UnknownName {
        /// The name as given.
        name: String,
        /// The closest known names, best first.
        suggestions: Vec<String>,
        /// Every category name, for the error message.
        categories: Vec<String>,
    },
    /// A phrase given to [`allow`](crate::LinterBuilder::allow) is not valid phrase syntax.
    AllowedPhrase {
        /// The phrase as given.
        phrase: String,
        /// What is wrong with it.
        message: String,
    },
    /// The combined matcher could not be built (for example, far too many phrases).
    Matcher(String),
    /// A user lexicon's tone grammar (classes, shapes, guards) did not compile: a class it names
    /// is defined nowhere, say. Positions are those of the class, rule or guard.
    Grammar(LexiconError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::DuplicateRuleId { id, first, second } => {
                write!(
                    f,
                    "{second}: rule `{id}` is already defined at {first}; rule ids must be unique"
                )
            }
            BuildError::UnknownName {
                name,
                suggestions,
                categories,
            } => {
                write!(
                    f,
                    "unknown rule or category `{name}`; categories are {}",
                    categories.join(", ")
                )?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", quote_list(suggestions))?;
                }
                write!(f, " (`--list-rules` lists every rule id)")
            }
            BuildError::AllowedPhrase { phrase, message } => {
                write!(f, "the allowed phrase `{phrase}` {message}")
            }
            BuildError::Matcher(message) => write!(f, "cannot build the phrase matcher: {message}"),
            BuildError::Grammar(err) => write!(f, "{err}"),
        }
    }
}

fn quote_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(" or ")
}

impl std::error::Error for BuildError {}
