//! The books of daily posts: schedules, which fact goes out next, and the record that makes
//! each server's post happen once per local date. No Discord here: the adapter asks what is
//! due, sends, and reports back. Every method takes the current instant, so tests set the clock.

use std::sync::{Arc, MutexGuard, OnceLock};

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use thiserror::Error;

use rand::SeedableRng;

use super::nonce::day_hash;
use super::quiz::{Mode, QuizPost, DEFAULT_REVEAL_AFTER};
use super::schedule::{self, Next, Plan, ScheduleError};
use super::{next_fact, nonce};
use crate::catalog::Catalog;
use crate::quiz::{round_for_fact, Redactor};
use crate::store::{DailySchedule, PendingPost, SharedStore, Store, StoreError};

#[derive(Debug, Error)]
pub enum DailyError {
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("daily posts are not set up in this server")]
    NotSet,
    #[error("the data set has no facts to post")]
    NoFacts,
}

/// A server's schedule and, when it is on, its next post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyStatus {
    pub schedule: DailySchedule,
    /// `None` when posts are off or paused.
    pub next: Option<Timestamp>,
}

/// A post recorded as being sent: what to send where, and the nonce to send it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub guild_id: u64,
    pub channel_id: u64,
    pub date: Date,
    pub fact_id: String,
    pub nonce: String,
    /// The round of a "Guess the film" post; `None` for a fact.
    pub quiz: Option<QuizPost>,
}

impl From<PendingPost> for Post {
    fn from(p: PendingPost) -> Self {
        Post {
            guild_id: p.guild_id,
            channel_id: p.channel_id,
            date: p.local_date,
            fact_id: p.fact_id,
            nonce: p.nonce,
            quiz: p.quiz,
        }
    }
}

pub struct DailyPosts {
    store: SharedStore,
    catalog: Arc<Catalog>,
    grace: SignedDuration,
    reveal_after: SignedDuration,
    /// Built on the first quiz post, and shared with `/quiz`: most servers never need it.
    redactor: Arc<OnceLock<Redactor>>,
}

impl DailyPosts {
    pub fn new(store: SharedStore, catalog: Arc<Catalog>, grace: SignedDuration) -> Self {
        DailyPosts {
            store,
            catalog,
            grace,
            reveal_after: DEFAULT_REVEAL_AFTER,
            redactor: Arc::new(OnceLock::new()),
        }
    }

    /// How long a daily quiz stays open before its answer is revealed (an hour by default).
    pub fn with_reveal_after(mut self, reveal_after: SignedDuration) -> Self {
        self.reveal_after = reveal_after;
        self
    }

    /// Shares a lazily built redactor with the quiz game.
    pub fn with_redactor(mut self, redactor: Arc<OnceLock<Redactor>>) -> Self {
        self.redactor = redactor;
        self
    }

    pub fn reveal_after(&self) -> SignedDuration {
        self.reveal_after
    }

    /// How late a missed post may still go out.
    pub fn grace(&self) -> SignedDuration {
        self.grace
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub(super) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock()
    }

    /// Sets (or changes) a server's schedule; checks the time and zone first, so bad input
    /// saves nothing. `seed` shuffles a new server's rotation; `mode` `None` keeps the
    /// server's mode.
    #[allow(clippy::too_many_arguments)]
    pub fn set(
        &self,
        guild: u64,
        channel: u64,
        time: &str,
        zone: &str,
        mode: Option<Mode>,
        now: Timestamp,
        seed: u64,
    ) -> Result<DailyStatus, DailyError> {
        let local_time = schedule::parse_time(time)?;
        let tz = schedule::parse_zone(zone)?;
        // Stored in canonical spelling, so `/daily show` reads "09:00 Europe/Berlin" whatever was typed.
        let time_text = local_time.strftime("%H:%M").to_string();
        let zone_text = tz.iana_name().unwrap_or(zone.trim()).to_string();
        let saved = self.store().set_schedule(guild, channel, &time_text, &zone_text, mode, now, seed)?;
        self.status_of(saved, now)
    }

    /// A server's schedule and next post, `None` if it never set one.
    pub fn status(&self, guild: u64, now: Timestamp) -> Result<Option<DailyStatus>, DailyError> {
        let Some(schedule) = self.store().schedule(guild)? else { return Ok(None) };
        Ok(Some(self.status_of(schedule, now)?))
    }

