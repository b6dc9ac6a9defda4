//! Throughput of `Linter::check` on one thread: the Enron corpus (real mail, few findings) and
//! text dense with findings (every sentence flagged).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tonelint::Linter;

#[path = "corpus.rs"]
pub mod corpus;

fn enron(c: &mut Criterion) {
    let Some(text) = corpus::enron() else {
        eprintln!("skipping the Enron benchmark: ../shared/data/enron/*.eml not found");
        return;
    };
    let linter = Linter::new();
    let mut group = c.benchmark_group("throughput");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(format!("Enron bodies ({} bytes)", text.len()), |b| {
        b.iter(|| linter.check(std::hint::black_box(&text)))
    });
    group.finish();
}

fn adversarial(c: &mut Criterion) {
    let text = corpus::adversarial(1 << 20);
    let linter = Linter::new();
    let mut group = c.benchmark_group("throughput");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("every sentence flagged (1 MB)", |b| {
        b.iter(|| linter.check(std::hint::black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, enron, adversarial);
criterion_main!(benches);
