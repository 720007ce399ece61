//! Forgiving title lookup: finds the film (or technique) a person means from what they typed.
//!
//! [`normalize`] holds the rules that make two spellings agree; [`TitleIndex`] ranks entries
//! against a query by how it matches (exact, prefix, typo, contained) and, for films, by a
//! trailing year that picks among remakes and sequels.

pub mod normalize;

use std::ops::RangeInclusive;

/// Something that can be looked up by title: a film with its years, or a technique.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    pub aliases: Vec<String>,
    /// The years a query's trailing year may name (a series spans several); `None` when the
    /// entry has no year.
    pub years: Option<RangeInclusive<u16>>,
}

/// How a query matched a title or alias, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Prefix,
    Typo,
    PrefixTypo,
    Contains,
    /// Not a match: only close enough to suggest.
    Similar,
}

/// One ranked entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Index of the entry, in the order the index was built from.
    pub entry: usize,
    /// Higher is better; 1.0 is an exact match of the title, a matching year can lift it above.
    pub score: f32,
    pub kind: MatchKind,
}

/// What a query resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    Found(Candidate),
    /// Several entries match equally well (remakes sharing a title): ask which one.
    Ambiguous(Vec<Candidate>),
    /// Nothing matches; the closest entries, if any are remotely close.
    NotFound(Vec<Candidate>),
}

/// How many suggestions a "did you mean" offers.
pub const SUGGESTIONS: usize = 5;
/// Discord's limit on autocomplete choices.
pub const AUTOCOMPLETE_MAX: usize = 25;

#[derive(Debug, Clone)]
struct Key {
    entry: u32,
    text: String,
    alias: bool,
}

/// A query as the matcher reads it: its key and, if it ends in a year, the reading without it.
struct Query {
    key: String,
    with_year: Option<(String, u16)>,
}

impl Query {
    fn parse(text: &str) -> Self {
        let words = normalize::words(text);
        let with_year = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() && last.len() == 4 => last
                .parse::<u16>()
                .ok()
                .filter(|y| (1870..=2100).contains(y))
                .map(|y| (normalize::canonical_words(rest.to_vec()).concat(), y)),
            _ => None,
        };
        Query { key: normalize::canonical_words(words).concat(), with_year }
    }
}

/// Points, so ranking is exact integer arithmetic; divided by `EXACT` for display.
const EXACT: u32 = 1000;
/// A query's year that matches the entry outweighs the difference between an exact title and a
/// prefix, so "back to the future 1990" finds Part III over the 1985 film.
const YEAR_BONUS: u32 = 300;
/// Ignoring a year the person typed costs a little, so "blade runner 2049" stays Blade Runner 2049.
const IGNORED_YEAR_PENALTY: u32 = 5;
/// Titles win over aliases that spell the same.
const ALIAS_PENALTY: u32 = 5;

/// Ranks entries against queries. Built once per catalog; queries are read-only.
#[derive(Debug, Clone)]
pub struct TitleIndex {
    years: Vec<Option<RangeInclusive<u16>>>,
    keys: Vec<Key>,
}

