//! Compiles the built-in lexicons (`lexicons/*.toml` at the repository root) into static Rust
//! data, so a `Linter` starts without reading or parsing any file.
//!
//! The build script reads the files with the very module the library uses for user lexicons
//! (`src/lexicon/spec.rs`), so a built-in entry is held to the same rules as a user's, and a bad
//! entry fails the build with its file, line and rule id.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/category.rs"]
#[allow(dead_code)]
mod category;
#[path = "src/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/phrase_table.rs"]
#[allow(dead_code)]
mod phrase_table;
#[path = "src/lexicon/spec.rs"]
#[allow(dead_code)]
mod spec;
#[path = "src/trigger.rs"]
#[allow(dead_code)]
mod trigger;

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // `lexicons` in the crate is a link to the repository's top-level `lexicons/` (the one place
    // curators edit); `cargo package` copies the files behind it into the published crate.
    let lexicon_dir = manifest_dir.join("lexicons");
    println!("cargo::rerun-if-changed={}", lexicon_dir.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&lexicon_dir)
        .unwrap_or_else(|err| {
            panic!(
                "cannot read the built-in lexicons in {}: {err}",
                lexicon_dir.display()
            )
        })
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();

    let mut seen: HashMap<String, String> = HashMap::new();
    let mut rules = String::new();
    let mut strengths = String::new();
    let mut rule_specs: Vec<spec::MatchSpec> = Vec::new();
    let mut grammar = tonelint_grammar::Sources::default();
    // Where each grammar source was defined, by its index in `grammar`, for build errors.
    let mut class_places: Vec<(String, usize)> = Vec::new();
    let mut rule_places: Vec<(String, usize, String)> = Vec::new();
    let mut guard_places: Vec<(String, usize, String)> = Vec::new();
    let mut strength_specs: Vec<spec::MatchSpec> = Vec::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let origin = format!(
            "lexicons/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let text =
            fs::read_to_string(path).unwrap_or_else(|err| panic!("{origin}: cannot read: {err}"));
        let lexicon = spec::parse_lexicon(&text).unwrap_or_else(|err| fail(&origin, &err));
        let ids = lexicon
            .rules
            .iter()
            .map(|r| (&r.id, r.line))
            .chain(lexicon.strengths.iter().map(|s| (&s.id, s.line)));
        for (id, line) in ids {
            if let Some(first) = seen.insert(id.clone(), origin.clone()) {
                let message = format!("the id `{id}` is already used in {first}");
                fail(
                    &origin,
                    &spec::SpecError {
                        line,
                        column: 1,
                        rule_id: Some(id.clone()),
                        message,
                    },
                );
            }
        }
        for rule in &lexicon.rules {
            emit_rule(&mut rules, &origin, rule);
            if !rule.matching.shapes.is_empty() {
                grammar.rules.push(tonelint_grammar::RuleSource {
                    rule: rule_specs.len() as u32,
                    shapes: rule.matching.shapes.clone(),
                    unless: rule.matching.unless.clone(),
                    soften: rule.matching.soften.clone(),
                });
                rule_places.push((origin.clone(), rule.line, rule.id.clone()));
            }
            rule_specs.push(rule.matching.clone());
        }
        for class in &lexicon.classes {
            grammar.classes.push(tonelint_grammar::ClassSource {
                name: class.name.clone(),
                words: class.words.clone(),
            });
            class_places.push((origin.clone(), class.line));
        }
        for guard in &lexicon.guards {
            grammar.guards.push(tonelint_grammar::GuardSource {
                id: guard.id.clone(),
                shapes: guard.shapes.clone(),
                scope: guard.scope,
                effect: guard.effect,
                categories: guard.categories.clone(),
            });
            guard_places.push((origin.clone(), guard.line, guard.id.clone()));
        }
        grammar.irregular.extend(lexicon.irregular.iter().cloned());
        for strength in &lexicon.strengths {
            emit_strength(&mut strengths, &origin, strength);
            strength_specs.push(strength.matching.clone());
        }
    }
    let code = format!(
        "// @generated by build.rs from lexicons/*.toml. Do not edit: edit the lexicon files.\n\
         pub(crate) static BUILTIN_RULES: &[Rule] = &[\n{rules}];\n\
         pub(crate) static BUILTIN_STRENGTHS: &[Strength] = &[\n{strengths}];\n"
    );
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_if_changed(&out_dir.join("builtin_rules.rs"), &code);
    let (tables, matcher_code) = build_matcher(&rule_specs, &strength_specs);
    if fs::read(out_dir.join("builtin_tables.bin")).ok().as_deref() != Some(&tables[..]) {
        fs::write(out_dir.join("builtin_tables.bin"), &tables)
            .unwrap_or_else(|err| panic!("cannot write the built-in tables: {err}"));
    }
    write_if_changed(&out_dir.join("builtin_matcher.rs"), &matcher_code);
    let compiled = tonelint_grammar::compile(&grammar, None).unwrap_or_else(|err| {
        let (origin, line, rule_id) = match err.place {
            tonelint_grammar::Place::Class(i) => {
                (class_places[i].0.clone(), class_places[i].1, None)
            }
            tonelint_grammar::Place::Rule(i) => {
                let (o, l, id) = &rule_places[i];
                (o.clone(), *l, Some(id.clone()))
            }
            tonelint_grammar::Place::Guard(i) => {
                let (o, l, id) = &guard_places[i];
                (o.clone(), *l, Some(id.clone()))
            }
        };
        fail(
            &origin,
            &spec::SpecError {
                line,
                column: 1,
                rule_id,
                message: err.message,
            },
        )
    });
    let bytes = compiled.to_bytes();
    if fs::read(out_dir.join("builtin_grammar.bin"))
        .ok()
        .as_deref()
        != Some(&bytes[..])
    {
        fs::write(out_dir.join("builtin_grammar.bin"), &bytes)
            .unwrap_or_else(|err| panic!("cannot write the built-in grammar: {err}"));
    }
}

