//! Chunks: an input is matched in pieces of bounded size, one after another.

/// Inputs are matched in chunks of about this many bytes, so the working memory of a check stays
/// small whatever the input size.
const CHUNK_BYTES: usize = 256 * 1024;

/// Splits `text` into pieces of about [`CHUNK_BYTES`], each ending at a blank line if one is
/// near, else at a line break, else at white space, so that a phrase is almost never cut.
pub(super) fn chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= CHUNK_BYTES {
            return Some(std::mem::take(&mut rest));
        }
        let mut limit = CHUNK_BYTES;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &rest[..limit];
        let cut = window
            .rfind("\n\n")
            .map(|i| i + 2)
            .or_else(|| window.rfind('\n').map(|i| i + 1))
            .or_else(|| {
                window
                    .rfind(|c: char| c.is_ascii_whitespace())
                    .map(|i| i + 1)
            })
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        let (head, tail) = rest.split_at(cut);
        rest = tail;
        Some(head)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_input_exactly() {
        let para = "word ".repeat(1000) + "\n\n";
        let text = para.repeat(200);
        let pieces: Vec<&str> = chunks(&text).collect();
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.len() <= CHUNK_BYTES));
        assert_eq!(pieces.concat(), text);
        assert!(
            pieces[..pieces.len() - 1]
                .iter()
                .all(|p| p.ends_with("\n\n"))
        );
    }

    #[test]
    fn chunks_of_one_long_line_split_on_char_boundaries() {
        let text = "é".repeat(CHUNK_BYTES);
        let pieces: Vec<&str> = chunks(&text).collect();
        assert_eq!(pieces.concat(), text);
    }
}