    fn status_of(&self, schedule: DailySchedule, now: Timestamp) -> Result<DailyStatus, DailyError> {
        let next = self.plan_of(&schedule, now)?.map(|p| match p.next {
            Next::Now(o) | Next::At(o) => o.at.max(now),
        });
        Ok(DailyStatus { schedule, next })
    }

    /// Turns a server's posts off; `false` when it had none.
    pub fn off(&self, guild: u64) -> Result<bool, DailyError> {
        Ok(self.store().disable(guild)?)
    }

    /// What to do for one server now; `None` when it has no schedule or it is off or paused.
    pub fn plan(&self, guild: u64, now: Timestamp) -> Result<Option<Plan>, DailyError> {
        // Bound first: the store's lock must be released before plan_of takes it again.
        let schedule = self.store().schedule(guild)?;
        match schedule {
            Some(schedule) => self.plan_of(&schedule, now),
            None => Ok(None),
        }
    }

    /// The servers with a schedule, for the scheduler's start.
    pub fn guilds(&self) -> Result<Vec<u64>, DailyError> {
        Ok(self.store().schedule_guilds()?)
    }

    fn plan_of(&self, s: &DailySchedule, now: Timestamp) -> Result<Option<Plan>, DailyError> {
        if !s.enabled || s.paused_reason.is_some() {
            return Ok(None);
        }
        let time = schedule::parse_time(&s.local_time)?;
        let tz = schedule::parse_zone(&s.time_zone)?;
        let last = self.store().last_posted_date(s.guild_id)?;
        Ok(Some(schedule::plan(time, &tz, now, s.since, last, self.grace)))
    }

    /// The server's local date at `now`.
    pub fn today(&self, guild: u64, now: Timestamp) -> Result<Date, DailyError> {
        let schedule = self.store().schedule(guild)?.ok_or(DailyError::NotSet)?;
        let tz = schedule::parse_zone(&schedule.time_zone)?;
        Ok(now.to_zoned(tz).date())
    }

    /// Chooses the fact for `date` and records the post as being sent, before anything is sent.
    /// `None` when that date already has a post: it must not get a second one.
    pub fn begin(&self, guild: u64, date: Date, now: Timestamp) -> Result<Option<Post>, DailyError> {
        // The redactor takes a moment to build: never while holding the store, which clicks
        // and commands wait on.
        if self.store().schedule(guild)?.is_some_and(|s| s.mode == Mode::Quiz) {
            self.redactor.get_or_init(|| Redactor::new(&self.catalog));
        }
        let store = self.store();
        let schedule = store.schedule(guild)?.ok_or(DailyError::NotSet)?;
        let ids: Vec<&str> = self.catalog.facts().map(|f| f.fact.id.as_str()).collect();
        let posted = store.posted_in_round(guild, schedule.rotation.round)?;
        let last = store.last_fact(guild)?;
        let (fact_id, round) =
            next_fact(&ids, schedule.rotation, &posted, last.as_deref()).ok_or(DailyError::NoFacts)?;
        let nonce = nonce(guild, date);
        let quiz = match schedule.mode {
            Mode::Fact => None,
            Mode::Quiz => self.quiz_round(guild, date, fact_id, now),
        };
        if !store.begin_post(guild, date, fact_id, round, schedule.channel_id, &nonce, quiz.as_ref(), now)? {
            return Ok(None);
        }
        if round != schedule.rotation.round {
            store.set_round(guild, round)?;
        }
        Ok(Some(Post {
            guild_id: guild,
            channel_id: schedule.channel_id,
            date,
            fact_id: fact_id.to_string(),
            nonce,
            quiz,
        }))
    }

    /// The round of a quiz post: the fact with its film hidden and four films, the same for a
    /// server and date in every run. `None` when the catalog cannot make one (fewer than four
    /// films): the post then goes out as a plain fact rather than not at all.
    fn quiz_round(&self, guild: u64, date: Date, fact_id: &str, now: Timestamp) -> Option<QuizPost> {
        let fact = self.catalog.fact(fact_id)?;
        let redactor = self.redactor.get_or_init(|| Redactor::new(&self.catalog));
        let mut rng = rand::rngs::StdRng::seed_from_u64(day_hash(guild, date));
        let round = match round_for_fact(&self.catalog, redactor, fact, &mut rng) {
            Ok(round) => round,
            Err(e) => {
                tracing::warn!("daily quiz for server {guild} date {date} posted as a plain fact: {e}");
                return None;
            }
        };
        Some(QuizPost {
            choices: round.choices,
            correct: round.correct,
            question: round.question,
            reveal_at: now.checked_add(self.reveal_after).unwrap_or(now),
        })
    }

