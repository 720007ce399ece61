//! Validation of a parsed data set: every problem is collected with its file, line and field,
//! so an author fixes them all in one pass instead of one per run.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use toml::Spanned;

use super::raw::{FactTable, FilmFile, SourceTable, TechniqueTable, TechniquesFile};
use super::{countries, Catalog, Fact, Film, Kind, Source, Technique};

/// Discord's embed limits, which every text must fit once rendered.
pub const TITLE_MAX: usize = 256;
/// Facts and technique explanations are shown as embed fields (film card, technique card), so
/// they must fit a field's 1024 characters even though a lone fact would fit a description.
pub const FIELD_MAX: usize = 1024;

/// Two facts whose word-triple overlap reaches this share are reported as near duplicates.
const NEAR_DUPLICATE_SIMILARITY: f64 = 0.6;

/// One thing wrong with the data set, located precisely enough to fix without searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    /// Path of the field inside the file, e.g. `fact[2].techniques[0]`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.field, self.message)
    }
}

/// Why a data set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a data set: {reason}")]
    NotADataSet { path: String, reason: String },
    #[error("the data set has {} problem{}", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Problem>),
}

/// Bounds that depend on the outside world, passed in so validation stays a pure function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub earliest_year: i64,
    pub latest_year: i64,
}

impl Limits {
    /// The first films date from the late 1880s; announced films may be a few years ahead.
    pub fn for_current_year(year: i64) -> Self {
        Limits { earliest_year: 1880, latest_year: year + 5 }
    }

    /// Limits for the year the system clock says it is.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        // Whole years since 1970 (to within a day): enough precision for a plausibility bound.
        Self::for_current_year(1970 + (secs / 31_556_952) as i64)
    }
}

/// A parsed but unvalidated file.
pub(super) enum RawFile {
    Film { path: String, text: String, stem: String, film: Box<FilmFile> },
    Techniques { path: String, text: String, file: TechniquesFile },
}

/// Collects problems for one file.
struct Reporter<'a> {
    file: &'a str,
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Reporter<'_> {
    fn at(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line: line_of(self.text, span.start),
            field: field.into(),
            message: message.into(),
        });
    }

    /// Trims and joins the lines of a text field, then checks it is non-empty and short enough.
    fn text(&mut self, value: &Spanned<String>, field: &str, max: usize) -> String {
        let text = tidy(value.get_ref());
        let chars = text.chars().count();
        if chars == 0 {
            self.at(value.span(), field, "is empty");
        } else if chars > max {
            self.at(value.span(), field, format!("is {chars} characters long; the limit is {max}"));
        }
        text
    }

    fn slug(&mut self, value: &Spanned<String>, field: &str) -> String {
        let id = value.get_ref().clone();
        if !is_slug(&id) {
            self.at(
                value.span(),
                field,
                format!("`{id}` is not a valid id: use lower-case letters, digits and single hyphens"),
            );
        }
        id
    }

    fn sources(&mut self, sources: &[Spanned<SourceTable>], field: &str) -> Vec<Source> {
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let s = s.get_ref();
                let field = format!("{field}[{i}]");
                let publication = self.text(&s.publication, &format!("{field}.publication"), TITLE_MAX);
                let title = self.text(&s.title, &format!("{field}.title"), TITLE_MAX);
                let url = s.url.as_ref().map(|u| {
                    let url = u.get_ref().trim().to_string();
                    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                        self.at(u.span(), format!("{field}.url"), format!("`{url}` is not an http(s) URL"));
                    }
                    url
                });
                Source { publication, title, url }
            })
            .collect()
    }
}

