//! The two small vocabularies every rule is tagged with: what kind of tone problem it is
//! ([`Category`]) and how much it matters ([`Severity`]).

use std::fmt;

/// What kind of tone problem a rule describes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Category {
    /// Hostile phrasing: threats, blame, contempt, sarcasm, shouting.
    Aggressive,
    /// Orders and pressure: urgency demands, obligations imposed on the reader, unsupported needs.
    Demanding,
    /// Phrasing that leaves the reader without a date, an owner or a commitment.
    Vague,
    /// Framing that puts the reader on trial ("why did you...", "you failed to...") where it is
    /// not already open hostility.
    Accusatory,
    /// Over-apologetic, self-effacing or desperate phrasing that weakens the writer's position
    /// ("sorry to bother you", "I just wanted to"). Off unless asked for: it is advice to the
    /// writer, not a risk to the relationship, and it is common in polite mail.
    Passive,
}

impl Category {
    /// Every category, in the order reports list them (harshest first).
    pub const ALL: [Category; 5] = [
        Category::Aggressive,
        Category::Demanding,
        Category::Accusatory,
        Category::Vague,
        Category::Passive,
    ];

    /// Whether the category is one of the three the reader takes as harsh (aggressive,
    /// demanding, accusatory), as opposed to advice on clarity (vague) or confidence (passive).
    pub fn is_harsh(self) -> bool {
        match self {
            Category::Aggressive | Category::Demanding | Category::Accusatory => true,
            Category::Vague | Category::Passive => false,
        }
    }

    /// The lower-case name used in lexicons, on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Aggressive => "aggressive",
            Category::Demanding => "demanding",
            Category::Vague => "vague",
            Category::Accusatory => "accusatory",
            Category::Passive => "passive",
        }
    }

    /// Whether the category's rules are on unless switched off. `passive` is off unless named
    /// with `only` or `enable`.
    pub fn on_by_default(self) -> bool {
        !matches!(self, Category::Passive)
    }

    /// The category's position in [`Category::ALL`].
    pub fn index(self) -> usize {
        Category::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }

    /// Parses a category name as written in lexicons and on the command line.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A soft hedge worth a second look; never counts towards the harshness score.
    Info,
    /// Harsh phrasing that is likely to put the reader on the defensive.
    Warning,
    /// Clearly hostile phrasing: threats, insults, contempt.
    Error,
}

impl Severity {
    /// Every severity, from the mildest.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The lower-case name used in lexicons, on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a severity name as written in lexicons and on the command line.
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
