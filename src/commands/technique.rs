//! `/technique`: what a filming technique is, how it is done, and the films that used it.

use crate::catalog::{Catalog, Technique, FIELD_MAX};
use crate::reply::{Action, Colour, Reply, Status};

pub(super) fn card(catalog: &Catalog, technique: &Technique) -> Reply {
    let mut reply =
        Reply::new(Status::Answer, Colour::TECHNIQUE, technique.name.clone(), technique.what.clone())
            .field("How it is done", technique.how.clone())
            .field("Why filmmakers use it", technique.why.clone());
    let films = catalog.films_using(&technique.id);
    if !films.is_empty() {
        let labels: Vec<String> = films.iter().map(|f| f.label()).collect();
        reply = reply.field("Films that used it", list_within(&labels, FIELD_MAX));
    }
    if !technique.aliases.is_empty() {
        reply = reply.field("Also called", technique.aliases.join(", "));
    }
    reply.footer = technique.sources.first().map(|s| format!("Source: {}", s.citation()));
    if !films.is_empty() {
        reply.actions.push(Action::AnotherFact { film: None, technique: Some(technique.id.clone()) });
    }
    reply
}

/// Joins labels with ", ", ending with "and N more" when they would not fit in `max` characters.
fn list_within(labels: &[String], max: usize) -> String {
    let mut shown = labels.join(", ");
    let mut count = labels.len();
    while shown.chars().count() > max && count > 1 {
        count -= 1;
        shown = format!("{}, and {} more", labels[..count].join(", "), labels.len() - count);
    }
    shown
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::super::{test_catalog, Command, Engine, Session};
    use super::*;

    fn technique(query: &str) -> Reply {
        let engine = Engine::new(test_catalog::catalog());
        engine.run(
            &Command::Technique { name: query.into() },
            &mut Session::default(),
            &mut StdRng::seed_from_u64(0),
        )
    }

    #[test]
    fn the_technique_card_explains_it_and_names_its_films() {
        let reply = technique("long take");
        assert_eq!(reply.title, "Long take");
        assert_eq!(reply.body, "A shot that runs for minutes without a cut.");
        let names: Vec<&str> = reply.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["How it is done", "Why filmmakers use it", "Films that used it", "Also called"]);
        assert_eq!(reply.fields[2].value, "Rope (1948)");
        assert_eq!(reply.footer.as_deref(), Some("Source: Film Handbook, “Shots”"));
        assert_eq!(
            reply.actions,
            vec![Action::AnotherFact { film: None, technique: Some("long-take".into()) }]
        );
    }

    #[test]
    fn techniques_are_found_by_alias_and_with_typos() {
        assert_eq!(technique("oner").title, "Long take");
        assert_eq!(technique("bulet time").title, "Bullet time");
        assert_eq!(technique("HIDDEN CUTS").title, "Hidden cut");
    }

    #[test]
    fn an_unknown_technique_is_not_found() {
        let reply = technique("underwater housing");
        assert_eq!(reply.status, Status::NotFound);
        assert_eq!(reply.title, "No technique matches “underwater housing”");
    }

    #[test]
    fn long_film_lists_are_shortened_to_fit_a_field() {
        let labels: Vec<String> = (0..200).map(|i| format!("Film number {i} (2000)")).collect();
        let shown = list_within(&labels, 1024);
        assert!(shown.chars().count() <= 1024);
        assert!(shown.ends_with("more"), "{shown}");
        assert_eq!(list_within(&labels[..2], 1024), "Film number 0 (2000), Film number 1 (2000)");
    }
}
