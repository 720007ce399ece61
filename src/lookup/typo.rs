//! Finds the keys within one or two typos of a query, and the keys whose head is a prefix typed
//! with a typo, by walking tries of the keys with the automata of [`edit`](super::edit): only
//! the branches that can still match are visited, never every key.

use super::edit::{HeadWithin, Osa, SplitWithin, Within};
use super::keys::KeyTable;
use super::trie::Trie;

/// The keys forwards, and reversed for walking a query from its end.
#[derive(Debug, Clone)]
pub struct TypoIndex {
    forward: Trie,
    backward: Trie,
}

impl TypoIndex {
    pub fn new(table: &KeyTable) -> Self {
        let forward: Vec<(&[u8], u32)> = table.iter().map(|(id, key)| (key.as_bytes(), id)).collect();
        // All reversed keys in one buffer, so a hundred thousand keys cost one allocation.
        let mut reversed = Vec::with_capacity(forward.iter().map(|(k, _)| k.len()).sum());
        let mut spans = Vec::with_capacity(forward.len());
        for &(key, id) in &forward {
            let start = reversed.len();
            reversed.extend(key.iter().rev());
            spans.push((start, reversed.len(), id));
        }
        let mut backward: Vec<(&[u8], u32)> =
            spans.into_iter().map(|(start, end, id)| (&reversed[start..end], id)).collect();
        backward.sort_unstable();
        TypoIndex { forward: Trie::new(&forward), backward: Trie::new(&backward) }
    }

    /// Pushes the ids of the keys within `k` edits of `query` onto `out` (a key may come twice).
    pub fn within(&self, query: &str, k: usize, out: &mut Vec<u32>) {
        let q = query.as_bytes();
        if k < 2 || q.len() < 2 {
            self.forward.walk(&Within(Osa::new(q, k)), out);
            return;
        }
        let split = q.len() / 2;
        self.forward.walk(&SplitWithin::new(q, k, split), out);
        let reversed: Vec<u8> = q.iter().rev().copied().collect();
        self.backward.walk(&SplitWithin::new(&reversed, k, q.len() - split), out);
    }

    /// Pushes the ids of the keys longer than `query` whose head is one substitution or swap
    /// away from it onto `out`.
    pub fn heads_within(&self, query: &str, out: &mut Vec<u32>) {
        self.forward.walk(&HeadWithin(query.as_bytes()), out);
    }

    pub fn heap_bytes(&self) -> usize {
        self.forward.heap_bytes() + self.backward.heap_bytes()
    }
}
