//! Building rounds: a fact with its film hidden, and four films to choose from.
//!
//! The three wrong films should be plausible, or the round answers itself: films of the same
//! kind (film or series) first, then of the same decade, then sharing one of the fact's
//! techniques, then any. Never the answer film, never a film twice, never a film with the
//! answer's title (a remake would make two right answers), never two films with one title,
//! and, while others remain, never a film the fact itself names (it would plainly be wrong).
//! Everything random comes from the caller's generator, so a seed replays a quiz exactly.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use super::redact::Redactor;
use crate::catalog::{Catalog, FactRef, Film, Technique};
use crate::lookup::normalize::key;

/// How many films a round offers.
pub const CHOICES: usize = 4;
/// The fewest rounds a quiz may have.
pub const MIN_ROUNDS: usize = 1;
/// The most rounds a quiz may have.
pub const MAX_ROUNDS: usize = 10;

/// A number of rounds from [`MIN_ROUNDS`] to [`MAX_ROUNDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RoundCount(usize);

/// A quiz asked for a number of rounds out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a quiz has {MIN_ROUNDS} to {MAX_ROUNDS} rounds, not {got}")]
pub struct RoundCountError {
    pub got: usize,
}

impl RoundCount {
    pub fn new(rounds: usize) -> Result<Self, RoundCountError> {
        if (MIN_ROUNDS..=MAX_ROUNDS).contains(&rounds) {
            Ok(RoundCount(rounds))
        } else {
            Err(RoundCountError { got: rounds })
        }
    }

    pub fn get(self) -> usize {
        self.0
    }
}

/// Ten years starting at a year ending in 0: "the 1980s".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decade(u16);

impl Decade {
    /// The decade a year falls in.
    pub fn of(year: u16) -> Self {
        Decade(year - year % 10)
    }

    pub fn first_year(self) -> u16 {
        self.0
    }

    pub fn contains(self, year: u16) -> bool {
        Decade::of(year) == self
    }
}

impl fmt::Display for Decade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}s", self.0)
    }
}

/// Text that is not a decade.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a decade: write it like 1980s")]
pub struct DecadeError(pub String);

impl FromStr for Decade {
    type Err = DecadeError;

    /// "1980s" or "1980". Two-digit forms ("80s") are refused: the catalog spans 1900s to 2020s.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let digits = trimmed.strip_suffix('s').unwrap_or(trimmed);
        match digits.parse::<u16>() {
            Ok(year) if digits.len() == 4 && year % 10 == 0 => Ok(Decade(year)),
            _ => Err(DecadeError(s.to_string())),
        }
    }
}

/// Which facts a quiz draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub decade: Option<Decade>,
    /// A technique id.
    pub technique: Option<String>,
}

/// Why no round could be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    #[error("there is no technique `{0}`")]
    UnknownTechnique(String),
    /// No fact passes the filter; the text names the filter ("from the 1920s about “Bullet time”").
    #[error("no facts {0}")]
    NoFacts(String),
    #[error("a round needs {CHOICES} films with different titles, and the catalog has {0}")]
    TooFewFilms(usize),
}

/// One question: a fact with its film hidden, and the films to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The global id of the fact (`film/fact`), to show it in full once the round is over.
    pub fact_id: String,
    /// The answer.
    pub film_id: String,
    /// The fact with the film's telling words hidden.
    pub question: String,
    /// The fact gives away a plot point; front ends hide it until clicked.
    pub spoiler: bool,
    /// Film ids in the order shown; the answer is at `correct`.
    pub choices: [String; CHOICES],
    pub correct: usize,
}

impl Round {
    pub fn is_correct(&self, choice: usize) -> bool {
        choice == self.correct
    }

    /// The choices as people read them ("Inception (2010)"), in order.
    pub fn labels(&self, catalog: &Catalog) -> Vec<String> {
        self.choices.iter().map(|id| film_label(catalog, id)).collect()
    }
}

/// A film's "Title (year)", or its id if it has left the data set since the round was built.
pub fn film_label(catalog: &Catalog, film_id: &str) -> String {
    catalog.film(film_id).map_or_else(|| film_id.to_string(), |f| f.label())
}

