//! A full scan applying the same rules to every key: the reference the index must agree with.

use super::keys::Posting;
use super::query::Query;
use super::rank::{self, Hit};
use super::score::{closeness, entry_points, match_points};
use super::{entry_keys, Candidate, Entry, MatchKind, TitleIndex};

/// One of an entry's keys, with what it says about the entry and the id the index gives it.
struct ScanKey {
    key: String,
    posting: Posting,
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
        for (i, e) in entries.iter().enumerate() {
            let found = entry_keys(&e.title, &e.aliases, i as u32);
            keys.push(found.into_iter().map(|(key, p)| ScanKey { key, posting: p, id: 0 }).collect());
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
            for ScanKey { key, posting, id } in keys {
                for (q, year) in &readings {
                    if let Some((points, kind)) = match_points(q, key) {
                        if posting.spelt && !matches!(kind, MatchKind::Exact | MatchKind::Typo) {
                            continue;
                        }
                        let years = e.years.as_ref();
                        let year_matches = year.map(|y| years.is_some_and(|r| r.contains(&y)));
                        hits.push(Hit {
                            points: entry_points(
                                points,
                                year_matches,
                                posting.alias,
                                query.article.is_some() && query.article == posting.article,
                            ),
                            closeness: closeness(q, key, kind),
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
