//! The trivia catalog: films and series, their behind-the-scenes facts, and the glossary of
//! filming techniques, as loaded and validated from the TOML data set.

mod countries;
mod embedded;
mod load;
mod raw;
mod validate;

use std::collections::HashMap;

pub use countries::name as country_name;
pub use load::{load_dir, load_embedded, parse_files, DataFile, Loaded};
pub use validate::{Limits, LoadError, Problem, FIELD_MAX, TITLE_MAX};

/// Whether an entry is a single film or a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Film,
    Series,
}

/// Where a fact or an explanation can be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub publication: String,
    pub title: String,
    pub url: Option<String>,
}

impl Source {
    /// "Publication, “Title”" — the form shown in footers.
    pub fn citation(&self) -> String {
        format!("{}, “{}”", self.publication, self.title)
    }
}

/// One behind-the-scenes fact about a film.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Global, stable id: `<film id>/<fact slug>`.
    pub id: String,
    pub text: String,
    /// Technique ids, all present in the catalog.
    pub techniques: Vec<String>,
    pub spoiler: bool,
    /// The first source is the one shown to users.
    pub sources: Vec<Source>,
}

/// A film or series with its facts.
#[derive(Debug, Clone)]
pub struct Film {
    pub id: String,
    pub title: String,
    pub year: u16,
    /// Last year of a series; `None` for films and for series still running.
    pub end_year: Option<u16>,
    pub kind: Kind,
    pub directors: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub aliases: Vec<String>,
    /// Characters and cast whose names give the film away ("Ellen Ripley", "Sigourney Weaver"):
    /// the quiz hides them. Only those the facts mention matter; it is not a cast list.
    pub names: Vec<String>,
    pub facts: Vec<Fact>,
}

impl Film {
    /// "Rope (1948)", "Breaking Bad (2008–2013)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.title, self.years())
    }

    /// "1948", "2008–2013", "2019–" for a running series.
    pub fn years(&self) -> String {
        match (self.kind, self.end_year) {
            (Kind::Series, Some(end)) if end != self.year => format!("{}–{}", self.year, end),
            (Kind::Series, None) => format!("{}–", self.year),
            _ => self.year.to_string(),
        }
    }
}

/// A filming technique from the glossary.
#[derive(Debug, Clone)]
pub struct Technique {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub what: String,
    pub how: String,
    pub why: String,
    pub sources: Vec<Source>,
}

/// A fact together with the film it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct FactRef<'a> {
    pub film: &'a Film,
    pub fact: &'a Fact,
}

/// A validated data set. Built only by the loader, so every cross-reference in it resolves.
#[derive(Debug, Clone)]
pub struct Catalog {
    films: Vec<Film>,
    techniques: Vec<Technique>,
    film_by_id: HashMap<String, usize>,
    technique_by_id: HashMap<String, usize>,
    /// For each technique (by index), the films whose facts use it, oldest first.
    films_by_technique: Vec<Vec<usize>>,
}

/// How large a catalog is, as `check` and `/help` report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub films: usize,
    pub series: usize,
    pub facts: usize,
    pub techniques: usize,
    pub facts_without_source: usize,
}

impl Catalog {
    /// Assembles a catalog from entries the loader has already validated.
    fn new(mut films: Vec<Film>, techniques: Vec<Technique>) -> Self {
        films.sort_by(|a, b| a.id.cmp(&b.id));
        let film_by_id = films.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        let technique_by_id: HashMap<String, usize> =
            techniques.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
        let mut films_by_technique = vec![Vec::new(); techniques.len()];
        for (film_index, film) in films.iter().enumerate() {
            for fact in &film.facts {
                for technique in &fact.techniques {
                    if let Some(&t) = technique_by_id.get(technique) {
                        let users: &mut Vec<usize> = &mut films_by_technique[t];
                        if !users.contains(&film_index) {
                            users.push(film_index);
                        }
                    }
                }
            }
        }
        for users in &mut films_by_technique {
            users.sort_by_key(|&i| (films[i].year, films[i].title.clone()));
        }
        Catalog { films, techniques, film_by_id, technique_by_id, films_by_technique }
    }

    /// All films and series, ordered by id.
    pub fn films(&self) -> &[Film] {
        &self.films
    }

    /// The glossary, in file order.
    pub fn techniques(&self) -> &[Technique] {
        &self.techniques
    }

    pub fn film(&self, id: &str) -> Option<&Film> {
        self.film_by_id.get(id).map(|&i| &self.films[i])
    }

    pub fn technique(&self, id: &str) -> Option<&Technique> {
        self.technique_by_id.get(id).map(|&i| &self.techniques[i])
    }

    /// Looks a fact up by its global id (`film/fact`).
    pub fn fact(&self, id: &str) -> Option<FactRef<'_>> {
        let (film_id, _) = id.split_once('/')?;
        let film = self.film(film_id)?;
        let fact = film.facts.iter().find(|f| f.id == id)?;
        Some(FactRef { film, fact })
    }

    /// Every fact with its film, films in id order.
    pub fn facts(&self) -> impl Iterator<Item = FactRef<'_>> + '_ {
        self.films.iter().flat_map(|film| film.facts.iter().map(move |fact| FactRef { film, fact }))
    }

    /// The films whose facts use a technique, oldest first.
    pub fn films_using(&self, technique_id: &str) -> Vec<&Film> {
        self.technique_by_id
            .get(technique_id)
            .map(|&t| self.films_by_technique[t].iter().map(|&i| &self.films[i]).collect())
            .unwrap_or_default()
    }

    pub fn counts(&self) -> Counts {
        let series = self.films.iter().filter(|f| f.kind == Kind::Series).count();
        let facts: Vec<&Fact> = self.films.iter().flat_map(|f| &f.facts).collect();
        Counts {
            films: self.films.len() - series,
            series,
            facts: facts.len(),
            techniques: self.techniques.len(),
            facts_without_source: facts.iter().filter(|f| f.sources.is_empty()).count(),
        }
    }
}