/// Builds the word-level automaton over every built-in phrase variant and exception, and the
/// trigger words of every built-in pattern, so that building a linter does none of this work.
/// Returns the serialised tables and the Rust code that embeds them.
fn build_matcher(rules: &[spec::MatchSpec], strengths: &[spec::MatchSpec]) -> (Vec<u8>, String) {
    let mut builder = phrase_table::Builder::new();
    let mut patterns = String::new();
    let mut splits = String::new();
    let mut split_count = 0u32;
    let mut pattern_count = 0u32;
    let entries = rules
        .iter()
        .enumerate()
        .map(|(i, m)| (0u32, i as u32, m))
        .chain(
            strengths
                .iter()
                .enumerate()
                .map(|(i, m)| (1u32, i as u32, m)),
        );
    for (kind, entry, matching) in entries {
        let mut lists = vec![
            (&matching.phrase_variants, phrase_table::ROLE_PHRASE, 0),
            (
                &matching.exception_variants,
                phrase_table::ROLE_EXCEPTION,
                0,
            ),
        ];
        for (gap, (before, after)) in matching.exception_gaps.iter().enumerate() {
            lists.push((before, phrase_table::ROLE_GAP_BEFORE, gap as u32));
            lists.push((after, phrase_table::ROLE_GAP_AFTER, gap as u32));
        }
        for (list, role, gap) in lists {
            for variant in list {
                let flags = phrase_table::variant_flags(variant);
                let target = phrase_table::Target {
                    kind,
                    entry,
                    role,
                    gap,
                    len: 0,
                    flags,
                };
                builder.add(&phrase_table::variant_tokens(variant), target);
            }
        }
        for pattern in &matching.patterns {
            for split in trigger::splits(pattern).unwrap_or_default() {
                for word in &split.words {
                    builder.trigger(word, split_count);
                }
                let _ = writeln!(
                    splits,
                    "    ({pattern_count}, {:?}, {:?}, {:?}, {:?}),",
                    split.prefix, split.suffix, split.prefix_max, split.suffix_max
                );
                split_count += 1;
            }
            let _ = writeln!(patterns, "    ({kind}, {entry}, {pattern:?}),");
            pattern_count += 1;
        }
    }
    let tables = builder.finish().to_bytes();
    let code = format!(
        "// @generated by build.rs from lexicons/*.toml.\n\
         /// The serialised word automaton (see `phrase_table.rs`).\n\
         pub(crate) static TABLES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/builtin_tables.bin\"));\n\
         /// Each built-in pattern: 0 for a rule or 1 for a strength, the entry's built-in index, \
         and the regex.\n\
         pub(crate) static PATTERNS: &[(u32, u32, &str)] = &[\n{patterns}];\n\
         /// Where trigger words stand in the patterns (see `trigger.rs`): the pattern's position \
         in PATTERNS, what it holds before and after the word, and the most bytes each side can \
         match when bounded. Trigger ids are positions in this list.\n\
         pub(crate) static SPLITS: &[(u32, &str, &str, Option<usize>, Option<usize>)] = &[\n{splits}];\n"
    );
    (tables, code)
}

