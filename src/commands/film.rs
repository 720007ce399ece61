//! `/film`: the card of one film: who made it, its facts, and the techniques it shows.

use crate::catalog::{Catalog, Film, Kind, Technique};
use crate::reply::{Action, Colour, Field, Reply, Status};

use super::join_names;

/// Buttons for the film's techniques, at most this many (Discord fits five buttons in a row,
/// and "Another fact" takes one).
const TECHNIQUE_BUTTONS: usize = 3;

pub(super) fn card(catalog: &Catalog, film: &Film) -> Reply {
    let countries: Vec<&str> = film.countries.iter().map(|c| crate::catalog::country_name(c)).collect();
    let made_by = match film.kind {
        Kind::Film => format!("Directed by {}", join_names(&film.directors)),
        Kind::Series => format!("Series created by {}", join_names(&film.directors)),
    };
    let mut body = format!("{made_by} · {}", countries.join(", "));
    if !film.aliases.is_empty() {
        body.push_str(&format!("\nAlso known as {}", join_names(&film.aliases)));
    }
    let mut reply = Reply::new(Status::Answer, Colour::FILM, film.label(), body);

    let mut techniques: Vec<&Technique> = Vec::new();
    for fact in &film.facts {
        let names: Vec<&str> = fact
            .techniques
            .iter()
            .filter_map(|id| catalog.technique(id))
            .inspect(|t| {
                if !techniques.iter().any(|known| known.id == t.id) {
                    techniques.push(t);
                }
            })
            .map(|t| t.name.as_str())
            .collect();
        reply.fields.push(Field {
            name: names.join(" · "),
            value: fact.text.clone(),
            spoiler: fact.spoiler,
            inline: false,
        });
    }
    if film.facts.is_empty() {
        reply.body.push_str("\n\nNo behind-the-scenes facts about it yet.");
    }

    let mut publications: Vec<&str> = Vec::new();
    for source in film.facts.iter().filter_map(|f| f.sources.first()) {
        if !publications.contains(&source.publication.as_str()) {
            publications.push(&source.publication);
        }
    }
    if !publications.is_empty() {
        reply.footer = Some(format!("Sources: {}", publications.join("; ")));
    }

    reply.actions.push(Action::AnotherFact { film: Some(film.id.clone()), technique: None });
    reply.actions.extend(
        techniques
            .iter()
            .take(TECHNIQUE_BUTTONS)
            .map(|t| Action::ExplainTechnique { technique: t.id.clone(), name: t.name.clone() }),
    );
    reply
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::super::{test_catalog, Command, Engine, Session};
    use super::*;

    fn film(query: &str) -> Reply {
        let engine = Engine::new(test_catalog::catalog());
        engine.run(
            &Command::Film { title: query.into() },
            &mut Session::default(),
            &mut StdRng::seed_from_u64(0),
        )
    }

    #[test]
    fn the_film_card_lists_makers_facts_and_techniques() {
        let reply = film("rope");
        assert_eq!(reply.status, Status::Answer);
        assert_eq!(reply.title, "Rope (1948)");
        assert_eq!(reply.body, "Directed by Alfred Hitchcock · United States");
        assert_eq!(reply.fields.len(), 2);
        assert_eq!(reply.fields[0].name, "Long take · Hidden cut");
        assert!(!reply.fields[0].spoiler);
        assert!(reply.fields[1].spoiler, "the ending is a spoiler");
        assert_eq!(reply.footer.as_deref(), Some("Sources: Example Journal"));
        assert_eq!(
            reply.actions,
            vec![
                Action::AnotherFact { film: Some("rope-1948".into()), technique: None },
                Action::ExplainTechnique { technique: "long-take".into(), name: "Long take".into() },
                Action::ExplainTechnique { technique: "hidden-cut".into(), name: "Hidden cut".into() },
            ]
        );
    }

    #[test]
    fn the_film_card_names_every_director_and_country() {
        let reply = film("the matirx");
        assert_eq!(
            reply.body,
            "Directed by Lana Wachowski and Lilly Wachowski · United States, Australia\nAlso known as Matrix"
        );
    }

    #[test]
    fn an_unknown_film_is_not_found_with_suggestions() {
        let reply = film("citizen kane");
        assert_eq!(reply.status, Status::NotFound);
        assert_eq!(reply.title, "No film matches “citizen kane”");
    }
}
