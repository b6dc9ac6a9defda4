//! Gathering what lexicon files add to the tone grammar (classes, guards, irregular verbs and
//! rules' shapes) into the grammar compiler's sources, remembering where each was defined so a
//! compile error names its file, line and entry.
//!
//! The build script gathers the built-in lexicons here and the library the lexicons loaded at run
//! time, so both hand the compiler the same sources for the same files.

use tonelint_grammar::{ClassSource, Grammar, GuardSource, Place, RuleIndex, RuleSource, Sources};

use crate::spec::{ClassSpec, GuardSpec};

/// Where a grammar source was defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePlace {
    /// The lexicon's name: `lexicons/NAME.toml` or the path it was loaded from.
    pub origin: String,
    /// The 1-based line of the class's name or the entry's id.
    pub line: usize,
    /// The guard's or rule's id; none for a class.
    pub id: Option<String>,
}

/// A grammar compile error, placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrammarError {
    /// Where the faulty source was defined.
    pub place: SourcePlace,
    /// What is wrong with it.
    pub message: String,
}

/// The grammar sources of a set of lexicons, in the order they were added.
#[derive(Debug, Default)]
pub struct GrammarSources {
    sources: Sources,
    classes: Vec<SourcePlace>,
    rules: Vec<SourcePlace>,
    guards: Vec<SourcePlace>,
}

impl GrammarSources {
    /// Adds a word class of lexicon `origin`.
    pub fn class(&mut self, origin: &str, class: &ClassSpec) {
        self.sources.classes.push(ClassSource {
            name: class.name.clone(),
            words: class.words.clone(),
        });
        self.classes.push(place(origin, class.line, None));
    }

    /// Adds a context guard of lexicon `origin`.
    pub fn guard(&mut self, origin: &str, guard: &GuardSpec) {
        self.sources.guards.push(GuardSource {
            id: guard.id.clone(),
            shapes: guard.shapes.clone(),
            scope: guard.scope,
            effect: guard.effect,
            categories: guard.categories.clone(),
        });
        self.guards
            .push(place(origin, guard.line, Some(guard.id.clone())));
    }

    /// Adds irregular verbs: the base form, then its other forms.
    pub fn irregular(&mut self, verbs: &[(String, Vec<String>)]) {
        self.sources.irregular.extend(verbs.iter().cloned());
    }

    /// Adds the grammar of rule `id` of lexicon `origin` (defined at `line`), which matches
    /// report as `index`. A rule without shapes adds nothing.
    pub fn rule<S: AsRef<str>>(
        &mut self,
        (origin, line, id): (&str, usize, &str),
        index: RuleIndex,
        shapes: &[S],
        unless: &[S],
        soften: &[S],
    ) {
        if shapes.is_empty() {
            return;
        }
        let owned = |list: &[S]| list.iter().map(|s| s.as_ref().to_string()).collect();
        self.sources.rules.push(RuleSource {
            rule: index,
            shapes: owned(shapes),
            unless: owned(unless),
            soften: owned(soften),
        });
        self.rules.push(place(origin, line, Some(id.to_string())));
    }

    /// Compiles the sources on top of `base` (the built-in grammar, for lexicons added to it).
    pub fn compile(&self, base: Option<&Grammar>) -> Result<Grammar, GrammarError> {
        tonelint_grammar::compile(&self.sources, base).map_err(|err| GrammarError {
            place: match err.place {
                Place::Class(i) => self.classes[i].clone(),
                Place::Rule(i) => self.rules[i].clone(),
                Place::Guard(i) => self.guards[i].clone(),
            },
            message: err.message,
        })
    }
}

fn place(origin: &str, line: usize, id: Option<String>) -> SourcePlace {
    SourcePlace {
        origin: origin.to_string(),
        line,
        id,
    }
}
