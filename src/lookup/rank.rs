//! Turns scored matches of keys into the best distinct entries, in a fixed order.

use std::cmp::{Ordering, Reverse};
use std::collections::HashSet;

use super::score::EXACT;
use super::{Candidate, MatchKind};

/// One entry matched through one key by one reading of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub points: u32,
    /// For a typo, how far it lies beyond its count of edits (see `score::closeness`).
    pub closeness: u32,
    /// Length of the matched key: of two equal matches, the one covering more of its title wins.
    pub len: u32,
    /// The key's id, which orders keys alphabetically.
    pub key: u32,
    /// The entry's latest year, so remakes sharing a title list the most recent first.
    pub recent: u16,
    pub entry: u32,
    pub kind: MatchKind,
}

impl Hit {
    /// Best first: points, then the closer typo, then the shorter key, then alphabetical, then
    /// the most recent, then the order the entries were given in. Total, so the result never
    /// depends on the order matches were found in.
    fn order(&self) -> (Reverse<u32>, u32, u32, u32, Reverse<u16>, u32, MatchKind) {
        (
            Reverse(self.points),
            self.closeness,
            self.len,
            self.key,
            Reverse(self.recent),
            self.entry,
            self.kind,
        )
    }
}

fn by_order(a: &Hit, b: &Hit) -> Ordering {
    a.order().cmp(&b.order())
}

/// The best `limit` distinct entries among `hits`, each ranked by its best hit. No entry has
/// more than `per_entry` hits.
pub fn top(mut hits: Vec<Hit>, limit: usize, per_entry: usize) -> Vec<Candidate> {
    if limit == 0 || hits.is_empty() {
        return Vec::new();
    }
    // The k-th best entry's best hit has at most (k - 1) * per_entry hits before it, so the
    // best limit * per_entry hits hold the answer: select those in linear time, sort only them.
    let keep = limit.saturating_mul(per_entry.max(1));
    if hits.len() > keep {
        hits.select_nth_unstable_by(keep - 1, by_order);
        hits.truncate(keep);
    }
    hits.sort_unstable_by(by_order);
    let mut seen = HashSet::with_capacity(limit.min(hits.len()));
    hits.into_iter()
        .filter(|h| seen.insert(h.entry))
        .take(limit)
        .map(|h| Candidate { entry: h.entry as usize, score: h.points as f32 / EXACT as f32, kind: h.kind })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(points: u32, len: u32, key: u32, recent: u16, entry: u32) -> Hit {
        Hit { points, closeness: 0, len, key, recent, entry, kind: MatchKind::Prefix }
    }

    #[test]
    fn each_entry_counts_once_at_its_best() {
        let hits = vec![hit(800, 5, 1, 2000, 7), hit(900, 5, 2, 2000, 7), hit(850, 5, 3, 2000, 8)];
        let top = top(hits, 5, 2);
        assert_eq!(top.iter().map(|c| c.entry).collect::<Vec<_>>(), [7, 8]);
        assert_eq!(top[0].score, 0.9);
    }

    #[test]
    fn ties_go_to_the_shorter_key_then_alphabetical_then_most_recent() {
        let hits = vec![
            hit(800, 6, 1, 2000, 0),
            hit(800, 5, 9, 2000, 1),
            hit(800, 6, 0, 1990, 2),
            hit(800, 6, 0, 2010, 3),
        ];
        let entries: Vec<usize> = top(hits, 5, 1).iter().map(|c| c.entry).collect();
        assert_eq!(entries, [1, 3, 2, 0]);
    }

    #[test]
    fn selection_keeps_the_answer_when_entries_have_several_hits() {
        let mut hits = Vec::new();
        for entry in 0..50u32 {
            hits.push(hit(1000 - entry, 5, entry, 2000, entry));
            hits.push(hit(500 - entry, 5, entry, 2000, entry));
        }
        hits.reverse();
        let entries: Vec<usize> = top(hits, 3, 2).iter().map(|c| c.entry).collect();
        assert_eq!(entries, [0, 1, 2]);
    }
}
