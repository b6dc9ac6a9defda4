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
    blind, corpus, harshness, is_flagged, is_flagged_with_accusatory, metrics, politeness, ucc,
};

fn main() -> ExitCode {
    let mut data = PathBuf::from("../shared/data");
    let mut corpus_dir = PathBuf::from("tests/corpus");
    let mut heldout_dir = PathBuf::from("tests/heldout");
    let mut blind_dir = PathBuf::from("tests/blind");
    let mut model = tonelint_eval::ModelChoice {
        on: tonelint::MODEL_ON_BY_DEFAULT,
        threshold: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-model" => {
                model.on = false;
                continue;
            }
            "--model" => {
                model.on = true;
                continue;
            }
            _ => {}
        }
        match (arg.as_str(), args.next()) {
            ("--model-threshold", Some(p)) => match p.parse() {
                Ok(p) => model.threshold = Some(p),
                Err(_) => {
                    eprintln!("tonelint-eval: --model-threshold takes a probability, such as 0.9");
                    return ExitCode::from(2);
                }
            },
            ("--data", Some(dir)) => data = dir.into(),
            ("--corpus", Some(dir)) => corpus_dir = dir.into(),
            ("--heldout", Some(dir)) => heldout_dir = dir.into(),
            ("--blind", Some(dir)) => blind_dir = dir.into(),
            _ => {
                eprintln!(
                    "usage: tonelint-eval [--data DIR] [--corpus DIR] [--heldout DIR] [--blind DIR] [--model|--no-model] [--model-threshold P]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let started = Instant::now();
    let linter = match model.apply(Linter::builder()).build() {
        Ok(linter) => linter,
        Err(err) => {
            eprintln!("tonelint-eval: {err}");
            return ExitCode::FAILURE;
        }
    };
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
    let linter = match model.apply(Linter::builder()).enable(["passive"]).build() {
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

    blind_rows(&linter, &blind_dir, &mut rows);
    ucc_rows(&linter, &data.join("ucc/val.csv"), &mut rows);

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

/// The blind set, checked with passive rules on (it is labelled for every category).
fn blind_rows(linter: &Linter, dir: &std::path::Path, rows: &mut Vec<[String; 3]>) {
    let drafts = match blind::load(dir) {
        Ok(drafts) if !drafts.is_empty() => drafts,
        Ok(_) => {
            rows.push([
                "Blind set".into(),
                "empty".into(),
                dir.display().to_string(),
            ]);
            return;
        }
        Err(err) => {
            rows.push(["Blind set".into(), "unavailable".into(), err]);
            return;
        }
    };
    let reports: Vec<_> = drafts.iter().map(|d| linter.check(&d.text)).collect();
    let pct =
        |k: usize, n: usize| format!("{:.1} % ({k} / {n})", 100.0 * k as f64 / n.max(1) as f64);
    let label = format!(
        "{} drafts ({} clean, {} hard negatives)",
        drafts.len(),
        drafts.iter().filter(|d| d.is_clean()).count(),
        drafts.iter().filter(|d| d.hard_negative).count()
    );
    let harsh: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].is_harsh())
        .collect();
    let clean: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].is_clean())
        .collect();
    let harsh_hit = harsh
        .iter()
        .filter(|&&i| blind::harsh_caught(&reports[i]))
        .count();
    rows.push([
        "Blind: harsh recall (aggressive/demanding/accusatory draft, warning+ in one of them)"
            .into(),
        pct(harsh_hit, harsh.len()),
        label.clone(),
    ]);
    for category in Category::ALL {
        let wanted: Vec<usize> = (0..drafts.len())
            .filter(|&i| drafts[i].has(category))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let warn = wanted
            .iter()
            .filter(|&&i| blind::caught(&reports[i], category, Severity::Warning))
            .count();
        let any = wanted
            .iter()
            .filter(|&&i| blind::caught(&reports[i], category, Severity::Info))
            .count();
        rows.push([
            format!("Blind: {category} recall, warning+ / any severity"),
            format!("{} / {}", pct(warn, wanted.len()), pct(any, wanted.len())),
            label.clone(),
        ]);
    }
    let clean_warned = clean
        .iter()
        .filter(|&&i| blind::warned(&reports[i]))
        .count();
    rows.push([
        "Blind: clean drafts with a warning".into(),
        pct(clean_warned, clean.len()),
        label.clone(),
    ]);
    let hard: Vec<usize> = clean
        .iter()
        .copied()
        .filter(|&i| drafts[i].hard_negative)
        .collect();
    let hard_warned = hard.iter().filter(|&&i| blind::warned(&reports[i])).count();
    rows.push([
        "Blind: hard negatives with a warning".into(),
        pct(hard_warned, hard.len()),
        label.clone(),
    ]);
    let (mut hit, mut total) = (0, 0);
    for (draft, report) in drafts.iter().zip(&reports) {
        let (h, t) = blind::key_phrases_overlapped(draft, report);
        hit += h;
        total += t;
    }
    rows.push([
        "Blind: key phrases a finding overlaps".into(),
        pct(hit, total),
        label.clone(),
    ]);
    let auc = metrics::auc(
        &harsh
            .iter()
            .map(|&i| harshness(&reports[i]))
            .collect::<Vec<_>>(),
        &clean
            .iter()
            .map(|&i| harshness(&reports[i]))
            .collect::<Vec<_>>(),
    );
    rows.push([
        "Blind: AUC of the harshness score, harsh vs clean".into(),
        format!("{auc:.3}"),
        label,
    ]);
}

/// The Unhealthy Comments Corpus validation split: AUC of the harshness score per attribute.
fn ucc_rows(linter: &Linter, csv: &std::path::Path, rows: &mut Vec<[String; 3]>) {
    if !csv.is_file() {
        rows.push([
            "UCC val".into(),
            "skipped".into(),
            format!("{} is absent", csv.display()),
        ]);
        return;
    }
    let comments = match ucc::load(csv) {
        Ok(comments) => comments,
        Err(err) => {
            rows.push(["UCC val".into(), "unavailable".into(), err]);
            return;
        }
    };
    let scores: Vec<f64> = comments
        .iter()
        .map(|c| harshness(&linter.check(&c.text)))
        .collect();
    for attribute in ucc::ATTRIBUTES {
        let (mut pos, mut neg) = (Vec::new(), Vec::new());
        for (comment, &score) in comments.iter().zip(&scores) {
            match comment.labels.get(attribute) {
                Some(true) => pos.push(score),
                Some(false) => neg.push(score),
                None => {}
            }
        }
        rows.push([
            format!("UCC val: AUC of the harshness score, {attribute}"),
            format!("{:.3}", metrics::auc(&pos, &neg)),
            format!("{} + {}", pos.len(), neg.len()),
        ]);
    }
}
