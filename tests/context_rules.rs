//! Context rules: the same words flagged in one context and fine in another. Each case pairs a
//! sentence that must be flagged by a rule with a near-identical one where context (negation, an
//! offer of help, a care instruction, a descriptive use, quoted or reported speech) makes it
//! fine, so removing the context rule makes the second half fail.

use tonelint::Linter;

/// (rule id, flagged sentence, the same words in a context that must not be flagged)
///
/// Apart from the two quoted-speech pairs (an engine rule), every "fine" sentence here is flagged
/// by its rule when the rule's `exceptions` are removed: the context rule is what keeps it quiet.
const PAIRS: &[(&str, &str, &str)] = &[
    // Quoted speech is someone else's words (an engine rule, not a lexicon exception).
    (
        "aggressive.unacceptable",
        "The adjuster's delay is unacceptable.",
        "She said the adjuster told her the delay was \"unacceptable\" and hung up.",
    ),
    (
        "aggressive.unacceptable",
        "This delay is unacceptable.",
        "Her daughter called the wait “unacceptable” when we spoke this morning.",
    ),
    // Reported speech without quotation marks: a lexicon exception ("said ... ridiculous").
    (
        "aggressive.unacceptable",
        "The adjuster's delay is unacceptable.",
        "She said the adjuster's delay was unacceptable, so I promised her a date.",
    ),
    (
        "aggressive.ridiculous",
        "This denial is ridiculous.",
        "The family said the denial was ridiculous, so I'd like to walk them through it.",
    ),
    (
        "aggressive.outrageous",
        "The wait is outrageous.",
        "Her son called the wait outrageous.",
    ),
    (
        "aggressive.insult",
        "Your office is incompetent.",
        "The patient's son called our office incompetent, so I'd like to walk him through the timeline.",
    ),
    // Negation: the same words, denied.
    (
        "aggressive.blame",
        "This delay is your fault.",
        "This delay is not your fault.",
    ),
    (
        "accusatory.your-mistake",
        "The missing page was your mistake.",
        "The missing page was not your mistake; the fax cut it off.",
    ),
    (
        "aggressive.outrageous",
        "The fee is outrageous.",
        "The fee is high, but not outrageous.",
    ),
    (
        "aggressive.insult",
        "Your office is incompetent.",
        "Your office is not incompetent; it is understaffed.",
    ),
    (
        "aggressive.not-my-problem",
        "Big deal.",
        "It's no big deal.",
    ),
    (
        "demanding.end-of-discussion",
        "No exceptions.",
        "The policy applies to every member, with no exceptions.",
    ),
    // Offers, and questions about what the reader needs.
    (
        "demanding.right-now",
        "I need it right now.",
        "Do you need it right now?",
    ),
    (
        "demanding.asap",
        "I need it asap.",
        "If you need it asap, I can bring it over.",
    ),
    (
        "demanding.you-need-to",
        "You need to send the records today.",
        "Let me know if you need to send the records later.",
    ),
    (
        "demanding.i-need-you-to",
        "I need you to call the family today.",
        "I need you to know that we're here for you.",
    ),
    (
        "demanding.immediately",
        "Sign the form immediately.",
        "I'll sign the form immediately.",
    ),
    ("demanding.do-it-now", "Sign it now.", "I'll sign it now."),
    (
        "demanding.get-this-done",
        "Make it happen.",
        "Let's make it happen.",
    ),
    (
        "aggressive.escalation-threat",
        "I'll escalate this.",
        "I'll escalate this if you'd like.",
    ),
    (
        "aggressive.you-still-havent",
        "You still haven't received the form.",
        "If you still haven't received the form, let me know.",
    ),
    (
        "accusatory.you-didnt",
        "You didn't send the consent form.",
        "If you didn't send the consent form yet, I can bring a copy.",
    ),
    (
        "accusatory.you-forgot",
        "You forgot to sign page two.",
        "If you forgot to sign page two, I can bring it back to the unit.",
    ),
    (
        "accusatory.why-did-you",
        "Why don't you call the family yourself?",
        "Why don't you come by the clinic on Thursday?",
    ),
    // Care instructions: steps for the patient, not orders to a colleague.
    (
        "demanding.you-must",
        "You must take the forms to the billing office.",
        "You must take this with food.",
    ),
    (
        "demanding.you-have-to",
        "You have to send the form today.",
        "You have to keep the leg elevated today.",
    ),
    (
        "demanding.you-need-to",
        "You need to fax the orders today.",
        "You need to keep the dressing dry today.",
    ),
    (
        "demanding.dont-order",
        "Do not remove the notes from the chart.",
        "Do not remove the dressing for 48 hours.",
    ),
    (
        "demanding.not-allowed",
        "You are not allowed to call the unit after 5.",
        "You are not allowed to drive for 24 hours after the procedure.",
    ),
    (
        "demanding.immediately",
        "Send the records immediately.",
        "If the bleeding starts again, call us immediately.",
    ),
    (
        "demanding.immediately",
        "This needs to be done immediately.",
        "This needs to be done immediately after surgery.",
    ),
    (
        "aggressive.calm-down",
        "Calm down.",
        "The breathing exercises helped her calm down.",
    ),
    // Descriptive uses: the words describe a state of affairs instead of ordering anyone.
    (
        "demanding.right-now",
        "Call the family right now.",
        "Call volume is high right now, so the line may be slow.",
    ),
    (
        "demanding.you-must",
        "You must be at the clinic by 8.",
        "You must be exhausted after the week you've had.",
    ),
    (
        "demanding.immediately",
        "This needs to be fixed immediately.",
        "Did it need to be fixed immediately?",
    ),
    (
        "vague.soon",
        "We'll have an answer soon.",
        "I'll call you as soon as we have an answer.",
    ),
    // The sentence before: a dated request makes the escalation after it the next step announced
    // plainly (`guard.dated-request`, scope `next`); an alert makes the orders after it the
    // emergency procedure (`guard.emergency-alert`).
    (
        "aggressive.conditional-threat",
        "Nobody has called me back. If not, I'll file a complaint with the state insurance commissioner.",
        "Please have a supervisor contact me by April 8. If not, I'll file a complaint with the state insurance commissioner.",
    ),
    (
        "demanding.bare-imperative-deadline",
        "Move the patients away from the windows now.",
        "Tornado warning in effect until 4:45 p.m. Move the patients away from the windows now.",
    ),
    // A question marked as curiosity, in its own sentence or the next (`guard.friendly-disclaimer`
    // and `guard.friendly-disclaimer-after`).
    (
        "accusatory.how-come",
        "How come you didn't use the new wound care template on the Harris note?",
        "How come you didn't use the new wound care template on the Harris note? Not complaining, I just want to fix it if it's broken.",
    ),
    (
        "aggressive.repeated-question",
        "Did you mean to cc the whole department on the lunch order??",
        "Did you mean to cc the whole department on the lunch order?? Honest question, no judgment.",
    ),
    // An order that names a hazard, or follows one, is the safety procedure (`guard.hazard`,
    // `guard.hazard-before`).
    (
        "demanding.bare-imperative-deadline",
        "Report anything you find to me right away.",
        "Report anything suspicious right away.",
    ),
    (
        "demanding.bare-imperative-deadline",
        "Do not hang any IV bag from the second shelf. Pull them from the Pyxis immediately.",
        "Do not hang any IV bag from the March 10 recall lot. Pull them from the Pyxis immediately.",
    ),
    // A record stated as the record; the reader's time asked for, not limited; joy in capitals.
    (
        "accusatory.you-didnt",
        "You have not returned the fitness-for-duty certification we mailed on April 10.",
        "Our records show you have not returned the fitness-for-duty certification we mailed on April 10.",
    ),
    (
        "demanding.you-will",
        "Send me your comments on the draft below. You have five minutes.",
        "Can you look at the draft below if you have five minutes?",
    ),
    (
        "aggressive.all-caps",
        "YOU DID IT WRONG! Redo the count before you leave.",
        "YOU DID IT! First IV on the first try in a 2-year-old. Proud of you.",
    ),
];

