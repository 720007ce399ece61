//! The bot's state in an embedded SQLite database: daily schedules and the record of every
//! daily post. Opening applies pending migrations; WAL mode keeps reads and the writer apart.
//!
//! Snowflakes are stored as SQLite integers (i64); Discord ids stay below 2^63.

mod daily_quiz;
mod migrations;

pub use daily_quiz::{QuizRecord, RevealState};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use thiserror::Error;

use crate::daily::{split_choices, Mode, QuizPost, Rotation};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error(
        "the database {path} has schema version {found}, newer than this movie-trivia knows ({known}); \
         use a newer movie-trivia or restore a backup"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
    #[error("migration {number} failed on {path}: {source}")]
    Migration { path: PathBuf, number: usize, source: rusqlite::Error },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database holds an unreadable value in {column}: {value}")]
    Corrupt { column: &'static str, value: String },
}

/// A server's daily post settings and state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailySchedule {
    pub guild_id: u64,
    pub channel_id: u64,
    /// HH:MM, as [`crate::daily::parse_time`] accepts it.
    pub local_time: String,
    /// An IANA name.
    pub time_zone: String,
    pub enabled: bool,
    pub paused_reason: Option<String>,
    pub since: Timestamp,
    pub rotation: Rotation,
    pub mode: Mode,
}

/// A post whose send was started but not confirmed (the bot stopped in between).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPost {
    pub guild_id: u64,
    pub local_date: Date,
    pub fact_id: String,
    pub channel_id: u64,
    pub nonce: String,
    pub created_at: Timestamp,
    /// The round of a quiz post, to resend the same question.
    pub quiz: Option<QuizPost>,
}

/// One member's quiz record in a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizScore {
    pub user_id: u64,
    pub points: u32,
    pub rounds_played: u32,
    pub rounds_won: u32,
}

/// A member's part in one quiz round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundScore {
    pub user_id: u64,
    pub points: u32,
    pub won: bool,
}

pub struct Store {
    conn: Connection,
}

/// The store shared by the tasks that use it. Each operation is short and the lock is never
/// held across an await, so a plain mutex serves.
#[derive(Clone)]
pub struct SharedStore(std::sync::Arc<std::sync::Mutex<Store>>);

impl SharedStore {
    pub fn new(store: Store) -> Self {
        SharedStore(std::sync::Arc::new(std::sync::Mutex::new(store)))
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        // Every write is one statement or one transaction, so a panic elsewhere cannot leave
        // the database half-written; the connection stays usable.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open { path: path.into(), source })?;
        Store::init(conn, path)
    }

    /// A private database in memory, for tests and the console.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn init(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        // WAL: readers never wait for the writer, and a crash mid-write loses nothing committed.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version = user_version(&conn)?;
        let known = migrations::MIGRATIONS.len();
        if version > known {
            return Err(StoreError::TooNew { path: path.into(), found: version, known });
        }
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate().skip(version) {
            let number = i + 1;
            let fail = |source| StoreError::Migration { path: path.into(), number, source };
            let tx = conn.transaction().map_err(fail)?;
            tx.execute_batch(sql).map_err(fail)?;
            tx.pragma_update(None, "user_version", number as i64).map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
        Ok(Store { conn })
    }

