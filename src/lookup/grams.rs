//! Which keys contain each three-letter sequence (trigram): finds the keys that contain a
//! query, and the keys that share the most with a query that matches nothing, without reading
//! every key.

use std::cell::RefCell;

use super::keys::KeyTable;

/// Keys hold only `a-z` and `0-9` (see `normalize`); any other byte shares one symbol.
const SYMBOLS: usize = 37;
const GRAMS: usize = SYMBOLS * SYMBOLS * SYMBOLS;

fn symbol(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

/// The distinct trigrams of a key, as indexes, sorted.
fn grams_of(key: &str, out: &mut Vec<u32>) {
    out.clear();
    out.extend(
        key.as_bytes()
            .windows(3)
            .map(|w| (symbol(w[0]) * SYMBOLS * SYMBOLS + symbol(w[1]) * SYMBOLS + symbol(w[2])) as u32),
    );
    out.sort_unstable();
    out.dedup();
}

/// For each trigram, the ids of the keys containing it, ascending.
#[derive(Debug, Clone, Default)]
pub struct Trigrams {
    /// Trigram `g`'s keys are `keys[starts[g]..starts[g + 1]]`.
    starts: Vec<u32>,
    keys: Vec<u32>,
    key_count: usize,
}

impl Trigrams {
    pub fn new(table: &KeyTable) -> Self {
        // Two passes (count, then place) lay every list out in one array without resizing.
        let mut starts = vec![0u32; GRAMS + 1];
        let mut grams = Vec::new();
        for (_, key) in table.iter() {
            grams_of(key, &mut grams);
            for &g in &grams {
                starts[g as usize + 1] += 1;
            }
        }
        for g in 0..GRAMS {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let mut keys = vec![0u32; starts[GRAMS] as usize];
        for (id, key) in table.iter() {
            grams_of(key, &mut grams);
            for &g in &grams {
                let slot = &mut next[g as usize];
                keys[*slot as usize] = id;
                *slot += 1;
            }
        }
        Trigrams { starts, keys, key_count: table.len() }
    }

    fn keys_with(&self, gram: u32) -> &[u32] {
        let g = gram as usize;
        &self.keys[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// Pushes the ids of the keys that contain `query` (at least 3 bytes long) onto `out`.
    pub fn containing(&self, table: &KeyTable, query: &str, out: &mut Vec<u32>) {
        let mut grams = Vec::new();
        grams_of(query, &mut grams);
        // Every key containing the query contains each of its trigrams; the rarest one
        // narrows the search most, and `contains` settles the rest.
        let Some(rarest) = grams.iter().map(|&g| self.keys_with(g)).min_by_key(|keys| keys.len()) else {
            return;
        };
        out.extend(rarest.iter().copied().filter(|&id| table.key(id).contains(query)));
    }

    /// Up to `limit` keys sharing the most trigrams with `query`, most first (ties by id).
    pub fn most_shared(&self, query: &str, limit: usize) -> Vec<u32> {
        let mut grams = Vec::new();
        grams_of(query, &mut grams);
        SHARED.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch { counts, touched } = &mut *scratch;
            if counts.len() < self.key_count {
                counts.resize(self.key_count, 0);
            }
            for &g in &grams {
                for &id in self.keys_with(g) {
                    let count = &mut counts[id as usize];
                    if *count == 0 {
                        touched.push(id);
                    }
                    *count = count.saturating_add(1);
                }
            }
            let by_count = |a: &u32, b: &u32| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b));
            if touched.len() > limit && limit > 0 {
                touched.select_nth_unstable_by(limit - 1, by_count);
            }
            let mut best = touched[..limit.min(touched.len())].to_vec();
            best.sort_unstable_by(by_count);
            // Only what was touched is reset, so a query costs what its trigrams cost.
            for &id in touched.iter() {
                counts[id as usize] = 0;
            }
            touched.clear();
            best
        })
    }

    /// Bytes of the heap these lists hold.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.starts.capacity() + self.keys.capacity())
    }
}

/// Per-thread counters for [`Trigrams::most_shared`], so a lookup allocates no table the size of
/// the catalog; the index itself stays immutable and shared.
#[derive(Default)]
struct Scratch {
    counts: Vec<u16>,
    touched: Vec<u32>,
}

thread_local! {
    static SHARED: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use super::super::keys::tests::table;
    use super::*;

    #[test]
    fn finds_every_key_containing_the_query() {
        let t = table(&["thematrix", "matrixreloaded", "inception", "animatrix", "matri"]);
        let grams = Trigrams::new(&t);
        let mut out = Vec::new();
        grams.containing(&t, "matrix", &mut out);
        let mut found: Vec<&str> = out.iter().map(|&id| t.key(id)).collect();
        found.sort();
        assert_eq!(found, ["animatrix", "matrixreloaded", "thematrix"]);
    }

    #[test]
    fn most_shared_ranks_by_common_trigrams() {
        let t = table(&["matrixreloaded", "matrix", "inception", "reloaded"]);
        let grams = Trigrams::new(&t);
        let best: Vec<&str> = grams.most_shared("matrxreloaded", 3).iter().map(|&id| t.key(id)).collect();
        assert_eq!(best, ["matrixreloaded", "reloaded", "matrix"]);
        assert!(grams.most_shared("qqqqq", 3).is_empty());
    }
}
