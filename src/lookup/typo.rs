//! The keys as a finite-state transducer ([`fst`]), walked with the bounded edit-distance
//! automata of [`edit`](super::edit): finds the keys within one or two typos of a query, and the
//! keys whose head is a prefix typed with a typo, visiting only the branches that can still
//! match instead of every key.

use fst::{IntoStreamer, Map, MapBuilder, Streamer};

use super::edit::{HeadWithin, Osa, Within};
use super::keys::KeyTable;

/// Maps each key to its id.
#[derive(Clone)]
pub struct TypoIndex {
    map: Map<Vec<u8>>,
}

impl TypoIndex {
    pub fn new(table: &KeyTable) -> Self {
        let mut builder = MapBuilder::memory();
        for (id, key) in table.iter() {
            // The table is sorted and free of duplicates, which is all the builder asks.
            builder.insert(key, u64::from(id)).expect("keys are inserted sorted and distinct");
        }
        let map = Map::new(builder.into_inner().expect("writing to memory cannot fail"))
            .expect("the builder produced a valid map");
        TypoIndex { map }
    }

    /// Pushes the ids of the keys within `k` edits of `query` onto `out`.
    pub fn within(&self, query: &str, k: usize, out: &mut Vec<u32>) {
        let mut stream = self.map.search(Within(Osa::new(query.as_bytes(), k))).into_stream();
        while let Some((_, id)) = stream.next() {
            out.push(id as u32);
        }
    }

    /// Pushes the ids of the keys longer than `query` whose head is within `k` edits of it.
    pub fn heads_within(&self, query: &str, k: usize, out: &mut Vec<u32>) {
        let mut stream = self.map.search(HeadWithin(Osa::new(query.as_bytes(), k))).into_stream();
        while let Some((_, id)) = stream.next() {
            out.push(id as u32);
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.map.as_fst().as_bytes().len()
    }
}
