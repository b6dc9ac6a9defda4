//! What kind of message a draft is, so that a finding's rewrites fit it.
//!
//! The seed articles' rewrites are about discharge orders and authorizations; a support ticket or
//! a git patch needs the general wording every rule also carries. A rewrite says what it was
//! written for (`context = "general"` in its lexicon entry; none means clinical care), and a
//! finding lists the rewrites that fit the draft first.

use serde::Serialize;

/// The kind of message: who it is for and what it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Clinicians and care teams: orders, patients, discharges.
    Clinical,
    /// Payers: authorizations, claims, denials, appeals.
    Payer,
    /// Patients' families and patients themselves.
    Family,
    /// Work outside care: teams, customers, suppliers, software.
    Workplace,
    /// Anything else.
    General,
}

/// Words that mark each context, matched as whole lower-case words. Several contexts' words can
/// appear in one draft; the one with the most occurrences wins.
const CUES: [(Context, &[&str]); 4] = [
    (
        Context::Clinical,
        &[
            "patient",
            "patients",
            "discharge",
            "discharged",
            "discharges",
            "bed",
            "unit",
            "nurse",
            "nurses",
            "nursing",
            "rn",
            "md",
            "dr",
            "physician",
            "physicians",
            "doctor",
            "resident",
            "attending",
            "rounds",
            "chart",
            "charted",
            "charting",
            "medication",
            "medications",
            "meds",
            "dose",
            "wound",
            "surgery",
            "surgeon",
            "ed",
            "er",
            "icu",
            "clinic",
            "hospital",
            "admission",
            "admitted",
            "consult",
            "pharmacy",
            "therapy",
            "rehab",
            "snf",
            "orders",
            "vitals",
            "labs",
            "pt",
            "ot",
        ],
    ),
    (
        Context::Payer,
        &[
            "authorization",
            "auth",
            "claim",
            "claims",
            "denial",
            "denied",
            "appeal",
            "appeals",
            "adjuster",
            "coverage",
            "covered",
            "member",
            "utilization",
            "reviewer",
            "reimbursement",
            "benefits",
            "insurance",
            "insurer",
            "payer",
            "carrier",
            "formulary",
            "copay",
        ],
    ),
    (
        Context::Family,
        &[
            "mom",
            "mother",
            "dad",
            "father",
            "husband",
            "wife",
            "son",
            "daughter",
            "grandma",
            "grandmother",
            "grandfather",
            "grandpa",
            "caregiver",
            "visiting",
            "family",
        ],
    ),
    (
        Context::Workplace,
        &[
            "commit",
            "patch",
            "pr",
            "merge",
            "merged",
            "build",
            "release",
            "deploy",
            "deployed",
            "ticket",
            "tickets",
            "customer",
            "customers",
            "client",
            "clients",
            "invoice",
            "refund",
            "shipment",
            "delivery",
            "vendor",
            "supplier",
            "meeting",
            "project",
            "sprint",
            "repo",
            "code",
            "bug",
            "bugs",
            "review",
            "spreadsheet",
            "deck",
            "slides",
            "account",
            "order",
            "store",
            "office",
            "manager",
            "contract",
            "budget",
        ],
    ),
];

impl Context {
    /// Every context, in the order they are preferred when a draft is equally like several.
    pub const ALL: [Context; 5] = [
        Context::Clinical,
        Context::Payer,
        Context::Family,
        Context::Workplace,
        Context::General,
    ];

