//! Replies for queries that find nothing, or too much: they say so and suggest what exists.

use crate::catalog::{Catalog, Film, Technique};
use crate::lookup::Candidate;
use crate::reply::{Colour, Reply, Status};

/// No film, or several equally, for `query`.
pub(super) fn films(catalog: &Catalog, query: &str, candidates: &[Candidate], ambiguous: bool) -> Reply {
    let films: Vec<&Film> = candidates.iter().map(|c| &catalog.films()[c.entry]).collect();
    if ambiguous {
        let lines: Vec<String> = films
            .iter()
            .map(|f| format!("• {} — add the year: `{} {}`", f.label(), query.trim(), f.year))
            .collect();
        return Reply::new(
            Status::NotFound,
            Colour::NOT_FOUND,
            format!("Several films match “{}”", query.trim()),
            format!("Which one do you mean?\n{}", lines.join("\n")),
        );
    }
    let labels: Vec<String> = films.iter().map(|f| f.label()).collect();
    missing("film", query, &labels)
}

/// No technique, or several equally, for `query`.
pub(super) fn techniques(catalog: &Catalog, query: &str, candidates: &[Candidate], ambiguous: bool) -> Reply {
    let names: Vec<String> = candidates.iter().map(|c| catalog.techniques()[c.entry].name.clone()).collect();
    if ambiguous {
        return Reply::new(
            Status::NotFound,
            Colour::NOT_FOUND,
            format!("Several techniques match “{}”", query.trim()),
            format!("Which one do you mean?\n{}", bullets(&names)),
        );
    }
    missing("technique", query, &names)
}

fn missing(what: &str, query: &str, suggestions: &[String]) -> Reply {
    let body = if suggestions.is_empty() {
        format!("Nothing in the collection comes close. `/help` says what there is, and `/{what}` offers choices as you type.")
    } else {
        format!("Did you mean:\n{}", bullets(suggestions))
    };
    Reply::new(Status::NotFound, Colour::NOT_FOUND, format!("No {what} matches “{}”", query.trim()), body)
}

/// The filters are valid, but no fact satisfies both.
pub(super) fn no_facts(film: Option<&Film>, technique: Option<&Technique>) -> Reply {
    let body = match (film, technique) {
        (Some(f), Some(t)) => format!("No fact about {} involves {} yet.", f.label(), t.name),
        (Some(f), None) => format!("There are no facts about {} yet.", f.label()),
        (None, Some(t)) => format!("No fact involves {} yet.", t.name),
        (None, None) => "The collection has no facts yet.".to_string(),
    };
    Reply::new(Status::NotFound, Colour::NOT_FOUND, "No fact to show", body)
}

/// A follow-up names an id the data set no longer has (it changed since the button was made).
pub(super) fn gone(id: &str) -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::NOT_FOUND,
        "That is no longer in the collection",
        format!(
            "`{id}` was removed or renamed since this message was posted. Try `/trivia` for something new."
        ),
    )
}

/// A button this version does not understand: from an older version, or another feature.
pub fn unknown_button() -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::NOT_FOUND,
        "This button no longer works",
        "It belongs to an older message. Try `/trivia` for a new fact.",
    )
}

/// A command this version does not have (registered by an older one).
pub fn unknown_command(name: &str) -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::NOT_FOUND,
        format!("`/{name}` is not available any more"),
        "Type `/` to see the commands this bot has now, or try `/help`.",
    )
}

/// An option value the front end could not read (Discord normally prevents this).
pub fn bad_option(option: &str, problem: &str) -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::NOT_FOUND,
        format!("That `{option}` did not work"),
        format!("{problem}. Pick one of the suggestions that appear as you type, or see `/help`."),
    )
}

/// Something failed on our side; the operator's log has the details, the person gets this.
pub fn apology() -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::NOT_FOUND,
        "Sorry, something went wrong on our side",
        "The bot could not answer this time. Please try again in a moment; if it keeps \
         happening, the people who run this bot can find the details in its log.",
    )
}

fn bullets(items: &[String]) -> String {
    items.iter().map(|i| format!("• {i}")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::super::{test_catalog, Engine, Session};
    use crate::reply::Action;

    use super::*;

    #[test]
    fn a_near_miss_lists_the_closest_films_with_years() {
        let engine = Engine::new(test_catalog::catalog());
        let reply = *engine.find_film("the matrox reloaded").unwrap_err();
        assert_eq!(reply.status, Status::NotFound);
        assert_eq!(reply.body, "Did you mean:\n• The Matrix (1999)");
    }

    #[test]
    fn nothing_close_points_to_help() {
        let engine = Engine::new(test_catalog::catalog());
        let reply = *engine.find_film("qqqqqqqqqq").unwrap_err();
        assert!(reply.body.starts_with("Nothing in the collection comes close."));
    }

    #[test]
    fn a_button_for_something_removed_answers_politely() {
        let engine = Engine::new(test_catalog::catalog());
        let mut rng = StdRng::seed_from_u64(0);
        let mut session = Session::default();
        for action in [
            Action::MoreFromFilm { film: "gone-1999".into() },
            Action::ExplainTechnique { technique: "gone".into(), name: "Gone".into() },
            Action::AnotherFact { film: Some("gone-1999".into()), technique: None },
            Action::AnotherFact { film: None, technique: Some("gone".into()) },
        ] {
            let reply = engine.follow(&action, &mut session, &mut rng);
            assert_eq!(reply.status, Status::NotFound, "{action:?}");
            assert_eq!(reply.title, "That is no longer in the collection");
        }
    }

    #[test]
    fn buttons_that_still_resolve_answer() {
        let engine = Engine::new(test_catalog::catalog());
        let mut rng = StdRng::seed_from_u64(0);
        let mut session = Session::default();
        let reply = engine.follow(&Action::MoreFromFilm { film: "rope-1948".into() }, &mut session, &mut rng);
        assert_eq!(reply.title, "Rope (1948)");
        let reply = engine.follow(
            &Action::AnotherFact { film: None, technique: Some("bullet-time".into()) },
            &mut session,
            &mut rng,
        );
        assert_eq!(reply.title, "The Matrix (1999)");
    }
}
