//! Bounded optimal-string-alignment distance (edits: insert, delete, substitute, swap two
//! neighbours), as a step-by-step automaton over the candidate's bytes.
//!
//! One implementation serves both uses: verifying a candidate ([`osa_within`]) and walking the
//! keys' trie ([`Within`], [`SplitWithin`]), where a branch is abandoned as soon as no
//! continuation can come within the bound. Only the diagonal band of width `2k + 1` of the
//! dynamic-programming table is kept, so a step costs `O(k)` and the state is a few bytes on the
//! stack: no allocation per query or per step, unlike a general edit distance or a DFA built per
//! query.

use std::ops::RangeInclusive;

use super::trie::{ByteSet, Walk};

/// The largest bound the matcher asks for.
pub const MAX_EDITS: usize = 2;
const BAND: usize = 2 * MAX_EDITS + 1;

/// One column of the distance table, restricted to the band around the diagonal: `cur[c]` is
/// the distance between the first `depth + c - k` bytes of the query and the first `depth`
/// bytes of the candidate, capped at `k + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    depth: u32,
    cur: [u8; BAND],
    /// The column before, needed for a swap of two neighbours.
    prev: [u8; BAND],
    /// The candidate byte consumed last.
    last: u8,
}

/// The bounded distance to one query.
#[derive(Debug, Clone, Copy)]
pub struct Osa<'q> {
    query: &'q [u8],
    k: usize,
}

impl<'q> Osa<'q> {
    /// `k` above [`MAX_EDITS`] is lowered to it.
    pub fn new(query: &'q [u8], k: usize) -> Self {
        Osa { query, k: k.min(MAX_EDITS) }
    }

    fn cap(&self) -> u8 {
        self.k as u8 + 1
    }

    pub fn start(&self) -> Column {
        let mut cur = [self.cap(); BAND];
        for (c, cell) in cur.iter_mut().enumerate().take(2 * self.k + 1) {
            // At depth 0 the cell holds query prefix length i = c - k, reached by i deletions.
            if let Some(i) = c.checked_sub(self.k).filter(|&i| i <= self.query.len()) {
                *cell = (i as u8).min(self.cap());
            }
        }
        Column { depth: 0, cur, prev: [self.cap(); BAND], last: 0 }
    }

    pub fn step(&self, col: &Column, b: u8) -> Column {
        let (k, n, cap) = (self.k as isize, self.query.len() as isize, self.cap());
        let j = col.depth as isize;
        let mut next = [cap; BAND];
        for c in 0..(2 * self.k + 1) {
            let i = j + 1 + c as isize - k;
            if i < 0 || i > n {
                continue;
            }
            if i == 0 {
                next[c] = u8::try_from(j + 1).unwrap_or(cap).min(cap);
                continue;
            }
            let qi = self.query[i as usize - 1];
            let mut best = col.cur[c].saturating_add(u8::from(qi != b));
            if c >= 1 {
                best = best.min(next[c - 1].saturating_add(1));
            }
            if c < 2 * self.k {
                best = best.min(col.cur[c + 1].saturating_add(1));
            }
            if i >= 2 && j >= 1 && qi == col.last && self.query[i as usize - 2] == b {
                best = best.min(col.prev[c].saturating_add(1));
            }
            next[c] = best.min(cap);
        }
        Column { depth: col.depth + 1, cur: next, prev: col.cur, last: b }
    }

    /// The distance between the whole query and everything consumed so far, if within `k`.
    pub fn distance(&self, col: &Column) -> Option<usize> {
        let c = (self.query.len() + self.k).checked_sub(col.depth as usize)?;
        let d = *col.cur.get(c).filter(|_| c <= 2 * self.k)?;
        (usize::from(d) <= self.k).then_some(usize::from(d))
    }

    /// When every cell has used up the bound, the only bytes that keep some cell within it: the
    /// query's next byte after a cell (a match), or the byte completing a swap. Any other byte
    /// ends the branch, so a walk need not try it.
    pub fn next_bytes(&self, col: &Column) -> Option<ByteSet> {
        let (k, n) = (self.k, self.query.len());
        let cells = &col.cur[..2 * k + 1];
        if cells.iter().any(|&d| usize::from(d) < k) {
            return None;
        }
        let mut set = ByteSet::default();
        let j = col.depth as usize;
        for c in 0..2 * k + 1 {
            // Cell c of the next column stands for query prefix length i.
            let Some(i) = (j + 1 + c).checked_sub(k).filter(|&i| i >= 1 && i <= n) else { continue };
            if usize::from(col.cur[c]) == k {
                set.insert(self.query[i - 1]);
            }
            if i >= 2 && j >= 1 && usize::from(col.prev[c]) < k && self.query[i - 1] == col.last {
                set.insert(self.query[i - 2]);
            }
        }
        Some(set)
    }

