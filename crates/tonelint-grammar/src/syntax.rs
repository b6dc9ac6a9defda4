//! The shape language as curators write it, parsed into a tree.
//!
//! ```text
//! ^ [~sign] <reader-object> ..3 <deadline>      a sentence opening with a form of "sign" ...
//! {do you even|did you even} ..6 ?              alternatives; up to 6 tokens; a question mark
//! thank you so much for && <delay-noun>         two cues in one sentence
//! ```
//!
//! | item | matches |
//! |---|---|
//! | `word` | the word, in any case; contractions open up ("don't" is `do not`) |
//! | `WORD` | the word written in capitals (two letters or more): `thanks SO much` |
//! | `{a b|c|}` | one of the alternatives (an empty one makes the group optional) |
//! | `<class>` | any entry of a word class defined with `[[class]]` |
//! | `~verb`, `~<class>` | any form of the verb, or of each verb in the class |
//! | `<CAPS>` `<NUMBER>` `<CAPITALISED>` | a word in capitals; a number or time; a capitalised word |
//! | `_` | any one word or number |
//! | `...`, `..N` | a gap of up to 4, or up to N (at most 16), tokens |
//! | `^`, `$` | the start of the sentence (after a greeting or "Dr. Hale,"), its end |
//! | `? ! , : ; '` | that punctuation mark |
//! | `[ ... ]` | the words to report; without it the whole match is reported |
//! | `A && B` | A matches, and B matches somewhere in the same sentence |

/// The largest gap a shape may ask for.
pub const MAX_GAP: u8 = 16;

/// One item of a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A folded word (or a punctuation mark, folded the same way).
    Word(String),
    /// A folded word that must be written in capitals (the shape wrote it so: `SO`, `STILL`).
    CapsWord(String),
    Class(String),
    Inflect(String),
    InflectClass(String),
    Caps,
    Number,
    Capitalised,
    Any,
    Gap(u8),
    Start,
    End,
    MarkOpen,
    MarkClose,
    Alt(Vec<Vec<Item>>),
}

/// A parsed shape: the primary sequence and the cues that must also be in the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeTree {
    pub conjuncts: Vec<Vec<Item>>,
}

/// Parses one shape. The error says what is wrong in words a curator can act on.
pub fn parse(shape: &str) -> Result<ShapeTree, String> {
    let symbols = lex(shape)?;
    let mut conjuncts = Vec::new();
    for part in symbols.split(|s| s == "&&") {
        let mut at = 0;
        let items = parse_seq(part, &mut at, false)?;
        if at != part.len() {
            return Err(format!("has an unexpected `{}`", part[at]));
        }
        if items.is_empty() {
            return Err("has an empty part (nothing before or after `&&`)".into());
        }
        check_marks(&items)?;
        if !items.iter().any(is_concrete) {
            return Err(
                "matches without any word; give it at least one word, class or mark".into(),
            );
        }
        conjuncts.push(items);
    }
    if conjuncts.is_empty() {
        return Err("is empty".into());
    }
    Ok(ShapeTree { conjuncts })
}

fn is_concrete(item: &Item) -> bool {
    match item {
        Item::Gap(_) | Item::Start | Item::End | Item::MarkOpen | Item::MarkClose | Item::Any => {
            false
        }
        Item::Alt(alts) => alts.iter().all(|a| a.iter().any(is_concrete)),
        _ => true,
    }
}

fn check_marks(items: &[Item]) -> Result<(), String> {
    let opens = items.iter().filter(|i| **i == Item::MarkOpen).count();
    let closes = items.iter().filter(|i| **i == Item::MarkClose).count();
    let open_at = items.iter().position(|i| *i == Item::MarkOpen);
    let close_at = items.iter().position(|i| *i == Item::MarkClose);
    match (opens, closes) {
        (0, 0) => Ok(()),
        (1, 1) if open_at < close_at => Ok(()),
        _ => Err("needs at most one `[` ... `]` pair, in that order, outside `{...}`".into()),
    }
}

/// Splits a shape into symbols: `{ } | [ ]` stand alone; `&&` and everything else is separated by
/// white space.
fn lex(shape: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in shape.chars() {
        if c.is_whitespace() || matches!(c, '{' | '}' | '|' | '[' | ']') {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.is_empty() {
        return Err("is empty".into());
    }
    Ok(out)
}

fn parse_seq(symbols: &[String], at: &mut usize, in_group: bool) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    while *at < symbols.len() {
        let symbol = symbols[*at].as_str();
        match symbol {
            "|" | "}" if in_group => return Ok(items),
            "|" => return Err("has a `|` outside `{...}`".into()),
            "}" => return Err("has a `}` without a `{`".into()),
            "{" => {
                *at += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(parse_seq(symbols, at, true)?);
                    match symbols.get(*at).map(String::as_str) {
                        Some("|") => *at += 1,
                        Some("}") => {
                            *at += 1;
                            break;
                        }
                        _ => return Err("has a `{` without a closing `}`".into()),
                    }
                }
                if alternatives.len() < 2 {
                    return Err(
                        "has a `{...}` group without `|`; write alternatives as `{a|b}`".into(),
                    );
                }
                if alternatives
                    .iter()
                    .flatten()
                    .any(|i| matches!(i, Item::MarkOpen | Item::MarkClose))
                {
                    return Err(
                        "has `[` or `]` inside `{...}`; mark the span outside the group".into(),
                    );
                }
                items.push(Item::Alt(alternatives));
                continue;
            }
            "[" => items.push(Item::MarkOpen),
            "]" => items.push(Item::MarkClose),
            _ => items.extend(atom(symbol)?),
        }
        *at += 1;
    }
    if in_group {
        return Err("has a `{` without a closing `}`".into());
    }
    Ok(items)
}