    /// The name lexicons and JSON use: `clinical`, `payer`, `family`, `workplace`, `general`.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Clinical => "clinical",
            Context::Payer => "payer",
            Context::Family => "family",
            Context::Workplace => "workplace",
            Context::General => "general",
        }
    }

    /// The context of that name, if there is one.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Guesses what kind of message `text` is from its words; `General` when nothing marks it.
    ///
    /// ```
    /// use tonelint::Context;
    /// assert_eq!(Context::of("The patient's discharge orders are not signed."), Context::Clinical);
    /// assert_eq!(Context::of("The release broke the build again."), Context::Workplace);
    /// assert_eq!(Context::of("See you at the picnic."), Context::General);
    /// ```
    pub fn of(text: &str) -> Context {
        let index = cue_index();
        let mut counts = [0usize; 4];
        let mut count = |word: &str| {
            if let Some(contexts) = index.contexts(word) {
                for (i, count) in counts.iter_mut().enumerate() {
                    if contexts & (1 << i) != 0 {
                        *count += 1;
                    }
                }
            }
        };
        // Every check of a draft with findings runs this over the whole draft, so ASCII words
        // are cut out byte by byte and lower-cased in place; a word with other letters takes
        // the general path.
        let bytes = text.as_bytes();
        let mut lowered = [0u8; 16];
        let mut at = 0;
        while at < bytes.len() {
            if !(bytes[at].is_ascii_alphanumeric() || bytes[at] >= 0x80) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] >= 0x80) {
                at += 1;
            }
            let word = &bytes[start..at];
            if word.is_ascii() {
                if word.len() <= 16 {
                    let lower = &mut lowered[..word.len()];
                    lower.copy_from_slice(word);
                    lower.make_ascii_lowercase();
                    count(std::str::from_utf8(lower).unwrap_or_default());
                }
            } else {
                // Char boundaries: the run starts and ends at ASCII bytes or the text's ends.
                let run = &text[start..at];
                for word in run
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && w.len() <= 16)
                {
                    count(&word.to_lowercase());
                }
            }
        }
        let mut best = Context::General;
        let mut most = 0;
        for (i, &count) in counts.iter().enumerate() {
            if count > most {
                most = count;
                best = CUES[i].0;
            }
        }
        best
    }

    /// How well a rewrite written for `written_for` suits a draft of this context: lower is
    /// better. Care drafts (clinical, payer, family) prefer any care wording to the general one;
    /// other drafts prefer the general wording to hospital sentences.
    pub(crate) fn fit(self, written_for: Context) -> u8 {
        let care = |c: Context| matches!(c, Context::Clinical | Context::Payer | Context::Family);
        if self == written_for {
            0
        } else if care(self) == care(written_for) {
            1
        } else if written_for == Context::General {
            2
        } else {
            3
        }
    }
}

/// A checked draft's kind, worked out the first time a finding's rewrites are asked for: a check
/// whose findings are only counted (a pre-send hook, the benchmarks) never pays for reading the
/// whole draft again. A report's findings share one.
#[derive(Debug)]
pub(crate) struct DraftKind {
    text: Box<str>,
    kind: std::sync::OnceLock<Context>,
}

impl DraftKind {
    pub(crate) fn new(text: &str) -> std::sync::Arc<DraftKind> {
        std::sync::Arc::new(DraftKind {
            text: text.into(),
            kind: std::sync::OnceLock::new(),
        })
    }

    pub(crate) fn get(&self) -> Context {
        *self.kind.get_or_init(|| Context::of(&self.text))
    }
}

impl PartialEq for DraftKind {
    fn eq(&self, other: &DraftKind) -> bool {
        self.get() == other.get()
    }
}

impl Eq for DraftKind {}

/// Every cue word, sorted, with a bit per context (by index in `CUES`) whose list holds it, and
/// the (first, last) letter pairs that occur, so most words are turned away without a search.
struct CueIndex {
    words: Vec<(&'static str, u8)>,
    ends: [[bool; 36]; 36],
}

impl CueIndex {
    fn contexts(&self, word: &str) -> Option<u8> {
        let bytes = word.as_bytes();
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last())
            && let (Some(f), Some(l)) = (end_slot(first), end_slot(last))
            && !self.ends[f][l]
        {
            return None;
        }
        self.words
            .binary_search_by(|(cue, _)| (*cue).cmp(word))
            .ok()
            .map(|at| self.words[at].1)
    }
}

