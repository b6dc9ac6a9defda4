//! Which lines of an email body the sender wrote, as opposed to what they quoted or forwarded.
//!
//! Mail clients mark other people's text in a handful of ways, all of which show up in the
//! Enron corpus this was tuned on:
//!
//! - `>` at the start of a line (any depth, any indentation), usually after an attribution line
//!   such as `On Tue, 28 Nov 2000 X wrote:` or `X wrote:`;
//! - Outlook's `-----Original Message-----` and Outlook Express's `----- Original Message -----`,
//!   followed by the whole earlier message;
//! - Lotus Notes' `----- Forwarded by X on 10/18/99 08:46 AM -----` (often wrapped over two
//!   lines), and the `---------- Forwarded message ----------` and `Begin forwarded message:`
//!   of other clients, followed by the forwarded message;
//! - Lotus Notes replies that paste the earlier message under a sender and date and a
//!   `To:` / `cc:` / `Subject:` block, with no marker line at all;
//! - Novell GroupWise's `>>> Name 11/07/00 10:08PM >>>` above an unquoted earlier message;
//! - a raw header block (`Date:`, `From:`, `To:` ...) of a pasted message;
//! - the signature after a `-- ` line, a `--` line, or a rule (`-----`) that sets off a short
//!   tail after a blank line.
//!
//! Everything from the first marker on is dropped; quoted lines and their attribution lines are
//! dropped wherever they are, so replies written between quotes are kept.

use std::ops::Range;

/// Byte ranges of `body` that the sender wrote, in order, each trimmed of blank lines at both
/// ends. Two ranges are never next to each other: something was removed between them.
pub(crate) fn author_ranges(body: &str) -> Vec<Range<usize>> {
    let lines = split_lines(body);
    let end = first_foreign_line(body, &lines);
    let mut keep: Vec<bool> = lines[..end]
        .iter()
        .map(|l| !is_quoted(l.text(body)))
        .collect();
    drop_attributions(body, &lines[..end], &mut keep);

    let mut ranges = Vec::new();
    // First and last non-blank line of the block being gathered.
    let mut block: Option<(usize, usize)> = None;
    for (index, line) in lines[..end].iter().enumerate() {
        if !keep[index] {
            if let Some((first, last)) = block.take() {
                ranges.push(lines[first].start..lines[last].end);
            }
        } else if !is_blank(line.text(body)) {
            block = Some(block.map_or((index, index), |(first, _)| (first, index)));
        }
    }
    if let Some((first, last)) = block {
        ranges.push(lines[first].start..lines[last].end);
    }
    ranges
}

/// One line of the body: `start..end` excludes the line break (`\n` or `\r\n`).
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
}

impl Line {
    fn text(self, body: &str) -> &str {
        &body[self.start..self.end]
    }
}