fn atom(symbol: &str) -> Result<Vec<Item>, String> {
    let one = |item| Ok(vec![item]);
    match symbol {
        "^" => return one(Item::Start),
        "$" => return one(Item::End),
        "_" => return one(Item::Any),
        "..." => return one(Item::Gap(4)),
        "<CAPS>" => return one(Item::Caps),
        "<NUMBER>" => return one(Item::Number),
        "<CAPITALISED>" => return one(Item::Capitalised),
        "?" | "!" | "," | ":" | ";" | "'" | "." | "-" | "\"" => {
            return one(Item::Word(symbol.to_string()));
        }
        _ => {}
    }
    if let Some(n) = symbol.strip_prefix("..") {
        let n: u8 = n.parse().map_err(|_| {
            format!("has `{symbol}`; a gap is `...` or `..N` with N from 1 to {MAX_GAP}")
        })?;
        if n == 0 || n > MAX_GAP {
            return Err(format!(
                "has `{symbol}`; a gap is `...` or `..N` with N from 1 to {MAX_GAP}"
            ));
        }
        return one(Item::Gap(n));
    }
    if let Some(name) = symbol.strip_prefix("~<").and_then(|s| s.strip_suffix('>')) {
        check_class_name(name)?;
        return one(Item::InflectClass(name.to_string()));
    }
    if let Some(verb) = symbol.strip_prefix('~') {
        let words = fold_words(verb);
        if words.len() != 1 || !verb.chars().all(|c| c.is_alphabetic()) {
            return Err(format!(
                "has `{symbol}`; `~` takes one verb in its base form, such as `~sign`"
            ));
        }
        return one(Item::Inflect(words[0].clone()));
    }
    if let Some(name) = symbol.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        check_class_name(name)?;
        return one(Item::Class(name.to_string()));
    }
    if symbol.contains(['<', '>', '~', '&']) {
        return Err(format!(
            "has `{symbol}`, which is neither a word nor a shape item"
        ));
    }
    let words = fold_words(symbol);
    if words.is_empty() {
        return Err(format!("has `{symbol}`, which holds no word"));
    }
    let letters = symbol.chars().filter(|c| c.is_alphabetic()).count();
    let shouted = letters >= 2 && !symbol.chars().any(char::is_lowercase);
    Ok(words
        .into_iter()
        .map(if shouted { Item::CapsWord } else { Item::Word })
        .collect())
}

/// Folds literal text the way the input is folded, contractions opened.
pub fn fold_words(text: &str) -> Vec<String> {
    let mut tokens = crate::token::Tokens::default();
    tokens.fill(text);
    (0..tokens.len())
        .map(|i| tokens.text(i).to_string())
        .collect()
}

/// Class names are lower-case words joined by `-`; upper-case names are the built-in ones.
pub fn check_class_name(name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && name.starts_with(|c: char| c.is_ascii_lowercase());
    if valid {
        Ok(())
    } else {
        Err(format!(
            "names the class `<{name}>`; class names hold lower-case letters, digits and `-` (the built-in ones are <CAPS>, <NUMBER> and <CAPITALISED>)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_parse() {
        let tree = parse("^ [~sign] <reader> ..3 {by|before} <NUMBER> ? && don't").unwrap();
        assert_eq!(tree.conjuncts.len(), 2);
        assert_eq!(
            tree.conjuncts[0],
            vec![
                Item::Start,
                Item::MarkOpen,
                Item::Inflect("sign".into()),
                Item::MarkClose,
                Item::Class("reader".into()),
                Item::Gap(3),
                Item::Alt(vec![
                    vec![Item::Word("by".into())],
                    vec![Item::Word("before".into())]
                ]),
                Item::Number,
                Item::Word("?".into()),
            ]
        );
        assert_eq!(
            tree.conjuncts[1],
            vec![Item::Word("do".into()), Item::Word("not".into())]
        );
    }

    #[test]
    fn mistakes_are_named() {
        for (shape, says) in [
            ("{a|b", "without a closing"),
            ("a }", "without a `{`"),
            ("..40 you", "gap"),
            ("<Bad_Name>", "class names"),
            ("... ^", "without any word"),
            ("] you [", "`[`"),
            ("{[a]|b}", "inside"),
            ("~sign-off", "one verb"),
            ("a && ", "empty"),
        ] {
            let err = parse(shape).unwrap_err();
            assert!(err.contains(says), "{shape}: {err}");
        }
    }
}
