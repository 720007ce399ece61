//! The matcher's accuracy on a small generated catalog with a fixed seed: a floor on how often
//! it finds the film each query means. Correctness only; nothing here is timed.

use movie_trivia::measure::{self, accuracy, Kind};

#[test]
fn the_matcher_finds_the_film_meant_on_a_generated_catalog() {
    let titles = measure::titles(2_000, 11);
    let queries = measure::queries(&titles, 1_800, 12);
    let index = accuracy::index(&titles);
    let first = accuracy::evaluate(&index, &titles, &queries, 1);
    let within = accuracy::evaluate(&index, &titles, &queries, 25);

    let top1 = |kind: Kind| first.kind(kind).map_or(0.0, |s| s.top1());
    let report = || {
        first
            .kinds
            .iter()
            .zip(&within.kinds)
            .map(|(a, b)| format!("{}: top-1 {:.3}, recall {:.3}", a.label(), a.top1(), b.recall()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for kind in [Kind::Exact, Kind::Lowercase, Kind::MissingArticle, Kind::NoPunct] {
        assert_eq!(top1(kind), 1.0, "{kind:?}\n{}", report());
    }
    assert!(top1(Kind::TitleYear) >= 0.98, "{}", report());
    assert!(top1(Kind::Typo1) >= 0.98, "{}", report());
    assert!(first.overall.top1() >= 0.92, "{}", report());
    assert!(within.overall.recall() >= 0.99, "{}", report());
}
