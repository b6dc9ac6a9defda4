//! Enron email as the evaluation reads it: the author's own text only. This is deliberately a
//! simple cut (headers, quoted lines, attribution lines, forwarded and original-message blocks);
//! it is not a MIME reader.

/// The part of a raw RFC 822 message its author wrote: the body up to the first quoted or
/// forwarded block, without `>` lines.
pub fn author_text(raw: &str) -> String {
    let body = raw
        .find("\r\n\r\n")
        .map(|i| &raw[i + 4..])
        .or_else(|| raw.find("\n\n").map(|i| &raw[i + 2..]))
        .unwrap_or("");
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let trimmed = line.trim();
        if starts_quoted_block(trimmed) {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn starts_quoted_block(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.contains("-----original message-----")
        || lower.contains("----- forwarded by")
        || lower.contains("-------- forwarded by")
        || lower.starts_with("---------------------- forwarded")
        || lower.contains("----- original message -----")
        || (lower.starts_with("on ") && lower.ends_with(" wrote:"))
        || (lower.starts_with("from:") && lower.contains('@'))
        || lower.starts_with("-----") && (lower.contains("forward") || lower.contains("original"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_authors_lines() {
        let raw = "From: a@b.c\r\nSubject: x\r\n\r\nPlease see below.\r\n> old line\r\nThanks\r\n-----Original Message-----\r\nFrom: c@d.e\r\nquoted text\r\n";
        assert_eq!(author_text(raw), "Please see below.\nThanks\n");
    }

    #[test]
    fn stops_at_a_lotus_notes_forward() {
        let raw = "Subject: y\n\nFYI\n---------------------- Forwarded by Steven J Kean/HOU/EES on 10/18/99\nold\n";
        assert_eq!(author_text(raw), "FYI\n");
    }
}
