//! The store's part of the "Guess the film" daily post: members' answers, and the reveal an
//! hour later, scored once even if the bot restarts while sending it.

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{id, parse_date, parse_timestamp, RawQuiz, RoundScore, Store, StoreError};
use crate::daily::{DailyAnswer, QuizPost};

/// Where a daily quiz's reveal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevealState {
    /// Open for answers.
    Open = 0,
    /// Scored; its message is being sent.
    Scored = 1,
    /// Its message went out.
    Sent = 2,
    /// Its message could not be confirmed; not sent again, so never twice.
    GaveUp = 3,
}

/// A daily quiz post as stored, for its reveal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRecord {
    pub channel_id: u64,
    pub message_id: Option<u64>,
    pub fact_id: String,
    pub quiz: QuizPost,
    pub state: RevealState,
    pub revealed_at: Option<Timestamp>,
}

impl Store {
    /// Takes a member's answer to a server's daily quiz of `local_date`, once per member and
    /// only until its reveal time.
    pub fn answer_daily_quiz(
        &self,
        guild_id: u64,
        local_date: Date,
        user_id: u64,
        choice: usize,
        now: Timestamp,
    ) -> Result<DailyAnswer, StoreError> {
        let Some(record) = self.daily_quiz(guild_id, local_date)? else { return Ok(DailyAnswer::Gone) };
        let quiz = record.quiz;
        let Some(film) = quiz.choices.get(choice) else { return Ok(DailyAnswer::Gone) };
        if record.state != RevealState::Open || now >= quiz.reveal_at {
            return Ok(DailyAnswer::Closed { answer: quiz.choices[quiz.correct].clone() });
        }
        let inserted = self.conn.execute(
            "INSERT INTO daily_quiz_answer (guild_id, local_date, user_id, choice, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            params![id(guild_id), local_date.to_string(), id(user_id), choice as i64, now.to_string()],
        )?;
        if inserted == 1 {
            return Ok(DailyAnswer::Taken { film: film.clone(), reveal_at: quiz.reveal_at });
        }
        let earlier: i64 = self.conn.query_row(
            "SELECT choice FROM daily_quiz_answer WHERE guild_id = ?1 AND local_date = ?2 AND user_id = ?3",
            params![id(guild_id), local_date.to_string(), id(user_id)],
            |r| r.get(0),
        )?;
        let film =
            usize::try_from(earlier).ok().and_then(|c| quiz.choices.get(c)).cloned().unwrap_or_default();
        Ok(DailyAnswer::Already { film })
    }

