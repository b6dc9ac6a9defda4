//! Turning curated sources (classes, shapes, guards) into a [`Grammar`]: words become ids,
//! alternatives expand into plain sequences, classes and verb forms become tries.

use std::collections::HashMap;

use crate::Grammar;
use crate::grammar::{Draft, Elem, Guard, Key, Role, RuleShapes, Seq, ShapeSeqs};
use crate::inflect;
use crate::syntax::{self, Item, MAX_GAP};
use crate::{CompileError, GuardIndex, Place, Sources};

/// How many plain sequences one shape, guard or class entry may expand to.
pub const MAX_EXPANSIONS: usize = 4096;
/// The most placements a sequence's gaps may allow together (the product of their lengths + 1).
pub const MAX_GAP_SPREAD: u64 = 1024;
/// How many token sequences one class may hold once its references are expanded.
pub const MAX_CLASS_ENTRIES: usize = 50_000;

pub(crate) fn compile(sources: &Sources, base: Option<&Grammar>) -> Result<Grammar, CompileError> {
    let mut grammar = base.map(Grammar::thaw).unwrap_or_default();
    grammar.clear_index();
    let mut compiler = Compiler {
        grammar: &mut grammar,
        irregular: sources.irregular.iter().cloned().collect(),
        pending: HashMap::new(),
        building: Vec::new(),
        groups: HashMap::new(),
    };
    for (i, class) in sources.classes.iter().enumerate() {
        syntax::check_class_name(&class.name).map_err(|m| CompileError::at(Place::Class(i), m))?;
        if compiler.grammar.class_id(&class.name).is_some()
            || compiler.pending.contains_key(&class.name)
        {
            return Err(CompileError::at(
                Place::Class(i),
                format!("the class `<{}>` is defined twice", class.name),
            ));
        }
        compiler.pending.insert(class.name.clone(), i);
    }
    for (i, class) in sources.classes.iter().enumerate() {
        compiler
            .class(&class.name, sources)
            .map_err(|m| CompileError::at(Place::Class(i), m))?;
    }
    for (i, rule) in sources.rules.iter().enumerate() {
        let place = Place::Rule(i);
        let slot = compiler.grammar.rules.len() as u32;
        let mut shapes = Vec::new();
        for (k, shape) in rule.shapes.iter().enumerate() {
            let tree = syntax::parse(shape)
                .map_err(|m| CompileError::at(place, format!("the shape `{shape}` {m}")))?;
            let mut conjuncts = tree.conjuncts.into_iter();
            let first = conjuncts.next().unwrap_or_default();
            let primary = compiler
                .sequences(
                    &first,
                    Role::Primary {
                        slot,
                        shape: k as u32,
                    },
                    sources,
                )
                .map_err(|m| CompileError::at(place, format!("the shape `{shape}` {m}")))?;
            let mut also = Vec::new();
            for conjunct in conjuncts {
                also.push(
                    compiler
                        .sequences(&conjunct, Role::Cue, sources)
                        .map_err(|m| CompileError::at(place, format!("the shape `{shape}` {m}")))?,
                );
            }
            shapes.push(ShapeSeqs { primary, also });
        }
        let mut guard_list =
            |list: &[String], what: &str, role: Role| -> Result<Vec<u32>, CompileError> {
                let mut seqs = Vec::new();
                for shape in list {
                    let tree = syntax::parse(shape).map_err(|m| {
                        CompileError::at(place, format!("the {what} `{shape}` {m}"))
                    })?;
                    if tree.conjuncts.len() > 1 {
                        return Err(CompileError::at(
                            place,
                            format!("the {what} `{shape}` uses `&&`; write one {what} per cue"),
                        ));
                    }
                    seqs.extend(
                        compiler
                            .sequences(&tree.conjuncts[0], role, sources)
                            .map_err(|m| {
                                CompileError::at(place, format!("the {what} `{shape}` {m}"))
                            })?,
                    );
                }
                Ok(seqs)
            };
        let unless = guard_list(&rule.unless, "`unless` shape", Role::Cue)?;
        let soften = guard_list(&rule.soften, "`soften` shape", Role::Cue)?;
        compiler.grammar.rules.push(RuleShapes {
            rule: rule.rule,
            shapes,
            unless,
            soften,
        });
    }
    for (i, guard) in sources.guards.iter().enumerate() {
        let place = Place::Guard(i);
        let index = GuardIndex(compiler.grammar.guards.len() as u32);
        let mut seqs = Vec::new();
        for shape in &guard.shapes {
            let tree = syntax::parse(shape)
                .map_err(|m| CompileError::at(place, format!("the shape `{shape}` {m}")))?;
            if tree.conjuncts.len() > 1 {
                return Err(CompileError::at(
                    place,
                    format!("the shape `{shape}` uses `&&`, which guards do not take"),
                ));
            }
            seqs.extend(
                compiler
                    .sequences(&tree.conjuncts[0], Role::Guard { guard: index }, sources)
                    .map_err(|m| CompileError::at(place, format!("the shape `{shape}` {m}")))?,
            );
        }
        if seqs.is_empty() {
            return Err(CompileError::at(place, "the guard has no `shapes`".into()));
        }
        compiler.grammar.guards.push(Guard {
            id: guard.id.clone(),
            scope: guard.scope,
            effect: guard.effect,
            categories: guard.categories.clone(),
            seqs,
        });
    }
    grammar.prepare();
    Ok(crate::flat::freeze(&grammar))
}