fn split_lines(body: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in body.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && body.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            lines.push(Line { start, end });
            start = i + 1;
        }
    }
    if start < body.len() {
        lines.push(Line {
            start,
            end: body.len(),
        });
    }
    lines
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The index of the first line that starts foreign material (everything from it on is not the
/// sender's), or `lines.len()`.
fn first_foreign_line(body: &str, lines: &[Line]) -> usize {
    // A header block at the very top is the sender's own memo heading (`Date: / To: / From: /
    // RE:`), not a pasted message: leave it alone up to the first blank line.
    let first_text = lines.iter().position(|l| !is_blank(l.text(body)));
    let memo_end = match first_text {
        Some(first) if header_block_at(body, lines, first) => lines[first..]
            .iter()
            .position(|l| is_blank(l.text(body)))
            .map_or(lines.len(), |n| first + n),
        _ => 0,
    };
    let mut seen_author_text = memo_end > 0;
    let mut seen_rule = false;
    for (index, line) in lines.iter().enumerate().skip(memo_end) {
        let text = line.text(body);
        if is_groupwise_header(text) {
            return index;
        }
        if is_quoted(text) {
            continue;
        }
        if is_marker(text) {
            return index;
        }
        let after_gap = index == 0 || {
            let previous = lines[index - 1].text(body);
            is_blank(previous) || is_quoted(previous)
        };
        if is_signature_delimiter(text) && (after_gap || text == "-- ") {
            return index;
        }
        if is_rule(text) {
            // A rule that sets off a short tail is a signature separator, unless the sender
            // already used rules between sections of their own text.
            if seen_author_text
                && after_gap
                && !seen_rule
                && is_short_tail(body, &lines[index + 1..])
            {
                return index;
            }
            seen_rule = true;
        }
        // After text of the sender's own, a header block introduces someone else's message.
        if seen_author_text && header_block_at(body, lines, index) {
            return header_block_start(body, lines, index);
        }
        seen_author_text |= !is_blank(text);
    }
    lines.len()
}

/// Lines that say "what follows is someone else's message".
fn is_marker(line: &str) -> bool {
    let trimmed = line.trim();
    let lower = trimmed.to_ascii_lowercase();
    let ruled = trimmed.starts_with("--") || trimmed.starts_with("__") || trimmed.starts_with("**");
    (ruled
        && (lower.contains("original message")
            || lower.contains("forwarded by")
            || lower.contains("forwarded message")))
        || lower.starts_with("begin forwarded message")
}

/// A line drawn with one character: `-----`, `_____`, `=====`, `*****`.
fn is_rule(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= 5
        && trimmed
            .bytes()
            .all(|b| b == trimmed.as_bytes()[0] && matches!(b, b'-' | b'_' | b'=' | b'*'))
}

/// The most lines a signature set off by a rule may have: name, title, company, a few
/// numbers, a motto. Longer tails are newsletter sections or pasted articles.
const MAX_SIGNATURE_LINES: usize = 10;

/// Whether `lines` (the rest of the body) is short enough to be a signature.
fn is_short_tail(body: &str, lines: &[Line]) -> bool {
    lines
        .iter()
        .filter(|l| !is_blank(l.text(body)))
        .nth(MAX_SIGNATURE_LINES)
        .is_none()
}

/// Novell GroupWise's reply header, `>>> "Name" <address> 11/07/00 10:08PM >>>`, above the
/// earlier message, which it does not quote line by line.
fn is_groupwise_header(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.len() > 6 && trimmed.starts_with(">>>") && trimmed.ends_with(">>>")
}

fn is_signature_delimiter(line: &str) -> bool {
    line == "-- " || line == "--"
}

/// Header names that appear in pasted message headers and Lotus Notes reply blocks.
const QUOTED_HEADER_KEYS: [&str; 8] = [
    "from", "to", "cc", "bcc", "sent", "date", "subject", "reply-to",
];

/// The lower-cased name of a `Name: value` line, if it is one (leading whitespace allowed,
/// as Lotus Notes indents its reply blocks).
fn header_key(line: &str) -> Option<String> {
    let (name, _) = line.trim_start().split_once(':')?;
    let plain = !name.is_empty()
        && name.len() <= 40
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| name.to_ascii_lowercase())
}

fn is_quoted_header_key(key: &str) -> bool {
    QUOTED_HEADER_KEYS.contains(&key)
}

/// How many lines after a header line to look for the next one: Lotus Notes wraps long `To:`
/// lists over many lines.
const HEADER_BLOCK_REACH: usize = 12;

/// Header names that only a message's header block has; `From:`, `Date:` and `Subject:` also
/// head memos and meeting notes that the sender writes themselves.
const ADDRESSING_KEYS: [&str; 5] = ["to", "cc", "bcc", "sent", "reply-to"];

