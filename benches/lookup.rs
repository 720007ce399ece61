//! The title matcher at 1,000, 10,000 and 100,000 generated titles: lookups of exact titles,
//! typos and prefixes, autocomplete's first 25, and building the index.
//!
//! `cargo bench --bench lookup` (add `-- --quick` for a faster, rougher run).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use movie_trivia::measure::{self, accuracy, Kind};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn lookups(c: &mut Criterion) {
    for n in SIZES {
        let titles = measure::titles(n, 7);
        let queries = measure::queries(&titles, 1800, 8);
        let index = accuracy::index(&titles);
        let of_kind = |kind: Kind| -> Vec<String> {
            queries.iter().filter(|q| q.kind == kind).map(|q| q.query.clone()).collect()
        };
        let mut group = c.benchmark_group("lookup");
        group
            .sample_size(30)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        // Each iteration takes the next query of the kind, so a figure is the mean over ~200.
        for (name, kind) in [("exact", Kind::Exact), ("typo", Kind::Typo1), ("prefix", Kind::Prefix)] {
            let qs = of_kind(kind);
            let mut i = 0;
            group.bench_with_input(BenchmarkId::new(name, n), &qs, |b, qs| {
                b.iter(|| {
                    i = (i + 1) % qs.len();
                    black_box(index.search(&qs[i], 1))
                })
            });
        }
        let qs = of_kind(Kind::Prefix);
        let mut i = 0;
        group.bench_with_input(BenchmarkId::new("autocomplete-25", n), &qs, |b, qs| {
            b.iter(|| {
                i = (i + 1) % qs.len();
                black_box(index.complete(&qs[i], 25))
            })
        });
        group.finish();
    }
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("index-build");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let titles = measure::titles(n, 7);
        group.bench_with_input(BenchmarkId::from_parameter(n), &titles, |b, titles| {
            b.iter(|| black_box(accuracy::index(titles)))
        });
    }
    group.finish();
}

criterion_group!(benches, lookups, build);
criterion_main!(benches);