impl TitleIndex {
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut years = Vec::new();
        let mut keys = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let index = u32::try_from(i).expect("fewer than 2^32 entries");
            years.push(entry.years);
            let mut seen: Vec<String> = Vec::new();
            let names =
                std::iter::once((entry.title, false)).chain(entry.aliases.into_iter().map(|a| (a, true)));
            for (name, alias) in names {
                let text = normalize::key(&name);
                if !text.is_empty() && !seen.contains(&text) {
                    seen.push(text.clone());
                    keys.push(Key { entry: index, text, alias });
                }
            }
        }
        TitleIndex { years, keys }
    }

    pub fn len(&self) -> usize {
        self.years.len()
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// Entries that match the query, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let query = Query::parse(query);
        if query.key.is_empty() {
            return Vec::new();
        }
        let mut best: Vec<Option<(u32, MatchKind, usize)>> = vec![None; self.years.len()];
        for key in &self.keys {
            let entry = key.entry as usize;
            let mut consider = |points: u32, kind: MatchKind| {
                let points = if key.alias { points.saturating_sub(ALIAS_PENALTY) } else { points };
                let better = match best[entry] {
                    None => true,
                    Some((p, _, len)) => points > p || (points == p && key.text.len() < len),
                };
                if better {
                    best[entry] = Some((points, kind, key.text.len()));
                }
            };
            if let Some((points, kind)) = match_points(&query.key, &key.text) {
                consider(points, kind);
            }
            if let Some((stripped, year)) = &query.with_year {
                if let Some((points, kind)) = match_points(stripped, &key.text) {
                    let in_years = self.years[entry].as_ref().is_some_and(|r| r.contains(year));
                    let points = if in_years {
                        points + YEAR_BONUS
                    } else {
                        points.saturating_sub(IGNORED_YEAR_PENALTY)
                    };
                    consider(points, kind);
                }
            }
        }
        let mut ranked: Vec<(u32, usize, usize, MatchKind)> = best
            .into_iter()
            .enumerate()
            .filter_map(|(entry, b)| b.map(|(points, kind, len)| (points, len, entry, kind)))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(points, _, entry, kind)| Candidate { entry, score: points as f32 / EXACT as f32, kind })
            .collect()
    }

    /// The entry the query means, a tie between several, or the closest near misses.
    pub fn resolve(&self, query: &str) -> Resolution {
        let found = self.search(query, SUGGESTIONS);
        match found.as_slice() {
            [] => Resolution::NotFound(self.similar(query, SUGGESTIONS)),
            [first, rest @ ..] => {
                let tied: Vec<Candidate> = std::iter::once(*first)
                    .chain(rest.iter().copied().filter(|c| c.score == first.score))
                    .collect();
                if tied.len() > 1 {
                    Resolution::Ambiguous(tied)
                } else {
                    Resolution::Found(*first)
                }
            }
        }
    }

    /// Autocomplete: the matches for what has been typed so far, or the closest titles when
    /// nothing matches yet; the first entries when nothing has been typed.
    pub fn complete(&self, partial: &str, limit: usize) -> Vec<Candidate> {
        let limit = limit.min(AUTOCOMPLETE_MAX);
        if normalize::key(partial).is_empty() {
            return (0..self.len().min(limit))
                .map(|entry| Candidate { entry, score: 0.0, kind: MatchKind::Similar })
                .collect();
        }
        let found = self.search(partial, limit);
        if found.is_empty() {
            self.similar(partial, limit)
        } else {
            found
        }
    }

    /// The entries whose titles look most like the query, for "did you mean".
    pub fn similar(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let key = Query::parse(query).key;
        if key.is_empty() {
            return Vec::new();
        }
        let mut best = vec![0.0f64; self.years.len()];
        for k in &self.keys {
            let similarity = strsim::jaro_winkler(&key, &k.text);
            let slot = &mut best[k.entry as usize];
            *slot = slot.max(similarity);
        }
        let mut ranked: Vec<(usize, f64)> =
            best.into_iter().enumerate().filter(|&(_, s)| s >= MIN_SIMILARITY).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Far behind the best guess is noise, not a suggestion.
        if let Some(&(_, top)) = ranked.first() {
            ranked.retain(|&(_, s)| s >= top - SIMILARITY_SPREAD);
        }
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(entry, s)| Candidate { entry, score: s as f32 * 0.5, kind: MatchKind::Similar })
            .collect()
    }
}

/// Below this Jaro-Winkler similarity a title is not worth suggesting.
const MIN_SIMILARITY: f64 = 0.6;
/// Suggestions stay within this similarity of the closest one.
const SIMILARITY_SPREAD: f64 = 0.12;