/// A round for a given fact (the daily post picks its own), with distractors and order drawn
/// from `rng`.
pub fn round_for_fact(
    catalog: &Catalog,
    redactor: &Redactor,
    fact: FactRef<'_>,
    rng: &mut impl Rng,
) -> Result<Round, RoundError> {
    let distractors = distractors(catalog, redactor, fact, rng)?;
    let mut choices: Vec<&Film> = distractors.into_iter().chain([fact.film]).collect();
    choices.shuffle(rng);
    let correct = choices.iter().position(|f| f.id == fact.film.id).expect("the answer is among the choices");
    Ok(Round {
        fact_id: fact.fact.id.clone(),
        film_id: fact.film.id.clone(),
        question: redactor.redact(fact.film, &fact.fact.text),
        spoiler: fact.fact.spoiler,
        choices: std::array::from_fn(|i| choices[i].id.clone()),
        correct,
    })
}

/// One round from a random fact that passes the filter.
pub fn build_round(
    catalog: &Catalog,
    redactor: &Redactor,
    filter: &Filter,
    rng: &mut impl Rng,
) -> Result<Round, RoundError> {
    let facts = eligible(catalog, filter)?;
    let fact = pick(&facts, &HashSet::new(), rng).expect("eligible facts are never empty");
    round_for_fact(catalog, redactor, fact, rng)
}

/// The rounds of a quiz, the same for the same seed. No fact comes twice, and no film is the
/// answer twice while the filter still offers others. Fewer rounds than asked for when the
/// filter has fewer facts.
pub fn build_rounds(
    catalog: &Catalog,
    redactor: &Redactor,
    filter: &Filter,
    count: RoundCount,
    seed: u64,
) -> Result<Vec<Round>, RoundError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut facts = eligible(catalog, filter)?;
    let mut answered: HashSet<&str> = HashSet::new();
    let mut rounds = Vec::with_capacity(count.get());
    while rounds.len() < count.get() {
        let Some(fact) = pick(&facts, &answered, &mut rng) else { break };
        rounds.push(round_for_fact(catalog, redactor, fact, &mut rng)?);
        answered.insert(fact.film.id.as_str());
        facts.retain(|f| f.fact.id != fact.fact.id);
    }
    Ok(rounds)
}

/// A fact, preferring films not yet answered. The film is drawn first and then one of its
/// facts, so films with many facts do not crowd out the rest.
fn pick<'a>(facts: &[FactRef<'a>], answered: &HashSet<&str>, rng: &mut impl Rng) -> Option<FactRef<'a>> {
    let fresh: Vec<FactRef<'a>> =
        facts.iter().copied().filter(|f| !answered.contains(f.film.id.as_str())).collect();
    let pool = if fresh.is_empty() { facts } else { &fresh };
    let mut films: Vec<&str> = pool.iter().map(|f| f.film.id.as_str()).collect();
    films.dedup();
    let film = *films.choose(rng)?;
    let its: Vec<FactRef<'a>> = pool.iter().copied().filter(|f| f.film.id == film).collect();
    its.choose(rng).copied()
}

/// The facts that pass the filter, in catalog order; an error naming the filter when none do.
fn eligible<'a>(catalog: &'a Catalog, filter: &Filter) -> Result<Vec<FactRef<'a>>, RoundError> {
    let technique: Option<&Technique> = filter
        .technique
        .as_deref()
        .map(|id| catalog.technique(id).ok_or_else(|| RoundError::UnknownTechnique(id.to_string())))
        .transpose()?;
    let facts: Vec<FactRef<'a>> = catalog
        .facts()
        .filter(|f| filter.decade.is_none_or(|d| d.contains(f.film.year)))
        .filter(|f| technique.is_none_or(|t| f.fact.techniques.contains(&t.id)))
        .collect();
    if facts.is_empty() {
        return Err(RoundError::NoFacts(describe(filter.decade, technique)));
    }
    Ok(facts)
}

/// "from the 1920s about “Bullet time”", as the end of "no facts …".
fn describe(decade: Option<Decade>, technique: Option<&Technique>) -> String {
    match (decade, technique) {
        (Some(d), Some(t)) => format!("from the {d} about “{}”", t.name),
        (Some(d), None) => format!("from the {d}"),
        (None, Some(t)) => format!("about “{}”", t.name),
        (None, None) => "in the catalog".to_string(),
    }
}

