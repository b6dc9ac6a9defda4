//! One checked input as the renderers see it: the report, and where each finding sits in the
//! text the user sees.

use std::ops::Range;

use tonelint::{Finding, LineColumn, Report};

/// A finding's place in the input as the user sees it.
#[derive(Clone, Debug)]
pub struct Place {
    /// Byte offsets into [`Checked::shown`].
    pub span: Range<usize>,
    pub start: LineColumn,
    pub end: LineColumn,
}

/// The result of checking one input (a file, standard input, or one message of a mailbox).
pub struct Checked {
    /// What the user called it: the path, `<stdin>`, or `PATH#MESSAGE` for a mailbox message.
    pub name: String,
    /// The path alone, for formats that annotate files.
    pub path: String,
    /// The text as the user sees it; spans and positions point into it.
    pub shown: String,
    pub report: Report,
    /// Parallel to `report.findings()`.
    pub places: Vec<Place>,
    /// Parallel to `report.strengths()`.
    pub strength_places: Vec<Place>,
}

impl Checked {
    /// A plain-text input: what was checked is what the user sees.
    pub fn plain(name: String, text: String, report: Report) -> Checked {
        let places = report
            .findings()
            .iter()
            .map(|f| Place {
                span: f.span(),
                start: f.start(),
                end: f.end(),
            })
            .collect();
        let strength_places = report
            .strengths()
            .iter()
            .map(|s| Place {
                span: s.span(),
                start: s.start(),
                end: s.end(),
            })
            .collect();
        Checked {
            path: name.clone(),
            name,
            shown: text,
            report,
            places,
            strength_places,
        }
    }

    /// The findings with their places.
    pub fn located(&self) -> impl Iterator<Item = (&Finding, &Place)> {
        self.report.findings().iter().zip(&self.places)
    }
}