/// Fails the build with the problem's file, line, column and rule, and no backtrace noise.
fn fail(origin: &str, err: &spec::SpecError) -> ! {
    let rule = err
        .rule_id
        .as_deref()
        .map(|id| format!(" rule `{id}`:"))
        .unwrap_or_default();
    println!(
        "cargo::error={origin}:{}:{}:{rule} {}",
        err.line, err.column, err.message
    );
    std::process::exit(1);
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items
        .iter()
        .map(|s| format!("Cow::Borrowed({s:?})"))
        .collect();
    format!("Cow::Borrowed(&[{}])", inner.join(", "))
}

/// The expanded variants are left out: the embedded automaton holds them, and tens of thousands
/// of static strings would cost a relocation each every time the program starts.
fn matching(m: &spec::MatchSpec) -> String {
    format!(
        "Matching {{ phrases: {}, phrase_variants: Cow::Borrowed(&[]), patterns: {}, \
         exceptions: {}, exception_variants: Cow::Borrowed(&[]), \
         exception_gaps: Cow::Borrowed(&[]), examples: {}, counterexamples: {}, shapes: {}, \
         unless: {}, soften: {} }}",
        list(&m.phrases),
        list(&m.patterns),
        list(&m.exceptions),
        list(&m.examples),
        list(&m.counterexamples),
        list(&m.shapes),
        list(&m.unless),
        list(&m.soften),
    )
}

fn emit_rule(code: &mut String, origin: &str, rule: &spec::RuleSpec) {
    let rewrites: Vec<String> = rule
        .rewrites
        .iter()
        .map(|r| {
            // Checked by the spec: one of the five names, or none (clinical care).
            let context = match r.context.as_deref().unwrap_or("clinical") {
                "payer" => "Payer",
                "family" => "Family",
                "workplace" => "Workplace",
                "general" => "General",
                _ => "Clinical",
            };
            format!(
                "Rewrite {{ text: Cow::Borrowed({:?}), source: Cow::Borrowed({:?}), context: crate::context::Context::{context} }}",
                r.text, r.source
            )
        })
        .collect();
    let _ = writeln!(
        code,
        "    Rule {{ id: Cow::Borrowed({:?}), origin: Cow::Borrowed({origin:?}), line: {}, \
         category: Category::{:?}, severity: Severity::{:?}, message: Cow::Borrowed({:?}), \
         explanation: Cow::Borrowed({:?}), matching: {}, rewrites: Cow::Borrowed(&[{}]), fix: {} }},",
        rule.id,
        rule.line,
        rule.category,
        rule.severity,
        rule.message,
        rule.explanation,
        matching(&rule.matching),
        rewrites.join(", "),
        match &rule.fix {
            Some(fix) => format!("Some(Cow::Borrowed({fix:?}))"),
            None => "None".to_string(),
        },
    );
}

fn emit_strength(code: &mut String, origin: &str, strength: &spec::StrengthSpec) {
    let _ = writeln!(
        code,
        "    Strength {{ id: Cow::Borrowed({:?}), origin: Cow::Borrowed({origin:?}), line: {}, \
         message: Cow::Borrowed({:?}), explanation: Cow::Borrowed({:?}), matching: {}, \
         source: Cow::Borrowed({:?}) }},",
        strength.id,
        strength.line,
        strength.message,
        strength.explanation,
        matching(&strength.matching),
        strength.source,
    );
}

/// Leaves the file's timestamp alone when nothing changed, so dependants are not rebuilt.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::write(path, contents)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