/// Validates every file and builds the catalog, or returns every problem found.
/// `techniques_complete` is false when the glossary failed to parse: technique references are
/// then left unchecked rather than all reported as unknown.
pub(super) fn validate(
    files: Vec<RawFile>,
    limits: Limits,
    techniques_complete: bool,
) -> Result<(Catalog, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut techniques = Vec::new();
    // Where each technique is defined, to report duplicates and unused entries.
    let mut technique_sites: HashMap<String, (String, usize, usize)> = HashMap::new();
    let mut films_raw = Vec::new();

    for file in files {
        match file {
            RawFile::Techniques { path, text, file } => {
                let mut r = Reporter { file: &path, text: &text, problems: &mut problems };
                for (i, t) in file.techniques.iter().enumerate() {
                    let technique = technique(&mut r, t.get_ref(), i);
                    let line = line_of(&text, t.span().start);
                    if let Some((first_file, first_line, _)) = technique_sites.get(&technique.id) {
                        r.at(
                            t.get_ref().id.span(),
                            format!("technique[{i}].id"),
                            format!(
                                "duplicate technique id `{}` (first defined at {first_file}:{first_line})",
                                technique.id
                            ),
                        );
                    } else {
                        technique_sites.insert(technique.id.clone(), (path.clone(), line, i));
                    }
                    techniques.push(technique);
                }
            }
            film @ RawFile::Film { .. } => films_raw.push(film),
        }
    }

    let known_techniques: HashSet<&str> = techniques.iter().map(|t| t.id.as_str()).collect();
    let mut films = Vec::new();
    let mut film_sites: HashMap<String, String> = HashMap::new();
    // Positions of each fact, for the lints below.
    let mut fact_sites: Vec<(String, usize, String)> = Vec::new();
    let mut lints = Vec::new();

    for raw in &films_raw {
        let RawFile::Film { path, text, stem, film } = raw else { continue };
        let mut r = Reporter { file: path, text, problems: &mut problems };
        let built = build_film(&mut r, film, stem, &known_techniques, techniques_complete, limits);
        if let Some(first) = film_sites.get(&built.id) {
            r.at(film.id.span(), "id", format!("duplicate film id `{}` (also in {first})", built.id));
        } else {
            film_sites.insert(built.id.clone(), path.clone());
        }
        for (i, fact) in film.facts.iter().enumerate() {
            let line = line_of(text, fact.span().start);
            fact_sites.push((path.clone(), line, format!("fact[{i}]")));
            if fact.get_ref().sources.is_empty() {
                lints.push(Problem {
                    file: path.clone(),
                    line,
                    field: format!("fact[{i}].source"),
                    message: "the fact names no source: add a [[fact.source]] table".into(),
                });
            }
        }
        for (i, name) in built.names.iter().enumerate() {
            if !built.facts.iter().any(|fact| mentions_name(&fact.text, name)) {
                lints.push(Problem {
                    file: path.clone(),
                    line: line_of(text, film.names[i].span().start),
                    field: format!("names[{i}]"),
                    message: format!(
                        "no fact of this film mentions `{name}`, so it hides nothing: remove it"
                    ),
                });
            }
        }
        if film.facts.is_empty() {
            lints.push(Problem {
                file: path.clone(),
                line: 1,
                field: "fact".into(),
                message: "the film has no facts: add at least one [[fact]] table".into(),
            });
        }
        films.push(built);
    }

    if !problems.is_empty() {
        return Err(problems);
    }

    let all_facts: Vec<&Fact> = films.iter().flat_map(|f| &f.facts).collect();
    for (a, b) in near_duplicates(&all_facts) {
        let (file, line, field) = &fact_sites[b];
        let (first_file, first_line, _) = &fact_sites[a];
        lints.push(Problem {
            file: file.clone(),
            line: *line,
            field: format!("{field}.text"),
            message: format!(
                "nearly the same text as `{}` ({first_file}:{first_line}): keep one",
                all_facts[a].id
            ),
        });
    }
    let used: HashSet<&str> =
        all_facts.iter().flat_map(|f| f.techniques.iter().map(String::as_str)).collect();
    for technique in &techniques {
        if !used.contains(technique.id.as_str()) {
            let (file, line, index) = &technique_sites[&technique.id];
            lints.push(Problem {
                file: file.clone(),
                line: *line,
                field: format!("technique[{index}].id"),
                message: format!(
                    "technique `{}` is used by no fact: illustrate it or remove it",
                    technique.id
                ),
            });
        }
    }
    lints.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));

    Ok((Catalog::new(films, techniques), lints))
}

fn technique(r: &mut Reporter<'_>, t: &TechniqueTable, i: usize) -> Technique {
    let field = |name: &str| format!("technique[{i}].{name}");
    let id = r.slug(&t.id, &field("id"));
    let name = r.text(&t.name, &field("name"), TITLE_MAX);
    let aliases = t
        .aliases
        .iter()
        .enumerate()
        .map(|(j, a)| r.text(a, &field(&format!("aliases[{j}]")), TITLE_MAX))
        .collect();
    Technique {
        id,
        name,
        aliases,
        what: r.text(&t.what, &field("what"), FIELD_MAX),
        how: r.text(&t.how, &field("how"), FIELD_MAX),
        why: r.text(&t.why, &field("why"), FIELD_MAX),
        sources: r.sources(&t.sources, &field("source")),
    }
}

