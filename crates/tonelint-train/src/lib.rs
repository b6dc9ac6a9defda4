//! Training tonelint's tone model: a logistic regression per head over the hashed features of
//! `tonelint_grammar::features`, learned from the labelled drafts in `corpus/*.jsonl`.
//!
//! Everything is deterministic: files are read in name order, drafts are visited in an order fixed
//! by a hash of their ids, and there is no randomness or threading, so the same corpus always
//! gives byte-identical weights (`tests/reproducible.rs` holds the committed weights to that).
//!
//! The model file (`crates/tonelint/model/tone-model.bin`) is little-endian:
//! `b"TLM1"`, buckets (u32), heads (u32), scale (f32), then `buckets × heads` weights as i16,
//! bucket-major; a weight is `i16 × scale`.

use std::path::Path;

use tonelint_grammar::features::{self, BUCKETS};

/// What each head predicts, in file order.
pub const HEADS: [&str; 4] = ["harsh", "aggressive", "demanding", "accusatory"];

/// One labelled training draft.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Draft {
    pub id: String,
    #[serde(default)]
    pub audience: String,
    pub labels: Vec<String>,
    #[serde(default)]
    pub hard_negative: bool,
    pub text: String,
    /// Exact substrings of `text` that carry the labels, where the writer gave them (train13 on).
    /// Training does not read them; `tonelint-gaps` reports the ones no finding overlaps.
    #[serde(default)]
    pub key_phrases: Vec<String>,
}

impl Draft {
    /// The 0/1 target of each head.
    pub fn targets(&self) -> [f32; 4] {
        let has = |l: &str| self.labels.iter().any(|x| x == l);
        let harsh = has("aggressive") || has("demanding") || has("accusatory");
        [
            f32::from(u8::from(harsh)),
            f32::from(u8::from(has("aggressive"))),
            f32::from(u8::from(has("demanding"))),
            f32::from(u8::from(has("accusatory"))),
        ]
    }
}

/// Reads every `*.jsonl` file in `dir`, in name order.
pub fn load_corpus(dir: &Path) -> Result<Vec<Draft>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    let mut drafts = Vec::new();
    for path in paths {
        drafts.extend(load_file(&path)?);
    }
    Ok(drafts)
}

/// Reads one JSON Lines file of drafts; errors name the file and line.
pub fn load_file(path: &Path) -> Result<Vec<Draft>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut drafts = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let draft: Draft =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        drafts.push(draft);
    }
    Ok(drafts)
}

/// The order drafts are visited in: by a hash of the id, so that the files' grouping by audience
/// does not steer the descent, and the order never depends on anything but the corpus.
fn order_key(id: &str) -> u64 {
    // FNV-1a, written out so the order is the same on every platform and version.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether a draft belongs to the validation tenth the trainer reports on (never to the blind set:
/// that is not in the corpus).
pub fn is_validation(id: &str) -> bool {
    order_key(id).is_multiple_of(10)
}

/// Training settings.
pub struct Settings {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 6,
            learning_rate: 0.1,
            l2: 1e-4,
        }
    }
}

/// Weights as floats, bucket-major.
pub struct Weights {
    pub w: Vec<f32>,
}

impl Weights {
    /// The logit of each head for a draft's buckets.
    pub fn logits(&self, buckets: &[u32]) -> [f32; 4] {
        let mut z = [0f32; 4];
        for &b in buckets {
            let at = b as usize * 4;
            let x = features::value(b, buckets.len());
            for (h, zh) in z.iter_mut().enumerate() {
                *zh += self.w[at + h] * x;
            }
        }
        z
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The examples one draft gives: the whole draft with its labels, and, where the labels say no
/// sentence of it is harsh (a clean, vague-only or passive-only draft), each sentence on its own
/// as a negative too. The model is applied to single sentences, and a harsh draft's label does
/// not say which of its sentences carries the harshness; a clean draft's does.
fn examples_of(draft: &Draft) -> Vec<(Vec<u32>, [f32; 4])> {
    let targets = draft.targets();
    let mut out = vec![(features::text_buckets(&draft.text), targets)];
    let sentences = features::sentence_buckets(&draft.text);
    if targets[0] == 0.0 && sentences.len() > 1 {
        out.extend(sentences.into_iter().map(|b| (b, targets)));
    }
    out
}

/// Trains on `drafts` (AdaGrad on the logistic loss, one pass per epoch in a fixed order).
pub fn train(drafts: &[Draft], settings: &Settings) -> Weights {
    let mut examples: Vec<(u64, Vec<u32>, [f32; 4])> = Vec::new();
    for d in drafts {
        let key = order_key(&d.id);
        for (n, (buckets, targets)) in examples_of(d).into_iter().enumerate() {
            examples.push((key.wrapping_add(n as u64), buckets, targets));
        }
    }
    examples.sort_by_key(|e| e.0);
    let size = BUCKETS as usize * 4;
    let mut w = vec![0f32; size];
    let mut g2 = vec![1e-6f32; size];
    for _ in 0..settings.epochs {
        for (_, buckets, y) in &examples {
            let mut z = [0f32; 4];
            for &b in buckets {
                let x = features::value(b, buckets.len());
                for h in 0..4 {
                    z[h] += w[b as usize * 4 + h] * x;
                }
            }
            for h in 0..4 {
                let g = sigmoid(z[h]) - y[h];
                for &b in buckets {
                    let at = b as usize * 4 + h;
                    let grad = g * features::value(b, buckets.len()) + settings.l2 * w[at];
                    g2[at] += grad * grad;
                    w[at] -= settings.learning_rate * grad / g2[at].sqrt();
                }
            }
        }
    }
    Weights { w }
}

/// The model file for `weights`.
pub fn to_bytes(weights: &Weights) -> Vec<u8> {
    let largest = weights
        .w
        .iter()
        .fold(0f32, |m, &x| m.max(x.abs()))
        .max(1e-6);
    let scale = largest / f32::from(i16::MAX);
    let mut out = Vec::with_capacity(16 + weights.w.len() * 2);
    out.extend_from_slice(b"TLM1");
    out.extend_from_slice(&BUCKETS.to_le_bytes());
    out.extend_from_slice(&4u32.to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    for &x in &weights.w {
        let q = (x / scale)
            .round()
            .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
        out.extend_from_slice(&q.to_le_bytes());
    }
    out
}

/// Area under the ROC curve of `scores` for `labels` (ties count one half).
pub fn auc(scores: &[f32], labels: &[bool]) -> f64 {
    let mut pairs: Vec<(f32, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut i) = (0f64, 0usize);
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            j += 1;
        }
        let avg = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg * pairs[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    let pos = labels.iter().filter(|&&l| l).count() as f64;
    let neg = labels.len() as f64 - pos;
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}