struct Compiler<'g> {
    grammar: &'g mut Draft,
    irregular: HashMap<String, Vec<String>>,
    /// Classes of these sources not compiled yet, by name: their index in the sources.
    pending: HashMap<String, usize>,
    /// The classes being compiled, to refuse a class that contains itself.
    building: Vec<String>,
    /// Groups of alternatives already made into anonymous classes, by their written form.
    groups: HashMap<String, String>,
}

impl Compiler<'_> {
    /// The id of class `name`, compiling it (and the classes it names) first if need be.
    fn class(&mut self, name: &str, sources: &Sources) -> Result<u32, String> {
        if let Some(id) = self.grammar.class_id(name) {
            return Ok(id);
        }
        let Some(&index) = self.pending.get(name) else {
            return Err(format!(
                "names the class `<{name}>`, which no lexicon defines"
            ));
        };
        if self.building.iter().any(|b| b == name) {
            return Err(format!(
                "the class `<{name}>` contains itself (through {})",
                self.building.join(" → ")
            ));
        }
        self.building.push(name.to_string());
        let mut entries: Vec<Vec<Key>> = Vec::new();
        for entry in &sources.classes[index].words {
            let tree = syntax::parse(entry).map_err(|m| format!("the entry `{entry}` {m}"))?;
            if tree.conjuncts.len() != 1 {
                return Err(format!(
                    "the entry `{entry}` uses `&&`, which classes do not take"
                ));
            }
            for items in expand(&tree.conjuncts[0])? {
                let keyed = self
                    .key_product(&items, entries.len(), sources)
                    .map_err(|m| format!("the entry `{entry}` {m}"))?;
                entries.extend(keyed.into_iter().filter(|k| !k.is_empty()));
            }
        }
        self.building.pop();
        Ok(self.grammar.add_class(name, &entries))
    }

    /// Every key sequence a run of class-entry items stands for: the product of each item's
    /// options. `already` entries are held elsewhere and count towards the class limit.
    fn key_product(
        &mut self,
        items: &[Item],
        already: usize,
        sources: &Sources,
    ) -> Result<Vec<Vec<Key>>, String> {
        let mut keyed: Vec<Vec<Key>> = vec![Vec::new()];
        for item in items {
            keyed = cross(&keyed, &self.keys(item, sources)?);
            if keyed.len() + already > MAX_CLASS_ENTRIES {
                return Err(format!(
                    "grows past {MAX_CLASS_ENTRIES} entries; split it or use fewer alternatives"
                ));
            }
        }
        Ok(keyed)
    }

    /// The key sequences one class-entry item stands for.
    fn keys(&mut self, item: &Item, sources: &Sources) -> Result<Vec<Vec<Key>>, String> {
        Ok(match item {
            Item::Word(w) => vec![vec![Key::Word(self.grammar.intern(w))]],
            Item::CapsWord(w) => vec![vec![Key::CapsWord(self.grammar.intern(w))]],
            Item::Caps => vec![vec![Key::Caps]],
            Item::Number => vec![vec![Key::Number]],
            Item::Capitalised => vec![vec![Key::Capitalised]],
            Item::Any => vec![vec![Key::Any]],
            Item::Class(name) => {
                let id = self.class(name, sources)?;
                self.grammar.class_entries(id)
            }
            Item::Inflect(verb) => self
                .forms(verb)
                .into_iter()
                .map(|f| vec![Key::Word(self.grammar.intern(&f))])
                .collect(),
            Item::InflectClass(name) => {
                let id = self.class(name, sources)?;
                let mut out = Vec::new();
                for entry in self.grammar.class_entries(id) {
                    let [Key::Word(w)] = entry[..] else {
                        return Err(format!(
                            "inflects `<{name}>`, whose entries must then be single verbs"
                        ));
                    };
                    let base = self.grammar.word(w).to_string();
                    for form in self.forms(&base) {
                        out.push(vec![Key::Word(self.grammar.intern(&form))]);
                    }
                }
                out
            }
            Item::Gap(_) | Item::Start | Item::End | Item::MarkOpen | Item::MarkClose => {
                return Err("uses a gap, `^`, `$` or a mark, which only shapes take".into());
            }
            Item::Alt(_) => unreachable!("alternatives are expanded before keys are made"),
        })
    }

    fn forms(&self, verb: &str) -> Vec<String> {
        inflect::forms(verb, self.irregular.get(verb).map(Vec::as_slice))
    }

    /// Turns each `{...}` group whose alternatives hold only words, classes and verb forms into
    /// an anonymous class, so that a shape of many groups stays one sequence (or two, for an
    /// optional group) instead of the product of all their alternatives.
    fn group_classes(&mut self, items: &[Item], sources: &Sources) -> Result<Vec<Item>, String> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Item::Alt(alternatives) = item else {
                out.push(item.clone());
                continue;
            };
            let keyable = |i: &Item| {
                !matches!(
                    i,
                    Item::Gap(_)
                        | Item::Start
                        | Item::End
                        | Item::MarkOpen
                        | Item::MarkClose
                        | Item::Alt(_)
                )
            };
            let optional = alternatives.iter().any(|a| a.is_empty());
            let filled: Vec<&Vec<Item>> = alternatives.iter().filter(|a| !a.is_empty()).collect();
            if filled.is_empty() || !filled.iter().all(|a| a.iter().all(keyable)) {
                out.push(item.clone());
                continue;
            }
            let key = format!("{filled:?}");
            let name = match self.groups.get(&key) {
                Some(name) => name.clone(),
                None => {
                    let mut entries: Vec<Vec<Key>> = Vec::new();
                    for alternative in &filled {
                        let keyed = self.key_product(alternative, entries.len(), sources)?;
                        entries.extend(keyed);
                    }
                    let name = format!("{{group {}}}", self.groups.len());
                    self.grammar.add_class(&name, &entries);
                    self.groups.insert(key, name.clone());
                    name
                }
            };
            if optional {
                out.push(Item::Alt(vec![vec![Item::Class(name)], Vec::new()]));
            } else {
                out.push(Item::Class(name));
            }
        }
        Ok(out)
    }

    /// Expands one conjunct of a shape into plain sequences registered with `role`.
    fn sequences(
        &mut self,
        items: &[Item],
        role: Role,
        sources: &Sources,
    ) -> Result<Vec<u32>, String> {
        let items = self.group_classes(items, sources)?;
        let mut ids = Vec::new();
        for plain in expand(&items)? {
            // Gaps multiply the places a match is tried from one start; bound the product so
            // that no lexicon can make a check slow.
            let spread: u64 = plain
                .iter()
                .map(|i| match i {
                    Item::Gap(n) => u64::from(*n) + 1,
                    _ => 1,
                })
                .product();
            if spread > MAX_GAP_SPREAD {
                return Err(format!(
                    "has gaps that together allow {spread} placements; at most {MAX_GAP_SPREAD} (use fewer or shorter gaps)"
                ));
            }
            let mut elems = Vec::with_capacity(plain.len());
            for item in plain {
                elems.push(match item {
                    Item::Word(w) => Elem::Word(self.grammar.intern(&w)),
                    Item::CapsWord(w) => Elem::CapsWord(self.grammar.intern(&w)),
                    Item::Class(name) => Elem::Class(self.class(&name, sources)?),
                    Item::Inflect(verb) => {
                        let name = format!("~{verb}");
                        match self.grammar.class_id(&name) {
                            Some(id) => Elem::Class(id),
                            None => {
                                let entries: Vec<Vec<Key>> = self
                                    .forms(&verb)
                                    .into_iter()
                                    .map(|f| vec![Key::Word(self.grammar.intern(&f))])
                                    .collect();
                                Elem::Class(self.grammar.add_class(&name, &entries))
                            }
                        }
                    }
                    Item::InflectClass(name) => {
                        let anonymous = format!("~<{name}>");
                        match self.grammar.class_id(&anonymous) {
                            Some(id) => Elem::Class(id),
                            None => {
                                let entries =
                                    self.keys(&Item::InflectClass(name.clone()), sources)?;
                                Elem::Class(self.grammar.add_class(&anonymous, &entries))
                            }
                        }
                    }
                    Item::Caps => Elem::Caps,
                    Item::Number => Elem::Number,
                    Item::Capitalised => Elem::Capitalised,
                    Item::Any => Elem::Any,
                    Item::Gap(n) => Elem::Gap(n.min(MAX_GAP)),
                    Item::Start => Elem::Start,
                    Item::End => Elem::End,
                    Item::MarkOpen => Elem::MarkOpen,
                    Item::MarkClose => Elem::MarkClose,
                    Item::Alt(_) => unreachable!("expanded"),
                });
            }
            ids.push(self.grammar.add_seq(Seq { elems }, role));
        }
        Ok(ids)
    }
}

/// Every prefix followed by every option: the sequences a run of alternatives stands for.
fn cross<T: Clone>(prefixes: &[Vec<T>], options: &[Vec<T>]) -> Vec<Vec<T>> {
    let mut out = Vec::with_capacity(prefixes.len() * options.len());
    for prefix in prefixes {
        for option in options {
            let mut seq = prefix.clone();
            seq.extend(option.iter().cloned());
            out.push(seq);
        }
    }
    out
}

/// Expands the `{...}` groups of a sequence into every plain sequence it stands for.
fn expand(items: &[Item]) -> Result<Vec<Vec<Item>>, String> {
    let mut out: Vec<Vec<Item>> = vec![Vec::new()];
    for item in items {
        match item {
            Item::Alt(alternatives) => {
                let mut options = Vec::new();
                for alternative in alternatives {
                    options.extend(expand(alternative)?);
                }
                out = cross(&out, &options);
            }
            other => {
                for seq in &mut out {
                    seq.push(other.clone());
                }
            }
        }
        if out.len() > MAX_EXPANSIONS {
            return Err(format!(
                "expands to more than {MAX_EXPANSIONS} sequences; use a class or fewer alternatives"
            ));
        }
    }
    Ok(out)
}
