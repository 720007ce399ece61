//! The commands and their replies, built from the catalog alone: no Discord, no terminal.
//!
//! [`Engine`] owns the catalog and its lookup indexes; [`Engine::run`] answers a [`Command`] and
//! [`Engine::follow`] a follow-up [`Action`] (a button). Each command family has its own module.

pub mod daily;
mod film;
mod help;
mod not_found;
pub mod parse;
mod technique;
mod trivia;

use std::sync::Arc;

use rand::Rng;

use crate::catalog::{Catalog, Film, Technique};
use crate::lookup::{Entry, Resolution, TitleIndex};
use crate::reply::{Action, Reply};

pub use not_found::{apology, bad_option, unknown_button, unknown_command};
pub use parse::{parse, ParseError, USAGE};

/// A command as a person gives it, with free-text queries still unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Trivia {
        film: Option<String>,
        technique: Option<String>,
    },
    Film {
        title: String,
    },
    Technique {
        name: String,
    },
    Help,
    /// A quiz: played turn by turn by a front end, not answered in one reply.
    Quiz {
        rounds: Option<u8>,
        decade: Option<String>,
        technique: Option<String>,
    },
    /// The console's daily fact for `today` and the day after; `None` means the local date now.
    DailyPreview {
        today: Option<jiff::civil::Date>,
    },
}

/// What a front end remembers per channel (or console session) between commands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// The last fact `/trivia` gave here, so the next one differs.
    pub last_fact: Option<String>,
}

/// Answers commands from one catalog. Cheap to share: build once, use from every task.
#[derive(Debug, Clone)]
pub struct Engine {
    catalog: Arc<Catalog>,
    films: TitleIndex,
    techniques: TitleIndex,
}

impl Engine {
    pub fn new(catalog: Arc<Catalog>) -> Self {
        let films = TitleIndex::new(catalog.films().iter().map(|f| Entry {
            title: f.title.clone(),
            aliases: f.aliases.clone(),
            years: Some(f.year..=f.end_year.unwrap_or(f.year)),
        }));
        let techniques = TitleIndex::new(catalog.techniques().iter().map(|t| Entry {
            title: t.name.clone(),
            // The id ("dolly-zoom") is what a person copies from a button or the docs.
            aliases: t.aliases.iter().cloned().chain(std::iter::once(t.id.clone())).collect(),
            years: None,
        }));
        Engine { catalog, films, techniques }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog, for another owner (the daily posts) that outlives a borrow.
    pub fn shared_catalog(&self) -> Arc<Catalog> {
        self.catalog.clone()
    }

    /// The title index over the catalog's films, in `Catalog::films` order.
    pub fn film_index(&self) -> &TitleIndex {
        &self.films
    }

    /// The title index over the glossary, in `Catalog::techniques` order.
    pub fn technique_index(&self) -> &TitleIndex {
        &self.techniques
    }

    /// Answers a command. `session` carries what the channel saw last.
    pub fn run(&self, command: &Command, session: &mut Session, rng: &mut impl Rng) -> Reply {
        match command {
            Command::Trivia { film, technique } => {
                let film = match film.as_deref().map(|q| self.find_film(q)) {
                    Some(Err(reply)) => return *reply,
                    Some(Ok(film)) => Some(film),
                    None => None,
                };
                let technique = match technique.as_deref().map(|q| self.find_technique(q)) {
                    Some(Err(reply)) => return *reply,
                    Some(Ok(technique)) => Some(technique),
                    None => None,
                };
                trivia::reply(&self.catalog, film, technique, session, rng)
            }
            Command::Film { title } => match self.find_film(title) {
                Ok(film) => film::card(&self.catalog, film),
                Err(reply) => *reply,
            },
            Command::Technique { name } => match self.find_technique(name) {
                Ok(technique) => technique::card(&self.catalog, technique),
                Err(reply) => *reply,
            },
            Command::Help => help::reply(&self.catalog),
            Command::Quiz { .. } => help::quiz_is_interactive(),
            Command::DailyPreview { today } => {
                daily::preview(&self.catalog, today.unwrap_or_else(|| jiff::Zoned::now().date()))
            }
        }
    }

    /// Answers a follow-up. Its ids come from an earlier reply, possibly from before a restart
    /// with another data set, so each one may no longer exist.
    pub fn follow(&self, action: &Action, session: &mut Session, rng: &mut impl Rng) -> Reply {
        match action {
            Action::AnotherFact { film, technique } => {
                let film_ref = film.as_deref().map(|id| self.catalog.film(id).ok_or(id));
                let technique_ref = technique.as_deref().map(|id| self.catalog.technique(id).ok_or(id));
                match (film_ref.transpose(), technique_ref.transpose()) {
                    (Ok(film), Ok(technique)) => trivia::reply(&self.catalog, film, technique, session, rng),
                    (Err(id), _) | (_, Err(id)) => not_found::gone(id),
                }
            }
            Action::MoreFromFilm { film } => match self.catalog.film(film) {
                Some(film) => film::card(&self.catalog, film),
                None => not_found::gone(film),
            },
            Action::ExplainTechnique { technique, .. } => match self.catalog.technique(technique) {
                Some(technique) => technique::card(&self.catalog, technique),
                None => not_found::gone(technique),
            },
        }
    }

    /// The film a query means, or the reply that explains why there is none. A film id is
    /// accepted as is: it is what autocomplete hands back when a suggestion is picked.
    pub fn find_film(&self, query: &str) -> Result<&Film, Box<Reply>> {
        if let Some(film) = self.catalog.film(query.trim()) {
            return Ok(film);
        }
        match self.films.resolve(query) {
            Resolution::Found(c) => Ok(&self.catalog.films()[c.entry]),
            Resolution::Ambiguous(c) => Err(Box::new(not_found::films(&self.catalog, query, &c, true))),
            Resolution::NotFound(c) => Err(Box::new(not_found::films(&self.catalog, query, &c, false))),
        }
    }

    /// The technique a query means, or the reply that explains why there is none.
    pub fn find_technique(&self, query: &str) -> Result<&Technique, Box<Reply>> {
        match self.techniques.resolve(query) {
            Resolution::Found(c) => Ok(&self.catalog.techniques()[c.entry]),
            Resolution::Ambiguous(c) => Err(Box::new(not_found::techniques(&self.catalog, query, &c, true))),
            Resolution::NotFound(c) => Err(Box::new(not_found::techniques(&self.catalog, query, &c, false))),
        }
    }

    /// Autocomplete for a film option: (label with year, film id), at most `limit`.
    pub fn complete_film(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        self.films
            .complete(partial, limit)
            .into_iter()
            .map(|c| {
                let film = &self.catalog.films()[c.entry];
                (film.label(), film.id.clone())
            })
            .collect()
    }

    /// Autocomplete for a technique option: (name, technique id), at most `limit`.
    pub fn complete_technique(&self, partial: &str, limit: usize) -> Vec<(String, String)> {
        self.techniques
            .complete(partial, limit)
            .into_iter()
            .map(|c| {
                let technique = &self.catalog.techniques()[c.entry];
                (technique.name.clone(), technique.id.clone())
            })
            .collect()
    }
}

/// Joins names as "a, b and c".
fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
pub(crate) mod test_catalog {
    //! A small catalog written inline, shared by the command tests.

