//! `tonelint-eval [--data DIR] [--corpus DIR]`: runs the built-in lexicons over labelled data and
//! prints one Markdown table. Run it from the repository root:
//!
//! ```sh
//! cargo run --release -p tonelint-eval
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use tonelint::{Category, Linter, Severity};
use tonelint_eval::{
    corpus, harshness, is_flagged, is_flagged_with_accusatory, metrics, politeness,
};

fn main() -> ExitCode {
    let mut data = PathBuf::from("../shared/data");
    let mut corpus_dir = PathBuf::from("tests/corpus");
    let mut heldout_dir = PathBuf::from("tests/heldout");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--data", Some(dir)) => data = dir.into(),
            ("--corpus", Some(dir)) => corpus_dir = dir.into(),
            ("--heldout", Some(dir)) => heldout_dir = dir.into(),
            _ => {
                eprintln!("usage: tonelint-eval [--data DIR] [--corpus DIR] [--heldout DIR]");
                return ExitCode::from(2);
            }
        }
    }
    let started = Instant::now();
    let linter = Linter::new();
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut ok = true;

    let csv = data.join("politeness/wikipedia.annotated.csv");
    if csv.is_file() {
        match politeness::load(&csv) {
            Ok(split) => {
                let polite: Vec<_> = split.polite.iter().map(|r| linter.check(&r.text)).collect();
                let impolite: Vec<_> = split
                    .impolite
                    .iter()
                    .map(|r| linter.check(&r.text))
                    .collect();
                let polite_flags: Vec<bool> = polite.iter().map(is_flagged).collect();
                let impolite_flags: Vec<bool> = impolite.iter().map(is_flagged).collect();
                let auc = metrics::auc(
                    &impolite.iter().map(harshness).collect::<Vec<_>>(),
                    &polite.iter().map(harshness).collect::<Vec<_>>(),
                );
                let fr_polite = metrics::rate(&polite_flags);
                let fr_impolite = metrics::rate(&impolite_flags);
                let accuracy = (1.0 - fr_polite + fr_impolite) / 2.0;
                let n = format!("{} + {}", split.polite.len(), split.impolite.len());
                rows.push([
                    "Wikipedia politeness: AUC of harshness score".into(),
                    format!("{auc:.3}"),
                    n.clone(),
                ]);
                rows.push([
                    "Wikipedia politeness: accuracy of flag".into(),
                    format!("{accuracy:.3}"),
                    n.clone(),
                ]);
                rows.push([
                    "Wikipedia politeness: flag rate, polite quartile".into(),
                    format!("{fr_polite:.3}"),
                    split.polite.len().to_string(),
                ]);
                rows.push([
                    "Wikipedia politeness: flag rate, impolite quartile".into(),
                    format!("{fr_impolite:.3}"),
                    split.impolite.len().to_string(),
                ]);
                let wide_polite: Vec<bool> =
                    polite.iter().map(is_flagged_with_accusatory).collect();
                let wide_impolite: Vec<bool> =
                    impolite.iter().map(is_flagged_with_accusatory).collect();
                let (wide_fr_polite, wide_fr_impolite) =
                    (metrics::rate(&wide_polite), metrics::rate(&wide_impolite));
                rows.push([
                    "Wikipedia politeness: accuracy, accusatory also flags".into(),
                    format!("{:.3}", (1.0 - wide_fr_polite + wide_fr_impolite) / 2.0),
                    n.clone(),
                ]);
                rows.push([
                    "Wikipedia politeness: flag rates polite / impolite, accusatory also flags"
                        .into(),
                    format!("{wide_fr_polite:.3} / {wide_fr_impolite:.3}"),
                    n.clone(),
                ]);
            }
            Err(err) => {
                eprintln!("tonelint-eval: {err}");
                ok = false;
            }
        }
    } else {
        rows.push([
            "Wikipedia politeness".into(),
            "skipped".into(),
            format!("{} is absent", csv.display()),
        ]);
    }

    let enron_dir = data.join("enron");
    if enron_dir.is_dir() {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&enron_dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        paths.sort();
        let mut flagged = 0;
        let mut by_category = [0usize; Category::ALL.len()];
        let mut vague_any = 0;
        for path in &paths {
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    eprintln!("tonelint-eval: {}: {err}", path.display());
                    ok = false;
                    continue;
                }
            };
            // The author's own text, as the CLI reads an email: subject and body, without
            // quoted replies, forwarded blocks and signatures.
            let text =
                match tonelint_document::extract(&bytes, tonelint_document::InputKind::Email, None)
                {
                    Ok(parts) => parts
                        .into_iter()
                        .map(|p| p.text)
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    Err(err) => {
                        eprintln!("tonelint-eval: {}: {err}", path.display());
                        ok = false;
                        continue;
                    }
                };
            let report = linter.check(&text);
            flagged += usize::from(is_flagged(&report));
            for (i, category) in Category::ALL.iter().enumerate() {
                by_category[i] += usize::from(
                    report
                        .findings()
                        .iter()
                        .any(|f| f.category() == *category && f.severity() >= Severity::Warning),
                );
            }
            vague_any += usize::from(
                report
                    .findings()
                    .iter()
                    .any(|f| f.category() == Category::Vague),
            );
        }
        let n = paths.len().max(1) as f64;
        let pct = |k: usize| format!("{:.1} %", 100.0 * k as f64 / n);
        let count = paths.len().to_string();
        rows.push([
            "Enron: emails with an aggressive or demanding finding (warning+)".into(),
            pct(flagged),
            count.clone(),
        ]);
        for (i, category) in Category::ALL.iter().enumerate() {
            rows.push([
                format!("Enron: share of emails with {category} findings (warning+)"),
                pct(by_category[i]),
                count.clone(),
            ]);
        }
        rows.push([
            "Enron: emails with a vague finding (any severity)".into(),
            pct(vague_any),
            count,
        ]);
    } else {
        rows.push([
            "Enron".into(),
            "skipped".into(),
            format!("{} is absent", enron_dir.display()),
        ]);
    }

    match corpus::load(&corpus_dir) {
        Ok(drafts) => {
            let clean = drafts.iter().filter(|d| corpus::is_clean(d)).count();
            let violations: Vec<String> = drafts
                .iter()
                .flat_map(|d| corpus::violations(&linter, d))
                .collect();
            let held = drafts
                .iter()
                .filter(|d| corpus::violations(&linter, d).is_empty())
                .count();
            let flagged_clean = drafts
                .iter()
                .filter(|d| corpus::is_clean(d) && is_flagged(&linter.check(&d.text)))
                .count();
            let label = format!("{} drafts ({clean} clean)", drafts.len());
            rows.push([
                "Own corpus: drafts meeting every expectation".into(),
                format!("{held} / {}", drafts.len()),
                label.clone(),
            ]);
            rows.push([
                "Own corpus: clean drafts flagged".into(),
                format!("{flagged_clean} / {clean}"),
                label,
            ]);
            for v in &violations {
                eprintln!("corpus: {v}");
            }
            ok &= violations.is_empty();
        }
        Err(err) => rows.push(["Own corpus".into(), "unavailable".into(), err]),
    }

    // The held-out drafts were written by someone who never saw the lexicons, and the curators
    // never see them: a measure of how the rules generalise, not a test that pins them. They
    // are labelled for every category, so they are checked with the off-by-default `passive`
    // rules switched on.
    let linter = match Linter::builder().enable(["passive"]).build() {
        Ok(linter) => linter,
        Err(err) => {
            eprintln!("tonelint-eval: {err}");
            return ExitCode::FAILURE;
        }
    };
    match corpus::load(&heldout_dir) {
        Ok(drafts) => {
            let clean: Vec<_> = drafts.iter().filter(|d| corpus::is_clean(d)).collect();
            let held = drafts
                .iter()
                .filter(|d| corpus::violations(&linter, d).is_empty())
                .count();
            let clean_flagged = clean
                .iter()
                .filter(|d| !linter.check(&d.text).findings().is_empty())
                .count();
            let label = format!("{} drafts ({} clean)", drafts.len(), clean.len());
            rows.push([
                "Held-out: drafts meeting every expectation".into(),
                format!("{held} / {}", drafts.len()),
                label.clone(),
            ]);
            rows.push([
                "Held-out: clean drafts with any finding".into(),
                format!("{clean_flagged} / {}", clean.len()),
                label.clone(),
            ]);
            for category in Category::ALL {
                let name = category.as_str();
                let wanted: Vec<_> = drafts
                    .iter()
                    .filter(|d| d.must.iter().any(|m| m == name))
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                let caught = wanted
                    .iter()
                    .filter(|d| {
                        linter
                            .check(&d.text)
                            .findings()
                            .iter()
                            .any(|f| f.category() == category)
                    })
                    .count();
                rows.push([
                    format!("Held-out: {name} drafts caught"),
                    format!("{caught} / {}", wanted.len()),
                    label.clone(),
                ]);
            }
        }
        Err(err) => rows.push(["Held-out".into(), "unavailable".into(), err]),
    }

    println!("| measure | value | n |");
    println!("|---|---|---|");
    for [measure, value, n] in &rows {
        println!("| {measure} | {value} | {n} |");
    }
    println!(
        "\n{} rules; evaluated in {:.1} s",
        linter.rules().len(),
        started.elapsed().as_secs_f64()
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