#[test]
fn context_turns_a_finding_off() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    for (rule, flagged, fine) in PAIRS {
        if !linter
            .check(flagged)
            .findings()
            .iter()
            .any(|f| f.rule_id() == *rule)
        {
            failures.push(format!("{rule} does not flag {flagged:?}"));
        }
        if let Some(f) = linter
            .check(fine)
            .findings()
            .iter()
            .find(|f| f.rule_id() == *rule)
        {
            failures.push(format!("{rule} flags {:?} in {fine:?}", f.text()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The severity of `rule`'s first finding in `text`, if it reports one.
fn severity(linter: &Linter, rule: &str, text: &str) -> Option<tonelint::Severity> {
    linter
        .check(text)
        .findings()
        .iter()
        .find(|f| f.rule_id() == rule)
        .map(|f| f.severity())
}

/// A stated need followed by its reason (`guard.reason-follows`, scope `previous`) stays as
/// information; the same need followed by anything else, or a bare order followed by its reason,
/// keeps its warning.
#[test]
fn a_reason_in_the_next_sentence_softens_a_stated_need() {
    use tonelint::Severity;
    let linter = Linter::new();
    let severity_of = |text: &str, rule: &str| severity(&linter, rule, text);
    let need = "We need the signed plan of care for Mr. Ueda by 5/20.";
    assert_eq!(
        severity_of(need, "demanding.need-it-by"),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_of(
            &format!("{need} Medicare requires the physician's signature before we can bill."),
            "demanding.need-it-by"
        ),
        Some(Severity::Info)
    );
    assert_eq!(
        severity_of(
            &format!("{need} I re-faxed it today to 555-0131."),
            "demanding.need-it-by"
        ),
        Some(Severity::Warning)
    );
    // The reason must follow the need, not come before it.
    assert_eq!(
        severity_of(
            &format!("Medicare requires the physician's signature before we can bill. {need}"),
            "demanding.need-it-by"
        ),
        Some(Severity::Warning)
    );
}

/// A stated need followed by an offer to hear the reader out (`guard.offer-to-talk`, scope
/// `previous`) stays as information; the same need on its own, or followed by a threat, keeps
/// its warning.
#[test]
fn an_offer_to_talk_in_the_next_sentence_softens_a_stated_need() {
    use tonelint::Severity;
    let linter = Linter::new();
    let severity_of = |text: &str| severity(&linter, "demanding.i-need-you-to", text);
    let need = "You were late on 3/4, 3/9 and 3/15. I need you to be on time for your shifts.";
    assert_eq!(severity_of(need), Some(Severity::Warning));
    assert_eq!(
        severity_of(&format!(
            "{need} If something is making the 0700 start hard, let's talk about it this week."
        )),
        Some(Severity::Info)
    );
    assert_eq!(
        severity_of(&format!("{need} Next time it goes to HR.")),
        Some(Severity::Warning)
    );
}

/// "That wasn't okay" after the writer names their own outburst (`guard.own-outburst` and
/// `guard.own-outburst-before`) judges the writer, not the reader; after the reader's act it
/// keeps its warning.
#[test]
fn the_writers_own_outburst_is_not_a_judgement_of_the_reader() {
    let linter = Linter::new();
    let judged = |text: &str| severity(&linter, "aggressive.unacceptable", text).is_some();
    assert!(judged(
        "You raised your voice at my nurse in front of the family. That wasn't okay."
    ));
    assert!(!judged(
        "I was frustrated about the delay and I raised my voice in front of your team. That wasn't okay."
    ));
    assert!(!judged(
        "I snapped at you during handoff, and that wasn't okay."
    ));
}

/// "You must" in the sentence after a stated regulation or policy (`guard.rule-before-must`)
/// says what the rule asks and stays as information; on its own it keeps its warning.
#[test]
fn you_must_after_a_stated_regulation_is_information() {
    use tonelint::Severity;
    let linter = Linter::new();
    let severity_of = |text: &str| severity(&linter, "demanding.you-must", text);
    let must = "You must have a new agreement in place by October 31.";
    assert_eq!(severity_of(must), Some(Severity::Warning));
    assert_eq!(
        severity_of(&format!(
            "State regulations require a current collaborative agreement on file. {must}"
        )),
        Some(Severity::Info)
    );
    assert_eq!(
        severity_of(&format!("I've told you this twice already. {must}")),
        Some(Severity::Warning)
    );
}