/// A lower-case ASCII letter's or digit's row in `CueIndex::ends`.
fn end_slot(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

fn cue_index() -> &'static CueIndex {
    static INDEX: std::sync::OnceLock<CueIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut words: Vec<(&'static str, u8)> = CUES
            .iter()
            .enumerate()
            .flat_map(|(i, (_, words))| words.iter().map(move |w| (*w, 1u8 << i)))
            .collect();
        words.sort_unstable();
        // A word in two lists counts for both, as it did when each list was searched in turn.
        words.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        // Every cue is lower-case ASCII letters and digits today; should one ever not be, the
        // filter would wrongly turn it away, so it is left open to every word instead.
        let mut ends = [[true; 36]; 36];
        if words
            .iter()
            .all(|(w, _)| w.bytes().all(|b| end_slot(b).is_some()))
        {
            ends = [[false; 36]; 36];
            for (word, _) in &words {
                let bytes = word.as_bytes();
                if let (Some(f), Some(l)) = (
                    bytes.first().and_then(|&b| end_slot(b)),
                    bytes.last().and_then(|&b| end_slot(b)),
                ) {
                    ends[f][l] = true;
                }
            }
        }
        CueIndex { words, ends }
    })
}

/// The seed articles' titles, by file name: a citation names the article, not a file the reader
/// does not have. The one untitled article is cited by its first words, as untitled pieces are.
pub(crate) fn seed_title(source: &str) -> Option<&'static str> {
    Some(match source {
        "000_f142cf3f49fb3e6e.txt" => {
            "Negotiation is one of the core skills nurse case managers rely on..."
        }
        "001_6d78e1e62cc152ba.txt" => "Negotiation and Advocacy: Maintaining a Delicate Balance",
        "002_7aab6430c03ed061.txt" => "Negotiation techniques",
        "003_ff0f8f350e242962.txt" => "Mastering Difficult Conversations: A Case Manager's Guide",
        "004_6b8b1bc123790003.txt" => {
            "How Physician Leaders Can Negotiate Without Losing Influence"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::Context;

    #[test]
    fn a_support_ticket_and_a_discharge_message_are_told_apart() {
        assert_eq!(
            Context::of("The customer's ticket has been open for a week and the refund is late."),
            Context::Workplace
        );
        assert_eq!(
            Context::of("Dr. Kim, the patient is waiting on the discharge orders."),
            Context::Clinical
        );
        assert_eq!(
            Context::of("The claim was denied and the appeal is due Friday."),
            Context::Payer
        );
        assert_eq!(Context::of(""), Context::General);
    }

    /// The cue index gives what searching each list in turn gave.
    #[test]
    fn the_cue_index_agrees_with_the_lists() {
        fn by_lists(text: &str) -> Context {
            let mut counts = [0usize; 4];
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && w.len() <= 16)
            {
                let lower = word.to_lowercase();
                for (i, (_, cues)) in super::CUES.iter().enumerate() {
                    if cues.contains(&lower.as_str()) {
                        counts[i] += 1;
                    }
                }
            }
            let mut best = Context::General;
            let mut most = 0;
            for (i, &count) in counts.iter().enumerate() {
                if count > most {
                    most = count;
                    best = super::CUES[i].0;
                }
            }
            best
        }
        let mut texts: Vec<String> = super::CUES
            .iter()
            .flat_map(|(_, words)| words.iter())
            .map(|w| format!("Re: {} and the TICKET, {}!", w.to_uppercase(), w))
            .collect();
        texts.push("PATIENT discharge; Ärztin und Patient, the claim and the appeal".into());
        texts.push("The refund, the customer, the invoice: dr. Kim's patients".into());
        texts.push(
            "Patient’s discharge—the “claim” and the claim’s appeal, Ticket№4 café refund".into(),
        );
        for text in &texts {
            assert_eq!(Context::of(text), by_lists(text), "{text}");
        }
    }

    #[test]
    fn fitting_wording_comes_first() {
        assert!(
            Context::Workplace.fit(Context::General) < Context::Workplace.fit(Context::Clinical)
        );
        assert!(Context::Payer.fit(Context::Clinical) < Context::Payer.fit(Context::General));
        assert_eq!(Context::Family.fit(Context::Family), 0);
    }
}