/// Whether a header block of a pasted message starts at `index`: a `From:`, `To:`, `Date:` or
/// `Sent:` line followed closely by a header line of a different name, one of the two being an
/// addressing header (`To:`, `cc:`, `Sent:` ...).
fn header_block_at(body: &str, lines: &[Line], index: usize) -> bool {
    let Some(first) = header_key(lines[index].text(body)) else {
        return false;
    };
    if !matches!(first.as_str(), "from" | "to" | "date" | "sent") {
        return false;
    }
    let first_addresses = ADDRESSING_KEYS.contains(&first.as_str());
    let mut blank_run = 0;
    for line in lines.iter().skip(index + 1).take(HEADER_BLOCK_REACH) {
        let text = line.text(body);
        if is_blank(text) {
            blank_run += 1;
            if blank_run > MAX_GAP_IN_BLOCK {
                return false;
            }
            continue;
        }
        blank_run = 0;
        let pairs = |key: &String| {
            *key != first
                && is_quoted_header_key(key)
                && (first_addresses || ADDRESSING_KEYS.contains(&key.as_str()))
        };
        if header_key(text).as_ref().is_some_and(pairs) {
            return true;
        }
    }
    false
}

/// How many blank lines in a row a header block may contain: Lotus Notes puts one before
/// `Subject:`, and whitespace-only layout lines around its letterhead.
const MAX_GAP_IN_BLOCK: usize = 2;

/// How many blank lines may separate Lotus Notes sender lines from the `To:` block below.
const MAX_GAP_ABOVE_BLOCK: usize = 3;

/// Where the foreign material that has a header block at `index` really starts: the pasted
/// message's other header lines above it (`Message-ID:`, `X-Mailer:` ...), and the Lotus Notes
/// sender lines above those (`Jeff Dasovich`, `Sent by: ...`, `09/26/2000 02:06 PM`).
fn header_block_start(body: &str, lines: &[Line], index: usize) -> usize {
    let mut start = index;
    while start > 0 && header_key(lines[start - 1].text(body)).is_some() {
        start -= 1;
    }
    let mut top = start;
    let mut gap = 0;
    let mut gap_has_empty_line = false;
    while top > 0 && gap < MAX_GAP_ABOVE_BLOCK && is_blank(lines[top - 1].text(body)) {
        top -= 1;
        gap += 1;
        gap_has_empty_line |= lines[top].text(body).is_empty();
    }
    // The sender lines sit together (whitespace-only lines between them are Lotus Notes
    // layout). Take them only if there are at most four, one of them a date, `Sent by:` or the
    // like, and none reads like a sentence, so the sender's own closing lines are never taken.
    let mut count = 0;
    // `From: X on 05/24/2001 11:30 AM` dates the block itself; what sits right above it (with
    // only Lotus Notes' whitespace layout lines between) is then letterhead (`Enron Capital &
    // Trade Resources Corp.`). After an empty line it is the sender's own text again.
    let mut attribution = !gap_has_empty_line && is_attribution_line(lines[start].text(body));
    while top > 0 {
        let text = lines[top - 1].text(body);
        if text.is_empty() {
            break;
        }
        if !is_blank(text) {
            count += 1;
            let sentence = ends_like_sentence(text);
            if count > 4 || text.len() > 120 || is_quoted(text) || sentence {
                return start;
            }
            attribution |= is_attribution_line(text);
        }
        top -= 1;
    }
    if attribution { top } else { start }
}

/// Whether a line ends the way a sentence does, not the way a company name does
/// (`Enron Capital & Trade Resources Corp.` heads Lotus Notes forms).
fn ends_like_sentence(line: &str) -> bool {
    const ABBREVIATIONS: [&str; 6] = ["Corp.", "Inc.", "Ltd.", "Co.", "Jr.", "L.P."];
    let trimmed = line.trim_end();
    trimmed.ends_with(['!', '?', ',', ';', ':'])
        || (trimmed.ends_with('.') && !ABBREVIATIONS.iter().any(|a| trimmed.ends_with(a)))
}

/// A line Lotus Notes or Outlook puts above a pasted message: a date, `Sent by:`,
/// `Please respond to`, a rule.
fn is_attribution_line(line: &str) -> bool {
    let trimmed = line.trim();
    let lower = trimmed.to_ascii_lowercase();
    has_numeric_date(trimmed)
        || lower.starts_with("sent by:")
        || lower.starts_with("please respond to")
        || (trimmed.len() >= 5
            && trimmed
                .bytes()
                .all(|b| matches!(b, b'-' | b'_' | b'=' | b'*')))
}

