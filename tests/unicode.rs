//! Unicode a reader would not notice must not hide a phrase, and Unicode around a phrase must not
//! shift its span, line or column: invisible characters inside words, every kind of space, full-
//! width letters, NFC and NFD, curly quotes, right-to-left text, combining marks, emoji with
//! modifiers, CRLF line ends.

#[path = "support/mod.rs"]
pub mod support;

use support::{LINTER, assert_flags, assert_flags_with, assert_not_flagged};
use tonelint::{Lexicon, LineColumn, Linter, display_width};

/// Asserts that `rule` flags exactly `flagged` in `text` (see [`assert_flags`]), from
/// `line`:`column` to where the flagged words end.
#[track_caller]
fn assert_flags_at(text: &str, rule: &str, flagged: &str, line: usize, column: usize) {
    let f = assert_flags(text, rule, flagged);
    assert_eq!(
        f.start(),
        LineColumn { line, column },
        "start of `{rule}` in {text:?}"
    );
    let end = &text[..f.span().end];
    let line_start = end.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        f.end(),
        LineColumn {
            line: 1 + end.matches('\n').count(),
            column: 1 + display_width(&end[line_start..]),
        },
        "end of `{rule}` in {text:?}"
    );
}

/// The widths the column rule rests on (`unicode-width`, with tabs to the next multiple of 8), so
/// the expectations below can be read by hand.
#[test]
fn widths_follow_the_terminal() {
    assert_eq!(display_width("abc"), 3);
    assert_eq!(
        display_width("\u{4F60}\u{597D}"),
        4,
        "CJK is two cells each"
    );
    assert_eq!(
        display_width("\u{FF55}"),
        2,
        "full-width letters are two cells"
    );
    assert_eq!(
        display_width("e\u{301}"),
        1,
        "a combining mark takes no cell"
    );
    assert_eq!(
        display_width("\u{200B}\u{200D}\u{AD}\u{FEFF}\u{200F}"),
        0,
        "invisible"
    );
    assert_eq!(
        display_width("\u{5E9}\u{5DC}\u{5D5}\u{5DD}"),
        4,
        "Hebrew is one cell each"
    );
    assert_eq!(display_width("\u{1F44D}"), 2, "emoji are wide");
    assert_eq!(display_width("ab\tc"), 9, "a tab moves to column 8");
    assert_eq!(display_width("\t"), 8);
}

#[test]
fn invisible_characters_inside_a_word_do_not_hide_it() {
    for invisible in [
        "\u{200B}", // zero-width space
        "\u{200C}", // zero-width non-joiner
        "\u{200D}", // zero-width joiner
        "\u{2060}", // word joiner
        "\u{FEFF}", // zero-width no-break space
        "\u{AD}",   // soft hyphen
    ] {
        let word = format!("un{invisible}acceptable");
        let text = format!("This delay is {word}.");
        assert_flags_at(&text, "aggressive.unacceptable", &word, 1, 15);
    }
    // Several, and at the edges of the word.
    assert_flags_at(
        "This is \u{200B}un\u{AD}accept\u{200D}able\u{200B}.",
        "aggressive.unacceptable",
        "un\u{AD}accept\u{200D}able",
        1,
        9,
    );
}

#[test]
fn any_unicode_space_between_words_counts_as_one_space() {
    for space in [
        "\u{A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "\u{205F}", "\u{3000}", "\t",
        " \u{A0} ",
    ] {
        let text = format!("You{space}still{space}haven't signed the orders.");
        assert_flags_at(
            &text,
            "aggressive.you-still-havent",
            &format!("You{space}still{space}haven't"),
            1,
            1,
        );
        let text = format!("Please sign{space}it right{space}now.");
        assert_flags_at(
            &text,
            "demanding.right-now",
            &format!("sign{space}it right{space}now"),
            1,
            8,
        );
    }
}

#[test]
fn full_width_letters_read_as_ascii() {
    // "ｕｎａｃｃｅｐｔａｂｌｅ": two cells per letter, so it ends 24 columns after it starts.
    let word = "\u{FF55}\u{FF4E}\u{FF41}\u{FF43}\u{FF43}\u{FF45}\u{FF50}\u{FF54}\u{FF41}\u{FF42}\u{FF4C}\u{FF45}";
    let text = format!("This is {word}.");
    assert_flags_at(&text, "aggressive.unacceptable", word, 1, 9);
    let f = assert_flags(&text, "aggressive.unacceptable", word);
    assert_eq!(f.end().column, 9 + 24);
    // Full-width text before a phrase moves its column by two per character.
    assert_flags_at(
        "\u{FF21}\u{FF22}: this is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 4 + 10,
    );
}