    /// The schema version: the number of migrations applied.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        user_version(&self.conn)
    }

    pub fn schedule(&self, guild_id: u64) -> Result<Option<DailySchedule>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT_SCHEDULE} WHERE guild_id = ?1"))?;
        let row = stmt.query_row([id(guild_id)], raw_schedule).optional()?;
        row.map(RawSchedule::parse).transpose()
    }

    /// The servers that have a schedule (on, off or paused).
    pub fn schedule_guilds(&self) -> Result<Vec<u64>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT guild_id FROM daily_schedule ORDER BY guild_id")?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(|g| g as u64).collect())
    }

    pub fn schedules(&self) -> Result<Vec<DailySchedule>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT_SCHEDULE} ORDER BY guild_id"))?;
        let rows = stmt.query_map([], raw_schedule)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(RawSchedule::parse).collect()
    }

    /// Sets (or replaces) a server's schedule and turns it on. A server keeps its rotation
    /// across changes; `new_seed` is used only for a server's first schedule. `mode` `None`
    /// keeps the server's mode (a fact for a new server), so resuming never switches it.
    #[allow(clippy::too_many_arguments)]
    pub fn set_schedule(
        &self,
        guild_id: u64,
        channel_id: u64,
        local_time: &str,
        time_zone: &str,
        mode: Option<Mode>,
        since: Timestamp,
        new_seed: u64,
    ) -> Result<DailySchedule, StoreError> {
        self.conn.execute(
            "INSERT INTO daily_schedule
                 (guild_id, channel_id, local_time, time_zone, enabled, paused_reason, since, rotation_seed, mode)
             VALUES (?1, ?2, ?3, ?4, 1, NULL, ?5, ?6, coalesce(?7, 'fact'))
             ON CONFLICT (guild_id) DO UPDATE SET
                 channel_id = excluded.channel_id, local_time = excluded.local_time,
                 time_zone = excluded.time_zone, enabled = 1, paused_reason = NULL,
                 mode = coalesce(?7, mode),
                 -- Same time and zone (a new channel, or resuming): today's post stays due.
                 since = CASE WHEN local_time = excluded.local_time AND time_zone = excluded.time_zone
                              THEN since ELSE excluded.since END",
            params![
                id(guild_id),
                id(channel_id),
                local_time,
                time_zone,
                since.to_string(),
                new_seed as i64,
                mode.map(Mode::as_str)
            ],
        )?;
        Ok(self.schedule(guild_id)?.expect("the schedule was just written"))
    }

    /// Turns a server's posts off; `false` when it had no schedule.
    pub fn disable(&self, guild_id: u64) -> Result<bool, StoreError> {
        Ok(self.conn.execute("UPDATE daily_schedule SET enabled = 0 WHERE guild_id = ?1", [id(guild_id)])?
            > 0)
    }

    /// Stops a server's posts because of a fault the admins must fix, saying why.
    pub fn pause(&self, guild_id: u64, reason: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_schedule SET paused_reason = ?2 WHERE guild_id = ?1",
            params![id(guild_id), reason],
        )?;
        Ok(())
    }

    /// Lifts a pause: the fault that caused it is gone.
    pub fn resume(&self, guild_id: u64) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE daily_schedule SET paused_reason = NULL WHERE guild_id = ?1", [id(guild_id)])?;
        Ok(())
    }

    /// Moves a server to a new rotation round.
    pub fn set_round(&self, guild_id: u64, round: u32) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_schedule SET rotation_round = ?2 WHERE guild_id = ?1",
            params![id(guild_id), round],
        )?;
        Ok(())
    }

    /// The latest local date with a post, sent or being sent.
    pub fn last_posted_date(&self, guild_id: u64) -> Result<Option<Date>, StoreError> {
        let date: Option<String> = self.conn.query_row(
            "SELECT max(local_date) FROM daily_post WHERE guild_id = ?1",
            [id(guild_id)],
            |r| r.get(0),
        )?;
        date.map(|d| parse_date(&d)).transpose()
    }

    /// The fact ids posted in `round`.
    pub fn posted_in_round(&self, guild_id: u64, round: u32) -> Result<HashSet<String>, StoreError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT fact_id FROM daily_post WHERE guild_id = ?1 AND round = ?2")?;
        let ids = stmt.query_map(params![id(guild_id), round], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The last fact posted to a server.
    pub fn last_fact(&self, guild_id: u64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT fact_id FROM daily_post WHERE guild_id = ?1 ORDER BY local_date DESC LIMIT 1",
                [id(guild_id)],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records that the post for `local_date` is about to be sent, before sending it, so a
    /// crash cannot lead to a second post. `false` when that date already has one.
    #[allow(clippy::too_many_arguments)]
    pub fn begin_post(
        &self,
        guild_id: u64,
        local_date: Date,
        fact_id: &str,
        round: u32,
        channel_id: u64,
        nonce: &str,
        quiz: Option<&QuizPost>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let inserted = self.conn.execute(
            "INSERT INTO daily_post (guild_id, local_date, fact_id, round, channel_id, nonce, created_at,
                                     quiz_choices, quiz_correct, quiz_question, reveal_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
            params![
                id(guild_id),
                local_date.to_string(),
                fact_id,
                round,
                id(channel_id),
                nonce,
                now.to_string(),
                quiz.map(|q| crate::daily::join_choices(&q.choices)),
                quiz.map(|q| q.correct as i64),
                quiz.map(|q| q.question.as_str()),
                quiz.map(|q| q.reveal_at.to_string()),
            ],
        )?;
        Ok(inserted == 1)
    }

    /// Records Discord's confirmation of a post.
    pub fn finish_post(&self, guild_id: u64, local_date: Date, message_id: u64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_post SET message_id = ?3 WHERE guild_id = ?1 AND local_date = ?2",
            params![id(guild_id), local_date.to_string(), id(message_id)],
        )?;
        Ok(())
    }

    /// Forgets a post that certainly did not go out (Discord refused it), so the date is open again.
    pub fn abandon_post(&self, guild_id: u64, local_date: Date) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM daily_post WHERE guild_id = ?1 AND local_date = ?2 AND message_id IS NULL",
            params![id(guild_id), local_date.to_string()],
        )?;
        Ok(())
    }

    /// Stops waiting for Discord's confirmation of a post; its date stays used.
    pub fn give_up_post(&self, guild_id: u64, local_date: Date) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_post SET gave_up = 1 WHERE guild_id = ?1 AND local_date = ?2 AND message_id IS NULL",
            params![id(guild_id), local_date.to_string()],
        )?;
        Ok(())
    }

    /// Posts begun but neither confirmed nor given up, oldest first.
    pub fn pending_posts(&self) -> Result<Vec<PendingPost>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT guild_id, local_date, fact_id, channel_id, nonce, created_at,
                    quiz_choices, quiz_correct, quiz_question, reveal_at FROM daily_post
             WHERE message_id IS NULL AND gave_up = 0 ORDER BY created_at",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?),
                    (r.get::<_, i64>(3)?, r.get(4)?, r.get::<_, String>(5)?),
                    RawQuiz {
                        choices: r.get(6)?,
                        correct: r.get(7)?,
                        question: r.get(8)?,
                        reveal_at: r.get(9)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|((guild, date, fact_id), (channel, nonce, created), quiz)| {
                Ok(PendingPost {
                    guild_id: guild as u64,
                    local_date: parse_date(&date)?,
                    fact_id,
                    channel_id: channel as u64,
                    nonce,
                    created_at: parse_timestamp(&created)?,
                    quiz: quiz.parse()?,
                })
            })
            .collect()
    }

    /// Adds one quiz round's results to the members' totals, all or nothing.
    pub fn record_quiz_round(&mut self, guild_id: u64, scores: &[RoundScore]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        daily_quiz::add_scores(&tx, guild_id, scores)?;
        tx.commit()?;
        Ok(())
    }

    /// A server's best quiz players: most points first, then most rounds won.
    pub fn quiz_leaders(&self, guild_id: u64, limit: usize) -> Result<Vec<QuizScore>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT user_id, points, rounds_played, rounds_won FROM quiz_score WHERE guild_id = ?1
             ORDER BY points DESC, rounds_won DESC, user_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![id(guild_id), limit as i64], quiz_score)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A member's rank (1 for the best; members with equal points share a rank) and record.
    pub fn quiz_rank(&self, guild_id: u64, user_id: u64) -> Result<Option<(usize, QuizScore)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT user_id, points, rounds_played, rounds_won FROM quiz_score WHERE guild_id = ?1 AND user_id = ?2",
        )?;
        let Some(score) = stmt.query_row(params![id(guild_id), id(user_id)], quiz_score).optional()? else {
            return Ok(None);
        };
        let ahead: i64 = self.conn.query_row(
            "SELECT count(*) FROM quiz_score WHERE guild_id = ?1 AND points > ?2",
            params![id(guild_id), score.points],
            |r| r.get(0),
        )?;
        Ok(Some((ahead as usize + 1, score)))
    }

    /// The message id recorded for a server's post on `local_date`, if confirmed.
    pub fn post_message(
        &self,
        guild_id: u64,
        local_date: Date,
    ) -> Result<Option<(String, Option<u64>)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT fact_id, message_id FROM daily_post WHERE guild_id = ?1 AND local_date = ?2",
                params![id(guild_id), local_date.to_string()],
                |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.map(|m| m as u64))),
            )
            .optional()?)
    }
}

