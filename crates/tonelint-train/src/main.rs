//! `cargo run --release -p tonelint-train`: retrains the tone model from `crates/tonelint-train/corpus`
//! and writes `crates/tonelint/model/tone-model.bin`. Run it from the repository root. It first
//! reports how a model trained on nine tenths of the corpus does on the other tenth, then trains
//! on everything. `--check` writes nothing and fails when the committed file differs.

use std::path::PathBuf;
use std::process::ExitCode;

use tonelint_train::{HEADS, Settings, auc, is_validation, load_corpus, to_bytes, train};

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("crates/tonelint-train/corpus");
    let out = root.join("crates/tonelint/model/tone-model.bin");
    let drafts = match load_corpus(&corpus) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("tonelint-train: {e}");
            return ExitCode::from(2);
        }
    };
    let settings = Settings::default();
    if !check {
        let (validation, training): (Vec<_>, Vec<_>) =
            drafts.iter().cloned().partition(|d| is_validation(&d.id));
        let weights = train(&training, &settings);
        println!(
            "{} drafts ({} clean); validation tenth: {} drafts",
            drafts.len(),
            drafts.iter().filter(|d| d.labels.is_empty()).count(),
            validation.len()
        );
        let logits: Vec<[f32; 4]> = validation
            .iter()
            .map(|d| weights.logits(&tonelint_grammar::features::text_buckets(&d.text)))
            .collect();
        for (h, head) in HEADS.iter().enumerate() {
            let scores: Vec<f32> = logits.iter().map(|z| z[h]).collect();
            let labels: Vec<bool> = validation.iter().map(|d| d.targets()[h] > 0.5).collect();
            println!("validation AUC, {head}: {:.3}", auc(&scores, &labels));
        }
        // Harsh against clean only, as the blind set measures it.
        let (mut scores, mut labels) = (Vec::new(), Vec::new());
        for (d, z) in validation.iter().zip(&logits) {
            if d.labels.is_empty() || d.targets()[0] > 0.5 {
                scores.push(z[0]);
                labels.push(d.targets()[0] > 0.5);
            }
        }
        println!(
            "validation AUC, harsh vs clean: {:.3}",
            auc(&scores, &labels)
        );
    }
    let bytes = to_bytes(&train(&drafts, &settings));
    if check {
        return match std::fs::read(&out) {
            Ok(committed) if committed == bytes => {
                println!("{} is what the corpus trains", out.display());
                ExitCode::SUCCESS
            }
            _ => {
                eprintln!(
                    "tonelint-train: {} differs from what the corpus trains; run `cargo run --release -p tonelint-train`",
                    out.display()
                );
                ExitCode::FAILURE
            }
        };
    }
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("tonelint-train: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    ExitCode::SUCCESS
}
