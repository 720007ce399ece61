//! Forgiving title lookup: finds the film (or technique) a person means from what they typed.
//!
//! [`normalize`] holds the rules that make two spellings agree; [`TitleIndex`] ranks entries
//! against a query by how it matches (exact, prefix, typo, contained; the rules are in `score`)
//! and, for films, by a trailing year that picks among remakes and sequels.
//!
//! The index never reads every title for a query. Each rule has a structure that finds the keys
//! it can match without reading the others: the sorted keys (`keys`) give the exact key and a
//! prefix's range by binary search; tries walked by bounded edit-distance automata (`typo`,
//! `trie`, `edit`) give the keys within the allowed typos, and the prefixes typed with one;
//! trigram lists (`grams`) give the keys containing the query, and the near misses suggested
//! when nothing matches. Those candidates are then scored by the same rules a full scan would
//! apply (`score`) and ranked (`rank`), so the answers are those of a full scan (checked against
//! one in `oracle`), only found faster.

mod edit;
mod grams;
mod keys;
pub mod normalize;
#[cfg(test)]
mod oracle;
mod query;
mod rank;
mod score;
mod trie;
mod typo;

use std::ops::RangeInclusive;

use grams::Trigrams;
use keys::{KeyTable, Posting};
use query::Query;
use rank::Hit;
use score::{allowed_typos, entry_points, match_points, FUZZY_CEILING, MIN_CONTAINED, MIN_HEAD_WITH_TYPO};
use typo::TypoIndex;

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

/// The keys an entry is found by, distinct, its title's first: each name's key, and for a name
/// with a leading article also the key keeping it, so that a typo in the article ("teh
/// matrix") is one typo from a key rather than four.
fn entry_keys(title: &str, aliases: &[String], entry: u32) -> Vec<(String, Posting)> {
    let mut keys: Vec<(String, Posting)> = Vec::new();
    let names = std::iter::once((title, false)).chain(aliases.iter().map(|a| (a.as_str(), true)));
    for (name, alias) in names {
        let (key, article, spelt) = normalize::keys(name);
        let found = [(key, article, false)].into_iter().chain(spelt.map(|k| (k, None, true)));
        for (key, article, spelt) in found {
            if !key.is_empty() && !keys.iter().any(|(k, _)| *k == key) {
                keys.push((key, Posting { entry, alias, article, spelt }));
            }
        }
    }
    keys
}

/// One way to read a query: its key, the year it ended in (when this reading dropped it), and
/// the article it began with.
struct Reading<'q> {
    key: &'q str,
    year: Option<u16>,
    article: Option<u8>,
}

/// Ranks entries against queries. Built once per catalog; queries are read-only, and it can be
/// shared between threads.
#[derive(Clone)]
pub struct TitleIndex {
    years: Vec<Option<RangeInclusive<u16>>>,
    keys: KeyTable,
    typos: TypoIndex,
    grams: Trigrams,
    /// The most hits one entry can produce for one query (its keys, times two readings).
    hits_per_entry: usize,
}

impl std::fmt::Debug for TitleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TitleIndex").field("entries", &self.len()).field("keys", &self.keys.len()).finish()
    }
}

