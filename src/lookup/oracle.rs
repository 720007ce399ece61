//! A full scan applying the same rules to every key: the reference the index must agree with.

use super::query::Query;
use super::rank::{self, Hit};
use super::score::{entry_points, match_points};
use super::{normalize, Candidate, Entry, TitleIndex};

/// Every entry's distinct keys, with the id the index gives each (its rank among all keys).
struct Scan<'a> {
    entries: &'a [Entry],
    keys: Vec<Vec<(String, bool, u32)>>,
    most_keys: usize,
}

impl<'a> Scan<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        let mut keys: Vec<Vec<(String, bool, u32)>> = Vec::new();
        for e in entries {
            let mut seen: Vec<(String, bool, u32)> = Vec::new();
            for (name, alias) in std::iter::once((&e.title, false)).chain(e.aliases.iter().map(|a| (a, true)))
            {
                let key = normalize::key(name);
                if !key.is_empty() && !seen.iter().any(|(k, _, _)| *k == key) {
                    seen.push((key, alias, 0));
                }
            }
            keys.push(seen);
        }
        let mut sorted: Vec<String> = keys.iter().flatten().map(|(k, _, _)| k.clone()).collect();
        sorted.sort();
        sorted.dedup();
        for (key, _, id) in keys.iter_mut().flatten() {
            *id = sorted.binary_search(key).expect("every key is in the sorted list") as u32;
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
            for (key, alias, id) in keys {
                for (q, year) in &readings {
                    if let Some((points, kind)) = match_points(q, key) {
                        let years = e.years.as_ref();
                        let year_matches = year.map(|y| years.is_some_and(|r| r.contains(&y)));
                        hits.push(Hit {
                            points: entry_points(points, year_matches, *alias),
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