    /// A server's daily quiz post of `local_date`; `None` when that date had a fact, or nothing.
    pub fn daily_quiz(&self, guild_id: u64, local_date: Date) -> Result<Option<QuizRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel_id, message_id, fact_id, quiz_choices, quiz_correct, quiz_question, reveal_at,
                    reveal_state, revealed_at
             FROM daily_post WHERE guild_id = ?1 AND local_date = ?2 AND quiz_choices IS NOT NULL",
        )?;
        let row = stmt
            .query_row(params![id(guild_id), local_date.to_string()], |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?),
                    RawQuiz {
                        choices: r.get(3)?,
                        correct: r.get(4)?,
                        question: r.get(5)?,
                        reveal_at: r.get(6)?,
                    },
                    (r.get::<_, i64>(7)?, r.get::<_, Option<String>>(8)?),
                ))
            })
            .optional()?;
        let Some(((channel, message, fact_id), raw, (state, revealed_at))) = row else { return Ok(None) };
        let Some(quiz) = raw.parse()? else { return Ok(None) };
        let state = match state {
            0 => RevealState::Open,
            1 => RevealState::Scored,
            2 => RevealState::Sent,
            3 => RevealState::GaveUp,
            other => return Err(StoreError::Corrupt { column: "reveal_state", value: other.to_string() }),
        };
        Ok(Some(QuizRecord {
            channel_id: channel as u64,
            message_id: message.map(|m| m as u64),
            fact_id,
            quiz,
            state,
            revealed_at: revealed_at.as_deref().map(parse_timestamp).transpose()?,
        }))
    }

    /// The answers to a daily quiz, `(member, choice)`, in the order they came in.
    pub fn daily_quiz_answers(
        &self,
        guild_id: u64,
        local_date: Date,
    ) -> Result<Vec<(u64, usize)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT user_id, choice FROM daily_quiz_answer WHERE guild_id = ?1 AND local_date = ?2 ORDER BY rowid",
        )?;
        let rows = stmt
            .query_map(params![id(guild_id), local_date.to_string()], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(user, choice)| Some((user, usize::try_from(choice).ok()?)))
            .collect())
    }

    /// The earliest reveal a server still owes: a quiz post that went out (or whose fate is
    /// unknown) and is not yet scored. A post still being sent waits for its outcome.
    pub fn next_reveal(&self, guild_id: u64) -> Result<Option<(Date, Timestamp)>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT local_date, reveal_at FROM daily_post
                 WHERE guild_id = ?1 AND quiz_choices IS NOT NULL AND reveal_state = 0
                   AND (message_id IS NOT NULL OR gave_up = 1)
                 ORDER BY reveal_at LIMIT 1",
                [id(guild_id)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(date, at)| Ok((parse_date(&date)?, parse_timestamp(&at)?))).transpose()
    }

    /// Closes a daily quiz: marks it scored and adds `scores` to the members' totals, all or
    /// nothing, so a restart never counts it twice. `false` when it was scored already.
    pub fn score_daily_quiz(
        &mut self,
        guild_id: u64,
        local_date: Date,
        scores: &[RoundScore],
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let closed = tx.execute(
            "UPDATE daily_post SET reveal_state = 1, revealed_at = ?3
             WHERE guild_id = ?1 AND local_date = ?2 AND quiz_choices IS NOT NULL AND reveal_state = 0",
            params![id(guild_id), local_date.to_string(), now.to_string()],
        )?;
        if closed == 1 {
            add_scores(&tx, guild_id, scores)?;
        }
        tx.commit()?;
        Ok(closed == 1)
    }

    /// Closes a quiz whose question certainly never went out, so no answer is revealed to a
    /// question nobody saw.
    pub fn cancel_daily_quiz(&self, guild_id: u64, local_date: Date) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_post SET reveal_state = 3
             WHERE guild_id = ?1 AND local_date = ?2 AND quiz_choices IS NOT NULL AND message_id IS NULL
               AND reveal_state = 0",
            params![id(guild_id), local_date.to_string()],
        )?;
        Ok(())
    }

    /// Records how a scored reveal's message ended; only a reveal being sent can end.
    pub fn set_reveal_state(
        &self,
        guild_id: u64,
        local_date: Date,
        state: RevealState,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE daily_post SET reveal_state = ?3 WHERE guild_id = ?1 AND local_date = ?2 AND reveal_state = 1",
            params![id(guild_id), local_date.to_string(), state as i64],
        )?;
        Ok(())
    }

    /// Reveals scored but never confirmed sent: the bot stopped while sending them.
    pub fn reveals_in_flight(&self) -> Result<Vec<(u64, Date)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT guild_id, local_date FROM daily_post WHERE reveal_state = 1 ORDER BY revealed_at",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(|(guild, date)| Ok((guild, parse_date(&date)?))).collect()
    }
}