fn quiz_score(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuizScore> {
    Ok(QuizScore {
        user_id: r.get::<_, i64>(0)? as u64,
        points: r.get(1)?,
        rounds_played: r.get(2)?,
        rounds_won: r.get(3)?,
    })
}

const SELECT_SCHEDULE: &str =
    "SELECT guild_id, channel_id, local_time, time_zone, enabled, paused_reason, since, \
                               rotation_seed, rotation_round, mode FROM daily_schedule";

/// A daily post's quiz columns as stored; all `None` for a fact post.
struct RawQuiz {
    choices: Option<String>,
    correct: Option<i64>,
    question: Option<String>,
    reveal_at: Option<String>,
}

impl RawQuiz {
    fn parse(self) -> Result<Option<QuizPost>, StoreError> {
        let Some(choices) = self.choices else { return Ok(None) };
        let (Some(correct), Some(question), Some(reveal_at)) = (self.correct, self.question, self.reveal_at)
        else {
            return Err(StoreError::Corrupt {
                column: "quiz_correct",
                value: format!("missing for {choices}"),
            });
        };
        let corrupt = |value: String| StoreError::Corrupt { column: "quiz_choices", value };
        let choices = split_choices(&choices).ok_or_else(|| corrupt(choices.clone()))?;
        let correct = usize::try_from(correct)
            .ok()
            .filter(|c| *c < choices.len())
            .ok_or_else(|| corrupt(format!("answer {correct} of {}", choices.join(","))))?;
        Ok(Some(QuizPost { choices, correct, question, reveal_at: parse_timestamp(&reveal_at)? }))
    }
}

struct RawSchedule {
    guild_id: i64,
    channel_id: i64,
    local_time: String,
    time_zone: String,
    enabled: bool,
    paused_reason: Option<String>,
    since: String,
    seed: i64,
    round: u32,
    mode: String,
}

fn raw_schedule(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawSchedule> {
    Ok(RawSchedule {
        guild_id: r.get(0)?,
        channel_id: r.get(1)?,
        local_time: r.get(2)?,
        time_zone: r.get(3)?,
        enabled: r.get(4)?,
        paused_reason: r.get(5)?,
        since: r.get(6)?,
        seed: r.get(7)?,
        round: r.get(8)?,
        mode: r.get(9)?,
    })
}

impl RawSchedule {
    fn parse(self) -> Result<DailySchedule, StoreError> {
        Ok(DailySchedule {
            guild_id: self.guild_id as u64,
            channel_id: self.channel_id as u64,
            local_time: self.local_time,
            time_zone: self.time_zone,
            enabled: self.enabled,
            paused_reason: self.paused_reason,
            since: parse_timestamp(&self.since)?,
            rotation: Rotation { seed: self.seed as u64, round: self.round },
            mode: self.mode.parse().map_err(|_| StoreError::Corrupt { column: "mode", value: self.mode })?,
        })
    }
}

fn user_version(conn: &Connection) -> Result<usize, StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(usize::try_from(version).unwrap_or(usize::MAX))
}

fn id(snowflake: u64) -> i64 {
    snowflake as i64
}

fn parse_date(text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt { column: "local_date", value: text.to_string() })
}