#[test]
fn curly_and_straight_apostrophes_are_the_same_letter() {
    for apostrophe in ["'", "\u{2019}", "\u{2018}", "\u{2BC}", "\u{FF07}"] {
        let text = format!("You still haven{apostrophe}t signed the orders.");
        assert_flags_at(
            &text,
            "aggressive.you-still-havent",
            &format!("You still haven{apostrophe}t"),
            1,
            1,
        );
    }
}

#[test]
fn curly_double_quotes_mark_reported_speech_like_straight_ones() {
    assert_not_flagged(
        "The adjuster called it \u{201C}unacceptable\u{201D} on the phone.",
        "aggressive.unacceptable",
    );
    assert_not_flagged(
        "The adjuster called it \"unacceptable\" on the phone.",
        "aggressive.unacceptable",
    );
    // The lexicon's exception `'unacceptable'` (a word mentioned, not meant) is written with
    // straight quotes and covers curly single quotes too.
    assert_not_flagged(
        "The form has a box marked \u{2018}unacceptable\u{2019}.",
        "aggressive.unacceptable",
    );
    assert_not_flagged(
        "The form has a box marked 'unacceptable'.",
        "aggressive.unacceptable",
    );
    // A quotation closed by a curly mark does not silence what follows it.
    assert_flags_at(
        "She said \u{201C}fine\u{201D}. This is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        26,
    );
}

#[test]
fn right_to_left_text_before_a_phrase_keeps_its_column() {
    // Hebrew (4 letters) and Arabic (5 letters) are one cell per letter; the marks none.
    assert_flags_at(
        "\u{5E9}\u{5DC}\u{5D5}\u{5DD} this is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 4 + 9,
    );
    assert_flags_at(
        "\u{645}\u{631}\u{62D}\u{628}\u{627}\u{200F} this is unacceptable \u{5E9}\u{5DC}\u{5D5}\u{5DD}.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 5 + 9,
    );
    // An isolate or override around the phrase changes how it is displayed, not what it says.
    assert_flags_at(
        "\u{2067}\u{5E9}\u{5DC}\u{5D5}\u{5DD}\u{2069} This is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 4 + 9,
    );
    // Right-to-left text on the lines above moves only the line number.
    assert_flags_at(
        "\u{645}\u{631}\u{62D}\u{628}\u{627}\n\u{5E9}\u{5DC}\u{5D5}\u{5DD}\nThis is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        3,
        9,
    );
}

#[test]
fn combining_marks_and_emoji_with_modifiers_keep_columns() {
    // "Re\u{301}sume\u{301}" is six cells; each emoji with a skin-tone modifier is two characters
    // of two cells each, as the terminal rule counts them.
    assert_flags_at(
        "Re\u{301}sume\u{301}: this is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 6 + 10,
    );
    assert_flags_at(
        "\u{1F44D}\u{1F3FD} this is unacceptable \u{1F44E}\u{1F3FF}",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 4 + 9,
    );
    // A family emoji: three wide characters joined by zero-width joiners.
    assert_flags_at(
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} this is unacceptable",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        1 + 6 + 9,
    );
    // A combining mark straight after the phrase belongs to the next letter shape, and must not
    // leave the span off a char boundary.
    let text = "This is unacceptable\u{301} today.";
    let report = LINTER.check(text);
    for f in report.findings() {
        assert!(text.is_char_boundary(f.span().start) && text.is_char_boundary(f.span().end));
        assert_eq!(&text[f.span()], f.text());
    }
}

/// NFD input around a span (a decomposed accent before the phrase on the same line) keeps spans
/// and columns right, whichever form the text is in.
#[test]
fn nfc_and_nfd_text_near_a_phrase_keep_columns() {
    for cafe in ["Caf\u{E9}", "Cafe\u{301}"] {
        let text = format!("{cafe} orders: this is unacceptable.");
        assert_flags_at(&text, "aggressive.unacceptable", "unacceptable", 1, 22);
    }
}

