//! The bot's own work on the shipped data set: loading and validating it, and building each
//! command's reply in process (the Engine, no Discord).
//!
//! `cargo bench --bench bot` (add `-- --quick` for a faster, rougher run).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use movie_trivia::catalog::{self, Limits};
use movie_trivia::commands::{self, Engine, Session};
use rand::rngs::StdRng;
use rand::SeedableRng;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("data-set");
    group.sample_size(20).measurement_time(Duration::from_secs(3));
    group.bench_function("load-and-validate", |b| {
        b.iter(|| black_box(catalog::load_embedded(Limits::today()).expect("the shipped data set is valid")))
    });
    let loaded = catalog::load_embedded(Limits::today()).expect("the shipped data set is valid");
    group.bench_function("build-engine", |b| {
        b.iter(|| black_box(Engine::new(Arc::new(loaded.catalog.clone()))))
    });
    group.finish();
}

fn replies(c: &mut Criterion) {
    let loaded = catalog::load_embedded(Limits::today()).expect("the shipped data set is valid");
    let engine = Engine::new(Arc::new(loaded.catalog));
    let mut group = c.benchmark_group("reply");
    group.sample_size(30).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, text) in [
        ("film", "/film inception"),
        ("film-typo", "/film the matirx"),
        ("film-year", "/film back to the future 1990"),
        ("film-not-found", "/film zzzz qqqq"),
        ("trivia", "/trivia"),
        ("trivia-film", "/trivia film:rope"),
        ("technique", "/technique bullet time"),
        ("help", "/help"),
    ] {
        let command = commands::parse(text).expect("a well-formed command");
        let mut session = Session::default();
        let mut rng = StdRng::seed_from_u64(1);
        group.bench_function(name, |b| b.iter(|| black_box(engine.run(&command, &mut session, &mut rng))));
    }
    group.bench_function("autocomplete-film", |b| b.iter(|| black_box(engine.complete_film("the d", 25))));
    group.finish();
}

criterion_group!(benches, load, replies);
criterion_main!(benches);
