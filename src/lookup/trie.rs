//! The keys as a trie in flat arrays (a node's children are contiguous), walked depth first
//! with an automaton that abandons a branch as soon as no key below it can match. A transition
//! is a byte read from an array and one automaton step, so walking the few thousand branches a
//! typo search explores stays in the microseconds.

/// A node ending no key.
const NO_KEY: u32 = u32::MAX;

/// What a walk carries down each branch.
pub trait Walk {
    type State: Copy;
    fn start(&self) -> Option<Self::State>;
    /// The state after `byte`, or `None` when no key below can match.
    fn step(&self, state: &Self::State, byte: u8) -> Option<Self::State>;
    /// Whether a key ending in this state matches.
    fn accepts(&self, state: &Self::State) -> bool;
    /// The only bytes that can lead on from this state, when they are few: the walk then steps
    /// into just those children instead of trying each. `None` means any byte may.
    fn next_bytes(&self, _state: &Self::State) -> Option<ByteSet> {
        None
    }
}

/// A few bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ByteSet {
    bytes: [u8; 12],
    len: u8,
}

impl ByteSet {
    /// Adds `b`; a full set ignores it, so callers size it for their worst case.
    pub fn insert(&mut self, b: u8) {
        if !self.contains(b) && usize::from(self.len) < self.bytes.len() {
            self.bytes[usize::from(self.len)] = b;
            self.len += 1;
        }
    }

    pub fn contains(&self, b: u8) -> bool {
        self.bytes[..usize::from(self.len)].contains(&b)
    }

    pub fn intersect(&self, other: &ByteSet) -> ByteSet {
        let mut out = ByteSet::default();
        for &b in &self.bytes[..usize::from(self.len)] {
            if other.contains(b) {
                out.insert(b);
            }
        }
        out
    }
}

#[derive(Debug, Clone, Default)]
pub struct Trie {
    /// Node `n`'s children are `first_child[n]..first_child[n] + child_count[n]`.
    first_child: Vec<u32>,
    child_count: Vec<u16>,
    /// The byte on the edge into each node.
    label: Vec<u8>,
    /// The id of the key ending at each node, or `NO_KEY`.
    key: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `keys` (bytes and id), which must be sorted by bytes and distinct.
    pub fn new(keys: &[(&[u8], u32)]) -> Self {
        let mut trie = Trie::default();
        trie.push_node(0);
        // (node, first key, end of keys, depth): the keys below a node share its `depth` bytes.
        let mut pending = vec![(0u32, 0usize, keys.len(), 0usize)];
        while let Some((node, mut lo, hi, depth)) = pending.pop() {
            let n = node as usize;
            if lo < hi && keys[lo].0.len() == depth {
                trie.key[n] = keys[lo].1;
                lo += 1;
            }
            trie.first_child[n] = trie.label.len() as u32;
            let mut i = lo;
            while i < hi {
                let byte = keys[i].0[depth];
                let end = i + keys[i..hi].partition_point(|k| k.0[depth] == byte);
                let child = trie.push_node(byte);
                pending.push((child, i, end, depth + 1));
                trie.child_count[n] += 1;
                i = end;
            }
        }
        trie
    }

    fn push_node(&mut self, label: u8) -> u32 {
        self.first_child.push(0);
        self.child_count.push(0);
        self.label.push(label);
        self.key.push(NO_KEY);
        (self.label.len() - 1) as u32
    }

    /// Pushes the id of every key the walk accepts onto `out`.
    pub fn walk<W: Walk>(&self, walk: &W, out: &mut Vec<u32>) {
        let Some(start) = walk.start() else { return };
        let mut stack = vec![(0u32, start)];
        while let Some((node, state)) = stack.pop() {
            let n = node as usize;
            if self.key[n] != NO_KEY && walk.accepts(&state) {
                out.push(self.key[n]);
            }
            let first = self.first_child[n] as usize;
            let children = first..first + usize::from(self.child_count[n]);
            let only = walk.next_bytes(&state);
            for child in children {
                let label = self.label[child];
                if only.is_some_and(|set| !set.contains(label)) {
                    continue;
                }
                if let Some(next) = walk.step(&state, label) {
                    stack.push((child as u32, next));
                }
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.first_child.capacity() * 4
            + self.child_count.capacity() * 2
            + self.label.capacity()
            + self.key.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts keys starting with a prefix.
    struct StartsWith(&'static [u8]);

    impl Walk for StartsWith {
        type State = usize;
        fn start(&self) -> Option<usize> {
            Some(0)
        }
        fn step(&self, &depth: &usize, byte: u8) -> Option<usize> {
            (depth >= self.0.len() || self.0[depth] == byte).then_some(depth + 1)
        }
        fn accepts(&self, &depth: &usize) -> bool {
            depth >= self.0.len()
        }
    }

    #[test]
    fn a_walk_finds_exactly_the_keys_it_accepts() {
        let words: Vec<&[u8]> = vec![b"", b"al", b"alien", b"aliens", b"dune", b"dunes"];
        let keys: Vec<(&[u8], u32)> = words.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
        let trie = Trie::new(&keys);
        let found = |prefix: &'static [u8]| {
            let mut out = Vec::new();
            trie.walk(&StartsWith(prefix), &mut out);
            out.sort();
            out
        };
        assert_eq!(found(b"ali"), [2, 3]);
        assert_eq!(found(b"dune"), [4, 5]);
        assert_eq!(found(b""), [0, 1, 2, 3, 4, 5]);
        assert!(found(b"x").is_empty());
    }
}
