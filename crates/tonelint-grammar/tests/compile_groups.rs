use tonelint_grammar::{ClassSource, RuleIndex, RuleSource, Scan, Scratch, Sources, compile};

#[test]
fn many_groups_compile_to_few_sequences() {
    let sources = Sources {
        classes: vec![ClassSource { name: "reader".into(), words: vec!["your {office|team}".into()] }],
        rules: vec![RuleSource {
            rule: RuleIndex(0),
            shapes: vec!["{you|you're|you are|you've been|<reader>} {is|are|were|was|'re|being|been|} {so|really|just|completely|totally|utterly|absolutely|beyond|clearly|frankly|honestly|pretty|} [{incompetent|useless|lazy|careless|unprofessional|ridiculous|impossible|clueless|negligent|hopeless|pathetic|a joke|a disgrace|an embarrassment|worthless|sloppy|inept|a nightmare|the worst|rude|arrogant|dishonest|lying|liars}]".into()],
            ..RuleSource::default()
        }],
        ..Sources::default()
    };
    let grammar = compile(&sources, None).unwrap();
    let mut scan = Scan::default();
    let text = "Your team is so useless.";
    grammar.scan(text, 0, &|_| true, &mut Scratch::default(), &mut scan);
    assert_eq!(scan.matches.len(), 1);
    assert_eq!(&text[scan.matches[0].span.clone()], "useless");
}

#[test]
fn gaps_that_multiply_past_the_limit_are_refused() {
    let sources = Sources {
        rules: vec![RuleSource {
            rule: RuleIndex(0),
            shapes: vec!["you ..16 keep ..16 losing ..16 forms".into()],
            ..RuleSource::default()
        }],
        ..Sources::default()
    };
    let err = compile(&sources, None).unwrap_err();
    assert!(err.message.contains("placements"), "{}", err.message);
}