/// Three wrong films for a fact, most plausible first (see the module notes).
fn distractors<'a>(
    catalog: &'a Catalog,
    redactor: &Redactor,
    fact: FactRef<'a>,
    rng: &mut impl Rng,
) -> Result<Vec<&'a Film>, RoundError> {
    let answer = fact.film;
    let titles = |film: &Film| -> Vec<String> {
        std::iter::once(&film.title).chain(&film.aliases).map(|t| key(t)).collect()
    };
    let answer_titles = titles(answer);
    let decade = Decade::of(answer.year);
    let same_technique: HashSet<&str> =
        fact.fact.techniques.iter().flat_map(|t| catalog.films_using(t)).map(|f| f.id.as_str()).collect();
    let named: HashSet<&str> =
        redactor.named_in(catalog.films(), &fact.fact.text).map(|f| f.id.as_str()).collect();
    let mut candidates: Vec<((bool, bool, u8), &Film)> = catalog
        .films()
        .iter()
        .filter(|f| f.id != answer.id && !titles(f).iter().any(|t| answer_titles.contains(t)))
        .map(|f| {
            let closeness = if Decade::of(f.year) == decade {
                0
            } else if same_technique.contains(f.id.as_str()) {
                1
            } else {
                2
            };
            ((named.contains(f.id.as_str()), f.kind != answer.kind, closeness), f)
        })
        .collect();
    // Shuffled, then sorted stably: random within each tier.
    candidates.shuffle(rng);
    candidates.sort_by_key(|(tier, _)| *tier);
    let mut chosen: Vec<&Film> = Vec::with_capacity(CHOICES - 1);
    let mut chosen_titles: HashSet<String> = HashSet::new();
    for (_, film) in candidates {
        if chosen.len() == CHOICES - 1 {
            break;
        }
        if chosen_titles.insert(key(&film.title)) {
            chosen.push(film);
        }
    }
    if chosen.len() < CHOICES - 1 {
        return Err(RoundError::TooFewFilms(chosen.len() + 1));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{parse_files, DataFile, Limits};
    use crate::quiz::redact::tests::shipped;

    const TECHNIQUES: &str = r#"
[[technique]]
id = "matte"
name = "Matte painting"
what = "w"
how = "h"
why = "y"

[[technique]]
id = "miniature"
name = "Miniature"
what = "w"
how = "h"
why = "y"
"#;

    /// A film file: title, year, and facts as (slug, text, techniques).
    fn film_file(title: &str, year: u16, facts: &[(&str, &str, &str)]) -> DataFile {
        let id = format!("{}-{year}", crate::lookup::normalize::words(title).join("-"));
        let mut text = format!(
            "id = \"{id}\"\ntitle = \"{title}\"\nyear = {year}\nkind = \"film\"\ndirectors = [\"Someone Else\"]\ncountries = [\"US\"]\n"
        );
        for (slug, fact, technique) in facts {
            text.push_str(&format!(
                "\n[[fact]]\nid = \"{slug}\"\ntext = \"{fact}\"\ntechniques = [\"{technique}\"]\n"
            ));
        }
        DataFile { path: format!("data/films/{id}.toml"), text }
    }

    fn catalog(films: Vec<DataFile>) -> Catalog {
        let techniques = DataFile { path: "data/techniques.toml".into(), text: TECHNIQUES.into() };
        parse_files(std::iter::once(techniques).chain(films), Limits::for_current_year(2026)).unwrap().catalog
    }

    /// An answer from 1984 and candidates around it: two from its decade, one sharing its
    /// technique from another decade, a remake of it, and three that are neither.
    fn neighbourhood() -> Catalog {
        catalog(vec![
            film_file("Answer", 1984, &[("fact", "A painted sky over the city.", "matte")]),
            film_file("Answer", 1955, &[("fact", "Remade later.", "matte")]),
            film_file("Near One", 1981, &[("fact", "Something.", "miniature")]),
            film_file("Near Two", 1989, &[("fact", "Something else.", "miniature")]),
            film_file("Same Trick", 1962, &[("fact", "Glass.", "matte")]),
            film_file("Far One", 1931, &[("fact", "One.", "miniature")]),
            film_file("Far Two", 2011, &[("fact", "Two.", "miniature")]),
            film_file("Far Three", 2020, &[("fact", "Three.", "miniature")]),
        ])
    }

    fn titles(catalog: &Catalog, ids: &[String]) -> Vec<String> {
        let mut titles: Vec<String> = ids.iter().map(|id| catalog.film(id).unwrap().label()).collect();
        titles.sort();
        titles
    }

    #[test]
    fn round_counts_run_from_one_to_ten() {
        assert_eq!(RoundCount::new(1).map(RoundCount::get), Ok(1));
        assert_eq!(RoundCount::new(10).map(RoundCount::get), Ok(10));
        assert_eq!(RoundCount::new(0).unwrap_err().to_string(), "a quiz has 1 to 10 rounds, not 0");
        assert_eq!(RoundCount::new(11), Err(RoundCountError { got: 11 }));
    }

    #[test]
    fn decades_read_and_print_as_1980s() {
        assert_eq!("1980s".parse::<Decade>(), Ok(Decade::of(1987)));
        assert_eq!(" 1920 ".parse::<Decade>().map(|d| d.to_string()), Ok("1920s".to_string()));
        assert_eq!(
            "80s".parse::<Decade>().unwrap_err().to_string(),
            "`80s` is not a decade: write it like 1980s"
        );
        assert!("1985".parse::<Decade>().is_err());
        assert!(Decade::of(1989).contains(1980) && !Decade::of(1989).contains(1990));
    }

    #[test]
    fn distractors_prefer_the_decade_then_the_technique_and_skip_remakes() {
        let catalog = neighbourhood();
        let redactor = Redactor::new(&catalog);
        let fact = catalog.fact("answer-1984/fact").unwrap();
        for seed in 0..30 {
            let round = round_for_fact(&catalog, &redactor, fact, &mut StdRng::seed_from_u64(seed)).unwrap();
            assert_eq!(
                titles(&catalog, &round.choices),
                ["Answer (1984)", "Near One (1981)", "Near Two (1989)", "Same Trick (1962)"]
            );
            assert_eq!(round.choices[round.correct], "answer-1984");
            assert_eq!(round.film_id, "answer-1984");
            assert!(round.is_correct(round.correct));
        }
    }

    #[test]
    fn the_answer_moves_between_the_four_places() {
        let catalog = neighbourhood();
        let redactor = Redactor::new(&catalog);
        let fact = catalog.fact("answer-1984/fact").unwrap();
        let places: HashSet<usize> = (0..40)
            .map(|seed| {
                round_for_fact(&catalog, &redactor, fact, &mut StdRng::seed_from_u64(seed)).unwrap().correct
            })
            .collect();
        assert_eq!(places.len(), CHOICES);
    }

    #[test]
    fn a_film_the_fact_names_is_no_distractor_while_others_remain() {
        let catalog = catalog(vec![
            film_file("Answer", 1984, &[("fact", "Unlike Near One, it used a painted sky.", "matte")]),
            film_file("Near One", 1981, &[("fact", "Something.", "miniature")]),
            film_file("Near Two", 1989, &[("fact", "Something else.", "miniature")]),
            film_file("Far One", 1931, &[("fact", "One.", "miniature")]),
            film_file("Far Two", 2011, &[("fact", "Two.", "miniature")]),
        ]);
        let redactor = Redactor::new(&catalog);
        let fact = catalog.fact("answer-1984/fact").unwrap();
        for seed in 0..20 {
            let round = round_for_fact(&catalog, &redactor, fact, &mut StdRng::seed_from_u64(seed)).unwrap();
            assert!(!round.choices.contains(&"near-one-1981".to_string()), "{round:?}");
        }
    }

    #[test]
    fn too_few_films_is_an_error() {
        let catalog = catalog(vec![
            film_file("Answer", 1984, &[("fact", "A painted sky.", "matte")]),
            film_file("Answer", 1955, &[("fact", "The same title.", "matte")]),
            film_file("Near One", 1981, &[("fact", "Something.", "miniature")]),
            film_file("Near Two", 1989, &[("fact", "Something else.", "miniature")]),
        ]);
        let redactor = Redactor::new(&catalog);
        let fact = catalog.fact("answer-1984/fact").unwrap();
        let err = round_for_fact(&catalog, &redactor, fact, &mut StdRng::seed_from_u64(0)).unwrap_err();
        assert_eq!(err, RoundError::TooFewFilms(3));
        assert_eq!(err.to_string(), "a round needs 4 films with different titles, and the catalog has 3");
    }

    #[test]
    fn a_filter_that_leaves_nothing_names_itself() {
        let catalog = neighbourhood();
        let redactor = Redactor::new(&catalog);
        let mut rng = StdRng::seed_from_u64(0);
        let mut filter = Filter { decade: Some(Decade::of(1900)), technique: None };
        let err = build_round(&catalog, &redactor, &filter, &mut rng).unwrap_err();
        assert_eq!(err.to_string(), "no facts from the 1900s");
        filter.technique = Some("matte".into());
        filter.decade = Some(Decade::of(2011));
        let err = build_round(&catalog, &redactor, &filter, &mut rng).unwrap_err();
        assert_eq!(err, RoundError::NoFacts("from the 2010s about “Matte painting”".into()));
        filter.technique = Some("bullet-time".into());
        let err = build_rounds(&catalog, &redactor, &filter, RoundCount(3), 0).unwrap_err();
        assert_eq!(err.to_string(), "there is no technique `bullet-time`");
    }

    #[test]
    fn filters_choose_the_facts() {
        let (catalog, redactor) = shipped();
        let filter = Filter { decade: Some("1980s".parse().unwrap()), technique: Some("miniature".into()) };
        let rounds = build_rounds(catalog, redactor, &filter, RoundCount(10), 7).unwrap();
        let matching = catalog
            .facts()
            .filter(|f| {
                Decade::of(1980).contains(f.film.year) && f.fact.techniques.iter().any(|t| t == "miniature")
            })
            .count();
        // The shipped data has fewer such facts than ten: the quiz is shorter, not repetitive.
        assert!(matching < 10);
        assert_eq!(rounds.len(), matching);
        for round in &rounds {
            let fact = catalog.fact(&round.fact_id).unwrap();
            assert!(Decade::of(1980).contains(fact.film.year));
            assert!(fact.fact.techniques.iter().any(|t| t == "miniature"));
        }
    }

    #[test]
    fn a_quiz_replays_from_its_seed() {
        let (catalog, redactor) = shipped();
        let build = |seed| build_rounds(catalog, redactor, &Filter::default(), RoundCount(10), seed).unwrap();
        assert_eq!(build(42), build(42));
        assert_ne!(build(42), build(43));
    }

    #[test]
    fn every_shipped_round_is_well_formed() {
        let (catalog, redactor) = shipped();
        for seed in 0..30 {
            let rounds = build_rounds(catalog, redactor, &Filter::default(), RoundCount(10), seed).unwrap();
            assert_eq!(rounds.len(), 10);
            let facts: HashSet<&str> = rounds.iter().map(|r| r.fact_id.as_str()).collect();
            let answers: HashSet<&str> = rounds.iter().map(|r| r.film_id.as_str()).collect();
            assert_eq!((facts.len(), answers.len()), (10, 10), "a fact or an answer came twice");
            for round in &rounds {
                let fact = catalog.fact(&round.fact_id).unwrap();
                assert_eq!(round.question, redactor.redact(fact.film, &fact.fact.text));
                assert_eq!(round.choices[round.correct], round.film_id);
                let distinct: HashSet<String> =
                    round.choices.iter().map(|id| key(&catalog.film(id).unwrap().title)).collect();
                assert_eq!(distinct.len(), CHOICES, "two choices share a title: {round:?}");
                for (i, id) in round.choices.iter().enumerate() {
                    let film = catalog.film(id).unwrap();
                    if i != round.correct {
                        assert!(!redactor.mentions(film, &fact.fact.text), "the fact names {id}: {round:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn answers_repeat_only_once_every_film_has_been_one() {
        // Three facts from one film, one each from two others: five rounds use every fact,
        // and the first three answers are three different films.
        let catalog = catalog(vec![
            film_file(
                "Busy",
                1984,
                &[("a", "One.", "matte"), ("b", "Two.", "matte"), ("c", "Three.", "matte")],
            ),
            film_file("Quiet", 1981, &[("a", "Four.", "matte")]),
            film_file("Calm", 1989, &[("a", "Five.", "matte")]),
            film_file("Far One", 1931, &[]),
            film_file("Far Two", 2011, &[]),
        ]);
        let redactor = Redactor::new(&catalog);
        for seed in 0..20 {
            let rounds = build_rounds(&catalog, &redactor, &Filter::default(), RoundCount(10), seed).unwrap();
            assert_eq!(rounds.len(), 5, "fewer rounds when the facts run out");
            let facts: HashSet<&str> = rounds.iter().map(|r| r.fact_id.as_str()).collect();
            assert_eq!(facts.len(), 5);
            let first: HashSet<&str> = rounds[..3].iter().map(|r| r.film_id.as_str()).collect();
            assert_eq!(first.len(), 3);
        }
    }

    #[test]
    fn a_single_round_comes_from_the_filter() {
        let catalog = neighbourhood();
        let redactor = Redactor::new(&catalog);
        let filter = Filter { decade: None, technique: Some("matte".into()) };
        let round = build_round(&catalog, &redactor, &filter, &mut StdRng::seed_from_u64(3)).unwrap();
        assert!(catalog.fact(&round.fact_id).unwrap().fact.techniques.contains(&"matte".to_string()));
    }
}
