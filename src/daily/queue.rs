//! The scheduler's queue: every server's next due instant, earliest first. One queue for all
//! servers, so a single task sleeps until the earliest post instead of one timer per server.

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;

/// Servers ordered by when their next post is due. Each server appears at most once.
#[derive(Debug, Default, Clone)]
pub struct DueQueue {
    order: BTreeSet<(Timestamp, u64)>,
    due: HashMap<u64, Timestamp>,
}

impl DueQueue {
    pub fn new() -> Self {
        DueQueue::default()
    }

    /// Puts `guild` in the queue at `at`, replacing its earlier place.
    pub fn set(&mut self, guild: u64, at: Timestamp) {
        if let Some(old) = self.due.insert(guild, at) {
            self.order.remove(&(old, guild));
        }
        self.order.insert((at, guild));
    }

    /// Takes `guild` out of the queue (its posts are off or paused).
    pub fn remove(&mut self, guild: u64) {
        if let Some(old) = self.due.remove(&guild) {
            self.order.remove(&(old, guild));
        }
    }

    /// When the earliest post is due.
    pub fn next_due(&self) -> Option<Timestamp> {
        self.order.first().map(|(at, _)| *at)
    }

    /// Takes every server due at or before `now` out of the queue, earliest first.
    pub fn pop_due(&mut self, now: Timestamp) -> Vec<u64> {
        let mut ready = Vec::new();
        while let Some(&(at, guild)) = self.order.first() {
            if at > now {
                break;
            }
            self.order.pop_first();
            self.due.remove(&guild);
            ready.push(guild);
        }
        ready
    }

    pub fn len(&self) -> usize {
        self.due.len()
    }

    pub fn is_empty(&self) -> bool {
        self.due.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn servers_come_out_earliest_first_and_only_when_due() {
        let mut q = DueQueue::new();
        q.set(1, t("2026-01-15T09:00:00Z"));
        q.set(2, t("2026-01-15T08:00:00Z"));
        q.set(3, t("2026-01-15T10:00:00Z"));
        assert_eq!(q.next_due(), Some(t("2026-01-15T08:00:00Z")));
        assert_eq!(q.pop_due(t("2026-01-15T07:59:59Z")), Vec::<u64>::new());
        assert_eq!(q.pop_due(t("2026-01-15T09:00:00Z")), vec![2, 1]);
        assert_eq!(q.len(), 1);
        assert_eq!(q.next_due(), Some(t("2026-01-15T10:00:00Z")));
    }

    #[test]
    fn a_changed_schedule_replaces_its_place_and_a_removed_one_is_gone() {
        let mut q = DueQueue::new();
        q.set(1, t("2026-01-15T09:00:00Z"));
        q.set(2, t("2026-01-15T09:30:00Z"));
        q.set(1, t("2026-01-16T09:00:00Z"));
        assert_eq!(q.len(), 2);
        assert_eq!(q.next_due(), Some(t("2026-01-15T09:30:00Z")));
        q.remove(2);
        q.remove(7);
        assert_eq!(q.pop_due(t("2026-01-17T00:00:00Z")), vec![1]);
        assert!(q.is_empty());
        assert_eq!(q.next_due(), None);
    }

    #[test]
    fn servers_due_at_the_same_instant_all_come_out() {
        let mut q = DueQueue::new();
        for guild in 0..100 {
            q.set(guild, t("2026-01-15T09:00:00Z"));
        }
        assert_eq!(q.pop_due(t("2026-01-15T09:00:00Z")).len(), 100);
    }
}
