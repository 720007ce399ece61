//! Scores a matcher's suggestions against the films the queries mean: how often the film is
//! first (top-1), how often it is among the first `k` (recall at `k`), per kind of query, and
//! how long each lookup took.

use std::collections::HashMap;
use std::time::Instant;

use super::catalog::Title;
use super::queries::{Kind, LabeledQuery};
use crate::lookup::{Entry, TitleIndex};

/// The index over a catalog's titles, entry `i` being `titles[i]`.
pub fn index(titles: &[Title]) -> TitleIndex {
    TitleIndex::new(titles.iter().map(|t| Entry {
        title: t.title.clone(),
        aliases: Vec::new(),
        years: Some(t.year..=t.year),
    }))
}

/// Top-1 and recall counts for one kind of query, or for all (`kind` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindScore {
    pub kind: Option<Kind>,
    pub queries: usize,
    pub first: usize,
    pub within_k: usize,
}

impl KindScore {
    pub fn top1(&self) -> f64 {
        self.first as f64 / self.queries.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.within_k as f64 / self.queries.max(1) as f64
    }

    pub fn label(&self) -> &'static str {
        self.kind.map_or("all", Kind::name)
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    /// How many suggestions were asked for.
    pub k: usize,
    pub kinds: Vec<KindScore>,
    pub overall: KindScore,
    /// Nanoseconds per lookup, sorted.
    pub latencies_ns: Vec<u64>,
}

impl Report {
    pub fn kind(&self, kind: Kind) -> Option<&KindScore> {
        self.kinds.iter().find(|s| s.kind == Some(kind))
    }

    pub fn percentile_ns(&self, p: f64) -> u64 {
        let n = self.latencies_ns.len();
        if n == 0 {
            return 0;
        }
        let i = ((p / 100.0) * n as f64).ceil() as usize;
        self.latencies_ns[i.clamp(1, n) - 1]
    }

    pub fn total_ns(&self) -> u64 {
        self.latencies_ns.iter().sum()
    }

    pub fn queries_per_second(&self) -> f64 {
        self.latencies_ns.len() as f64 / (self.total_ns().max(1) as f64 / 1e9)
    }
}

/// Looks every query up with [`TitleIndex::suggest`] for `k` suggestions, timing each lookup.
pub fn evaluate(index: &TitleIndex, titles: &[Title], queries: &[LabeledQuery], k: usize) -> Report {
    let entry_of: HashMap<&str, usize> = titles.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let mut by_kind: HashMap<Kind, KindScore> = HashMap::new();
    let mut overall = KindScore { kind: None, queries: 0, first: 0, within_k: 0 };
    let mut latencies_ns = Vec::with_capacity(queries.len());
    for q in queries {
        let start = Instant::now();
        let found = index.suggest(&q.query, k);
        latencies_ns.push(start.elapsed().as_nanos() as u64);
        let meant = entry_of.get(q.id.as_str()).copied();
        let first = meant.is_some() && found.first().map(|c| c.entry) == meant;
        let within = meant.is_some() && found.iter().any(|c| Some(c.entry) == meant);
        let score = by_kind.entry(q.kind).or_insert(KindScore {
            kind: Some(q.kind),
            queries: 0,
            first: 0,
            within_k: 0,
        });
        for s in [score, &mut overall] {
            s.queries += 1;
            s.first += usize::from(first);
            s.within_k += usize::from(within);
        }
    }
    latencies_ns.sort_unstable();
    let mut kinds: Vec<KindScore> = by_kind.into_values().collect();
    kinds.sort_by_key(|s| s.kind);
    Report { k, kinds, overall, latencies_ns }
}