    /// Discord confirmed the post. A post that went through also proves the bot can reach the
    /// channel again, so a pause for lost access is lifted.
    pub fn confirm(&self, guild: u64, date: Date, message_id: u64) -> Result<(), DailyError> {
        let store = self.store();
        store.finish_post(guild, date, message_id)?;
        store.resume(guild)?;
        Ok(())
    }

    /// The post certainly did not go out: the date is open again.
    pub fn abandon(&self, guild: u64, date: Date) -> Result<(), DailyError> {
        Ok(self.store().abandon_post(guild, date)?)
    }

    /// Stops trying to confirm a post whose fate is unknown; the date stays used, so it is
    /// never posted twice.
    pub fn give_up(&self, guild: u64, date: Date) -> Result<(), DailyError> {
        Ok(self.store().give_up_post(guild, date)?)
    }

    /// Stops a server's posts until an admin runs `/daily set` again, saying why; only if the
    /// schedule still posts to `channel` (an admin may have moved it since). `false` otherwise.
    pub fn pause(&self, guild: u64, channel: u64, reason: &str) -> Result<bool, DailyError> {
        let store = self.store();
        if store.schedule(guild)?.is_none_or(|s| s.channel_id != channel) {
            return Ok(false);
        }
        store.pause(guild, reason)?;
        Ok(true)
    }

    /// Posts begun but neither confirmed nor given up: the bot stopped while sending them.
    pub fn pending(&self) -> Result<Vec<PendingPost>, DailyError> {
        Ok(self.store().pending_posts()?)
    }

    /// The fact and message recorded for a server's date.
    pub fn post_on(&self, guild: u64, date: Date) -> Result<Option<(String, Option<u64>)>, DailyError> {
        Ok(self.store().post_message(guild, date)?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jiff::civil::date;

    use super::*;
    use crate::commands::test_catalog;

    const GUILD: u64 = 1_200_000_000_000_000_001;
    const CHANNEL: u64 = 1_300_000_000_000_000_001;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn posts() -> DailyPosts {
        DailyPosts::new(
            SharedStore::new(Store::in_memory().unwrap()),
            test_catalog::catalog(),
            schedule::DEFAULT_GRACE,
        )
    }

    #[test]
    fn set_checks_its_input_and_saves_nothing_when_it_is_wrong() {
        let daily = posts();
        let now = t("2026-01-15T07:00:00Z");
        assert!(matches!(
            daily.set(GUILD, CHANNEL, "9am", "Europe/Berlin", None, now, 1),
            Err(DailyError::Schedule(ScheduleError::BadTime(_)))
        ));
        assert!(matches!(
            daily.set(GUILD, CHANNEL, "09:00", "Berlin", None, now, 1),
            Err(DailyError::Schedule(ScheduleError::BadZone(_)))
        ));
        assert_eq!(daily.status(GUILD, now).unwrap(), None);
    }

    #[test]
    fn set_confirms_the_next_post_in_canonical_spelling() {
        let daily = posts();
        let status =
            daily.set(GUILD, CHANNEL, "9:00", "europe/berlin", None, t("2026-01-15T07:00:00Z"), 1).unwrap();
        assert_eq!(status.schedule.local_time, "09:00");
        assert_eq!(status.schedule.time_zone, "Europe/Berlin");
        assert_eq!(status.next, Some(t("2026-01-15T08:00:00Z")));
        // The same schedule again, just after its time: today's post is still due, now.
        let status =
            daily.set(GUILD, CHANNEL, "09:00", "Europe/Berlin", None, t("2026-01-15T08:00:01Z"), 1).unwrap();
        assert_eq!(status.next, Some(t("2026-01-15T08:00:01Z")));
        // A new time already past today: from tomorrow.
        let status =
            daily.set(GUILD, CHANNEL, "08:30", "Europe/Berlin", None, t("2026-01-15T08:00:01Z"), 1).unwrap();
        assert_eq!(status.next, Some(t("2026-01-16T07:30:00Z")));
    }

    #[test]
    fn a_date_is_posted_once_and_the_plan_moves_to_tomorrow() {
        let daily = posts();
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, t("2026-01-15T07:00:00Z"), 1).unwrap();
        let now = t("2026-01-15T09:00:00Z");
        let Some(Plan { next: Next::Now(o), .. }) = daily.plan(GUILD, now).unwrap() else {
            panic!("due now")
        };
        let post = daily.begin(GUILD, o.date, now).unwrap().expect("first post of the day");
        assert_eq!(post.nonce, nonce(GUILD, date(2026, 1, 15)));
        assert_eq!(daily.begin(GUILD, o.date, now).unwrap(), None, "the date is taken");
        assert!(matches!(daily.plan(GUILD, now).unwrap(), Some(Plan { next: Next::At(_), .. })));
        assert_eq!(daily.pending().unwrap().len(), 1);
        daily.confirm(GUILD, o.date, 77).unwrap();
        assert_eq!(daily.pending().unwrap(), Vec::new());
        assert_eq!(daily.post_on(GUILD, o.date).unwrap(), Some((post.fact_id, Some(77))));
    }

    #[test]
    fn a_refused_post_opens_the_date_again_and_an_unknown_one_does_not() {
        let daily = posts();
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, t("2026-01-15T07:00:00Z"), 1).unwrap();
        let now = t("2026-01-15T09:00:00Z");
        let day = date(2026, 1, 15);
        daily.begin(GUILD, day, now).unwrap().unwrap();
        daily.abandon(GUILD, day).unwrap();
        assert!(daily.begin(GUILD, day, now).unwrap().is_some(), "refused: the date is open");
        daily.give_up(GUILD, day).unwrap();
        assert_eq!(daily.pending().unwrap(), Vec::new());
        assert_eq!(daily.begin(GUILD, day, now).unwrap(), None, "unknown fate: never twice");
    }