/// Typos forgiven for a query key of this length: none for very short keys, where one edit
/// turns a title into a different one; up to two for long ones.
fn allowed_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How a query key matches a title key, and how strongly, or `None`.
fn match_points(query: &str, title: &str) -> Option<(u32, MatchKind)> {
    if query.is_empty() {
        return None;
    }
    if query == title {
        return Some((EXACT, MatchKind::Exact));
    }
    // Share of the title the query covers, in points out of 100.
    let coverage = |n: usize| (100 * n / title.len().max(1)) as u32;
    if title.starts_with(query) {
        return Some((800 + coverage(query.len()).min(99), MatchKind::Prefix));
    }
    let allowed = allowed_typos(query.len());
    if allowed > 0 && query.len().abs_diff(title.len()) <= allowed {
        let distance = strsim::osa_distance(query, title);
        if distance <= allowed {
            return Some((900 - 100 * distance as u32, MatchKind::Typo));
        }
    }
    if query.len() >= 5 && title.len() > query.len() {
        // Keys are ASCII, so byte slicing is safe.
        let head = &title[..query.len()];
        if strsim::osa_distance(query, head) <= 1 {
            return Some((650 + coverage(query.len()).min(99), MatchKind::PrefixTypo));
        }
    }
    if query.len() >= 4 && title.contains(query) {
        return Some((600 + coverage(query.len()).min(49), MatchKind::Contains));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn film(title: &str, year: u16, aliases: &[&str]) -> Entry {
        Entry {
            title: title.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            years: Some(year..=year),
        }
    }

    fn index() -> TitleIndex {
        TitleIndex::new([
            film("The Matrix", 1999, &[]),
            film("The Matrix Reloaded", 2003, &[]),
            film("Inception", 2010, &[]),
            film("Back to the Future", 1985, &["BTTF"]),
            film("Back to the Future Part II", 1989, &["BTTF 2"]),
            film("Back to the Future Part III", 1990, &["BTTF 3"]),
            film("Blade Runner", 1982, &[]),
            film("Blade Runner 2049", 2017, &[]),
            film("E.T. the Extra-Terrestrial", 1982, &["E.T."]),
            film("Dune", 1984, &[]),
            film("Dune", 2021, &["Dune: Part One"]),
            film("Terminator 2: Judgment Day", 1991, &["T2"]),
            film("Amores perros", 2000, &[]),
            film("The Fast and the Furious", 2001, &[]),
            Entry { title: "Breaking Bad".into(), aliases: vec![], years: Some(2008..=2013) },
        ])
    }

    fn top(query: &str) -> Option<usize> {
        index().search(query, 1).first().map(|c| c.entry)
    }

    #[test]
    fn exact_title_is_found_whatever_the_case() {
        assert_eq!(top("INCEPTION"), Some(2));
        assert_eq!(
            index().resolve("inception"),
            Resolution::Found(Candidate { entry: 2, score: 1.0, kind: MatchKind::Exact })
        );
    }

    #[test]
    fn film_lookup_forgives_a_missing_or_extra_article() {
        assert_eq!(top("matrix"), Some(0));
        assert_eq!(top("the matrix"), Some(0));
        assert_eq!(top("the inception"), Some(2));
    }

    #[test]
    fn film_lookup_forgives_accents_and_punctuation() {
        assert_eq!(top("Amorés Perros!"), Some(12));
        assert_eq!(top("et the extra terrestrial"), Some(8));
        assert_eq!(top("E.T."), Some(8));
    }

    #[test]
    fn digits_and_roman_numerals_find_the_same_sequel() {
        assert_eq!(top("back to the future part 2"), Some(4));
        assert_eq!(top("Back to the Future Part II"), Some(4));
        assert_eq!(top("back to the future part iii"), Some(5));
    }

    #[test]
    fn ampersand_and_and_are_the_same() {
        assert_eq!(top("the fast & the furious"), Some(13));
    }

    #[test]
    fn aliases_find_their_film() {
        assert_eq!(top("T2"), Some(11));
        assert_eq!(top("bttf 2"), Some(4));
    }

    #[test]
    fn a_trailing_year_picks_among_sequels_and_remakes() {
        assert_eq!(top("back to the future 1990"), Some(5));
        assert_eq!(top("back to the future 1985"), Some(3));
        assert_eq!(top("dune 2021"), Some(10));
        assert_eq!(top("dune 1984"), Some(9));
        assert_eq!(top("breaking bad 2010"), Some(14));
    }

    #[test]
    fn a_year_that_belongs_to_the_title_is_kept() {
        assert_eq!(top("blade runner 2049"), Some(7));
        assert_eq!(top("blade runner"), Some(6));
    }

    #[test]
    fn one_or_two_typos_are_forgiven() {
        assert_eq!(top("incepton"), Some(2));
        assert_eq!(top("the matirx"), Some(0));
        assert_eq!(top("incpetoin"), Some(2));
        assert_eq!(top("breakng bda"), Some(14));
    }

    #[test]
    fn short_queries_must_be_exact_or_a_prefix() {
        assert!(index().search("dnu", 5).is_empty());
    }

    #[test]
    fn remakes_sharing_a_title_are_ambiguous() {
        match index().resolve("dune") {
            Resolution::Ambiguous(c) => {
                let mut entries: Vec<usize> = c.iter().map(|c| c.entry).collect();
                entries.sort();
                assert_eq!(entries, vec![9, 10]);
            }
            other => panic!("expected ambiguity, got {other:?}"),
        }
    }

    #[test]
    fn nothing_matching_suggests_the_closest_titles() {
        match index().resolve("matrox reloded revolutions") {
            Resolution::NotFound(suggestions) => {
                assert!(!suggestions.is_empty());
                assert_eq!(suggestions[0].entry, 1);
            }
            other => panic!("expected no match, got {other:?}"),
        }
        assert_eq!(index().resolve("zzzzzzzzzzzz"), Resolution::NotFound(vec![]));
    }

    #[test]
    fn prefixes_rank_the_films_that_start_that_way_first() {
        let found: Vec<usize> = index().complete("back to the fu", 25).iter().map(|c| c.entry).collect();
        assert_eq!(found, vec![3, 4, 5]);
        let found: Vec<usize> = index().complete("blade r", 25).iter().map(|c| c.entry).collect();
        assert_eq!(found, vec![6, 7]);
    }

    #[test]
    fn a_prefix_with_a_typo_still_completes() {
        let found: Vec<usize> = index().complete("bakc to the fut", 25).iter().map(|c| c.entry).collect();
        assert_eq!(found[..3].to_vec(), vec![3, 4, 5]);
    }

    #[test]
    fn autocomplete_never_offers_more_than_25() {
        let many = TitleIndex::new((0..100).map(|i| film(&format!("Film {i}"), 2000, &[])));
        assert_eq!(many.complete("film", 100).len(), 25);
        assert_eq!(many.complete("", 100).len(), 25);
    }
}
