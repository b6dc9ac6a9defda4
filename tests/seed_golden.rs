//! The golden test: what the seed documents criticise is flagged in the right category, and what
//! they recommend is clean. The sentences are quoted verbatim from `../shared/seeds/` (curly
//! apostrophes included); when the seeds are present, the test also checks they still say so.

use std::path::PathBuf;

use tonelint::{Category, Linter, Report, Verdict};

const SEED_000: &str = "000_f142cf3f49fb3e6e.txt";
const SEED_003: &str = "003_ff0f8f350e242962.txt";
const SEED_004: &str = "004_6b8b1bc123790003.txt";

/// Phrasings a seed criticises, the categories each must be flagged in, and the seed.
const CRITICISED: &[(&str, &[Category], &str)] = &[
    (
        "You still haven’t signed the discharge orders. This delay is unacceptable. I need you to do this right now.",
        &[Category::Aggressive, Category::Demanding],
        SEED_000,
    ),
    (
        "We’re still waiting on the doctor’s approval, so it might take a while.",
        &[Category::Vague],
        SEED_003,
    ),
    ("I need a higher salary", &[Category::Demanding], SEED_004),
    (
        "We need more resources for patient care",
        &[Category::Demanding],
        SEED_004,
    ),
];

/// Assertive versions a seed recommends; none may produce any finding, so each scores 0 or less
/// (strengths take points off).
const RECOMMENDED: &[(&str, &str)] = &[
    (
        "I know you’re juggling a lot today. I want to make sure this patient gets home safely, and the home health agency can’t start services until the discharge orders are signed. What’s the best way for us to get this completed today?",
        SEED_000,
    ),
    (
        "The doctor is reviewing your case, and we expect an update by Friday. I will call you as soon as I have confirmation.",
        SEED_003,
    ),
    (
        "Based on my leadership role in improving patient outcomes and reducing hospital costs, my compensation should reflect these contributions.",
        SEED_004,
    ),
    (
        "Allocating X additional resources will reduce readmissions by Y%, saving the hospital Z dollars annually.",
        SEED_004,
    ),
    (
        "I hear your frustration, and I want to make sure we get this resolved as quickly as possible. Let’s review where things stand and what steps we can take next.",
        SEED_003,
    ),
    (
        "I understand that this is frustrating, but I need us to have a respectful conversation so I can help you.",
        SEED_003,
    ),
    (
        "I want to ensure we find a solution, so let’s take a break and revisit this when we can have a more productive discussion.",
        SEED_003,
    ),
    (
        "I noticed that you’ve missed your last three physical therapy appointments. These sessions are critical to your recovery, and skipping them could delay your progress. Can you help me understand what’s preventing you from attending? If transportation is an issue, I may be able to assist you in finding a solution.",
        SEED_003,
    ),
    (
        "Dear [Client Name],\nI appreciate our conversation today about your treatment plan. As we discussed, your next step is to attend your upcoming physical therapy session on [date]. If you have any concerns or need assistance, please reach out to me. My goal is to support you in your recovery, and I’m here to help. Looking forward to your progress!\nBest, [Your Name]",
        SEED_003,
    ),
    (
        "What challenges do you see in approving this request?",
        SEED_004,
    ),
    (
        "I appreciate the offer. However, given my responsibilities and contributions, I need to explore options that better align with my leadership role.",
        SEED_004,
    ),
    (
        "I know this is a tough situation, and I want to make sure you have all the information you need to move forward",
        SEED_003,
    ),
    (
        "I hear that you’re frustrated with the delay in your authorization. Let me explain what’s happening.",
        SEED_003,
    ),
    (
        "Can you tell me what your biggest concern is right now?",
        SEED_003,
    ),
];

fn describe(report: &Report) -> String {
    report
        .findings()
        .iter()
        .map(|f| format!("{}[{}] {:?}", f.category(), f.rule_id(), f.text()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn criticised_phrasings_are_flagged_in_their_categories() {
    let linter = Linter::new();
    for (text, categories, seed) in CRITICISED {
        let report = linter.check(text);
        for category in *categories {
            assert!(
                report.findings().iter().any(|f| f.category() == *category),
                "{seed}: {text:?} is not flagged as {category}; found: {}",
                describe(&report)
            );
        }
        assert_ne!(report.summary().verdict, Verdict::Assertive, "{text:?}");
        assert!(report.summary().score > 0, "{text:?}");
        for finding in report.findings() {
            assert_eq!(&text[finding.span()], finding.text());
        }
    }
}

#[test]
fn the_aggressive_version_flags_each_criticised_phrase() {
    let linter = Linter::new();
    let text = CRITICISED[0].0;
    let report = linter.check(text);
    let flagged: Vec<&str> = report.findings().iter().map(|f| f.text()).collect();
    for phrase in ["unacceptable", "I need you to", "right now"] {
        assert!(
            flagged.iter().any(|f| f.contains(phrase)),
            "{phrase:?} is not flagged; found: {}",
            describe(&report)
        );
    }
    assert!(
        flagged.iter().any(|f| f.contains("still haven’t")),
        "the blame opener is not flagged: {}",
        describe(&report)
    );
}

#[test]
fn recommended_versions_are_clean() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    for (text, seed) in RECOMMENDED {
        let report = linter.check(text);
        if !report.findings().is_empty() {
            failures.push(format!(
                "{seed}: {text:?} is flagged: {}",
                describe(&report)
            ));
        }
        // Strengths may take the score below zero; it never rises above.
        if report.summary().score > 0 || report.summary().verdict != Verdict::Assertive {
            failures.push(format!(
                "{seed}: {text:?} scores {}",
                report.summary().score
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The test's sentences are the seeds' own words, not paraphrases.
#[test]
fn golden_sentences_are_quoted_from_the_seeds() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentences = CRITICISED
        .iter()
        .map(|(t, _, s)| (*t, *s))
        .chain(RECOMMENDED.iter().copied());
    for (text, seed) in sentences {
        let seed_text = squash(&std::fs::read_to_string(dir.join(seed)).unwrap());
        assert!(
            seed_text.contains(&squash(text)),
            "{seed} does not contain {text:?}"
        );
    }
}