fn parse_timestamp(text: &str) -> Result<Timestamp, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt { column: "timestamp", value: text.to_string() })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    const GUILD: u64 = 1_200_000_000_000_000_001;
    const CHANNEL: u64 = 1_300_000_000_000_000_001;

    fn now() -> Timestamp {
        "2026-01-15T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_fresh_database_gets_every_migration() {
        let store = Store::in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::MIGRATIONS.len());
        assert_eq!(store.schedules().unwrap(), Vec::new());
    }

    #[test]
    fn a_database_of_an_older_version_is_migrated_and_keeps_its_posts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("movie-trivia.db");
        {
            // What the first release wrote: schema 1 only.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO daily_post (guild_id, local_date, fact_id, round, channel_id, nonce, created_at)
                 VALUES (?1, '2026-01-15', 'rope-1948/hidden-cuts', 0, ?2, 'n1', '2026-01-15T08:00:00Z')",
                params![id(GUILD), id(CHANNEL)],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::MIGRATIONS.len());
        assert_eq!(store.pending_posts().unwrap().len(), 1, "an unconfirmed post stays pending");
        store.give_up_post(GUILD, date(2026, 1, 15)).unwrap();
        assert!(store.pending_posts().unwrap().is_empty());
        assert_eq!(store.last_posted_date(GUILD).unwrap(), Some(date(2026, 1, 15)), "the date stays used");
    }

    #[test]
    fn setting_the_same_time_and_zone_again_keeps_its_start() {
        let store = Store::in_memory().unwrap();
        let later: Timestamp = "2026-01-15T12:00:00Z".parse().unwrap();
        store.set_schedule(GUILD, CHANNEL, "09:00", "UTC", None, now(), 1).unwrap();
        let moved = store.set_schedule(GUILD, CHANNEL + 1, "09:00", "UTC", None, later, 2).unwrap();
        assert_eq!((moved.since, moved.channel_id), (now(), CHANNEL + 1), "a new channel keeps today due");
        let retimed = store.set_schedule(GUILD, CHANNEL + 1, "10:00", "UTC", None, later, 2).unwrap();
        assert_eq!(retimed.since, later);
        assert_eq!(retimed.rotation.seed, 1, "the rotation is kept");
    }

    #[test]
    fn quiz_rounds_add_up_per_member_and_rank_the_server() {
        let mut store = Store::in_memory().unwrap();
        let (ann, bob, cy) = (1, 2, 3);
        let round = |user_id, points| RoundScore { user_id, points, won: points > 0 };
        store.record_quiz_round(GUILD, &[round(ann, 3), round(bob, 0)]).unwrap();
        store.record_quiz_round(GUILD, &[round(bob, 3), round(ann, 2), round(cy, 1)]).unwrap();
        store.record_quiz_round(GUILD + 1, &[round(cy, 3)]).unwrap();
        let leaders = store.quiz_leaders(GUILD, 10).unwrap();
        assert_eq!(
            leaders,
            vec![
                QuizScore { user_id: ann, points: 5, rounds_played: 2, rounds_won: 2 },
                QuizScore { user_id: bob, points: 3, rounds_played: 2, rounds_won: 1 },
                QuizScore { user_id: cy, points: 1, rounds_played: 1, rounds_won: 1 },
            ]
        );
        assert_eq!(store.quiz_leaders(GUILD, 1).unwrap().len(), 1);
        assert_eq!(store.quiz_rank(GUILD, cy).unwrap().map(|(rank, _)| rank), Some(3));
        assert_eq!(store.quiz_rank(GUILD + 1, cy).unwrap().map(|(rank, s)| (rank, s.points)), Some((1, 3)));
        assert_eq!(store.quiz_rank(GUILD, 99).unwrap(), None);
    }

    #[test]
    fn reopening_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("movie-trivia.db");
        {
            let store = Store::open(&path).unwrap();
            store.set_schedule(GUILD, CHANNEL, "09:00", "Europe/Berlin", None, now(), 42).unwrap();
            assert!(store
                .begin_post(GUILD, date(2026, 1, 15), "rope-1948/hidden-cuts", 0, CHANNEL, "n1", None, now())
                .unwrap());
            store.finish_post(GUILD, date(2026, 1, 15), 99).unwrap();
        }
        let store = Store::open(&path).unwrap();
        let schedule = store.schedule(GUILD).unwrap().unwrap();
        assert_eq!(schedule.local_time, "09:00");
        assert_eq!(schedule.time_zone, "Europe/Berlin");
        assert_eq!(schedule.rotation, Rotation { seed: 42, round: 0 });
        assert_eq!(schedule.since, now());
        assert_eq!(store.last_posted_date(GUILD).unwrap(), Some(date(2026, 1, 15)));
        assert_eq!(
            store.post_message(GUILD, date(2026, 1, 15)).unwrap(),
            Some(("rope-1948/hidden-cuts".into(), Some(99)))
        );
        assert_eq!(store.schema_version().unwrap(), migrations::MIGRATIONS.len());
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("movie-trivia.db");
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        let e = Store::open(&path).err().unwrap();
        assert!(e.to_string().contains("schema version 99, newer than"), "{e}");
    }

    #[test]
    fn changing_a_schedule_keeps_its_rotation_and_turns_it_back_on() {
        let store = Store::in_memory().unwrap();
        store.set_schedule(GUILD, CHANNEL, "09:00", "UTC", None, now(), 1).unwrap();
        store.set_round(GUILD, 3).unwrap();
        store.pause(GUILD, "the channel was deleted").unwrap();
        assert!(store.disable(GUILD).unwrap());
        let s = store.set_schedule(GUILD, CHANNEL + 1, "18:30", "Asia/Tokyo", None, now(), 2).unwrap();
        assert_eq!(
            (s.channel_id, s.local_time.as_str(), s.time_zone.as_str()),
            (CHANNEL + 1, "18:30", "Asia/Tokyo")
        );
        assert_eq!(s.rotation, Rotation { seed: 1, round: 3 });
        assert!(s.enabled);
        assert_eq!(s.paused_reason, None);
        assert!(!store.disable(GUILD + 1).unwrap(), "no schedule to disable");
    }

    #[test]
    fn a_date_is_posted_at_most_once() {
        let store = Store::in_memory().unwrap();
        let day = date(2026, 1, 15);
        assert!(store.begin_post(GUILD, day, "a/b", 0, CHANNEL, "n", None, now()).unwrap());
        assert!(!store.begin_post(GUILD, day, "c/d", 0, CHANNEL, "n", None, now()).unwrap());
        assert_eq!(store.pending_posts().unwrap().len(), 1);
        store.finish_post(GUILD, day, 7).unwrap();
        assert!(store.pending_posts().unwrap().is_empty());
        assert_eq!(store.posted_in_round(GUILD, 0).unwrap(), HashSet::from(["a/b".to_string()]));
        assert_eq!(store.last_fact(GUILD).unwrap().as_deref(), Some("a/b"));
    }

    #[test]
    fn an_unsent_post_can_be_abandoned_but_a_sent_one_cannot() {
        let store = Store::in_memory().unwrap();
        let day = date(2026, 1, 15);
        store.begin_post(GUILD, day, "a/b", 0, CHANNEL, "n", None, now()).unwrap();
        store.abandon_post(GUILD, day).unwrap();
        assert_eq!(store.last_posted_date(GUILD).unwrap(), None);
        store.begin_post(GUILD, day, "a/b", 0, CHANNEL, "n", None, now()).unwrap();
        store.finish_post(GUILD, day, 7).unwrap();
        store.abandon_post(GUILD, day).unwrap();
        assert_eq!(store.last_posted_date(GUILD).unwrap(), Some(day));
    }
}
