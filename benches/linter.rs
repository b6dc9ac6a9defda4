//! Building a linter, and checking one short draft: the costs a command pays once per run.
//!
//! Also checks the same draft with the lexicons at 1x, 4x and 16x their size (synthetic rules
//! added with `Lexicon::parse`), to show the cost of a check does not grow with them.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tonelint::{Lexicon, Linter};

#[path = "corpus.rs"]
pub mod corpus;

fn build(c: &mut Criterion) {
    c.bench_function("build Linter::new (built-in lexicons)", |b| {
        b.iter(|| std::hint::black_box(Linter::new()))
    });
}

fn check_draft(c: &mut Criterion) {
    let draft = corpus::draft_2k();
    // The rules alone, as this bench has measured them since issue 5; the tone model is on by
    // default now, and measured below.
    let linter = Linter::builder()
        .model(false)
        .build()
        .expect("the built-in lexicons build");
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(draft.len() as u64));
    group.bench_function("2 KB draft", |b| {
        b.iter(|| linter.check(std::hint::black_box(&draft)))
    });
    // The same draft with the tone model's second opinion: the difference is the model's cost.
    let with_model = Linter::builder()
        .model(true)
        .build()
        .expect("the built-in lexicons build");
    group.bench_function("2 KB draft, tone model on", |b| {
        b.iter(|| with_model.check(std::hint::black_box(&draft)))
    });
    group.finish();
}

fn lexicon_scale(c: &mut Criterion) {
    let draft = corpus::draft_2k();
    let slice = corpus::enron().map(|mut text| {
        let mut cut = text.len().min(256 * 1024);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text
    });
    let builtin = Lexicon::builtin().len();
    let mut group = c.benchmark_group("lexicon size");
    for factor in [1usize, 4, 16] {
        // (factor - 1) times as many synthetic entries as there are built-in ones.
        let mut builder = Linter::builder();
        if factor > 1 {
            builder = builder.lexicon(corpus::synthetic_lexicon(builtin * (factor - 1), factor));
        }
        let linter = builder.build().expect("the synthetic lexicon builds");
        group.throughput(Throughput::Bytes(draft.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("2 KB draft", format!("{factor}x")),
            &draft,
            |b, t| b.iter(|| linter.check(t)),
        );
        if let Some(slice) = &slice {
            group.throughput(Throughput::Bytes(slice.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("256 KB of Enron", format!("{factor}x")),
                slice,
                |b, t| b.iter(|| linter.check(t)),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, build, check_draft, lexicon_scale);
criterion_main!(benches);
