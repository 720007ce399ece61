//! Bounded optimal-string-alignment distance (edits: insert, delete, substitute, swap two
//! neighbours), as a step-by-step automaton over the candidate's bytes.
//!
//! One implementation serves both uses: verifying a candidate ([`osa_within`]) and walking the
//! key set's transducer ([`Within`], [`HeadWithin`]), where a branch is abandoned as soon as no
//! continuation can come within the bound. Only the diagonal band of width `2k + 1` of the
//! dynamic-programming table is kept, so a step costs `O(k)` and the state is a few bytes on the
//! stack: no allocation per query or per step, unlike a general edit distance or a DFA built per
//! query.

use fst::Automaton;

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

/// Keys within `k` edits of the query, as an automaton for [`fst`] searches.
pub struct Within<'q>(pub Osa<'q>);

impl Automaton for Within<'_> {
    type State = Column;

    fn start(&self) -> Column {
        self.0.start()
    }

    fn is_match(&self, col: &Column) -> bool {
        self.0.distance(col).is_some()
    }

    fn can_match(&self, col: &Column) -> bool {
        self.0.alive(col)
    }

    fn accept(&self, col: &Column, byte: u8) -> Column {
        self.0.step(col, byte)
    }
}

/// Keys longer than the query whose first `query.len()` bytes are within `k` edits of it: a
/// prefix typed with a typo. Once the head is decided, the rest of the key is not looked at.
pub struct HeadWithin<'q>(pub Osa<'q>);

/// A column, or the verdict on the head once it is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadState {
    Reading(Column),
    /// The head matched; `longer` once a byte past it was read.
    Matched {
        longer: bool,
    },
    Failed,
}

impl Automaton for HeadWithin<'_> {
    type State = HeadState;

    fn start(&self) -> HeadState {
        self.settle(self.0.start())
    }

    fn is_match(&self, state: &HeadState) -> bool {
        matches!(state, HeadState::Matched { longer: true })
    }

    fn can_match(&self, state: &HeadState) -> bool {
        match state {
            HeadState::Reading(col) => self.0.alive(col),
            HeadState::Matched { .. } => true,
            HeadState::Failed => false,
        }
    }

    fn accept(&self, state: &HeadState, byte: u8) -> HeadState {
        match state {
            HeadState::Reading(col) => self.settle(self.0.step(col, byte)),
            HeadState::Matched { .. } => HeadState::Matched { longer: true },
            HeadState::Failed => HeadState::Failed,
        }
    }
}

impl HeadWithin<'_> {
    fn settle(&self, col: Column) -> HeadState {
        if col.depth as usize == self.0.query.len() {
            match self.0.distance(&col) {
                Some(_) => HeadState::Matched { longer: false },
                None => HeadState::Failed,
            }
        } else {
            HeadState::Reading(col)
        }
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

    #[test]
    fn head_within_matches_longer_keys_whose_head_is_close() {
        let osa = Osa::new(b"bakct", 1);
        let head = HeadWithin(osa);
        let run = |key: &str| {
            let mut s = head.start();
            for &b in key.as_bytes() {
                s = head.accept(&s, b);
            }
            head.is_match(&s)
        };
        assert!(run("backtothefuture"));
        assert!(run("bakctx"));
        assert!(!run("bakct"), "same length is a typo, not a prefix");
        assert!(!run("bxxxtothefuture"));
    }
}
