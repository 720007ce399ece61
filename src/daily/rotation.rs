//! Which fact a server gets next: every fact once, in an order shuffled for that server, then
//! a new shuffle. Facts added to the data set join the current round; removed ones are skipped.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

/// A server's place in its rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    /// Chosen at random when the schedule is created, so servers differ.
    pub seed: u64,
    /// How many full rounds are behind; each round has its own shuffle.
    pub round: u32,
}

/// The next fact for a server, and the round it belongs to (one more than `rotation.round`
/// when this round is used up). `posted_this_round` holds the fact ids posted in the current
/// round; `last` is the last fact posted, which a new round never starts with. `None` only
/// when the data set has no facts.
pub fn next_fact<'a>(
    fact_ids: &[&'a str],
    rotation: Rotation,
    posted_this_round: &HashSet<String>,
    last: Option<&str>,
) -> Option<(&'a str, u32)> {
    if let Some(id) =
        order(fact_ids, rotation.seed, rotation.round).into_iter().find(|id| !posted_this_round.contains(*id))
    {
        return Some((id, rotation.round));
    }
    let round = rotation.round + 1;
    let order = order(fact_ids, rotation.seed, round);
    let first = order.iter().copied().find(|id| Some(*id) != last).or(order.first().copied())?;
    Some((first, round))
}

/// The fact of day number `day` for a rotation that posts every day from day 0: the console's
/// preview, which has no record of posts. Each run of `fact_ids.len()` days is one round.
pub fn fact_for_day<'a>(fact_ids: &[&'a str], seed: u64, day: u64) -> Option<&'a str> {
    let n = fact_ids.len() as u64;
    if n == 0 {
        return None;
    }
    let round = u32::try_from(day / n).unwrap_or(u32::MAX);
    order(fact_ids, seed, round).get((day % n) as usize).copied()
}

/// The shuffled order of one round; the same inputs always give the same order.
fn order<'a>(fact_ids: &[&'a str], seed: u64, round: u32) -> Vec<&'a str> {
    let mut ids = fact_ids.to_vec();
    // Sorted first, so the order does not depend on how the catalog lists its facts.
    ids.sort_unstable();
    ids.shuffle(&mut StdRng::seed_from_u64(seed ^ (u64::from(round) << 32 | u64::from(round))));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("film-{i}/fact")).collect()
    }

    /// Posts `days` facts the way the scheduler does and returns them in order.
    fn run(fact_ids: &[&str], seed: u64, days: usize) -> Vec<String> {
        let mut rotation = Rotation { seed, round: 0 };
        let mut posted: HashSet<String> = HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for _ in 0..days {
            let (id, round) = next_fact(fact_ids, rotation, &posted, out.last().map(String::as_str)).unwrap();
            if round != rotation.round {
                rotation.round = round;
                posted.clear();
            }
            posted.insert(id.to_string());
            out.push(id.to_string());
        }
        out
    }

    #[test]
    fn day_by_day_every_fact_comes_once_per_round() {
        let all = ids(30);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let days: Vec<&str> = (0..60).map(|d| fact_for_day(&refs, 3, d).unwrap()).collect();
        for round in days.chunks(30) {
            let distinct: HashSet<&&str> = round.iter().collect();
            assert_eq!(distinct.len(), 30);
        }
        assert_ne!(days[..30], days[30..], "each round has its own shuffle");
        assert_eq!(fact_for_day(&[], 3, 0), None);
        assert_eq!(fact_for_day(&refs, 3, 12345), fact_for_day(&refs, 3, 12345));
    }

    #[test]
    fn every_fact_comes_once_before_any_repeats() {
        let all = ids(50);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let posts = run(&refs, 7, 150);
        for round in posts.chunks(50) {
            let distinct: HashSet<&String> = round.iter().collect();
            assert_eq!(distinct.len(), 50);
        }
        // Rounds are shuffled differently, and no fact repeats across a round boundary.
        assert_ne!(posts[..50], posts[50..100]);
        assert!(posts.windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn servers_get_different_orders() {
        let all = ids(30);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        assert_ne!(run(&refs, 1, 30), run(&refs, 2, 30));
        assert_eq!(run(&refs, 1, 30), run(&refs, 1, 30));
    }

    #[test]
    fn a_fact_added_later_joins_the_current_round() {
        let all = ids(10);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let rotation = Rotation { seed: 3, round: 0 };
        let mut posted: HashSet<String> = run(&refs, 3, 5).into_iter().collect();
        let mut grown = refs.clone();
        grown.push("new-film-2026/fact");
        let mut seen = Vec::new();
        for _ in 0..6 {
            let (id, round) = next_fact(&grown, rotation, &posted, None).unwrap();
            assert_eq!(round, 0, "the round ended before every fact was posted");
            posted.insert(id.to_string());
            seen.push(id);
        }
        assert!(seen.contains(&"new-film-2026/fact"), "{seen:?}");
    }

    #[test]
    fn a_removed_fact_is_skipped() {
        let all = ids(10);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let first = run(&refs, 4, 1)[0].clone();
        let without: Vec<&str> = refs.iter().copied().filter(|id| *id != first).collect();
        let (id, _) = next_fact(&without, Rotation { seed: 4, round: 0 }, &HashSet::new(), None).unwrap();
        assert_ne!(id, first);
    }

    #[test]
    fn no_facts_no_post() {
        assert_eq!(next_fact(&[], Rotation { seed: 0, round: 0 }, &HashSet::new(), None), None);
    }

    #[test]
    fn a_single_fact_repeats_rather_than_stopping() {
        let posted: HashSet<String> = ["a/b".to_string()].into();
        assert_eq!(
            next_fact(&["a/b"], Rotation { seed: 0, round: 0 }, &posted, Some("a/b")),
            Some(("a/b", 1))
        );
    }
}
