//! The Stanford Politeness Corpus (Wikipedia part), split as `../shared/data/README.md` says:
//! sorted by normalised score, the top quartile is polite and the bottom quartile impolite.

use std::path::Path;

/// One request with its annotators' normalised politeness score.
#[derive(Clone, Debug)]
pub struct Request {
    pub id: String,
    pub text: String,
    pub score: f64,
}

/// The two labelled quartiles.
pub struct Split {
    pub polite: Vec<Request>,
    pub impolite: Vec<Request>,
}

#[derive(serde::Deserialize)]
struct Row {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Request")]
    request: String,
    #[serde(rename = "Normalized Score")]
    score: f64,
}

/// Reads the CSV and splits it into the polite and impolite quartiles (a quarter of the rows,
/// rounded up, each).
pub fn load(path: &Path) -> Result<Split, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows: Vec<Request> = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| format!("{}: record {}: {e}", path.display(), i + 1))?;
        rows.push(Request {
            id: row.id,
            text: row.request,
            score: row.score,
        });
    }
    rows.sort_by(|a, b| b.score.total_cmp(&a.score));
    let quartile = rows.len().div_ceil(4);
    let impolite = rows.split_off(rows.len() - quartile);
    rows.truncate(quartile);
    Ok(Split {
        polite: rows,
        impolite,
    })
}
