//! The committed weights are exactly what the committed corpus trains: retraining is one
//! command (`cargo run --release -p tonelint-train`) and gives byte-identical weights.

use std::path::PathBuf;

#[test]
fn committed_weights_are_what_the_corpus_trains() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let drafts = tonelint_train::load_corpus(&root.join("crates/tonelint-train/corpus"))
        .expect("the training corpus reads");
    assert!(
        drafts.len() >= 4000,
        "the corpus holds {} drafts",
        drafts.len()
    );
    let trained = tonelint_train::to_bytes(&tonelint_train::train(
        &drafts,
        &tonelint_train::Settings::default(),
    ));
    let committed = std::fs::read(root.join("crates/tonelint/model/tone-model.bin"))
        .expect("the model file is committed");
    assert!(
        trained == committed,
        "crates/tonelint/model/tone-model.bin is not what the corpus trains; run `cargo run --release -p tonelint-train`"
    );
}

#[test]
fn training_is_deterministic() {
    let drafts: Vec<tonelint_train::Draft> = (0..40)
        .map(|i| tonelint_train::Draft {
            id: format!("t-{i}"),
            audience: "staff".into(),
            labels: if i % 2 == 0 {
                vec!["aggressive".into()]
            } else {
                vec![]
            },
            hard_negative: false,
            key_phrases: vec![],
            text: if i % 2 == 0 {
                format!("This is ridiculous, fix it now {i}.")
            } else {
                format!("Thanks for the update on bed {i}.")
            },
        })
        .collect();
    let settings = tonelint_train::Settings::default();
    let a = tonelint_train::to_bytes(&tonelint_train::train(&drafts, &settings));
    let b = tonelint_train::to_bytes(&tonelint_train::train(&drafts, &settings));
    assert_eq!(a, b);
}
