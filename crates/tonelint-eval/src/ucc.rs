//! The Unhealthy Comments Corpus validation split (`../shared/data/ucc/val.csv`), for measuring
//! only: its licence (CC BY-NC-SA 4.0) rules out training anything that ships on it.

use std::collections::HashMap;
use std::path::Path;

/// The attributes a message linter cares about, as the CSV names them.
pub const ATTRIBUTES: [&str; 6] = [
    "hostile",
    "antagonize",
    "condescending",
    "dismissive",
    "sarcastic",
    "generalisation_unfair",
];

/// One comment and its attribute labels (1 = present).
pub struct Comment {
    pub text: String,
    pub labels: HashMap<String, bool>,
}

/// Reads the CSV.
pub fn load(path: &Path) -> Result<Vec<Comment>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let text_at =
        column("comment").ok_or_else(|| format!("{}: no `comment` column", path.display()))?;
    let attribute_at: Vec<(String, usize)> = ATTRIBUTES
        .iter()
        .filter_map(|a| column(a).map(|i| (a.to_string(), i)))
        .collect();
    let mut comments = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{}: record {}: {e}", path.display(), i + 1))?;
        let labels = attribute_at
            .iter()
            .map(|(name, at)| {
                let value: f64 = record.get(*at).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                (name.clone(), value >= 0.5)
            })
            .collect();
        comments.push(Comment {
            text: record.get(text_at).unwrap_or_default().to_string(),
            labels,
        });
    }
    Ok(comments)
}