impl TitleIndex {
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut years = Vec::new();
        let mut pairs = Vec::new();
        let mut most_keys = 1;
        for (i, entry) in entries.into_iter().enumerate() {
            let index = u32::try_from(i).expect("fewer than 2^32 entries");
            years.push(entry.years);
            let keys = entry_keys(&entry.title, &entry.aliases, index);
            most_keys = most_keys.max(keys.len());
            pairs.extend(keys);
        }
        let keys = KeyTable::new(pairs);
        let typos = TypoIndex::new(&keys);
        let grams = Trigrams::new(&keys);
        TitleIndex { years, keys, typos, grams, hits_per_entry: 2 * most_keys }
    }

    pub fn len(&self) -> usize {
        self.years.len()
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// Bytes of heap the index holds (not counting the entries it was built from).
    pub fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes()
            + self.typos.heap_bytes()
            + self.grams.heap_bytes()
            + self.years.capacity() * std::mem::size_of::<Option<RangeInclusive<u16>>>()
    }

    /// Entries that match the query, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let query = Query::parse(query);
        if query.key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut readings = vec![Reading { key: &query.key, year: None, article: query.article }];
        if let Some((stripped, year)) = &query.with_year {
            readings.push(Reading { key: stripped, year: Some(*year), article: query.article });
        }
        let mut hits = Vec::new();
        for reading in &readings {
            for id in self.keys.prefix_range(reading.key) {
                self.score_key(reading, id, &mut hits);
            }
        }
        // Exact titles and prefixes score above anything a typo or a contained query can, so
        // when they already fill the answer, the costlier searches cannot change it.
        let ceiling = FUZZY_CEILING
            + if query.with_year.is_some() { score::YEAR_BONUS } else { 0 }
            + if query.article.is_some() { score::ARTICLE_BONUS } else { 0 };
        let settled = rank::top(hits.clone(), limit, self.hits_per_entry);
        if settled.len() == limit && settled[limit - 1].score > ceiling as f32 / score::EXACT as f32 {
            return settled;
        }
        for reading in &readings {
            self.fuzzy_hits(reading, &mut hits);
        }
        rank::top(hits, limit, self.hits_per_entry)
    }

    /// Scores the keys outside the query's prefix range that a typo or containment matches.
    fn fuzzy_hits(&self, reading: &Reading, hits: &mut Vec<Hit>) {
        let query = reading.key;
        let mut others = Vec::new();
        let allowed = allowed_typos(query.len());
        if allowed > 0 {
            self.typos.within(query, allowed, &mut others);
        }
        if query.len() >= MIN_HEAD_WITH_TYPO {
            self.typos.heads_within(query, &mut others);
        }
        if query.len() >= MIN_CONTAINED {
            self.grams.containing(&self.keys, query, &mut others);
        }
        // Found by more than one search, or already scored as a prefix: each key counts once.
        let prefixed = self.keys.prefix_range(query);
        others.retain(|id| !prefixed.contains(id));
        others.sort_unstable();
        others.dedup();
        for id in others {
            self.score_key(reading, id, hits);
        }
    }

    fn score_key(&self, reading: &Reading, id: u32, hits: &mut Vec<Hit>) {
        let key = self.keys.key(id);
        let Some((points, kind)) = match_points(reading.key, key) else { return };
        let closeness = score::closeness(reading.key, key, kind);
        for posting in self.keys.postings(id) {
            if posting.spelt && !matches!(kind, MatchKind::Exact | MatchKind::Typo) {
                continue;
            }
            let years = self.years[posting.entry as usize].as_ref();
            let year_matches = reading.year.map(|y| years.is_some_and(|r| r.contains(&y)));
            let same_article = reading.article.is_some() && reading.article == posting.article;
            hits.push(Hit {
                points: entry_points(points, year_matches, posting.alias, same_article),
                closeness,
                len: key.len() as u32,
                key: id,
                recent: years.map_or(0, |r| *r.end()),
                entry: posting.entry,
                kind,
            });
        }
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

    /// The first `limit` suggestions for a query: its matches, or the closest titles when
    /// nothing matches. What autocomplete offers, without Discord's cap.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let found = self.search(query, limit);
        if found.is_empty() {
            self.similar(query, limit)
        } else {
            found
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
        self.suggest(partial, limit)
    }

    /// The entries whose titles look most like the query, for "did you mean".
    pub fn similar(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let key = Query::parse(query).key;
        if key.is_empty() {
            return Vec::new();
        }
        // A small catalog is compared in full; in a large one, a near miss shares trigrams with
        // what was meant, and only the keys sharing the most are compared.
        let pool: Vec<u32> = if self.keys.len() <= COMPARED_IN_FULL {
            (0..self.keys.len() as u32).collect()
        } else {
            self.grams.most_shared(&key, SIMILAR_POOL)
        };
        let mut best: Vec<(usize, f64)> = Vec::new();
        for id in pool {
            let similarity = strsim::jaro_winkler(head(&key), head(self.keys.key(id)));
            for posting in self.keys.postings(id) {
                best.push((posting.entry as usize, similarity));
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut seen = std::collections::HashSet::new();
        best.retain(|&(entry, s)| s >= MIN_SIMILARITY && seen.insert(entry));
        // Far behind the best guess is noise, not a suggestion.
        if let Some(&(_, top)) = best.first() {
            best.retain(|&(_, s)| s >= top - SIMILARITY_SPREAD);
        }
        best.truncate(limit);
        best.into_iter()
            .map(|(entry, s)| Candidate { entry, score: s as f32 * 0.5, kind: MatchKind::Similar })
            .collect()
    }
}

/// How much of a key near misses are compared on. Jaro-Winkler's cost grows with the square of
/// the length, and a key this long has said what it is long before its end.
const SIMILAR_HEAD: usize = 64;

fn head(key: &str) -> &str {
    // Keys are ASCII, so any byte is a character boundary.
    &key[..key.len().min(SIMILAR_HEAD)]
}

/// Below this Jaro-Winkler similarity a title is not worth suggesting.
const MIN_SIMILARITY: f64 = 0.6;
/// Suggestions stay within this similarity of the closest one.
const SIMILARITY_SPREAD: f64 = 0.12;
/// Up to this many keys, a near miss is compared with every one.
const COMPARED_IN_FULL: usize = 2000;
/// Beyond that, how many of the keys sharing the most trigrams with it are compared.
const SIMILAR_POOL: usize = 200;

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
        TitleIndex::new(index_entries())
    }

    fn index_entries() -> Vec<Entry> {
        vec![
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
        ]
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
    fn the_index_answers_as_a_full_scan_would() {
        let entries: Vec<Entry> = index_entries();
        let mut queries: Vec<String> = [
            "matrix",
            "the matrix",
            "matirx",
            "matrix reloded",
            "bakc to the fut",
            "back to the fu",
            "dune",
            "dune 2021",
            "dune 1990",
            "fast",
            "furious",
            "the fast",
            "runner",
            "blade runner 2049",
            "t2",
            "e",
            "b",
            "ba",
            "bttf 3",
            "terminator 2",
            "termnator",
            "terminator judgment",
            "breaking bda",
            "amores",
            "perro",
            "incpetoin",
            "inception 2010",
            "zzzz",
            "extra",
            "the extra terrestrial",
        ]
        .iter()
        .map(|q| q.to_string())
        .collect();
        // Every prefix of every title, and each with one letter dropped: prefixes, typos and
        // prefixes with typos at every position.
        for e in &entries {
            let t = e.title.to_lowercase();
            for end in 1..=t.len() {
                if let Some(p) = t.get(..end) {
                    queries.push(p.to_string());
                    if let (Some(a), Some(b)) = (p.get(..end / 2), p.get(end / 2 + 1..)) {
                        queries.push(format!("{a}{b}"));
                    }
                }
            }
        }
        oracle::assert_agrees(&entries, &queries);
    }

    #[test]
    fn the_index_answers_as_a_full_scan_would_on_a_generated_catalog() {
        let titles = crate::measure::titles(1_500, 21);
        let entries: Vec<Entry> = titles
            .iter()
            .map(|t| Entry { title: t.title.clone(), aliases: Vec::new(), years: Some(t.year..=t.year) })
            .collect();
        let queries: Vec<String> =
            crate::measure::queries(&titles, 450, 22).into_iter().map(|q| q.query).collect();
        oracle::assert_agrees(&entries, &queries);
    }

    #[test]
    fn an_overlong_query_is_read_only_as_far_as_a_title_can_go() {
        let long = format!("inception {}", "x".repeat(10_000));
        assert!(Query::parse(&long).key.len() <= query::QUERY_MAX_CHARS);
        assert!(index().search(&long, 5).is_empty());
        assert!(index().complete(&"e.t. ".repeat(1000), 25).len() <= 25);
    }

    #[test]
    fn remakes_are_listed_most_recent_first() {
        let found: Vec<usize> = index().search("dune", 5).iter().map(|c| c.entry).collect();
        assert_eq!(found, vec![10, 9]);
    }

    #[test]
    fn autocomplete_never_offers_more_than_25() {
        let many = TitleIndex::new((0..100).map(|i| film(&format!("Film {i}"), 2000, &[])));
        assert_eq!(many.complete("film", 100).len(), 25);
        assert_eq!(many.complete("", 100).len(), 25);
    }
}
