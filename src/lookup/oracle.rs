//! A full scan applying the same rules to every key: the reference the index must agree with.

use super::query::Query;
use super::rank::{self, Hit};
use super::score::{entry_points, match_points};
use super::{normalize, Candidate, Entry, TitleIndex};

/// One of an entry's keys: whether an alias gave it, the article its name began with, and the
/// id the index gives the key.
struct ScanKey {
    key: String,
    alias: bool,
    article: Option<u8>,
    id: u32,
}

/// Every entry's distinct keys, with the id the index gives each (its rank among all keys).
struct Scan<'a> {
    entries: &'a [Entry],
    keys: Vec<Vec<ScanKey>>,
    most_keys: usize,
}

impl<'a> Scan<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        let mut keys: Vec<Vec<ScanKey>> = Vec::new();
        for e in entries {
            let mut seen: Vec<ScanKey> = Vec::new();
            for (name, alias) in std::iter::once((&e.title, false)).chain(e.aliases.iter().map(|a| (a, true)))
            {
                let (key, article) = normalize::key_and_article(name);
                if !key.is_empty() && !seen.iter().any(|k| k.key == key) {
                    seen.push(ScanKey { key, alias, article, id: 0 });
                }
            }
            keys.push(seen);
        }
        let mut sorted: Vec<String> = keys.iter().flatten().map(|k| k.key.clone()).collect();
        sorted.sort();
        sorted.dedup();
        for k in keys.iter_mut().flatten() {
            k.id = sorted.binary_search(&k.key).expect("every key is in the sorted list") as u32;
        }
        let most_keys = keys.iter().map(Vec::len).max().unwrap_or(1).max(1);
        Scan { entries, keys, most_keys }
    }

    /// What [`TitleIndex::search`] answers, found by scoring every key of every entry.
    fn search(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let query = Query::parse(query);
        if query.key.is_empty() {
            return Vec::new();
        }
        let mut readings = vec![(query.key.clone(), None)];
        if let Some((stripped, year)) = &query.with_year {
            readings.push((stripped.clone(), Some(*year)));
        }
        let mut hits = Vec::new();
        for (entry, (e, keys)) in self.entries.iter().zip(&self.keys).enumerate() {
            for ScanKey { key, alias, article, id } in keys {
                for (q, year) in &readings {
                    if let Some((points, kind)) = match_points(q, key) {
                        let years = e.years.as_ref();
                        let year_matches = year.map(|y| years.is_some_and(|r| r.contains(&y)));
                        hits.push(Hit {
                            points: entry_points(
                                points,
                                year_matches,
                                *alias,
                                query.article.is_some() && query.article == *article,
                            ),
                            len: key.len() as u32,
                            key: *id,
                            recent: years.map_or(0, |r| *r.end()),
                            entry: entry as u32,
                            kind,
                        });
                    }
                }
            }
        }
        rank::top(hits, limit, 2 * self.most_keys)
    }
}

/// Checks the index against the full scan for each query, at a few limits.
pub fn assert_agrees(entries: &[Entry], queries: &[String]) {
    let index = TitleIndex::new(entries.to_vec());
    let scan = Scan::new(entries);
    for q in queries {
        for limit in [1, 5, 25] {
            assert_eq!(index.search(q, limit), scan.search(q, limit), "query {q:?} limit {limit}");
        }
    }
}