    use std::sync::Arc;

    use crate::catalog::{parse_files, Catalog, DataFile, Limits};

    pub const TECHNIQUES: &str = r#"
[[technique]]
id = "long-take"
name = "Long take"
aliases = ["oner"]
what = "A shot that runs for minutes without a cut."
how = "The crew rehearses every move, then films the whole scene in one go."
why = "It keeps the audience inside the moment."

[[technique.source]]
publication = "Film Handbook"
title = "Shots"

[[technique]]
id = "hidden-cut"
name = "Hidden cut"
what = "A cut disguised so that two shots look like one."
how = "The camera passes behind something dark and the editor joins the shots there."
why = "It makes separate takes read as one continuous shot."

[[technique]]
id = "bullet-time"
name = "Bullet time"
what = "Time seems to stop while the camera keeps moving."
how = "A row of still cameras fires in sequence around the actor."
why = "It shows an instant from every side."
"#;

    pub const ROPE: &str = r#"
id = "rope-1948"
title = "Rope"
year = 1948
kind = "film"
directors = ["Alfred Hitchcock"]
countries = ["US"]

[[fact]]
id = "hidden-cuts"
text = "Rope was filmed in takes of up to ten minutes, joined by cuts hidden on dark jackets."
techniques = ["long-take", "hidden-cut"]

[[fact.source]]
publication = "Example Journal"
title = "Making Rope"
url = "https://example.org/rope"

[[fact]]
id = "ending"
text = "The ending was filmed in one unbroken take in which the body is revealed."
techniques = ["long-take"]
spoiler = true

[[fact.source]]
publication = "Example Journal"
title = "Rope's ending"
"#;

    pub const MATRIX: &str = r#"
id = "the-matrix-1999"
title = "The Matrix"
year = 1999
kind = "film"
directors = ["Lana Wachowski", "Lilly Wachowski"]
countries = ["US", "AU"]
aliases = ["Matrix"]

[[fact]]
id = "bullet-time"
text = "The bullet-dodge was filmed with a ring of still cameras fired one after another."
techniques = ["bullet-time"]

[[fact.source]]
publication = "Example Magazine"
title = "Bullet time explained"
"#;

    pub fn files() -> Vec<DataFile> {
        vec![
            DataFile { path: "data/techniques.toml".into(), text: TECHNIQUES.into() },
            DataFile { path: "data/films/rope-1948.toml".into(), text: ROPE.into() },
            DataFile { path: "data/films/the-matrix-1999.toml".into(), text: MATRIX.into() },
        ]
    }

    pub fn catalog() -> Arc<Catalog> {
        Arc::new(parse_files(files(), Limits::for_current_year(2026)).expect("test catalog is valid").catalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_in_english() {
        assert_eq!(join_names::<&str>(&[]), "");
        assert_eq!(join_names(&["a"]), "a");
        assert_eq!(join_names(&["a", "b"]), "a and b");
        assert_eq!(join_names(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn autocomplete_labels_films_with_their_year() {
        let engine = Engine::new(test_catalog::catalog());
        assert_eq!(
            engine.complete_film("ro", 25),
            vec![("Rope (1948)".to_string(), "rope-1948".to_string())]
        );
        assert_eq!(engine.complete_technique("one", 25)[0].1, "long-take");
    }

    #[test]
    fn a_technique_can_be_named_by_its_id() {
        let engine = Engine::new(test_catalog::catalog());
        assert_eq!(engine.find_technique("hidden-cut").map(|t| t.id.as_str()), Ok("hidden-cut"));
    }
}