    /// Whether some continuation could still end within `k` (a column's minimum never shrinks).
    pub fn alive(&self, col: &Column) -> bool {
        col.cur[..2 * self.k + 1].iter().any(|&d| usize::from(d) <= self.k)
    }
}

/// The OSA distance between `a` and `b` when it is at most `k` (at most [`MAX_EDITS`]).
pub fn osa_within(a: &str, b: &str, k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let osa = Osa::new(a.as_bytes(), k);
    let mut col = osa.start();
    for &byte in b.as_bytes() {
        col = osa.step(&col, byte);
        if !osa.alive(&col) {
            return None;
        }
    }
    osa.distance(&col)
}

/// Keys within `k` edits of the query.
pub struct Within<'q>(pub Osa<'q>);

impl Walk for Within<'_> {
    type State = Column;

    fn start(&self) -> Option<Column> {
        Some(self.0.start())
    }

    fn step(&self, col: &Column, byte: u8) -> Option<Column> {
        let next = self.0.step(col, byte);
        self.0.alive(&next).then_some(next)
    }

    fn accepts(&self, col: &Column) -> bool {
        self.0.distance(col).is_some()
    }

    fn next_bytes(&self, col: &Column) -> Option<ByteSet> {
        self.0.next_bytes(col)
    }
}

/// Keys within `k` edits of the query whose start is within `k - 1` edits of the query's first
/// `split` bytes.
///
/// Split a query in two: an edit script of `k` edits puts at most `k + 1` edits into the two
/// halves (only a swap across the split counts in both), so for `k = 2` one half is within one
/// edit of its counterpart. Walking forwards for the first half and, over reversed keys,
/// backwards for the second finds every key within two edits, while each walk branches like a
/// one-edit walk near the root, where a two-edit walk visits nearly every node.
pub struct SplitWithin<'q> {
    whole: Osa<'q>,
    part: Osa<'q>,
    /// The depths at which the key's counterpart of the first part can end.
    ends: RangeInclusive<u32>,
}

impl<'q> SplitWithin<'q> {
    /// `k` at least 1, `split` at least `k - 1`.
    pub fn new(query: &'q [u8], k: usize, split: usize) -> Self {
        let part_k = k.saturating_sub(1);
        SplitWithin {
            whole: Osa::new(query, k),
            part: Osa::new(&query[..split], part_k),
            ends: split.saturating_sub(part_k) as u32..=(split + part_k) as u32,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SplitState {
    whole: Column,
    part: Column,
    /// The first part has matched.
    part_ok: bool,
}

impl Walk for SplitWithin<'_> {
    type State = SplitState;

    fn start(&self) -> Option<SplitState> {
        let part = self.part.start();
        let part_ok = self.ends.contains(&0) && self.part.distance(&part).is_some();
        Some(SplitState { whole: self.whole.start(), part, part_ok })
    }

    fn step(&self, state: &SplitState, byte: u8) -> Option<SplitState> {
        let whole = self.whole.step(&state.whole, byte);
        if !self.whole.alive(&whole) {
            return None;
        }
        if state.part_ok {
            return Some(SplitState { whole, ..*state });
        }
        let part = self.part.step(&state.part, byte);
        let part_ok = self.ends.contains(&whole.depth) && self.part.distance(&part).is_some();
        if !part_ok && (whole.depth >= *self.ends.end() || !self.part.alive(&part)) {
            return None;
        }
        Some(SplitState { whole, part, part_ok })
    }

    fn accepts(&self, state: &SplitState) -> bool {
        state.part_ok && self.whole.distance(&state.whole).is_some()
    }

    fn next_bytes(&self, state: &SplitState) -> Option<ByteSet> {
        let whole = self.whole.next_bytes(&state.whole);
        let part = if state.part_ok { None } else { self.part.next_bytes(&state.part) };
        match (whole, part) {
            (Some(a), Some(b)) => Some(a.intersect(&b)),
            (a, b) => a.or(b),
        }
    }
}

/// Keys longer than the query whose first `query.len()` bytes are one substitution or one swap
/// of neighbours away from it: a prefix typed with a typo. Of equal length, one edit can only
/// be one of those two, so no insertion or deletion needs following. Keys whose head is the
/// query itself are prefixes, found elsewhere, and not walked.
pub struct HeadWithin<'q>(pub &'q [u8]);

#[derive(Debug, Clone, Copy)]
pub struct HeadState {
    depth: u32,
    /// The bytes so far equal the query's.
    exact: bool,
    /// The bytes so far are one substitution or one completed swap away.
    one_off: bool,
    /// A swap has begun: the last byte was the query's next one.
    swapping: bool,
}

impl Walk for HeadWithin<'_> {
    type State = HeadState;

