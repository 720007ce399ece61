//! `/trivia`: a random fact, optionally from one film or about one technique.

use rand::seq::IndexedRandom;
use rand::Rng;

use super::{not_found, Session};
use crate::catalog::{Catalog, FactRef, Film, Technique};
use crate::reply::{Action, Colour, Field, Reply, Status};

/// A random fact matching the filters, never the one this session saw last unless it is the
/// only one there is.
pub(super) fn reply(
    catalog: &Catalog,
    film: Option<&Film>,
    technique: Option<&Technique>,
    session: &mut Session,
    rng: &mut impl Rng,
) -> Reply {
    let matching: Vec<FactRef<'_>> = catalog
        .facts()
        .filter(|f| film.is_none_or(|film| film.id == f.film.id))
        .filter(|f| technique.is_none_or(|t| f.fact.techniques.contains(&t.id)))
        .collect();
    let fresh: Vec<FactRef<'_>> = matching
        .iter()
        .copied()
        .filter(|f| session.last_fact.as_deref() != Some(f.fact.id.as_str()))
        .collect();
    let pool = if fresh.is_empty() { &matching } else { &fresh };
    let Some(chosen) = pool.choose(rng) else {
        return not_found::no_facts(film, technique);
    };
    session.last_fact = Some(chosen.fact.id.clone());
    fact_reply(catalog, *chosen, film.map(|f| f.id.clone()), technique.map(|t| t.id.clone()))
}

/// One fact as a reply, with the follow-ups that make sense for it.
pub(crate) fn fact_reply(
    catalog: &Catalog,
    FactRef { film, fact }: FactRef<'_>,
    film_filter: Option<String>,
    technique_filter: Option<String>,
) -> Reply {
    let techniques: Vec<&Technique> = fact.techniques.iter().filter_map(|id| catalog.technique(id)).collect();
    let mut reply = Reply::new(Status::Answer, Colour::TRIVIA, film.label(), fact.text.clone());
    reply.body_spoiler = fact.spoiler;
    if !techniques.is_empty() {
        let names: Vec<&str> = techniques.iter().map(|t| t.name.as_str()).collect();
        reply.fields.push(Field {
            name: "Techniques".into(),
            value: names.join(" · "),
            spoiler: false,
            inline: true,
        });
    }
    reply.footer = fact.sources.first().map(|s| format!("Source: {}", s.citation()));
    reply.actions.push(Action::AnotherFact { film: film_filter, technique: technique_filter });
    reply.actions.push(Action::MoreFromFilm { film: film.id.clone() });
    if let Some(t) = techniques.first() {
        reply.actions.push(Action::ExplainTechnique { technique: t.id.clone(), name: t.name.clone() });
    }
    reply
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::super::{test_catalog, Command, Engine};
    use super::*;

    fn run(engine: &Engine, command: Command, session: &mut Session, seed: u64) -> Reply {
        engine.run(&command, session, &mut StdRng::seed_from_u64(seed))
    }

    fn trivia(film: Option<&str>, technique: Option<&str>) -> Command {
        Command::Trivia { film: film.map(String::from), technique: technique.map(String::from) }
    }

    #[test]
    fn trivia_gives_a_fact_with_its_film_techniques_source_and_buttons() {
        let engine = Engine::new(test_catalog::catalog());
        let reply = run(&engine, trivia(Some("matrix"), None), &mut Session::default(), 1);
        assert_eq!(reply.status, Status::Answer);
        assert_eq!(reply.title, "The Matrix (1999)");
        assert!(reply.body.starts_with("The bullet-dodge"));
        assert_eq!(reply.fields[0].value, "Bullet time");
        assert!(reply.fields[0].inline, "the technique list sits beside the text in an embed");
        assert_eq!(reply.footer.as_deref(), Some("Source: Example Magazine, “Bullet time explained”"));
        assert_eq!(
            reply.actions,
            vec![
                Action::AnotherFact { film: Some("the-matrix-1999".into()), technique: None },
                Action::MoreFromFilm { film: "the-matrix-1999".into() },
                Action::ExplainTechnique { technique: "bullet-time".into(), name: "Bullet time".into() },
            ]
        );
    }

    #[test]
    fn the_same_fact_never_comes_twice_in_a_row() {
        let engine = Engine::new(test_catalog::catalog());
        let mut session = Session::default();
        let mut previous = String::new();
        for seed in 0..50 {
            let reply = run(&engine, trivia(None, None), &mut session, seed);
            assert_ne!(reply.body, previous, "seed {seed} repeated a fact");
            previous = reply.body;
        }
    }

    #[test]
    fn every_fact_can_come_up() {
        let engine = Engine::new(test_catalog::catalog());
        let mut seen = std::collections::HashSet::new();
        let mut session = Session::default();
        for seed in 0..50 {
            seen.insert(run(&engine, trivia(None, None), &mut session, seed).body);
        }
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn filters_limit_the_facts_to_a_film_and_a_technique() {
        let engine = Engine::new(test_catalog::catalog());
        let mut session = Session::default();
        for seed in 0..20 {
            let reply = run(&engine, trivia(Some("rope"), Some("hidden cut")), &mut session, seed);
            assert_eq!(reply.title, "Rope (1948)");
            assert!(reply.body.contains("hidden on dark jackets"));
        }
    }

    #[test]
    fn a_single_matching_fact_may_repeat() {
        let engine = Engine::new(test_catalog::catalog());
        let mut session = Session::default();
        let first = run(&engine, trivia(Some("the matrix"), None), &mut session, 1);
        let second = run(&engine, trivia(Some("the matrix"), None), &mut session, 2);
        assert_eq!(first.body, second.body);
    }

    #[test]
    fn spoiler_facts_are_marked() {
        let engine = Engine::new(test_catalog::catalog());
        let mut session = Session::default();
        let mut spoilers = 0;
        for seed in 0..40 {
            let reply = run(&engine, trivia(Some("rope"), None), &mut session, seed);
            assert_eq!(reply.body_spoiler, reply.body.contains("body is revealed"));
            spoilers += usize::from(reply.body_spoiler);
        }
        assert!(spoilers > 0);
    }

    #[test]
    fn filters_with_no_fact_in_common_say_so() {
        let engine = Engine::new(test_catalog::catalog());
        let reply = run(&engine, trivia(Some("matrix"), Some("long take")), &mut Session::default(), 1);
        assert_eq!(reply.status, Status::NotFound);
        assert_eq!(reply.body, "No fact about The Matrix (1999) involves Long take yet.");
    }

    #[test]
    fn an_unknown_film_filter_gets_suggestions() {
        let engine = Engine::new(test_catalog::catalog());
        let reply = run(&engine, trivia(Some("ropee"), None), &mut Session::default(), 1);
        assert_eq!(reply.status, Status::Answer, "one typo is forgiven");
        let reply = run(&engine, trivia(Some("rpoe the movie"), None), &mut Session::default(), 1);
        assert_eq!(reply.status, Status::NotFound);
        assert!(reply.body.contains("Rope (1948)"), "{}", reply.body);
    }
}