/// Adds one round's results to the members' quiz totals, inside the caller's transaction.
pub(super) fn add_scores(
    tx: &Transaction<'_>,
    guild_id: u64,
    scores: &[RoundScore],
) -> Result<(), StoreError> {
    let mut add = tx.prepare_cached(
        "INSERT INTO quiz_score (guild_id, user_id, points, rounds_played, rounds_won)
         VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET
             points = points + excluded.points,
             rounds_played = rounds_played + 1,
             rounds_won = rounds_won + excluded.rounds_won",
    )?;
    for s in scores {
        add.execute(params![id(guild_id), id(s.user_id), s.points, u32::from(s.won)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::daily::Mode;

    const GUILD: u64 = 1_200_000_000_000_000_001;
    const CHANNEL: u64 = 1_300_000_000_000_000_001;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn quiz() -> QuizPost {
        QuizPost {
            choices: ["a-1999".into(), "b-2001".into(), "c-1968".into(), "d-2010".into()],
            correct: 2,
            question: "[this film] was shot backwards.".into(),
            reveal_at: t("2026-01-15T10:00:00Z"),
        }
    }

    fn store_with_quiz() -> Store {
        let store = Store::in_memory().unwrap();
        let day = date(2026, 1, 15);
        let s = store.set_schedule(
            GUILD,
            CHANNEL,
            "09:00",
            "UTC",
            Some(Mode::Quiz),
            t("2026-01-01T00:00:00Z"),
            1,
        );
        assert_eq!(s.unwrap().mode, Mode::Quiz);
        assert!(store
            .begin_post(GUILD, day, "c-1968/f", 0, CHANNEL, "n", Some(&quiz()), t("2026-01-15T09:00:00Z"))
            .unwrap());
        store
    }

    #[test]
    fn a_member_answers_once_and_only_while_the_quiz_is_open() {
        let store = store_with_quiz();
        let day = date(2026, 1, 15);
        let at = t("2026-01-15T09:10:00Z");
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 5, 1, at).unwrap(),
            DailyAnswer::Taken { film: "b-2001".into(), reveal_at: quiz().reveal_at }
        );
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 5, 2, at).unwrap(),
            DailyAnswer::Already { film: "b-2001".into() }
        );
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 6, 4, at).unwrap(),
            DailyAnswer::Gone,
            "no fifth button"
        );
        assert_eq!(store.answer_daily_quiz(GUILD, date(2026, 1, 14), 6, 1, at).unwrap(), DailyAnswer::Gone);
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 6, 2, quiz().reveal_at).unwrap(),
            DailyAnswer::Closed { answer: "c-1968".into() },
            "at the reveal time the quiz is closed, even before the reveal is made"
        );
        assert_eq!(store.daily_quiz_answers(GUILD, day).unwrap(), vec![(5, 1)]);
    }

    #[test]
    fn a_reveal_waits_for_its_post_and_is_scored_once() {
        let mut store = store_with_quiz();
        let day = date(2026, 1, 15);
        assert_eq!(store.next_reveal(GUILD).unwrap(), None, "the question is still being sent");
        store.finish_post(GUILD, day, 77).unwrap();
        assert_eq!(store.next_reveal(GUILD).unwrap(), Some((day, quiz().reveal_at)));
        let scores = [
            RoundScore { user_id: 6, points: 3, won: true },
            RoundScore { user_id: 5, points: 0, won: false },
        ];
        let now = t("2026-01-15T10:00:01Z");
        assert!(store.score_daily_quiz(GUILD, day, &scores, now).unwrap());
        assert!(!store.score_daily_quiz(GUILD, day, &scores, now).unwrap(), "never twice");
        assert_eq!(
            store.quiz_rank(GUILD, 6).unwrap().map(|(rank, s)| (rank, s.points, s.rounds_played)),
            Some((1, 3, 1))
        );
        assert_eq!(store.next_reveal(GUILD).unwrap(), None);
        assert_eq!(store.reveals_in_flight().unwrap(), vec![(GUILD, day)]);
        let record = store.daily_quiz(GUILD, day).unwrap().unwrap();
        assert_eq!(
            (record.state, record.revealed_at, record.message_id),
            (RevealState::Scored, Some(now), Some(77))
        );
        store.set_reveal_state(GUILD, day, RevealState::Sent).unwrap();
        assert_eq!(store.reveals_in_flight().unwrap(), Vec::new());
        store.set_reveal_state(GUILD, day, RevealState::GaveUp).unwrap();
        assert_eq!(
            store.daily_quiz(GUILD, day).unwrap().unwrap().state,
            RevealState::Sent,
            "sent stays sent"
        );
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 7, 2, t("2026-01-15T09:30:00Z")).unwrap(),
            DailyAnswer::Closed { answer: "c-1968".into() }
        );
    }

    #[test]
    fn a_question_that_never_went_out_gets_no_reveal() {
        let store = store_with_quiz();
        let day = date(2026, 1, 15);
        store.give_up_post(GUILD, day).unwrap();
        store.cancel_daily_quiz(GUILD, day).unwrap();
        assert_eq!(store.next_reveal(GUILD).unwrap(), None);
        assert_eq!(
            store.answer_daily_quiz(GUILD, day, 5, 1, t("2026-01-15T09:10:00Z")).unwrap(),
            DailyAnswer::Closed { answer: "c-1968".into() }
        );
    }

    #[test]
    fn a_quiz_post_resent_after_a_crash_keeps_its_round_and_the_mode_survives_a_reset() {
        let store = store_with_quiz();
        let pending = store.pending_posts().unwrap();
        assert_eq!(pending[0].quiz, Some(quiz()));
        let again = store
            .set_schedule(GUILD, CHANNEL + 1, "09:00", "UTC", None, t("2026-01-16T00:00:00Z"), 2)
            .unwrap();
        assert_eq!(again.mode, Mode::Quiz, "/daily set without a mode keeps it");
        let fact = store
            .set_schedule(GUILD, CHANNEL, "09:00", "UTC", Some(Mode::Fact), t("2026-01-16T00:00:00Z"), 2)
            .unwrap();
        assert_eq!(fact.mode, Mode::Fact);
    }
}