    fn start(&self) -> Option<HeadState> {
        Some(HeadState { depth: 0, exact: true, one_off: false, swapping: false })
    }

    fn step(&self, s: &HeadState, b: u8) -> Option<HeadState> {
        let (q, j) = (self.0, s.depth as usize);
        if j >= q.len() {
            return Some(HeadState { depth: s.depth + 1, ..*s });
        }
        let one_off =
            (s.exact && b != q[j]) || (s.one_off && b == q[j]) || (s.swapping && j >= 1 && b == q[j - 1]);
        let mut next = HeadState {
            depth: s.depth + 1,
            exact: s.exact && b == q[j],
            one_off,
            swapping: s.exact && j + 1 < q.len() && b == q[j + 1] && b != q[j],
        };
        if j + 1 == q.len() {
            next.exact = false;
        }
        (next.exact || next.one_off || next.swapping).then_some(next)
    }

    fn accepts(&self, s: &HeadState) -> bool {
        s.one_off && s.depth as usize > self.0.len()
    }

    fn next_bytes(&self, s: &HeadState) -> Option<ByteSet> {
        let (q, j) = (self.0, s.depth as usize);
        if s.exact || j >= q.len() {
            return None;
        }
        let mut set = ByteSet::default();
        if s.one_off {
            set.insert(q[j]);
        }
        if s.swapping && j >= 1 {
            set.insert(q[j - 1]);
        }
        Some(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string over a small alphabet up to a length, so the automaton is checked against
    /// the reference on all the awkward cases (empty strings, swaps at the ends, repeats).
    fn all_strings(alphabet: &[u8], max_len: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..max_len {
            let mut next = Vec::new();
            for s in &frontier {
                for &c in alphabet {
                    let mut t = s.clone();
                    t.push(c as char);
                    next.push(t);
                }
            }
            out.extend(next.iter().cloned());
            frontier = next;
        }
        out
    }

    #[test]
    fn agrees_with_the_reference_osa_distance_within_the_bound() {
        let strings = all_strings(b"abc", 5);
        for a in strings.iter().step_by(3) {
            for b in &strings {
                let reference = strsim::osa_distance(a, b);
                for k in 0..=MAX_EDITS {
                    let expected = (reference <= k).then_some(reference);
                    assert_eq!(osa_within(a, b, k), expected, "{a:?} {b:?} k={k}");
                }
            }
        }
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(osa_within("incepton", "inception", 2), Some(1));
        assert_eq!(osa_within("matirx", "matrix", 1), Some(1));
        assert_eq!(osa_within("incpetoin", "inception", 2), Some(2));
        assert_eq!(osa_within("abcdef", "badcfe", 2), None);
    }

    /// Runs a walk over one key alone.
    fn accepts<W: Walk>(walk: &W, key: &str) -> bool {
        let mut state = walk.start();
        for &b in key.as_bytes() {
            state = state.and_then(|s| walk.step(&s, b));
        }
        state.is_some_and(|s| walk.accepts(&s))
    }

    #[test]
    fn head_within_matches_longer_keys_whose_head_is_one_edit_away() {
        let head = HeadWithin(b"bakct");
        assert!(accepts(&head, "backtothefuture"));
        assert!(!accepts(&head, "bakcx"), "same length: a typo, not a prefix");
        assert!(accepts(&head, "bxkctx"));
        assert!(!accepts(&head, "bakctx"), "the query itself is a prefix, found elsewhere");
        assert!(!accepts(&head, "bxxxtothefuture"));
        for (a, b) in [("abcde", "abdcex"), ("abcde", "bacdex"), ("abcde", "abcedx"), ("abcde", "zbcdex")] {
            assert!(accepts(&HeadWithin(a.as_bytes()), b), "{a} {b}");
        }
    }

    #[test]
    fn the_split_walk_finds_what_the_whole_walk_finds() {
        let strings = all_strings(b"abc", 6);
        for q in strings.iter().filter(|s| s.len() >= 4).step_by(7) {
            let split = q.len() / 2;
            let rq: String = q.chars().rev().collect();
            let forward = SplitWithin::new(q.as_bytes(), 2, split);
            let backward = SplitWithin::new(rq.as_bytes(), 2, q.len() - split);
            let whole = Within(Osa::new(q.as_bytes(), 2));
            for key in &strings {
                let rkey: String = key.chars().rev().collect();
                let split_found = accepts(&forward, key) || accepts(&backward, &rkey);
                assert_eq!(split_found, accepts(&whole, key), "{q:?} {key:?}");
            }
        }
    }
}