    #[test]
    fn a_paused_or_disabled_server_has_no_plan_until_it_is_set_again() {
        let daily = posts();
        let now = t("2026-01-15T07:00:00Z");
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, now, 1).unwrap();
        assert!(daily.pause(GUILD, CHANNEL, "the channel was deleted").unwrap());
        assert!(!daily.pause(GUILD, CHANNEL + 1, "an old channel").unwrap());
        assert_eq!(daily.plan(GUILD, now).unwrap(), None);
        let status = daily.status(GUILD, now).unwrap().unwrap();
        assert_eq!(status.next, None);
        assert_eq!(status.schedule.paused_reason.as_deref(), Some("the channel was deleted"));
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, now, 1).unwrap();
        assert!(daily.plan(GUILD, now).unwrap().is_some());
        assert!(daily.off(GUILD).unwrap());
        assert_eq!(daily.plan(GUILD, now).unwrap(), None);
        assert_eq!(daily.guilds().unwrap(), vec![GUILD], "off, but still known");
        assert!(!daily.off(GUILD + 1).unwrap());
    }

    #[test]
    fn a_post_that_goes_through_lifts_a_pause() {
        let daily = posts();
        let now = t("2026-01-15T07:00:00Z");
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, now, 1).unwrap();
        daily.pause(GUILD, CHANNEL, "access lost").unwrap();
        let post = daily.begin(GUILD, date(2026, 1, 15), now).unwrap().unwrap();
        daily.confirm(GUILD, post.date, 5).unwrap();
        assert_eq!(daily.status(GUILD, now).unwrap().unwrap().schedule.paused_reason, None);
    }

    #[test]
    fn every_fact_goes_out_before_one_repeats() {
        let daily = posts();
        let total = daily.catalog().facts().count();
        let start = t("2026-01-01T00:00:00Z");
        daily.set(GUILD, CHANNEL, "09:00", "UTC", None, start, 9).unwrap();
        let mut seen = Vec::new();
        let mut day = date(2026, 1, 1);
        for _ in 0..total * 2 {
            let post = daily.begin(GUILD, day, start).unwrap().unwrap();
            daily.confirm(GUILD, day, 1).unwrap();
            seen.push(post.fact_id);
            day = day.tomorrow().unwrap();
        }
        for round in seen.chunks(total) {
            assert_eq!(round.iter().collect::<HashSet<_>>().len(), total, "{round:?}");
        }
    }

    #[test]
    fn now_without_a_schedule_says_so() {
        let daily = posts();
        assert!(matches!(
            daily.begin(GUILD, date(2026, 1, 15), t("2026-01-15T07:00:00Z")),
            Err(DailyError::NotSet)
        ));
        assert!(matches!(daily.today(GUILD, t("2026-01-15T07:00:00Z")), Err(DailyError::NotSet)));
    }
}