/// A user lexicon phrase with an accented letter. The built-in lexicons are English without
/// accents, so the question only arises for user lexicons (a French or Spanish team's phrases).
fn accented_lexicon(phrase: &str) -> Linter {
    let lexicon = Lexicon::parse(
        "accents.toml",
        &format!(
            r#"
[[rule]]
id = "team.deja"
category = "aggressive"
severity = "warning"
message = "Reproach."
explanation = "Reproach."
phrases = ["{phrase}"]
[[rule.rewrite]]
text = "Here is where things stand."
source = "project"
"#
        ),
    )
    .expect("the lexicon parses");
    Linter::builder()
        .builtin(false)
        .lexicon(lexicon)
        .build()
        .expect("the linter builds")
}

#[test]
fn a_phrase_in_one_normal_form_matches_text_in_the_same_form() {
    for form in ["d\u{E9}j\u{E0} dit", "de\u{301}ja\u{300} dit"] {
        let linter = accented_lexicon(form);
        let text = format!("Je l'ai {form}.");
        assert_eq!(linter.check(&text).findings().len(), 1, "{text:?}");
        let f = assert_flags_with(&linter, &text, "team.deja", form);
        assert_eq!(f.start().column, 9);
    }
}

/// NFC and NFD look identical on screen, so a phrase should match in either form. It does not:
/// folding is per character (`fold.rs`) and the matcher compares folded text, so "déjà" typed
/// with precomposed letters and "déjà" pasted from a source that decomposes (macOS file names,
/// some web forms) are different words to it. Fixing it means NFC-folding both phrases and input
/// in the core's fold/matcher, which the robustness work may not touch.
#[test]
#[ignore = "core limitation: NFD input does not match an NFC phrase (needs NFC folding in fold.rs / engine/tokens.rs)"]
fn a_phrase_matches_text_in_the_other_normal_form() {
    let nfc = "d\u{E9}j\u{E0} dit";
    let nfd = "de\u{301}ja\u{300} dit";
    for (phrase, text) in [(nfc, nfd), (nfd, nfc)] {
        let linter = accented_lexicon(phrase);
        let input = format!("Je l'ai {text}.");
        assert_flags_with(&linter, &input, "team.deja", text);
    }
}

#[test]
fn crlf_everywhere() {
    let text = "Hi Dana,\r\n\r\nYou still haven't\r\nsigned the orders. This is unacceptable.\r\n\
                I need you to sign\r\nthem right\r\nnow.\r\n";
    // A phrase runs across one CRLF line break, and its span leaves out nothing but includes
    // the break as written.
    assert_flags_at(
        text,
        "aggressive.you-still-havent",
        "You still haven't",
        3,
        1,
    );
    assert_flags_at(text, "aggressive.unacceptable", "unacceptable", 4, 28);
    // Across two line breaks, from line 5 to line 7.
    assert_flags_at(
        text,
        "demanding.right-now",
        "sign\r\nthem right\r\nnow",
        5,
        15,
    );
    let right_now = assert_flags(text, "demanding.right-now", "sign\r\nthem right\r\nnow");
    assert_eq!(right_now.end(), LineColumn { line: 7, column: 4 });
    // A blank line (CRLF CRLF) ends a paragraph: no phrase runs across it.
    assert_not_flagged(
        "Please sign them right\r\n\r\nnow is the time.",
        "demanding.right-now",
    );
    assert_not_flagged(
        "Please sign them right\r\n \r\nnow is the time.",
        "demanding.right-now",
    );
    // A lone CR is not a line break for line numbers (only LF is), and the span stays exact.
    let cr = "First line\rThis is unacceptable.";
    let f = assert_flags(cr, "aggressive.unacceptable", "unacceptable");
    assert_eq!(f.start().line, 1);
}

#[test]
fn other_line_separators_break_phrases_like_line_feeds() {
    // U+2028 (line separator) and U+0085 (next line) are line breaks to the matcher: one of them
    // between words is white space, so the phrase is still found, and the span keeps it.
    for separator in ["\u{2028}", "\u{85}"] {
        let text = format!("Please sign them right{separator}now.");
        assert_flags_at(
            &text,
            "demanding.right-now",
            &format!("sign them right{separator}now"),
            1,
            8,
        );
    }
}

#[test]
fn a_byte_order_mark_at_the_start_takes_no_column() {
    assert_flags_at(
        "\u{FEFF}This is unacceptable.",
        "aggressive.unacceptable",
        "unacceptable",
        1,
        9,
    );
}