/// Whether the text contains a date such as `10/18/99` or `2001/04/13`.
fn has_numeric_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits_at = |mut i: usize| {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        (i - start, i)
    };
    let mut i = 0;
    while i < bytes.len() {
        let (n1, after1) = digits_at(i);
        if (1..=4).contains(&n1) && bytes.get(after1) == Some(&b'/') {
            let (n2, after2) = digits_at(after1 + 1);
            if (1..=2).contains(&n2) && bytes.get(after2) == Some(&b'/') {
                let (n3, _) = digits_at(after2 + 1);
                if (2..=4).contains(&n3) {
                    return true;
                }
            }
        }
        i = if n1 > 0 { after1 } else { i + 1 };
    }
    false
}

/// Clears `keep` for attribution lines: `X wrote:` / `X writes:` lines that introduce a quote
/// (or end the sender's text), including `On <date>, X` wrapped onto the line before.
fn drop_attributions(body: &str, lines: &[Line], keep: &mut [bool]) {
    // For each line, whether the next non-blank line after it is quoted (`None`: there is
    // none), computed in one backward pass so that long runs of blank lines cost nothing.
    let mut next_quoted = vec![None; lines.len()];
    let mut following: Option<bool> = None;
    for index in (0..lines.len()).rev() {
        next_quoted[index] = following;
        let text = lines[index].text(body);
        if !is_blank(text) {
            following = Some(is_quoted(text));
        }
    }
    for index in 0..lines.len() {
        if !keep[index] {
            continue;
        }
        let text = lines[index].text(body).trim_end();
        let lower = text.to_ascii_lowercase();
        if !(lower.ends_with("wrote:") || lower.ends_with("writes:")) {
            continue;
        }
        let introduces_quote = next_quoted[index].unwrap_or(true);
        let formula =
            lower.trim_start().starts_with("on ") || lower.trim_start().starts_with("at ");
        if !(introduces_quote || formula) {
            continue;
        }
        keep[index] = false;
        // "On Tue, 28 Nov 2000 at 10:15, Some Long Name <x@example.com>\nwrote:"
        if index > 0 && keep[index - 1] {
            let previous = lines[index - 1]
                .text(body)
                .trim_start()
                .to_ascii_lowercase();
            if !formula && (previous.starts_with("on ") || previous.starts_with("at ")) {
                keep[index - 1] = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(body: &str) -> Vec<&str> {
        author_ranges(body).into_iter().map(|r| &body[r]).collect()
    }

    #[test]
    fn plain_body_is_kept_without_trailing_blank_lines() {
        assert_eq!(
            author("Hi team,\n\nShip it.\n\n\n"),
            ["Hi team,\n\nShip it."]
        );
        assert_eq!(author("\n\n  \n"), Vec::<&str>::new());
    }

    #[test]
    fn nested_quotes_and_attributions_are_dropped() {
        let body = "Fine by me.\r\n\r\nOn Tue, 28 Nov 2000 Shirley.Crenshaw@enron.com wrote:\r\n\r\n> Can you do Tuesday?\r\n> > On Mon, Bob wrote:\r\n> > > Any day works.\r\n>\r\nSee you then.\r\n";
        assert_eq!(author(body), ["Fine by me.", "See you then."]);
    }

    #[test]
    fn wrapped_attribution_and_bare_wrote() {
        let body = "Yes.\n\nOn Tue, 28 Nov 2000 10:15:00 -0500, A Very Long Name <long@example.com>\nwrote:\n> question?\n";
        assert_eq!(author(body), ["Yes."]);
        let body = "Urszula\n\nVince.J.Kaminski@enron.com wrote:\n\n> Another question.\n";
        assert_eq!(author(body), ["Urszula"]);
        // "wrote:" in the sender's own sentence, not before a quote, stays.
        let body = "This is what I wrote:\nthe plan is fine.\n";
        assert_eq!(author(body), ["This is what I wrote:\nthe plan is fine."]);
    }

    #[test]
    fn outlook_original_message_ends_the_author_text() {
        let body =
            "Vince\n\n -----Original Message-----\nFrom: \tU <u@x>\nSent:\tTuesday\n\nOld text\n";
        assert_eq!(author(body), ["Vince"]);
        let body = "Ok\n----- Original Message ----- \nFrom: a\n";
        assert_eq!(author(body), ["Ok"]);
    }

    #[test]
    fn lotus_forwarded_by_wrapped_over_two_lines() {
        let body = "FYI, see below.\n\n---------------------- Forwarded by Steven J Kean/HOU/EES on 10/18/99 08:46 \nAM ---------------------------\n\n\nKaren Denne@ENRON\n10/18/99 07:08 AM\nTo: Steven J Kean/HOU/EES@EES\ncc:  \nSubject: Translation\n\nKaren\n";
        assert_eq!(author(body), ["FYI, see below."]);
        let body = "---------------------- Forwarded by X on 1/1/01\n\nText";
        assert_eq!(author(body), Vec::<&str>::new());
    }

    #[test]
    fn lotus_reply_block_without_marker() {
        let body = "Thanks..... what's a BEEP?\n\n\n\n\tJeff Dasovich\n\tSent by: Jeff Dasovich\n\t10/02/2000 05:53 PM\n\t\t \n\t\t To: skean@enron.com, Tim Belden/HOU/ECT@ECT\n\t\t cc: \n\t\t Subject: Letter\n\nOld\n";
        assert_eq!(author(body), ["Thanks..... what's a BEEP?"]);
        let body = "Jim\n\n\n\n\nPaul Kaufman@ECT\n04/13/2001 01:06 PM\nTo: Karen Denne/Corp/Enron@ENRON\ncc: James D Steffes/NA/Enron@Enron, Jeff Dasovich \n\nSubject: Re: x\n\nI like it\n";
        assert_eq!(author(body), ["Jim"]);
        // The sender's last line right above the block, with no date in between, stays.
        let body = "help me out!\nFrom: Jeff Dasovich on 04/13/2001 12:34 PM\nSent by: Jeff Dasovich\nTo: Karen\ncc:\n\nAmen.\n";
        assert_eq!(author(body), ["help me out!"]);
    }

    #[test]
    fn lotus_sender_lines_with_blank_lines_below_them() {
        let body = "Can we get in touch with DOE?\n\n\n\nCynthia Sandherr@ENRON\n07/18/2000 05:03 PM\n\n\nTo: Jeff Brown/HOU/EES@EES\ncc: Stanley Horton/Corp/Enron@Enron\nSubject: Re: Mtg\n\nJeff:\n";
        assert_eq!(author(body), ["Can we get in touch with DOE?"]);
        let body = "I'm glad.\n\n\nKevin Scott <k@x.net> on 07/13/2001 10:14:01 AM\nPlease respond to k@x.net\n\nTo:\tSteve Kean <skean@enron.com>\n\ncc:\t \n\nSubject:\tSpoke\n";
        assert_eq!(author(body), ["I'm glad."]);
        // The sender's own closing sentence right above a block is kept.
        let body = "Call me by 10/10/2000.\nTo: Karen\ncc: Jim\n";
        assert_eq!(author(body), ["Call me by 10/10/2000."]);
    }

    #[test]
    fn lotus_letterhead_above_the_block() {
        let body = "Is this it?\n\n\n   \n\tEnron Capital & Trade Resources Corp.\n\t\n\tFrom:  Rebecca W Cantrell @ ECT            05/24/2001 11:30 AM\n\t\n\nTo: Steven J Kean/NA/Enron@ENRON\ncc: Leslie Lawner\n\nSubject: Re: EOL\n\nOld text\n";
        assert_eq!(author(body), ["Is this it?"]);
    }

    #[test]
    fn a_dated_from_line_after_an_empty_line_leaves_the_text_above() {
        let body = "Yes\n\n\nFrom: Jeff Dasovich on 04/19/2001 03:45 PM\nSent by: Jeff Dasovich\nTo: Steven J Kean/NA/Enron@Enron\ncc:  \n\nSubject: Re:\n\nMake sense?\n";
        assert_eq!(author(body), ["Yes"]);
    }

    #[test]
    fn from_and_subject_alone_are_a_memo_heading() {
        let body = "Enron Wholesale Services - Office of the Chairman\n\nFrom:  Mark Frevert, Chairman & CEO\nSubject:  Confidential Information\n\nTo keep pace with demands...\n";
        assert_eq!(author(body), [body.trim_end()]);
    }

    #[test]
    fn pasted_raw_headers_end_the_author_text() {
        let body = "gba\n\nX-Mozilla-Status2: 00000000\nMessage-ID: <1@idt.net>\nDate: Fri, 04 Aug 2000\nFrom: Gary\nTo: list\n\nburrito\n";
        assert_eq!(author(body), ["gba"]);
        let body = "FYI\nContent-Transfer-Encoding: quoted-printable\nDate: Tue, 17 Oct 2000\nFrom: \"T\" <t@x>\nTo: \"D\" <d@x>\n";
        assert_eq!(author(body), ["FYI"]);
    }

    #[test]
    fn memo_heading_at_the_top_is_the_senders() {
        let body = "Date: 4/20/01\nTo: Jan\nCc: Board\nFrom: Julee\nRE: Status\n\nRECENT EVENTS:\n";
        assert_eq!(author(body), [body.trim_end()]);
        let body = "Date: Monday\nTime: 3pm\n\nSee you.";
        assert_eq!(author(body), [body]);
    }

    #[test]
    fn signature_is_dropped() {
        assert_eq!(
            author("Thanks,\nJean\n\n\n-- \nJean Munoz\n916\n"),
            ["Thanks,\nJean"]
        );
        assert_eq!(author("Hoyt\n\n--\nHoyt H. Thomas\n"), ["Hoyt"]);
        // A wrapped dash in running text is not a signature.
        let body = "and others \n--\nthey were going";
        assert_eq!(author(body), [body]);
    }

    #[test]
    fn groupwise_reply_header_ends_the_author_text() {
        let body = "Lying in the weeds may be prudent.\n\n>>> \"Fergus, Gary S.\" <GFergus@brobeck.com> 11/07/00 10:08PM >>>\nI just spoke with Mary.\n";
        assert_eq!(author(body), ["Lying in the weeds may be prudent."]);
    }

    #[test]
    fn signature_under_a_rule_after_a_quote() {
        let body = "Jingming\n\nOn Tue, 28 Nov 2000 S wrote:\n\n> Good afternoon\n>\n\n----------------\nJingming Yan  jmyan@stanford.edu\nDepartment of Economics\n----------------\nA motto   -- Confucius\n";
        assert_eq!(author(body), ["Jingming"]);
        // An underlined heading is not a signature, nor is a long section under a rule.
        let body = "Agenda\n------\n1. budget\n2. staffing\n";
        assert_eq!(author(body), [body.trim_end()]);
        let long = format!("Intro\n\n-----\n{}", "line\n".repeat(12));
        assert_eq!(author(&long), [long.trim_end()]);
        // Once rules have separated long sections, a short last section is not a signature.
        let sections = format!(
            "Program\n\n-----\nSession 1\n{}\n-----\nSession 2\n\nTalk B\n",
            "Talk\n".repeat(12)
        );
        assert_eq!(author(&sections), [sections.trim_end()]);
    }

    #[test]
    fn forwarded_message_markers() {
        assert_eq!(
            author("See below\n\n---------- Forwarded message ---------\nFrom: a\n"),
            ["See below"]
        );
        assert_eq!(
            author("Look\n\nBegin forwarded message:\n\nFrom: a\n"),
            ["Look"]
        );
    }

    #[test]
    fn numeric_dates() {
        assert!(has_numeric_date("10/18/99 08:46 AM"));
        assert!(has_numeric_date("Sent 2001/04/13"));
        assert!(!has_numeric_date("1/2 of the time"));
        assert!(!has_numeric_date("and/or 3/4"));
    }
}