fn build_film(
    r: &mut Reporter<'_>,
    f: &FilmFile,
    stem: &str,
    known_techniques: &HashSet<&str>,
    techniques_complete: bool,
    limits: Limits,
) -> Film {
    let id = r.slug(&f.id, "id");
    if id != stem {
        r.at(
            f.id.span(),
            "id",
            format!("id `{id}` does not match the file name `{stem}.toml`; rename one of them"),
        );
    }
    let title = r.text(&f.title, "title", TITLE_MAX);
    let year = year_value(r, &f.year, "year", limits);
    let kind = *f.kind.get_ref();
    let end_year = f.end_year.as_ref().map(|end| {
        let end_value = year_value(r, end, "end_year", limits);
        if kind == Kind::Film {
            r.at(end.span(), "end_year", "only a series has an end year; remove it or set kind = \"series\"");
        } else if end_value < year {
            r.at(end.span(), "end_year", format!("{end_value} is before the first year {year}"));
        }
        end_value
    });

    let directors: Vec<String> = f
        .directors
        .get_ref()
        .iter()
        .enumerate()
        .map(|(i, d)| r.text(d, &format!("directors[{i}]"), TITLE_MAX))
        .collect();
    if directors.is_empty() {
        r.at(f.directors.span(), "directors", "name at least one director (or a series' creators)");
    }
    let countries: Vec<String> = f
        .countries
        .get_ref()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let code = c.get_ref().trim().to_string();
            if !countries::is_known(&code) {
                let hint = if code == "UK" { " (the United Kingdom is GB)" } else { "" };
                r.at(
                    c.span(),
                    format!("countries[{i}]"),
                    format!("`{code}` is not an ISO 3166-1 alpha-2 code{hint}"),
                );
            }
            code
        })
        .collect();
    if countries.is_empty() {
        r.at(f.countries.span(), "countries", "name at least one country of production");
    }
    let aliases =
        f.aliases.iter().enumerate().map(|(i, a)| r.text(a, &format!("aliases[{i}]"), TITLE_MAX)).collect();
    let names =
        f.names.iter().enumerate().map(|(i, n)| r.text(n, &format!("names[{i}]"), TITLE_MAX)).collect();

    let mut seen_facts: HashMap<String, usize> = HashMap::new();
    let facts = f
        .facts
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            let fact = build_fact(r, fact.get_ref(), i, &id, known_techniques, techniques_complete);
            if let Some(first) = seen_facts.insert(fact.id.clone(), i) {
                r.at(
                    f.facts[i].get_ref().id.span(),
                    format!("fact[{i}].id"),
                    format!("duplicate fact id `{}` (also fact[{first}])", fact.id),
                );
            }
            fact
        })
        .collect();

    Film { id, title, year, end_year, kind, directors, countries, aliases, names, facts }
}

/// Whether `text` mentions the name or one of its parts (the quiz hides those alone too), as
/// whole words, ignoring case; "BB-8" matches "BB-8", and "Brenner" the plural "the Brenners'".
fn mentions_name(text: &str, name: &str) -> bool {
    let runs = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let words = runs(text);
    let same = |word: &String, part: &String| {
        word == part
            || (word.len() == part.len() + 1 && word.starts_with(part.as_str()) && word.ends_with('s'))
    };
    name.split_whitespace()
        .map(runs)
        .filter(|part| part.concat().chars().count() > 1)
        .any(|part| words.windows(part.len()).any(|w| w.iter().zip(&part).all(|(word, p)| same(word, p))))
}

fn build_fact(
    r: &mut Reporter<'_>,
    fact: &FactTable,
    i: usize,
    film_id: &str,
    known_techniques: &HashSet<&str>,
    techniques_complete: bool,
) -> Fact {
    let field = |name: &str| format!("fact[{i}].{name}");
    let slug = r.slug(&fact.id, &field("id"));
    let text = r.text(&fact.text, &field("text"), FIELD_MAX);
    if fact.techniques.get_ref().is_empty() {
        r.at(fact.techniques.span(), field("techniques"), "name at least one technique id");
    }
    let techniques = fact
        .techniques
        .get_ref()
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let id = t.get_ref().trim().to_string();
            if techniques_complete && !known_techniques.contains(id.as_str()) {
                let hint = closest(&id, known_techniques.iter().copied())
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                r.at(
                    t.span(),
                    field(&format!("techniques[{j}]")),
                    format!("unknown technique `{id}`{hint}: define it in data/techniques.toml"),
                );
            }
            id
        })
        .collect();
    Fact {
        id: format!("{film_id}/{slug}"),
        text,
        techniques,
        spoiler: fact.spoiler,
        sources: r.sources(&fact.sources, &field("source")),
    }
}

fn year_value(r: &mut Reporter<'_>, value: &Spanned<i64>, field: &str, limits: Limits) -> u16 {
    let y = *value.get_ref();
    if y < limits.earliest_year || y > limits.latest_year {
        r.at(
            value.span(),
            field,
            format!(
                "{y} is not a plausible year (expected {} to {})",
                limits.earliest_year, limits.latest_year
            ),
        );
    }
    u16::try_from(y.clamp(0, i64::from(u16::MAX))).unwrap_or(0)
}

