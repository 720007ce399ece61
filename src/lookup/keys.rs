//! Every distinct normalised key (of a title or an alias) in sorted order, each with the entries
//! it names. A key's id is its rank, so ids compare as the keys do, a prefix is one contiguous
//! range of ids found by binary search, and remakes sharing a title share one key.

use std::ops::Range;

/// An entry a key names, and whether it names it by an alias rather than its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub entry: u32,
    pub alias: bool,
    /// The leading article the name had before its key dropped it.
    pub article: Option<u8>,
    /// The key keeps the name's leading article: it is there to be reached by a typo in the
    /// article ("teh matrix"), and matches only exactly or with typos.
    pub spelt: bool,
}

/// The sorted keys, stored end to end in one string to keep a hundred thousand of them small.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    text: String,
    /// `ends[id]` is where key `id` ends in `text`; it starts where the one before ends.
    ends: Vec<u32>,
    /// Key `id`'s postings are `postings[first_posting[id]..first_posting[id + 1]]`.
    first_posting: Vec<u32>,
    postings: Vec<Posting>,
}

impl KeyTable {
    /// Builds the table from (key, posting) pairs in any order; empty keys are ignored.
    pub fn new(mut pairs: Vec<(String, Posting)>) -> Self {
        pairs.retain(|(key, _)| !key.is_empty());
        pairs.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.entry.cmp(&b.1.entry))
                .then(a.1.alias.cmp(&b.1.alias))
                .then(a.1.article.cmp(&b.1.article))
                .then(a.1.spelt.cmp(&b.1.spelt))
        });
        let mut table = KeyTable {
            text: String::with_capacity(pairs.iter().map(|(k, _)| k.len()).sum()),
            ends: Vec::new(),
            first_posting: vec![0],
            postings: Vec::with_capacity(pairs.len()),
        };
        for (key, posting) in pairs {
            if table.ends.is_empty() || table.key(table.len() as u32 - 1) != key {
                if !table.ends.is_empty() {
                    table.first_posting.push(table.postings.len() as u32);
                }
                table.text.push_str(&key);
                table.ends.push(table.text.len() as u32);
            }
            table.postings.push(posting);
        }
        if !table.ends.is_empty() {
            table.first_posting.push(table.postings.len() as u32);
        }
        table.text.shrink_to_fit();
        table
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn key(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    pub fn postings(&self, id: u32) -> &[Posting] {
        let id = id as usize;
        &self.postings[self.first_posting[id] as usize..self.first_posting[id + 1] as usize]
    }

    /// The ids of the keys that start with `prefix` (the key equal to it first, if any).
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let lo = self.partition(|key| key < prefix);
        let hi = lo + self.partition_from(lo, |key| key.starts_with(prefix));
        lo..hi
    }

    /// The ids in sorted order with their keys, for building other indexes over the keys.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        (0..self.len() as u32).map(move |id| (id, self.key(id)))
    }

    /// Bytes of the heap this table holds.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + 4 * (self.ends.capacity() + self.first_posting.capacity())
            + std::mem::size_of::<Posting>() * self.postings.capacity()
    }

    fn partition(&self, pred: impl Fn(&str) -> bool) -> u32 {
        self.partition_from(0, pred)
    }

    /// The number of ids from `from` on for which `pred` holds, given it holds on a prefix.
    fn partition_from(&self, from: u32, pred: impl Fn(&str) -> bool) -> u32 {
        let (mut lo, mut hi) = (from, self.len() as u32);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.key(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo - from
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A table of `keys`, each its own entry, for the index's tests.
    pub(in crate::lookup) fn table(keys: &[&str]) -> KeyTable {
        KeyTable::new(
            keys.iter()
                .enumerate()
                .map(|(i, k)| {
                    (k.to_string(), Posting { entry: i as u32, alias: false, article: None, spelt: false })
                })
                .collect(),
        )
    }

    #[test]
    fn keys_are_sorted_and_shared_keys_keep_every_entry() {
        let t = table(&["dune", "alien", "dune", "", "aliens"]);
        assert_eq!(t.iter().map(|(_, k)| k).collect::<Vec<_>>(), ["alien", "aliens", "dune"]);
        assert_eq!(t.postings(2).iter().map(|p| p.entry).collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn a_prefix_is_a_range_of_ids() {
        let t = table(&["alien", "aliens", "alienation", "dune", "ali"]);
        let keys = |r: Range<u32>| r.map(|id| t.key(id).to_string()).collect::<Vec<_>>();
        assert_eq!(keys(t.prefix_range("alien")), ["alien", "alienation", "aliens"]);
        assert_eq!(keys(t.prefix_range("a")), ["ali", "alien", "alienation", "aliens"]);
        assert!(t.prefix_range("b").is_empty());
        assert!(t.prefix_range("zzz").is_empty());
    }
}
