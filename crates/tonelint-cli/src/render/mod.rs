//! Turning reports into what the user reads. No tone logic here: everything shown comes from the
//! library's findings, rules and summaries.

pub mod human;
pub mod json;
pub mod lines;
pub mod rules;
pub mod sarif;

/// A file name as line-oriented output can hold it: control characters (a line break in a name
/// would split `path:line:column: ...` over two lines) are written as escapes such as `\n`.
pub fn printable(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(name);
    }
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    /// Issue 16, case 13: a line break in a file name broke `--format short`.
    #[test]
    fn control_characters_in_names_are_escaped() {
        assert_eq!(super::printable("a\nb\tc.txt"), "a\\nb\\tc.txt");
        assert_eq!(super::printable("plain/名前.txt"), "plain/名前.txt");
    }
}