/// The known id closest to a misspelt one, if any is close enough to be the likely intent.
fn closest<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::damerau_levenshtein(id, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// Pairs (earlier, later) of facts whose texts are the same or nearly so: for each fact, the
/// first earlier one whose word triples overlap enough.
///
/// Only facts sharing a triple can overlap, so each fact is compared with those alone, found
/// through a map from triple to facts, instead of with every earlier fact: comparing every pair
/// grew with the square of the number of facts and took most of the time of loading the data set.
fn near_duplicates(facts: &[&Fact]) -> Vec<(usize, usize)> {
    let shingles: Vec<HashSet<String>> = facts.iter().map(|f| word_triples(&f.text)).collect();
    let mut having: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut shared = vec![0usize; facts.len()];
    let mut pairs = Vec::new();
    for (b, y) in shingles.iter().enumerate() {
        let mut earlier: Vec<usize> = Vec::new();
        for triple in y {
            for &a in having.get(triple.as_str()).map(Vec::as_slice).unwrap_or_default() {
                if shared[a] == 0 {
                    earlier.push(a);
                }
                shared[a] += 1;
            }
        }
        earlier.sort_unstable();
        let first = earlier.iter().copied().find(|&a| {
            let union = (shingles[a].len() + y.len() - shared[a]) as f64;
            shared[a] as f64 / union >= NEAR_DUPLICATE_SIMILARITY
        });
        if let Some(a) = first {
            pairs.push((a, b));
        }
        for &a in &earlier {
            shared[a] = 0;
        }
        for triple in y {
            having.entry(triple.as_str()).or_default().push(b);
        }
    }
    pairs
}

fn word_triples(text: &str) -> HashSet<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.len() < 3 {
        return std::iter::once(words.join(" ")).filter(|s| !s.is_empty()).collect();
    }
    words.windows(3).map(|w| w.join(" ")).collect()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Joins the lines of a multi-line TOML string into one paragraph.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based line number of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: every fact against every earlier one, in order.
    fn near_duplicates_by_every_pair(facts: &[&Fact]) -> Vec<(usize, usize)> {
        let shingles: Vec<HashSet<String>> = facts.iter().map(|f| word_triples(&f.text)).collect();
        let mut pairs = Vec::new();
        for b in 0..facts.len() {
            for a in 0..b {
                let (x, y) = (&shingles[a], &shingles[b]);
                let shared = x.intersection(y).count() as f64;
                if !x.is_empty()
                    && !y.is_empty()
                    && shared / ((x.len() + y.len()) as f64 - shared) >= NEAR_DUPLICATE_SIMILARITY
                {
                    pairs.push((a, b));
                    break;
                }
            }
        }
        pairs
    }

    #[test]
    fn near_duplicates_are_those_a_comparison_of_every_pair_finds() {
        let shipped = crate::catalog::load_embedded(Limits::today()).expect("the shipped data set is valid");
        let mut texts: Vec<String> =
            shipped.catalog.films().iter().flat_map(|f| &f.facts).map(|f| f.text.clone()).collect();
        // Near copies of a few, one word changed or dropped, and texts too short for triples.
        let copies: Vec<String> = texts.iter().step_by(37).map(|t| t.replacen(' ', "  also ", 1)).collect();
        texts.extend(copies);
        texts.extend(["Short.", "Short.", "two words", "Two words!"].map(String::from));
        let facts: Vec<Fact> = texts
            .into_iter()
            .map(|text| Fact {
                id: String::new(),
                text,
                techniques: Vec::new(),
                spoiler: false,
                sources: Vec::new(),
            })
            .collect();
        let refs: Vec<&Fact> = facts.iter().collect();
        let found = near_duplicates(&refs);
        assert!(found.len() >= 5, "{found:?}");
        assert_eq!(found, near_duplicates_by_every_pair(&refs));
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        assert!(is_slug("rope-1948"));
        assert!(is_slug("process-trailer"));
        assert!(!is_slug("Rope-1948"));
        assert!(!is_slug("rope--1948"));
        assert!(!is_slug("-rope"));
        assert!(!is_slug("rope 1948"));
        assert!(!is_slug(""));
    }

    #[test]
    fn multi_line_text_is_joined_into_one_paragraph() {
        assert_eq!(tidy("\n  One line,\n  and another.\n"), "One line, and another.");
    }

    #[test]
    fn lines_are_counted_from_one() {
        let text = "a\nb\nc";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 2);
        assert_eq!(line_of(text, 4), 3);
        assert_eq!(line_of(text, 99), 3);
    }

    #[test]
    fn closest_id_suggests_a_near_miss_only() {
        let known = ["bullet-time", "wire-work", "long-take"];
        assert_eq!(closest("bullettime", known.iter().copied()), Some("bullet-time"));
        assert_eq!(closest("steadicam", known.iter().copied()), None);
    }

    #[test]
    fn year_limits_follow_the_current_year() {
        let limits = Limits::for_current_year(2026);
        assert_eq!(limits.latest_year, 2031);
        assert_eq!(limits.earliest_year, 1880);
    }
}
